import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "./errors.js";
import { createRng } from "./rng.js";
import * as la from "./linalg.js";

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

/** Naive triple loop, written independently of the kernels, for comparison. */
function naiveProduct(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
    out.push(s);
  }
  return out;
}

test("matMul of a 2×3 and a 3×2 matrix gives the hand-computed product", () => {
  const a = Float64Array.of(1, 2, 3, 4, 5, 6);
  const b = Float64Array.of(7, 8, 9, 10, 11, 12);
  assert.deepEqual(Array.from(la.matMul(a, b, 2, 3, 2)), [58, 64, 139, 154]);
});

test("matMul, matMulTransB, matVec and matTVec agree with a naive product on random float32 and float64 data", () => {
  const rng = createRng(3);
  const [m, k, n] = [7, 5, 4];
  for (const make of [(len: number) => new Float64Array(len), (len: number) => new Float32Array(len)]) {
    const a = make(m * k);
    const b = make(k * n);
    for (let i = 0; i < a.length; i++) a[i] = rng.normal();
    for (let i = 0; i < b.length; i++) b[i] = rng.normal();
    const expected = naiveProduct(a, b, m, k, n);
    const got = la.matMul(a, b, m, k, n);
    expected.forEach((e, i) => close(got[i]!, e, 1e-12));
    const bt = la.transpose(b, k, n); // n × k
    const viaT = la.matMulTransB(a, bt, m, k, n);
    expected.forEach((e, i) => close(viaT[i]!, e, 1e-12));
    const x = make(k);
    for (let i = 0; i < k; i++) x[i] = rng.normal();
    const ax = la.matVec(a, m, k, x);
    naiveProduct(a, x, m, k, 1).forEach((e, i) => close(ax[i]!, e, 1e-12));
    const y = make(m);
    for (let i = 0; i < m; i++) y[i] = rng.normal();
    const aty = la.matTVec(a, m, k, y);
    naiveProduct(la.transpose(a, m, k), y, k, m, 1).forEach((e, i) => close(aty[i]!, e, 1e-12));
  }
});

test("float32 output storage rounds each entry to single precision", () => {
  const a = Float64Array.of(1 / 3);
  const out = la.matMul(a, Float64Array.of(1), 1, 1, 1, new Float32Array(1));
  assert.equal(out[0], Math.fround(1 / 3));
  assert.notEqual(out[0], 1 / 3);
});

test("outerAdd accumulates rank-one products: Σ u_i v_iᵀ equals U·Vᵀ", () => {
  const rng = createRng(5);
  const [rows, cols, count] = [4, 6, 3];
  const u = rng.fillNormal(new Float64Array(count * rows));
  const v = rng.fillNormal(new Float64Array(count * cols));
  const m = new Float64Array(rows * cols);
  for (let i = 0; i < count; i++) la.outerAdd(m, rows, cols, 0.5, u, v, i * rows, i * cols);
  const expected = la.matMul(la.transpose(u, count, rows), v, rows, count, cols);
  close(la.maxAbsDiff(m, la.scale(expected, 0.5)), 0, 1e-12);
});

test("dot, norm2, axpy and scale follow their definitions, with offsets into packed rows", () => {
  const x = Float64Array.of(9, 3, 4, 9);
  close(la.norm2(x, 2, 1), 5);
  close(la.dot(x, Float64Array.of(1, 2), 2, 1, 0), 3 + 8);
  const y = Float64Array.of(1, 1, 1);
  la.axpy(2, Float64Array.of(1, 2, 3), y);
  assert.deepEqual(Array.from(y), [3, 5, 7]);
  assert.deepEqual(Array.from(la.scale(Float32Array.of(1, 2), -0.5)), [-0.5, -1]);
  // Huge entries do not overflow the norm.
  close(la.norm2(Float64Array.of(3e200, 4e200)) / 1e200, 5, 1e-12);
});

test("cosine and cosineRows give 1 for parallel, 0 for orthogonal, −1 for opposite rows, NaN for a zero row", () => {
  const a = Float64Array.of(1, 2, 1, 0, 3, 3, 0, 0);
  const b = Float64Array.of(2, 4, 0, 5, -1, -1, 1, 1);
  const c = la.cosineRows(a, b, 4, 2);
  close(c[0]!, 1);
  close(c[1]!, 0);
  close(c[2]!, -1);
  assert.ok(Number.isNaN(c[3]!));
  close(la.cosine(Float64Array.of(1, 0), Float64Array.of(1, 1)), Math.SQRT1_2);
});

test("normalizeRows makes every non-zero row unit length and returns the old norms", () => {
  const a = Float64Array.of(3, 4, 0, 0, 0, 2);
  const norms = la.normalizeRows(a, 3, 2);
  assert.deepEqual(Array.from(norms), [5, 0, 2]);
  [0.6, 0.8, 0, 0, 0, 1].forEach((e, i) => close(a[i]!, e, 1e-15));
});

test("shapes that do not fit the arrays throw a linalg-shape CajalError", () => {
  assert.throws(() => la.matMul(new Float64Array(5), new Float64Array(6), 2, 3, 2), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "linalg-shape" && e.problem.place === "linalg.matMul");
  assert.throws(() => la.dot(new Float64Array(3), new Float64Array(3), 2, 2), CajalError);
  assert.throws(() => la.zeros(-1), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "linalg-dimension");
});

test("identity times a matrix is the matrix", () => {
  const rng = createRng(11);
  const a = rng.fillNormal(new Float64Array(12));
  assert.deepEqual(Array.from(la.matMul(la.identity(3), a, 3, 3, 4)), Array.from(a));
});
