import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { dense } from "../layers/dense.js";
import { adam } from "../optimisers.js";
import { collectParams, scope } from "../params.js";
import { setUp } from "../../../test/learn/helpers.js";
import { cyclicalSizes } from "./schedule.js";
import { spirals } from "./spirals.js";
import { accuracyOn, meanRanks, perExampleLosses, trainOnSchedule } from "./train.js";

before(setUp);

test("training on a cyclical schedule presents Σ⌊N·size⌋ examples and learns the spirals", () => {
  const rng = createRng(1);
  const train = spirals({ count: 600, jitter: 0.05 }, rng.stream("train"));
  const validation = spirals({ count: 300, jitter: 0.05 }, rng.stream("val"));
  const test = spirals({ count: 300, jitter: 0.05 }, rng.stream("test"));
  const h1 = dense({ inputs: 2, units: 32, activation: "relu", rng: rng.stream("h1") });
  const h2 = dense({ inputs: 32, units: 32, activation: "relu", rng: rng.stream("h2") });
  const out = dense({ inputs: 32, units: 3, rng: rng.stream("out") });
  const params = collectParams({ h1, h2, out });
  const model = (x: import("../tf.js").tf.Tensor, p?: import("../params.js").Tensors) =>
    out.apply(h2.apply(h1.apply(x, scope(p, "h1")), scope(p, "h2")), scope(p, "out"));
  const before = accuracyOn(model, test);
  const sizes = cyclicalSizes({ start: 0.25, end: 1, factor: 0.5, epochs: 40 });
  const result = trainOnSchedule({ model, optimizer: adam({ params, lr: 0.01 }), train, sizes, batchSize: 32, rng: rng.stream("fit"), validation, test, progress: false });
  assert.equal(result.presentations, sizes.reduce((s, f) => s + Math.floor(600 * f), 0));
  assert.equal(result.firstEpochIndices.length, 150);
  assert.equal(new Set(result.firstEpochIndices).size, 150);
  assert.equal(result.testAccuracy.length, sizes.length);
  assert.ok(result.bestTestAccuracy >= result.selectedTestAccuracy);
  assert.ok(result.bestTestAccuracy > 0.8 && before < 0.6, `accuracy ${before} → ${result.bestTestAccuracy}`);
  const losses = perExampleLosses(model, test);
  assert.equal(losses.length, 300);
  assert.ok(losses.every((l) => l >= 0 && Number.isFinite(l)));
});

test("weights of zero keep examples out of a partial epoch", () => {
  const rng = createRng(2);
  const train = spirals({ count: 100 }, rng.stream("train"));
  const weights = new Float64Array(100);
  for (let i = 0; i < 50; i++) weights[i] = 1;
  const out = dense({ inputs: 2, units: 3, rng: rng.stream("out") });
  const result = trainOnSchedule({
    model: (x, p) => out.apply(x, scope(p, "out")), optimizer: adam({ params: collectParams({ out }), lr: 0.01 }),
    train, sizes: [0.5], weights, batchSize: 10, rng, validation: train, test: train, progress: false,
  });
  assert.ok(Array.from(result.firstEpochIndices).every((i) => i < 50));
});

test("mean ranks average over tasks and share ranks between ties", () => {
  const ranks = meanRanks({ a: { x: 0.9, y: 0.8, z: 0.8 }, b: { x: 0.5, y: 0.7, z: 0.6 } });
  assert.deepEqual(ranks, { x: (1 + 3) / 2, y: (2.5 + 1) / 2, z: (2.5 + 2) / 2 });
});
