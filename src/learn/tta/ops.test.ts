import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { tf } from "../tf.js";
import { batchNormBatchStats, col2imAdd, conv2dValid, im2col, maxPool2 } from "./ops.js";

before(async () => {
  await initLearn();
});

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape, "float32");
}
function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  assert.deepEqual(a.shape, b.shape);
  const x = a.dataSync(), y = b.dataSync();
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

test("im2col lists each 2 × 2 patch of a 3 × 3 image row by row, and col2imAdd is its adjoint", () => {
  const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const shape = { batch: 1, height: 3, width: 3, channels: 1 };
  assert.deepEqual(Array.from(im2col(x, shape, 2)), [1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
  // ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩ for a multi-channel batch.
  const big = { batch: 2, height: 5, width: 4, channels: 3 };
  const rng = createRng(1);
  const xs = Float32Array.from({ length: 2 * 5 * 4 * 3 }, () => rng.normal());
  const cols = im2col(xs, big, 3);
  const ys = Float32Array.from({ length: cols.length }, () => rng.normal());
  const back = col2imAdd(ys, big, 3, new Float32Array(xs.length));
  let lhs = 0, rhs = 0;
  for (let i = 0; i < cols.length; i++) lhs += cols[i]! * ys[i]!;
  for (let i = 0; i < xs.length; i++) rhs += xs[i]! * back[i]!;
  assert.ok(Math.abs(lhs - rhs) < 1e-4 * Math.abs(lhs));
});

test("conv2dValid equals tf.conv2d (valid, stride 1) in value and in both gradients", () => {
  const x = randomTensor([3, 7, 6, 2], 2);
  const w = randomTensor([3, 3, 2, 4], 3);
  const probe = randomTensor([3, 5, 4, 4], 4);
  const loss = (conv: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a, b), probe));
  assert.ok(maxAbsDiff(conv2dValid(x, w), tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "valid")) < 1e-4);
  const ours = tf.grads(loss((a, b) => conv2dValid(a, b)))([x, w]);
  const theirs = tf.grads(loss((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, "valid")))([x, w]);
  assert.ok(maxAbsDiff(ours[0]!, theirs[0]!) < 1e-4, "input gradient");
  assert.ok(maxAbsDiff(ours[1]!, theirs[1]!) < 1e-3, "kernel gradient");
  const noInput = tf.grads(loss((a, b) => conv2dValid(a, b, { inputGradient: false })))([x, w]);
  assert.equal(tf.max(tf.abs(noInput[0]!)).dataSync()[0], 0);
  assert.ok(maxAbsDiff(noInput[1]!, theirs[1]!) < 1e-3);
  const noKernel = tf.grads(loss((a, b) => conv2dValid(a, b, { kernelGradient: false })))([x, w]);
  assert.equal(tf.max(tf.abs(noKernel[1]!)).dataSync()[0], 0);
  assert.ok(maxAbsDiff(noKernel[0]!, theirs[0]!) < 1e-4);
});

test("maxPool2 equals tf.maxPool(2, 2, valid) in value, and its gradient agrees with finite differences, also for odd sizes", () => {
  // The reference gradient is numeric: tfjs-backend-wasm 4.22's MaxPoolGrad disagrees with finite
  // differences when there is more than one channel, so it cannot serve as the reference.
  for (const shape of [[2, 6, 6, 3], [2, 5, 7, 2]]) {
    const x = randomTensor(shape, 5);
    const outShape = [shape[0]!, Math.floor(shape[1]! / 2), Math.floor(shape[2]! / 2), shape[3]!];
    const probe = randomTensor(outShape, 6);
    assert.ok(maxAbsDiff(maxPool2(x), tf.maxPool(x as tf.Tensor4D, 2, 2, "valid")) === 0);
    const ours = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(maxPool2(a), probe)))(x).dataSync();
    const values = Array.from(x.dataSync());
    const f = (v: number[]) => tf.tidy(() => tf.sum(tf.mul(tf.maxPool(tf.tensor4d(v, shape as [number, number, number, number]), 2, 2, "valid"), probe)).dataSync()[0]!);
    for (let i = 0; i < values.length; i++) {
      const plus = [...values]; plus[i]! += 1e-3;
      const minus = [...values]; minus[i]! -= 1e-3;
      const numeric = (f(plus) - f(minus)) / 2e-3;
      assert.ok(Math.abs(numeric - ours[i]!) < 1e-2, `entry ${i}: ${ours[i]} vs ${numeric}`);
    }
  }
});

test("batchNormBatchStats equals batch normalisation built from tf.moments, in value and in the gradients of x, γ and β", () => {
  const x = tf.add(tf.mul(randomTensor([4, 3, 3, 5], 7), 2), 1.5);
  const gamma = randomTensor([5], 8);
  const beta = randomTensor([5], 9);
  const probe = randomTensor([4, 3, 3, 5], 10);
  const reference = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const m = tf.moments(a, [0, 1, 2]);
    return tf.add(tf.mul(tf.div(tf.sub(a, m.mean), tf.sqrt(tf.add(m.variance, 1e-5))), g), b);
  };
  let seen: { mean: Float32Array; variance: Float32Array } | undefined;
  const y = batchNormBatchStats(x, gamma, beta, { onMoments: (m) => (seen = m) });
  assert.ok(maxAbsDiff(y, reference(x, gamma, beta)) < 1e-4);
  const m = tf.moments(x, [0, 1, 2]);
  assert.ok(maxAbsDiff(tf.tensor(seen!.mean), m.mean) < 1e-5);
  assert.ok(maxAbsDiff(tf.tensor(seen!.variance), m.variance) < 1e-4);
  const ours = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(batchNormBatchStats(a, g, b), probe)))([x, gamma, beta]);
  const theirs = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(reference(a, g, b), probe)))([x, gamma, beta]);
  for (let i = 0; i < 3; i++) assert.ok(maxAbsDiff(ours[i]!, theirs[i]!) < 1e-3, `gradient ${i}`);
});
