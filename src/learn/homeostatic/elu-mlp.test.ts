import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { initLearn } from "../backend.js";
import { tf } from "../tf.js";
import { accumulate, applyAndClear, cloneEluMlp, createEluMlp, createTrace, predictOne, sampleBackward, whatIfCorrect, zeroGrads } from "./elu-mlp.js";

before(async () => {
  await initLearn();
});

const sizes = { inputs: 12, hidden1: 7, hidden2: 5, classes: 4 };

/** Images with some exact zeros (as MNIST has), so the zero-skipping paths are exercised. */
function images(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count * sizes.inputs }, () => (rng.uniform() < 0.4 ? 0 : rng.uniform()));
}

test("summed mini-batch gradients equal tfjs autodiff of the summed cross-entropy", () => {
  const m = createEluMlp(createRng(1), sizes);
  const x = images(6, 2);
  const labels = [0, 3, 1, 2, 2, 0];
  const g = zeroGrads(m);
  const trace = createTrace(m);
  for (let i = 0; i < 6; i++) {
    sampleBackward(m, x, i, labels[i]!, trace);
    accumulate(m, x, i, trace, g);
  }
  const t = (a: Float64Array, shape: number[]) => tf.tensor(Float32Array.from(a), shape);
  const params = [t(m.w1, [12, 7]), t(m.b1, [7]), t(m.w2, [7, 5]), t(m.b2, [5]), t(m.w3, [5, 4]), t(m.b3, [4])];
  const xs = tf.tensor(x, [6, 12]);
  const y = tf.oneHot(tf.tensor1d(labels, "int32"), 4);
  const grads = tf.grads((w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor, w3: tf.Tensor, b3: tf.Tensor) => {
    const a1 = tf.elu(tf.add(tf.matMul(xs, w1), b1));
    const a2 = tf.elu(tf.add(tf.matMul(a1, w2), b2));
    const logits = tf.add(tf.matMul(a2, w3), b3);
    return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits))));
  })(params);
  const ours = [g.w1, g.b1, g.w2, g.b2, g.w3, g.b3];
  let largest = 0;
  grads.forEach((gt, k) => {
    const ref = gt.dataSync();
    for (let i = 0; i < ref.length; i++) {
      largest = Math.max(largest, Math.abs(ref[i]!));
      assert.ok(Math.abs(ours[k]![i]! - ref[i]!) < 1e-4 * (1 + Math.abs(ref[i]!)), `param ${k}, entry ${i}: ${ours[k]![i]} vs ${ref[i]}`);
    }
  });
  assert.ok(largest > 0.05, "the gradients are not all ~0");
});

test("whatIfCorrect equals forming w − s·∇ explicitly and predicting", () => {
  const m = createEluMlp(createRng(3), sizes);
  const x = images(30, 4);
  const labels = Array.from({ length: 30 }, (_, i) => (i * 7) % 4);
  const trace = createTrace(m);
  sampleBackward(m, x, 0, labels[0]!, trace);
  const memo = Array.from({ length: 29 }, (_, k) => k + 1);
  const memoLabels = memo.map((i) => labels[i]!);
  const steps = [0, 0.5, 3, 20];
  const fast = whatIfCorrect(m, x, 0, trace, memo, memoLabels, steps);
  const changed = steps.map((s) => {
    const copy = cloneEluMlp(m);
    const g = zeroGrads(copy);
    accumulate(copy, x, 0, trace, g);
    applyAndClear(copy, g, s);
    const tr = createTrace(copy);
    return memo.reduce((c, i, k) => c + (predictOne(copy, x, i, tr) === memoLabels[k] ? 1 : 0), 0);
  });
  assert.deepEqual(fast, changed);
  assert.ok(new Set(changed).size > 1, "the step sizes must change some predictions, or the test proves nothing");
});

test("initialisation follows the released code: He-normal weights, N(0, 1) biases, same seed same weights", () => {
  const a = createEluMlp(createRng(5));
  const b = createEluMlp(createRng(5));
  assert.deepEqual(Array.from(a.w2.subarray(0, 10)), Array.from(b.w2.subarray(0, 10)));
  const sd = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
  assert.ok(Math.abs(sd(a.w1) / Math.sqrt(2 / 784) - 1) < 0.02, `w1 sd ${sd(a.w1)}`);
  assert.ok(Math.abs(sd(a.w2) / Math.sqrt(2 / 80) - 1) < 0.1, `w2 sd ${sd(a.w2)}`);
  assert.ok(Math.abs(sd(a.b1) - 1) < 0.35, `b1 sd ${sd(a.b1)}`);
  assert.throws(() => createEluMlp(createRng(1), { ...sizes, hidden1: 0 }), (e: unknown) => e instanceof CajalError);
});
