import assert from "node:assert/strict";
import { before, test } from "node:test";
import { learnBackend } from "../../src/learn/backend.js";
import { wasmGemmBytes } from "../../src/learn/kernels/gemm-wasm.js";
import { wasmApi } from "../../src/learn/kernels/wasm-api.js";
import { tf } from "../../src/learn/tf.js";
import { randn, setUp } from "./helpers.js";

before(setUp);

/** C = op(A)·op(B) by a plain triple loop in float64, from nested arrays. */
function reference(a: number[][], b: number[][], ta: boolean, tb: boolean): number[][] {
  const A = ta ? a[0]!.map((_, j) => a.map((r) => r[j]!)) : a;
  const B = tb ? b[0]!.map((_, j) => b.map((r) => r[j]!)) : b;
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, v, k) => s + v * B[k]![j]!, 0)));
}

function maxGap(x: number[][], y: number[][]): number {
  let g = 0;
  x.forEach((row, i) => row.forEach((v, j) => { g = Math.max(g, Math.abs(v - y[i]![j]!)); }));
  return g;
}

test("the assembled GEMM module validates", () => {
  assert.ok((globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(wasmGemmBytes()));
  assert.ok(new wasmApi.Module(wasmGemmBytes()));
});

test("matMul equals a float64 triple loop for every transpose combination and ragged shapes", () => {
  for (const [M, K, N] of [[4, 8, 8], [5, 7, 10], [13, 9, 17], [1, 3, 1], [64, 33, 8]] as const) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = randn(M * 100 + K, ta ? [K, M] : [M, K]);
        const b = randn(K * 100 + N, tb ? [N, K] : [K, N]);
        const got = tf.matMul(a, b, ta, tb).arraySync() as number[][];
        const want = reference(a.arraySync() as number[][], b.arraySync() as number[][], ta, tb);
        assert.ok(maxGap(got, want) < 1e-4 * Math.sqrt(K), `${M}×${K}×${N} ta=${ta} tb=${tb}: gap ${maxGap(got, want)}`);
      }
    }
  }
});

test("batched matMul broadcasts a single matrix over the batch", () => {
  const a = randn(1, [3, 5, 4]);
  const b = randn(2, [4, 6]);
  const got = tf.matMul(a, tf.expandDims(b, 0).tile([3, 1, 1])).arraySync() as number[][][];
  const bcast = tf.matMul(a, tf.expandDims(b, 0)).arraySync() as number[][][];
  const A = a.arraySync() as number[][][];
  const B = b.arraySync() as number[][];
  for (let t = 0; t < 3; t++) {
    assert.ok(maxGap(got[t]!, reference(A[t]!, B, false, false)) < 1e-4);
    assert.ok(maxGap(bcast[t]!, reference(A[t]!, B, false, false)) < 1e-4);
  }
});

test("fused matMul adds the bias and applies ReLU; other activations still work", () => {
  const a = randn(3, [6, 5]);
  const b = randn(4, [5, 9]);
  const bias = randn(5, [9]);
  const plain = reference(a.arraySync() as number[][], b.arraySync() as number[][], false, false);
  const bv = bias.arraySync() as number[];
  const relu = tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias, activation: "relu" }).arraySync() as number[][];
  assert.ok(maxGap(relu, plain.map((r) => r.map((v, j) => Math.max(0, v + bv[j]!)))) < 1e-4);
  const elu = tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias, activation: "elu" }).arraySync() as number[][];
  assert.ok(maxGap(elu, plain.map((r) => r.map((v, j) => { const z = v + bv[j]!; return z > 0 ? z : Math.expm1(z); }))) < 1e-4);
});

test("clones share data on wasm, and disposing either keeps the other intact", () => {
  const x = tf.tensor1d([1, 2, 3]);
  const y = tf.clone(x);
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
  if (learnBackend()?.name === "wasm") assert.ok(learnBackend()?.fastMatMul);
});

test("a snapshot (clone) of a variable keeps its values while the variable trains on", () => {
  const v = tf.variable(tf.tensor1d([1, 2]));
  const saved = tf.clone(v);
  v.assign(tf.tensor1d([5, 6]));
  assert.deepEqual(Array.from(saved.dataSync()), [1, 2]);
  v.assign(saved);
  saved.dispose();
  assert.deepEqual(Array.from(v.dataSync()), [1, 2]);
});
