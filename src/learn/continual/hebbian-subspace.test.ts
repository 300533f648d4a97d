import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { randomOrthogonal } from "../../core/decomp.js";
import { HebbianSubspace, subspaceSchedule } from "./hebbian-subspace.js";

const n = 12;
const spectrum = [16, 9, 6, 1, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.05, 0.02];

/** Samples x = Q diag(√λ) z: second moment Q diag(λ) Qᵀ, with the columns of Q its eigenvectors. */
function sampler(seed: number) {
  const q = randomOrthogonal(n, createRng(seed));
  const rng = createRng(seed + 1);
  return {
    q,
    draw(batch: number, out: Float32Array) {
      out.fill(0);
      for (let b = 0; b < batch; b++) for (let k = 0; k < n; k++) {
        const z = rng.normal() * Math.sqrt(spectrum[k]!);
        for (let i = 0; i < n; i++) out[b * n + i]! += q[i * n + k]! * z;
      }
    },
  };
}

/** ‖HᵀH − U_k U_kᵀ‖_F: distance between the learned projector and the top-k eigenprojector. */
function projectorError(h: Float32Array, rows: number, q: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let learned = 0, exact = 0;
    for (let r = 0; r < rows; r++) learned += h[r * n + i]! * h[r * n + j]!;
    for (let c = 0; c < k; c++) exact += q[i * n + c]! * q[j * n + c]!;
    s += (learned - exact) ** 2;
  }
  return Math.sqrt(s);
}

test("Oja's subspace rule converges to the top-k eigenvectors of a known second moment", () => {
  const { q, draw } = sampler(21);
  const hebb = new HebbianSubspace({ inputs: n, learningRate: 0.005 });
  hebb.addRows(3, createRng(1));
  const before = projectorError(hebb.weights(), 3, q, 3);
  const x = new Float32Array(32 * n);
  for (let step = 0; step < 3000; step++) {
    draw(32, x);
    hebb.update(x, 32, 1);
  }
  const after = projectorError(hebb.weights(), 3, q, 3);
  assert.ok(before > 1, `random start ${before}`);
  assert.ok(after < 0.1, `projector error ${after}`);
  const h = hebb.weights();
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
    let d = 0;
    for (let i = 0; i < n; i++) d += h[a * n + i]! * h[b * n + i]!;
    assert.ok(Math.abs(d - (a === b ? 1 : 0)) < 0.05, `HHᵀ[${a},${b}] = ${d}`);
  }
});

test("new rows learn the next principal directions while frozen rows stay fixed", () => {
  const { q, draw } = sampler(33);
  const hebb = new HebbianSubspace({ inputs: n, learningRate: 0.005 });
  hebb.addRows(2, createRng(2));
  const x = new Float32Array(32 * n);
  for (let step = 0; step < 3000; step++) { draw(32, x); hebb.update(x, 32, 1); }
  hebb.freeze();
  const frozen = hebb.weights(2);
  hebb.addRows(1, createRng(3));
  for (let step = 0; step < 3000; step++) { draw(32, x); hebb.update(x, 32, 1); }
  assert.deepEqual(hebb.weights(2), frozen);
  assert.equal(hebb.frozenRows, 2);
  assert.ok(projectorError(hebb.weights(), 3, q, 3) < 0.12);
});

test("the residual x − Hᵀ(Hx) is orthogonal to orthonormal frozen rows and leaves x alone without them", () => {
  const hebb = new HebbianSubspace({ inputs: n, learningRate: 0.01 });
  const rng = createRng(4);
  const x = Float32Array.from({ length: 5 * n }, () => rng.normal());
  assert.deepEqual(hebb.residual(x, 5, new Float32Array(5 * n)), x);
  hebb.addRows(4, createRng(5));
  hebb.freeze();
  hebb.addRows(3, createRng(6)); // learning rows take no part in the projection
  const r = hebb.residual(x, 5, new Float32Array(5 * n));
  const h = hebb.weights();
  for (let b = 0; b < 5; b++) for (let row = 0; row < 4; row++) {
    let d = 0;
    for (let i = 0; i < n; i++) d += h[row * n + i]! * r[b * n + i]!;
    assert.ok(Math.abs(d) < 1e-5, `row ${row}·r = ${d}`);
  }
  let changedByLearningRows = 0;
  for (let row = 4; row < 7; row++) for (let i = 0; i < n; i++) changedByLearningRows += Math.abs(h[row * n + i]! * r[i]!);
  assert.ok(changedByLearningRows > 0);
});

test("the update clips ΔH element-wise, as HLOP does", () => {
  const hebb = new HebbianSubspace({ inputs: 2, learningRate: 1, momentum: 0, clip: 0.5 });
  hebb.addRows(1, createRng(7));
  const h0 = hebb.weights();
  hebb.update(Float32Array.from([1000, -1000]), 1, 1);
  const h1 = hebb.weights();
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(h1[i]! - h0[i]!) <= 0.5 + 1e-6);
});

test("subspaceSchedule follows HLOP's PMNIST increments (tasks 2–3, 4–6, 7–9, 10)", () => {
  assert.deepEqual(subspaceSchedule(80, [70, 50, 30, 10], 10), [80, 70, 70, 50, 50, 50, 30, 30, 30, 10]);
  assert.deepEqual(subspaceSchedule(32, [11, 8, 5, 2], 3), [32, 11, 11]);
});
