import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { initLearn, learnBackend } from "../backend.js";
import { tf } from "../tf.js";
import { coreTypeForFlags, loadOpenBlas, openOpenBlas } from "./gemm-openblas.js";
import { NATIVE_MIN_MACS, gemmChoice, setGemmPreference } from "./matmul-wasm.js";
import { randn, maxGap } from "../../../test/learn/helpers.js";

before(async () => {
  await initLearn({ backend: "wasm" });
});
after(() => {
  setGemmPreference("auto");
});

const openBlas = loadOpenBlas();
const noOpenBlas = openBlas.ok ? false : `OpenBLAS is not available here: ${openBlas.reason}`;

/** C = op(A)·op(B) in float64 by a triple loop. */
function reference(a: Float32Array, b: Float32Array, M: number, K: number, N: number, ta: boolean, tb: boolean): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[ta ? k * M + i : i * K + k]! * b[tb ? j * K + k : k * N + j]!;
      c[i * N + j] = s;
    }
  }
  return c;
}

test("OpenBLAS kernels follow the CPU flags (it mistakes new CPUs for old ones when left alone)", () => {
  assert.equal(coreTypeForFlags("fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl"), "SkylakeX");
  assert.equal(coreTypeForFlags("fpu sse2 avx avx2 fma avx512f"), "Haswell");
  assert.equal(coreTypeForFlags("fpu sse2 avx avx2 fma"), "Haswell");
  assert.equal(coreTypeForFlags("fpu sse2 avx"), undefined);
});

test("a machine without OpenBLAS gets the reason, naming the package to install", () => {
  const missing = openOpenBlas(["libcajal-no-such-blas.so.0"]);
  assert.equal(missing.ok, false);
  assert.match(missing.ok ? "" : missing.reason, /libopenblas0.*libcajal-no-such-blas/);
});

test("the backend says which GEMM runs, and the portable one can be chosen", () => {
  const info = learnBackend();
  assert.ok(info && info.name === "wasm");
  assert.equal(info.gemm, gemmChoice()?.name);
  assert.match(info.gemm, openBlas.ok ? /^openblas .* via koffi$/ : /^wasm-simd$/);
  assert.equal(setGemmPreference("wasm-simd")?.name, "wasm-simd");
  assert.equal(setGemmPreference("auto")?.name, info.gemm);
});

test("OpenBLAS and the wasm SIMD GEMM give the same products for every transpose, ragged shapes and batches", { skip: noOpenBlas }, () => {
  // All above NATIVE_MIN_MACS (smaller products stay on wasm-simd), with ragged sizes.
  for (const [M, K, N] of [[64, 784, 256], [65, 1001, 17], [130, 33, 31], [1, 4099, 33], [256, 64, 10]] as const) {
    assert.ok(M * K * N >= NATIVE_MIN_MACS);
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = randn(M * 100 + K, ta ? [K, M] : [M, K]);
        const b = randn(K * 100 + N, tb ? [N, K] : [K, N]);
        const want = reference(a.dataSync() as Float32Array, b.dataSync() as Float32Array, M, K, N, ta, tb);
        const got: Record<string, Float32Array> = {};
        for (const which of ["wasm-simd", "openblas"] as const) {
          assert.equal(setGemmPreference(which)?.name.split(" ")[0], which);
          got[which] = tf.tidy(() => tf.matMul(a, b, ta, tb).dataSync() as Float32Array);
        }
        const tol = 2e-5 * Math.sqrt(K) * 4;
        assert.ok(maxGap(got["openblas"]!, want) < tol, `openblas ${M}×${K}×${N} ta=${ta} tb=${tb}: ${maxGap(got["openblas"]!, want)}`);
        assert.ok(maxGap(got["wasm-simd"]!, want) < tol, `wasm-simd ${M}×${K}×${N} ta=${ta} tb=${tb}`);
        assert.ok(maxGap(got["openblas"]!, got["wasm-simd"]!) < tol, `both ${M}×${K}×${N} ta=${ta} tb=${tb}`);
        tf.dispose([a, b]);
      }
    }
  }
  // A batch of 3 against one matrix broadcast over it.
  const a = randn(1, [3, 5, 4]);
  const b = randn(2, [4, 6]);
  const A = a.dataSync() as Float32Array;
  const B = b.dataSync() as Float32Array;
  const out = tf.tidy(() => tf.matMul(a, tf.expandDims(b, 0)).dataSync() as Float32Array);
  for (let t = 0; t < 3; t++) {
    assert.ok(maxGap(out.subarray(t * 30, (t + 1) * 30), reference(A.subarray(t * 20, (t + 1) * 20), B, 5, 4, 6, false, false)) < 1e-5);
  }
  setGemmPreference("auto");
});

test("products below the size limit run on wasm-simd even with OpenBLAS loaded, bit for bit", { skip: noOpenBlas }, () => {
  const a = randn(1, [13, 9]);
  const b = randn(2, [9, 17]);
  const out: Float32Array[] = [];
  for (const which of ["wasm-simd", "openblas"] as const) {
    setGemmPreference(which);
    out.push(tf.tidy(() => tf.matMul(a, b).dataSync() as Float32Array));
  }
  assert.deepEqual(Array.from(out[0]!), Array.from(out[1]!));
  setGemmPreference("auto");
});

test("fused bias + ReLU and a training step agree on both GEMMs", { skip: noOpenBlas }, () => {
  const x = randn(3, [64, 300]);
  const w = randn(4, [300, 20]);
  const bias = randn(5, [20]);
  const y = randn(6, [64, 20]);
  const results: Record<string, { fused: Float32Array; grads: Float32Array[] }> = {};
  for (const which of ["wasm-simd", "openblas"] as const) {
    setGemmPreference(which);
    results[which] = tf.tidy(() => {
      const fused = tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias, activation: "relu" }).dataSync() as Float32Array;
      const { grads } = tf.valueAndGrads((wv: tf.Tensor, bv: tf.Tensor) =>
        tf.mean(tf.square(tf.sub(tf.relu(tf.add(tf.matMul(x, wv), bv)), y))) as tf.Scalar)([w, bias]);
      return { fused, grads: grads.map((g) => g.dataSync() as Float32Array) };
    });
  }
  const X = x.dataSync() as Float32Array;
  const plain = reference(X, w.dataSync() as Float32Array, 64, 300, 20, false, false);
  const bv = bias.dataSync();
  const want = plain.map((v, i) => Math.max(0, v + bv[i % 20]!));
  assert.ok(maxGap(results["openblas"]!.fused, want) < 1e-4);
  assert.ok(maxGap(results["wasm-simd"]!.fused, want) < 1e-4);
  assert.ok(want.some((v) => v === 0) && want.some((v) => v > 0), "ReLU both clips and passes");
  for (let i = 0; i < 2; i++) assert.ok(maxGap(results["openblas"]!.grads[i]!, results["wasm-simd"]!.grads[i]!) < 1e-5, `gradient ${i}`);
  tf.dispose([x, w, bias, y]);
  setGemmPreference("auto");
});

test("training on the OpenBLAS path is deterministic: the same steps from the same start give the same bits, without leaks", { skip: noOpenBlas }, () => {
  const x = randn(20, [64, 300]);
  const labels = tf.oneHot(tf.tensor1d(Int32Array.from({ length: 64 }, (_, i) => (i * 7) % 10), "int32"), 10);
  const run = (): number[] => {
    const w1 = tf.variable(randn(21, [300, 64], 0.05));
    const w2 = tf.variable(randn(22, [64, 10], 0.1));
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const h = tf.fused.matMul({ a: x as tf.Tensor2D, b: w1 as tf.Tensor2D, activation: "relu" });
          return tf.losses.softmaxCrossEntropy(labels, tf.matMul(h, w2)) as tf.Scalar;
        }, [w1, w2]);
        w1.assign(tf.sub(w1, tf.mul(0.1, grads[w1.name]!)));
        w2.assign(tf.sub(w2, tf.mul(0.1, grads[w2.name]!)));
      });
    }
    assert.equal(tf.memory().numTensors, before);
    const out = [...w1.dataSync(), ...w2.dataSync()];
    tf.dispose([w1, w2]);
    return out;
  };
  assert.equal(gemmChoice()?.name.split(" ")[0], "openblas");
  const first = run();
  assert.deepEqual(run(), first);
  tf.dispose([x, labels]);
});
