/** Shared set-up for the learning-core tests. */
import assert from "node:assert/strict";
import { createRng } from "../../src/core/rng.js";
import { initLearn } from "../../src/learn/backend.js";
import { gradCheck } from "../../src/learn/grad-check.js";
import type { Tensors } from "../../src/learn/params.js";
import { tf } from "../../src/learn/tf.js";

/** Starts the backend the tests run on (CAJAL_TEST_BACKEND=cpu to force cpu). */
export async function setUp(): Promise<void> {
  const forced = process.env.CAJAL_TEST_BACKEND;
  await initLearn(forced === "cpu" || forced === "wasm" ? { backend: forced } : {});
}

/** A seeded tensor with entries ~ N(0, sd). */
export function randn(seed: number, shape: number[], sd = 1): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal(0, sd);
  return tf.tensor(v, shape, "float32");
}

/** The largest absolute elementwise difference of two equally long arrays. */
export function maxGap(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let g = 0;
  for (let i = 0; i < x.length; i++) g = Math.max(g, Math.abs(x[i]! - y[i]!));
  return g;
}

/** A scalar probe of a tensor-valued function: mean(out ⊙ R) with a fixed random R, so every output element matters. */
export function probe(out: tf.Tensor, seed = 99): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.mul(out, randn(seed, out.shape)))) as tf.Scalar;
}

/** Asserts that autodiff agrees with central differences for every parameter of `f`. */
export function assertGradients(what: string, f: (p: Tensors) => tf.Scalar, params: Tensors, options: { step?: number; rtol?: number; atol?: number; perParam?: number } = {}): void {
  const result = gradCheck(f, params, { rng: createRng(7), ...options });
  assert.ok(result.entries.length > 0, `${what}: nothing was compared`);
  assert.ok(result.worst <= 1, `${what}: gradient mismatch at ${JSON.stringify(result.worstEntry)} (ratio ${result.worst.toFixed(2)})`);
  // The check must be able to fail: at least one compared gradient is clearly non-zero.
  assert.ok(result.entries.some((e) => Math.abs(e.numeric) > 1e-4), `${what}: every compared gradient is ~0, the check proves nothing`);
}
