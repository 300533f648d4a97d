import assert from "node:assert/strict";
import { before, test } from "node:test";
import { compile } from "vega-lite";
import { createRng } from "../../src/core/rng.js";
import { CajalError } from "../../src/core/errors.js";
import { head } from "../../src/data/image-set.js";
import { loadMnist } from "../../src/data/mnist.js";
import { dense } from "../../src/learn/layers/dense.js";
import { crossEntropy } from "../../src/learn/losses.js";
import { lossNotFinite } from "../../src/learn/messages.js";
import { adam, sgd } from "../../src/learn/optimisers.js";
import { type Tensors, collectParams, flatten, scope } from "../../src/learn/params.js";
import { confusionMatrixPlot, learningCurvePlot } from "../../src/learn/plots.js";
import { tf } from "../../src/learn/tf.js";
import { evaluate, logToDataFrames, trainClassifier } from "../../src/learn/train.js";
import { setUp } from "./helpers.js";

before(setUp);

function mlp(seed: number, hiddenUnits = 256) {
  const rng = createRng(seed);
  const hidden = dense({ inputs: 784, units: hiddenUnits, activation: "relu", rng: rng.stream("hidden") });
  const out = dense({ inputs: hiddenUnits, units: 10, rng: rng.stream("out") });
  const params = collectParams({ hidden, out });
  const model = (x: tf.Tensor, p?: Tensors) => out.apply(hidden.apply(x, scope(p, "hidden")), scope(p, "out"));
  return { rng, params, model };
}

test("a 784-256-10 MLP reaches ≥ 97 % test accuracy on MNIST in 3 epochs, leaking no tensors", () => {
  const { train, test: testSet } = loadMnist();
  const { rng, params, model } = mlp(1);
  const optimizer = adam({ params, lr: 2e-3 }); // its moment tensors exist from here on
  const tensorsBefore = tf.memory().numTensors;
  const result = trainClassifier({ model, optimizer, train, test: testSet, epochs: 3, batchSize: 128, rng: rng.stream("shuffle"), progress: false });
  assert.equal(tf.memory().numTensors, tensorsBefore, "no tensor survives the loop");
  assert.ok(result.testAccuracy >= 0.97, `test accuracy ${result.testAccuracy}`);
  assert.equal(result.imagesSeen, 3 * 60000);
  const { epochs } = result.log;
  assert.deepEqual(epochs.epoch, [1, 2, 3]);
  assert.ok(epochs.trainLoss[2]! < epochs.trainLoss[0]!, "the loss falls");
  assert.equal(result.log.steps.length, Math.floor((3 * 469) / 50));

  const evaluation = evaluate(model, testSet);
  assert.equal(evaluation.accuracy, result.testAccuracy);
  const diagonal = evaluation.confusion.reduce((s, row, i) => s + row[i]!, 0);
  assert.equal(diagonal, Math.round(evaluation.accuracy * 10000));
  assert.equal(evaluation.confusion.flat().reduce((a, b) => a + b, 0), 10000);

  // The figures compile as vega-lite specs.
  for (const plot of [learningCurvePlot(result.log), confusionMatrixPlot(evaluation.confusion), confusionMatrixPlot(evaluation.confusion, { normalise: true }), learningCurvePlot({ a: result.log, b: result.log })]) {
    assert.ok(compile(plot.spec).spec, plot.label);
  }
  const frames = logToDataFrames(result.log);
  assert.deepEqual(frames.epochs.shape, [3, 4]);
  assert.deepEqual(frames.epochs.columns, ["epoch", "trainLoss", "testAccuracy", "seconds"]);
});

test("training is deterministic for a fixed seed and changes with the seed", () => {
  const { train } = loadMnist();
  const small = head(train, 1024);
  const run = (seed: number) => {
    const { rng, params, model } = mlp(seed, 32);
    const r = trainClassifier({ model, optimizer: sgd({ params, lr: 0.1, momentum: 0.9 }), train: small, epochs: 1, batchSize: 64, rng: rng.stream("shuffle"), progress: false, logEvery: 4 });
    return { losses: r.log.losses, weights: flatten(params) };
  };
  const a = run(3);
  const b = run(3);
  const c = run(4);
  assert.deepEqual(a.losses, b.losses);
  assert.deepEqual(Array.from(a.weights), Array.from(b.weights));
  assert.notDeepEqual(a.losses, c.losses);
});

test("a non-finite loss stops training with a CajalError naming the step and the loss, before it touches the weights", () => {
  const { train } = loadMnist();
  const { rng, params, model } = mlp(5, 16);
  let calls = 0;
  let weightsBeforeBadStep: Float32Array = new Float32Array();
  const loss = (logits: tf.Tensor, labels: tf.Tensor) => {
    calls++;
    if (calls === 3) {
      weightsBeforeBadStep = flatten(params);
      return tf.mul(crossEntropy(logits, labels), Number.NaN) as tf.Scalar; // NaN that depends on the weights
    }
    return crossEntropy(logits, labels) as tf.Scalar;
  };
  assert.throws(
    () => trainClassifier({ model, optimizer: sgd({ params, lr: 0.1 }), train: head(train, 512), epochs: 1, batchSize: 64, rng, loss, progress: false }),
    (e: unknown) => {
      assert.ok(e instanceof CajalError);
      assert.deepEqual(e.problem, lossNotFinite(3, 1, Number.NaN));
      assert.match(e.message, /training step 3 \(epoch 1\): the loss is NaN/);
      return true;
    },
  );
  assert.deepEqual(Array.from(flatten(params)), Array.from(weightsBeforeBadStep));
});
