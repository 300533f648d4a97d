import assert from "node:assert/strict";
import { before, test } from "node:test";
import { binaryCrossEntropy, crossEntropy, infoNce, mse } from "../../src/learn/losses.js";
import { tf } from "../../src/learn/tf.js";
import { assertGradients, randn, setUp } from "./helpers.js";

before(setUp);

test("crossEntropy equals −log softmax at the label, computed by hand", () => {
  const logits = [[2, 0.5, -1], [0, 0, 3]];
  const labels = [0, 1];
  const got = crossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, "int32"), { reduction: "none" }).dataSync();
  logits.forEach((row, i) => {
    const lse = Math.log(row.reduce((s, z) => s + Math.exp(z), 0));
    assert.ok(Math.abs(got[i]! - (lse - row[labels[i]!]!)) < 1e-5);
  });
  const fused = crossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, "int32"), { reduction: "none", secondOrder: false }).dataSync();
  fused.forEach((v, i) => assert.ok(Math.abs(v - got[i]!) < 1e-6));
  const mean = crossEntropy(tf.tensor2d(logits), tf.tensor1d(labels, "int32")).dataSync()[0]!;
  assert.ok(Math.abs(mean - (got[0]! + got[1]!) / 2) < 1e-6);
});

test("crossEntropy, binaryCrossEntropy and mse: gradients match finite differences", () => {
  const labels = tf.tensor1d([2, 0, 1, 2], "int32");
  assertGradients("crossEntropy", (p) => crossEntropy(p.logits!, labels) as tf.Scalar, { logits: randn(1, [4, 3]) }, { perParam: 12 });
  assertGradients("crossEntropy, fused first-order backward", (p) => crossEntropy(p.logits!, labels, { secondOrder: false }) as tf.Scalar, { logits: randn(1, [4, 3]) }, { perParam: 12 });
  const soft = tf.tensor2d([[0.2, 0.3, 0.5], [1, 0, 0], [0, 0.5, 0.5], [0.1, 0.1, 0.8]]);
  assertGradients("crossEntropy with soft targets, fused", (p) => crossEntropy(p.logits!, soft, { secondOrder: false, reduction: "sum" }) as tf.Scalar, { logits: randn(9, [4, 3]) }, { perParam: 12 });
  const targets = tf.tensor2d([[1, 0, 0.3], [0, 1, 0.5]]);
  assertGradients("binaryCrossEntropy", (p) => binaryCrossEntropy(p.z!, targets) as tf.Scalar, { z: randn(2, [2, 3], 2) }, { perParam: 6 });
  const target = randn(3, [3, 4]);
  assertGradients("mse", (p) => mse(p.y!, target) as tf.Scalar, { y: randn(4, [3, 4]) }, { perParam: 12 });
});

test("binaryCrossEntropy stays finite for large logits and matches the textbook form", () => {
  const z = 3.2, y = 0.3;
  const s = 1 / (1 + Math.exp(-z));
  const got = binaryCrossEntropy(tf.tensor1d([z]), tf.tensor1d([y])).dataSync()[0]!;
  assert.ok(Math.abs(got - (-(y * Math.log(s) + (1 - y) * Math.log(1 - s)))) < 1e-5);
  assert.ok(Number.isFinite(binaryCrossEntropy(tf.tensor1d([200]), tf.tensor1d([0])).dataSync()[0]!));
});

test("infoNce: equals the hand-computed symmetric CLIP loss and its gradients match finite differences", () => {
  const a = randn(5, [3, 4]);
  const b = randn(6, [3, 4]);
  const A = a.arraySync() as number[][];
  const B = b.arraySync() as number[][];
  const norm = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
  const An = A.map(norm), Bn = B.map(norm);
  const tau = 0.5;
  const sim = An.map((ai) => Bn.map((bj) => ai.reduce((s, x, k) => s + x * bj[k]!, 0) / tau));
  const ce = (rows: number[][]) => rows.reduce((s, row, i) => s + Math.log(row.reduce((t, z) => t + Math.exp(z), 0)) - row[i]!, 0) / rows.length;
  const simT = sim[0]!.map((_, j) => sim.map((row) => row[j]!));
  const expected = 0.5 * (ce(sim) + ce(simT));
  const got = infoNce(a, b, { temperature: tau }).dataSync()[0]!;
  assert.ok(Math.abs(got - expected) < 1e-4, `${got} vs ${expected}`);
  assertGradients("infoNce", (p) => infoNce(p.a!, p.b!, { logTemperature: p.logT! }) as tf.Scalar, { a, b, logT: tf.scalar(Math.log(0.5)) });
});
