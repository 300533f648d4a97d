import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { valueAndGrads } from "../grad.js";
import { gradCheck } from "../grad-check.js";
import { crossEntropy } from "../losses.js";
import { tf } from "../tf.js";
import { type CrossEntropyReduction, softmaxCrossEntropy } from "./softmax-cross-entropy.js";
import { randn, maxGap } from "../../../test/learn/helpers.js";

before(async () => {
  await initLearn({ backend: "wasm" });
});

test("a closed form: uniform logits give log(classes); a confident right answer gives ~0", () => {
  const labels = tf.tensor1d([0, 3], "int32");
  assert.ok(Math.abs(softmaxCrossEntropy(tf.zeros([2, 5]), labels).dataSync()[0]! - Math.log(5)) < 1e-6);
  const confident = tf.tensor2d([[30, 0, 0, 0, 0], [0, 0, 0, 30, 0]]);
  assert.ok(softmaxCrossEntropy(confident, labels).dataSync()[0]! < 1e-10 + 4 * Math.exp(-30));
});

for (const reduction of ["mean", "sum", "none"] as CrossEntropyReduction[]) {
  test(`${reduction}: loss and gradient equal crossEntropy's, for class ids and for target distributions`, () => {
    const logits = randn(1, [7, 4], 3);
    const ids = tf.tensor1d([0, 1, 2, 3, 3, 1, 0], "int32");
    const dist = tf.softmax(randn(2, [7, 4]));
    for (const labels of [ids, dist]) {
      const weights = reduction === "none" ? randn(3, [7]) : tf.scalar(1.7);
      const mine = valueAndGrads((p) => tf.sum(tf.mul(softmaxCrossEntropy(p.z!, labels, reduction), weights)) as tf.Scalar, { z: logits });
      const ref = valueAndGrads((p) => tf.sum(tf.mul(crossEntropy(p.z!, labels, { reduction }), weights)) as tf.Scalar, { z: logits });
      assert.ok(Math.abs(mine.value.dataSync()[0]! - ref.value.dataSync()[0]!) < 1e-4, "value");
      assert.ok(maxGap(mine.grads.z!.dataSync(), ref.grads.z!.dataSync()) < 1e-5, "gradient");
    }
  });
}

test("the gradient matches finite differences", () => {
  const labels = tf.tensor1d([2, 0, 1], "int32");
  const result = gradCheck((p) => softmaxCrossEntropy(p.z!, labels) as tf.Scalar, { z: randn(4, [3, 3]) }, { rng: createRng(1), step: 1e-2, atol: 1e-3, rtol: 1e-2 });
  assert.ok(result.worst <= 1, JSON.stringify(result.worstEntry));
  assert.ok(result.entries.some((e) => Math.abs(e.numeric) > 1e-2));
});

test("one kernel forward, one backward, and no leaks over a loop", () => {
  const z = tf.variable(randn(5, [64, 10]));
  const labels = tf.tensor1d(Int32Array.from({ length: 64 }, (_, i) => i % 10), "int32");
  const before = tf.memory().numTensors;
  const names: string[] = [];
  const engine = tf.engine();
  const original = engine.runKernel.bind(engine);
  engine.runKernel = ((kernel: string, ...rest: unknown[]) => { names.push(kernel); return (original as (...a: unknown[]) => unknown)(kernel, ...rest); }) as never;
  try {
    for (let k = 0; k < 3; k++) tf.tidy(() => { tf.variableGrads(() => softmaxCrossEntropy(z, labels) as tf.Scalar, [z]); });
  } finally {
    engine.runKernel = original;
  }
  assert.equal(tf.memory().numTensors, before);
  const compute = names.filter((n) => n !== "Identity");
  assert.deepEqual(compute.slice(0, 2), ["CajalSoftmaxCrossEntropy", "CajalSoftmaxCrossEntropyGrad"], compute.join(" "));
  tf.dispose([z, labels]);
});
