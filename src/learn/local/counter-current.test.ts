import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { valueAndGrads } from "../grad.js";
import { sgd } from "../optimisers.js";
import { tf } from "../tf.js";
import { setUp, randn } from "../../../test/learn/helpers.js";
import { classPairLoss, counterCurrentAutoencoderLoss, counterCurrentClassifierLoss, counterCurrentNet, flopsPerSample } from "./counter-current.js";
import { stepGroups } from "./groups.js";

before(setUp);

test("the class pair loss is mean((A·Fᵀ − Y)²) · ½ · 256/d", () => {
  const a = tf.tensor2d([[1, 0], [0, 2]]);
  const f = tf.tensor2d([[1, 1], [0, 1], [2, 0]]); // 3 classes
  const y = tf.tensor2d([[1, 0, 0], [0, 0, 1]]);
  // C = [[1, 0, 2], [2, 2, 0]]; C − Y = [[0, 0, 2], [2, 2, −1]]; squares sum 4 + 4 + 4 + 1 = 13 over 6 entries
  const expected = (13 / 6) * 0.5 * (256 / 2);
  assert.ok(Math.abs(classPairLoss(a, f, y).dataSync()[0]! - expected) < 1e-4);
});

test("the networks mirror each other's sizes and the last maps are linear", () => {
  const net = counterCurrentNet({ sizes: [6, 5, 4, 3], rng: createRng(1) });
  assert.equal(net.depth, 3);
  assert.deepEqual(net.forwardParams["f2/kernel"]!.shape, [5, 4]);
  assert.deepEqual(net.feedbackParams["b2/kernel"]!.shape, [4, 5]);
  const a = net.forwardPass(randn(2, [7, 6]));
  assert.deepEqual(a.map((t) => t.shape[1]), [6, 5, 4, 3]);
  const c = net.feedbackPass(tf.eye(3));
  assert.deepEqual(c.map((t) => t.shape[1]), [6, 5, 4, 3]);
  // ELU is bounded below by −1; the linear output and input-space maps are not
  assert.ok(Math.min(...a[1]!.dataSync()) >= -1);
  assert.throws(() => counterCurrentNet({ sizes: [4, 2], rng: createRng(1) }), /sizes/);
});

test("each local loss reaches only the two layers that made its pair", () => {
  const net = counterCurrentNet({ sizes: [6, 5, 4, 3], rng: createRng(2) });
  const x = randn(3, [8, 6]);
  const labels = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32");
  const all = { ...net.forwardParams, ...net.feedbackParams };
  // pair 1 only: a₁ (made by f1) against c₁ (made by b2)
  const { grads } = valueAndGrads((p) => {
    const a = net.forwardPass(x, p, { detach: true });
    const c = net.feedbackPass(tf.eye(3), p, { detach: true });
    // 0·Σθ gives every parameter a path, so tfjs reports zeros instead of refusing
    const touch = tf.mul(0, tf.addN(Object.values(p).map((t) => tf.sum(t))));
    return tf.add(classPairLoss(a[1]!, c[1]!, tf.oneHot(labels, 3)), touch) as tf.Scalar;
  }, all);
  const norm = (name: string) => Math.sqrt(tf.sum(tf.square(grads[name]!)).dataSync()[0]!);
  assert.ok(norm("f1/kernel") > 1e-6 && norm("b2/kernel") > 1e-6);
  for (const name of ["f2/kernel", "f3/kernel", "b1/kernel", "b3/kernel"]) assert.equal(norm(name), 0, name);
  // without detaching, the same loss would reach the feedback layer above (b3)
  const open = valueAndGrads((p) => {
    const a = net.forwardPass(x, p);
    const c = net.feedbackPass(tf.eye(3), p);
    const touch = tf.mul(0, tf.addN(Object.values(p).map((t) => tf.sum(t))));
    return tf.add(classPairLoss(a[1]!, c[1]!, tf.oneHot(labels, 3)), touch) as tf.Scalar;
  }, all).grads;
  assert.ok(Math.sqrt(tf.sum(tf.square(open["b3/kernel"]!)).dataSync()[0]!) > 1e-6);
});

test("the classifier loss sums the pair losses and the output cross-entropy", () => {
  const net = counterCurrentNet({ sizes: [6, 5, 4, 3], rng: createRng(3) });
  const x = randn(4, [8, 6]);
  const labels = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32");
  let parts: { pairs: number[]; crossEntropy: number } | undefined;
  const total = counterCurrentClassifierLoss(net, x, labels, undefined, { onParts: (p) => (parts = p) }).dataSync()[0]!;
  assert.equal(parts!.pairs.length, 3);
  assert.ok(Math.abs(total - parts!.pairs.reduce((s, v) => s + v, parts!.crossEntropy)) < 1e-4);
});

test("counter-current training separates two Gaussian classes", () => {
  const rng = createRng(5);
  const n = 128;
  const xs = new Float32Array(n * 4);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    ys[i] = i % 2;
    for (let j = 0; j < 4; j++) xs[i * 4 + j] = rng.normal() * 0.7 + (ys[i] ? 1 : -1) * (j < 2 ? 1 : 0);
  }
  const x = tf.tensor2d(xs, [n, 4]);
  const labels = tf.tensor1d(ys, "int32");
  const net = counterCurrentNet({ sizes: [4, 16, 16, 2], rng: rng.stream("net") });
  const opts = [sgd({ params: net.forwardParams, lr: 0.1, clipNorm: 1 }), sgd({ params: net.feedbackParams, lr: 0.1, clipNorm: 1 })];
  const accuracy = () => {
    const predicted = Array.from(tf.argMax(net.predict(x), -1).dataSync());
    return predicted.reduce((s, p, i) => s + (p === ys[i] ? 1 : 0), 0) / n;
  };
  for (let i = 0; i < 150; i++) stepGroups(opts, (p) => counterCurrentClassifierLoss(net, x, labels, p));
  assert.ok(accuracy() > 0.85, `accuracy ${accuracy()}`);
});

test("the autoencoder loss has one pair more than the layers (the reconstruction)", () => {
  const net = counterCurrentNet({ sizes: [6, 4, 6], rng: createRng(6) });
  let pairs = 0;
  counterCurrentAutoencoderLoss(net, randn(7, [5, 6]), undefined, { onParts: (p) => (pairs = p.pairs.length) });
  assert.equal(pairs, 3);
});

test("FLOPs per sample are counted from the layer shapes", () => {
  // backprop 4-3-2: layer 1 forward + weight grad (2·12), layer 2 all three (3·6) → 42 MACs → 84 FLOPs
  assert.equal(flopsPerSample([4, 3, 2], "backprop"), 84);
  // counter-current: forward + weight gradient for 18 MACs each, feedback rows 0.5 per sample
  assert.equal(flopsPerSample([4, 3, 2], "counterCurrent", 0.5), 2 * (2 * 18 + 0.5 * 2 * 18));
});
