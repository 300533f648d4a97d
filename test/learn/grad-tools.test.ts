import assert from "node:assert/strict";
import { before, test } from "node:test";
import { fisherDiagonal, gradTap, perSampleGrads, stopGradient, valueAndGrads } from "../../src/learn/grad.js";
import { tf } from "../../src/learn/tf.js";
import { randn, setUp } from "./helpers.js";

before(setUp);

test("valueAndGrads: gradients of a quadratic equal the closed form, keyed by name", () => {
  const w = tf.tensor1d([1, -2, 3]);
  const c = tf.tensor1d([0.5, 1, -1]);
  const { value, grads } = valueAndGrads((p) => tf.sum(tf.mul(c, tf.square(p.w!))) as tf.Scalar, { w });
  assert.ok(Math.abs(value.dataSync()[0]! - (0.5 + 4 - 9)) < 1e-6);
  assert.deepEqual(Array.from(grads.w!.dataSync()), [1, -4, -6]); // 2·c·w
});

test("stopGradient: same value, no gradient through it", () => {
  const x = tf.tensor1d([1, 2]);
  const { grads } = valueAndGrads((p) => tf.sum(tf.add(tf.square(p.x!), tf.mul(3, stopGradient(p.x!)))) as tf.Scalar, { x });
  assert.deepEqual(Array.from(grads.x!.dataSync()), [2, 4]); // only d(x²)/dx survives
  assert.deepEqual(Array.from(stopGradient(x).dataSync()), [1, 2]);
});

test("gradTap: sees ∂L/∂h at an intermediate value and can rescale it", () => {
  const x = tf.tensor1d([1, -1, 2]);
  const w = tf.tensor1d([0.5, 0.25, -1]);
  const seen: number[][] = [];
  // L = Σ c·h with h = w·x, so ∂L/∂h = c and ∂L/∂w = c·x.
  const c = [3, -2, 1];
  const loss = (scale: number) => (p: Record<string, tf.Tensor>) => {
    const h = gradTap(tf.mul(p.w!, x), (g) => {
      seen.push(Array.from(g.dataSync()));
      return scale === 1 ? undefined : tf.mul(g, scale);
    });
    return tf.sum(tf.mul(tf.tensor1d(c), h)) as tf.Scalar;
  };
  const plain = valueAndGrads(loss(1), { w }).grads.w!.dataSync();
  assert.deepEqual(seen[0], c);
  assert.deepEqual(Array.from(plain), [3, 2, 2]);
  const doubled = valueAndGrads(loss(2), { w }).grads.w!.dataSync();
  assert.deepEqual(Array.from(doubled), [6, 4, 4]);
});

test("perSampleGrads and fisherDiagonal: rows equal the closed-form gradient of each sample", () => {
  // loss_i = ½(w·x_i − y_i)², so ∇_w loss_i = (w·x_i − y_i)·x_i.
  const X = randn(1, [5, 3]);
  const Y = randn(2, [5]);
  const w = randn(3, [3]);
  const xs = X.arraySync() as number[][];
  const ys = Y.arraySync() as number[];
  const ws = w.arraySync() as number[];
  const loss = (p: Record<string, tf.Tensor>, i: number) => {
    const xi = tf.slice(X, [i, 0], [1, 3]).reshape([3]);
    return tf.mul(0.5, tf.square(tf.sub(tf.sum(tf.mul(p.w!, xi)), ys[i]!))) as tf.Scalar;
  };
  const before = tf.memory().numTensors;
  const { grads, parameters } = perSampleGrads(loss, { w }, 5);
  assert.equal(tf.memory().numTensors, before, "no tensor leaks");
  assert.equal(parameters, 3);
  const fisher = new Array(3).fill(0);
  xs.forEach((xi, i) => {
    const r = xi.reduce((s, v, k) => s + v * ws[k]!, 0) - ys[i]!;
    xi.forEach((v, k) => {
      assert.ok(Math.abs(grads[i * 3 + k]! - r * v) < 1e-5);
      fisher[k] += (r * v) ** 2 / 5;
    });
  });
  const F = fisherDiagonal(loss, { w }, 5).w!.dataSync();
  fisher.forEach((f, k) => assert.ok(Math.abs(F[k]! - f) < 1e-4 * Math.max(1, f)));
});
