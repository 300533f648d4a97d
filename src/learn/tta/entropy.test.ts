import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { gradCheck } from "../grad-check.js";
import { tf } from "../tf.js";
import { predictionEntropy } from "./entropy.js";

before(async () => {
  await initLearn();
});

test("prediction entropy: log C for equal logits, 0 in the limit of one certain class, the batch mean otherwise", () => {
  assert.ok(Math.abs(predictionEntropy(tf.zeros([3, 10])).dataSync()[0]! - Math.log(10)) < 1e-5);
  assert.ok(predictionEntropy(tf.tensor2d([[200, 0, 0]])).dataSync()[0]! < 1e-6);
  // Two rows: p = (½, ½) has entropy log 2; p = (e/(e+1), 1/(e+1)) has h = log(e+1) − e/(e+1).
  const e = Math.E;
  const expected = (Math.log(2) + Math.log(e + 1) - e / (e + 1)) / 2;
  assert.ok(Math.abs(predictionEntropy(tf.tensor2d([[0, 0], [1, 0]])).dataSync()[0]! - expected) < 1e-6);
});

test("Tent's loss: the entropy gradient with respect to a BN-style affine before the classifier agrees with finite differences", () => {
  const rng = createRng(4);
  const x = tf.tensor(Float32Array.from({ length: 6 * 4 }, () => rng.normal()), [6, 4]);
  const w = tf.tensor(Float32Array.from({ length: 4 * 5 }, () => rng.normal()), [4, 5]);
  const params = {
    gamma: tf.tensor(Float32Array.from({ length: 4 }, () => 1 + 0.3 * rng.normal())),
    beta: tf.tensor(Float32Array.from({ length: 4 }, () => 0.3 * rng.normal())),
  };
  const loss = (p: Record<string, tf.Tensor>) => predictionEntropy(tf.matMul(tf.relu(tf.add(tf.mul(x, p.gamma!), p.beta!)), w));
  const check = gradCheck(loss, params, { rng: rng.stream("check"), step: 1e-2 });
  assert.ok(check.worst <= 1, `worst ${check.worst}: ${JSON.stringify(check.worstEntry)}`);
  assert.ok(check.entries.some((e) => Math.abs(e.autodiff) > 1e-3), "the gradient is not trivially zero");
});
