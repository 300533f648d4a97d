import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { randomOrthogonal } from "../../core/decomp.js";
import { cosineSimilarity, linearCka, transpose } from "./cka.js";
import { fitPca2, projectPca2 } from "./pca.js";

function randomMatrix(seed: number, rows: number, cols: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

/** CKA through n × n Gram matrices, HKH form (Kornblith et al. 2019 eq. 3), written independently. */
function ckaByGram(x: Float64Array, y: Float64Array, n: number, p: number, q: number): number {
  const gram = (a: Float64Array, d: number) => {
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { let s = 0; for (let t = 0; t < d; t++) s += a[i * d + t]! * a[j * d + t]!; k[i * n + j] = s; }
    // double centring H K H
    const row = new Float64Array(n); let all = 0;
    for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) row[i]! += k[i * n + j]! / n; all += row[i]! / n; }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) k[i * n + j] = k[i * n + j]! - row[i]! - row[j]! + all;
    return k;
  };
  const k = gram(x, p); const l = gram(y, q);
  let kl = 0, kk = 0, ll = 0;
  for (let i = 0; i < n * n; i++) { kl += k[i]! * l[i]!; kk += k[i]! * k[i]!; ll += l[i]! * l[i]!; }
  return kl / Math.sqrt(kk * ll);
}

test("linear CKA of a representation with itself is 1", () => {
  const x = randomMatrix(1, 40, 6);
  assert.ok(Math.abs(linearCka(x, 40, 6, x, 40, 6) - 1) < 1e-12);
});

test("linear CKA is invariant to rotation, isotropic scaling and a shift of the features", () => {
  const n = 50, d = 5;
  const x = randomMatrix(2, n, d);
  const q = randomOrthogonal(d, createRng(3));
  const y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) { let s = 0; for (let k = 0; k < d; k++) s += x[i * d + k]! * q[k * d + j]!; y[i * d + j] = 3 * s + 7; }
  assert.ok(Math.abs(linearCka(x, n, d, y, n, d) - 1) < 1e-10);
});

test("linear CKA agrees with the Gram-matrix (HSIC) form for unrelated widths", () => {
  const n = 30;
  const x = randomMatrix(4, n, 7);
  const y = randomMatrix(5, n, 3);
  for (let i = 0; i < n; i++) y[i * 3] = y[i * 3]! + 2 * x[i * 7]!; // some shared structure
  const got = linearCka(x, n, 7, y, n, 3);
  assert.ok(Math.abs(got - ckaByGram(x, y, n, 7, 3)) < 1e-10, `${got}`);
  assert.ok(got > 0.1 && got < 1);
});

test("linear CKA of independent random features is small and rejects mismatched samples", () => {
  const x = randomMatrix(6, 2000, 4);
  const y = randomMatrix(7, 2000, 4);
  assert.ok(linearCka(x, 2000, 4, y, 2000, 4) < 0.02);
  assert.throws(() => linearCka(x, 2000, 4, y.subarray(0, 400), 100, 4), /same samples/);
});

test("cosine similarity follows its closed form and transpose reorders a matrix", () => {
  assert.equal(cosineSimilarity([1, 0], [0, 1]), 0);
  assert.ok(Math.abs(cosineSimilarity([1, 2, 3], [2, 4, 6]) - 1) < 1e-15);
  assert.ok(Math.abs(cosineSimilarity([1, 1], [1, 0]) - Math.SQRT1_2) < 1e-15);
  assert.deepEqual(Array.from(transpose([1, 2, 3, 4, 5, 6], 2, 3)), [1, 4, 2, 5, 3, 6]);
});

test("2-D PCA recovers the two directions of largest variance", () => {
  const rng = createRng(8);
  const n = 400, d = 4;
  const u1 = [0.5, 0.5, 0.5, 0.5];
  const u2 = [0.5, -0.5, 0.5, -0.5];
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = 5 * rng.normal(), b = 2 * rng.normal();
    for (let j = 0; j < d; j++) x[i * d + j] = a * u1[j]! + b * u2[j]! + 0.05 * rng.normal() + 1;
  }
  const pca = fitPca2(x, n, d, createRng(9));
  const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => Array.from(u).reduce((s, ui, j) => s + ui * v[j]!, 0);
  assert.ok(Math.abs(Math.abs(dot(pca.components[0], u1)) - 1) < 1e-3);
  assert.ok(Math.abs(Math.abs(dot(pca.components[1], u2)) - 1) < 1e-3);
  assert.ok(Math.abs(pca.variances[0] / 25 - 1) < 0.2 && Math.abs(pca.variances[1] / 4 - 1) < 0.2);
  const projected = projectPca2(pca, x, n);
  let mean0 = 0;
  for (let i = 0; i < n; i++) mean0 += projected[i * 2]! / n;
  assert.ok(Math.abs(mean0) < 1e-9);
});

test("the tensor form of linear CKA matches the typed-array form", async () => {
  const { setUp } = await import("../../../test/learn/helpers.js");
  const { tf } = await import("../tf.js");
  const { linearCkaTensor } = await import("./cka.js");
  await setUp();
  const n = 60;
  const x = randomMatrix(10, n, 9);
  const y = randomMatrix(11, n, 5);
  for (let i = 0; i < n; i++) y[i * 5] = y[i * 5]! + x[i * 9]!;
  const expected = linearCka(x, n, 9, y, n, 5);
  const got = linearCkaTensor(tf.tensor2d(Float32Array.from(x), [n, 9]), tf.tensor2d(Float32Array.from(y), [n, 5]));
  assert.ok(Math.abs(got - expected) < 1e-4, `${got} vs ${expected}`);
});
