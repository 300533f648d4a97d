import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { randomOrthogonal } from "../../core/decomp.js";
import { capturedVariance, orthonormalRows, symmetricEigenvalues } from "./subspace-metrics.js";

/** Q diag(λ) Qᵀ for the columns of a random orthogonal Q. */
function withSpectrum(values: readonly number[], seed: number): { c: Float64Array; q: Float64Array } {
  const n = values.length;
  const q = randomOrthogonal(n, createRng(seed));
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += q[i * n + k]! * values[k]! * q[j * n + k]!;
    c[i * n + j] = s;
  }
  return { c, q };
}

test("symmetricEigenvalues recovers a known spectrum, sorted in decreasing order", () => {
  const values = Array.from({ length: 40 }, (_, i) => (i % 7) * 1.5 - 3 + i * 0.01);
  const { c } = withSpectrum(values, 3);
  const got = symmetricEigenvalues(c, 40);
  const want = [...values].sort((a, b) => b - a);
  for (let i = 0; i < 40; i++) assert.ok(Math.abs(got[i]! - want[i]!) < 1e-9, `λ${i}: ${got[i]} vs ${want[i]}`);
});

test("symmetricEigenvalues handles repeated eigenvalues, a diagonal matrix and n = 1", () => {
  const { c } = withSpectrum([2, 2, 2, 1, 1], 5);
  assert.deepEqual(Array.from(symmetricEigenvalues(c, 5), (v) => Math.round(v * 1e9) / 1e9), [2, 2, 2, 1, 1]);
  assert.deepEqual(Array.from(symmetricEigenvalues([3, 0, 0, 0, -1, 0, 0, 0, 7], 3)), [7, 3, -1]);
  assert.deepEqual(Array.from(symmetricEigenvalues([4], 1)), [4]);
});

test("orthonormalRows gives orthonormal rows spanning the input and drops a dependent row", () => {
  const a = [1, 1, 0, 0, 2, 2, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1];
  const { basis, rank } = orthonormalRows(a, 4, 4);
  assert.equal(rank, 3);
  for (let i = 0; i < rank; i++) for (let j = 0; j < rank; j++) {
    let d = 0;
    for (let k = 0; k < 4; k++) d += basis[i * 4 + k]! * basis[j * 4 + k]!;
    assert.ok(Math.abs(d - (i === j ? 1 : 0)) < 1e-12);
  }
});

test("capturedVariance: the top eigenvectors capture the best, a subspace of small directions captures little", () => {
  const rng = createRng(11);
  const values = [9, 6, 4, 0.5, 0.25, 0.1];
  const n = 6, samples = 4000;
  const { q } = withSpectrum(values, 9);
  const x = new Float32Array(samples * n);
  for (let s = 0; s < samples; s++) for (let k = 0; k < n; k++) {
    const z = rng.normal() * Math.sqrt(values[k]!);
    for (let i = 0; i < n; i++) x[s * n + i]! += q[i * n + k]! * z;
  }
  const top = new Float64Array(2 * n), bottom = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) { top[i] = q[i * n]!; top[n + i] = q[i * n + 1]!; bottom[i] = q[i * n + 4]!; bottom[n + i] = q[i * n + 5]!; }
  const good = capturedVariance(x, samples, n, top, 2);
  assert.ok(good.ratio > 0.98 && good.ratio <= 1 + 1e-6, `ratio ${good.ratio}`);
  assert.ok(Math.abs(good.total - values.reduce((a, b) => a + b, 0)) < 0.6, `total ${good.total}`);
  assert.equal(good.learnedCurve.length, 2);
  assert.ok(Math.abs(good.learnedCurve[1]! - good.bestCurve[1]!) < 0.01);
  const poor = capturedVariance(x, samples, n, bottom, 2);
  assert.ok(poor.ratio < 0.1, `ratio ${poor.ratio}`);
  // Fewer samples than dimensions: the spectrum comes from XXᵀ and still bounds any subspace.
  const few = capturedVariance(x.subarray(0, 4 * n), 4, n, top, 2);
  assert.ok(few.learned <= few.best * (1 + 1e-5));
});
