import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { loadMnist } from "../../data/mnist.js";
import { balancedSplit } from "./balanced-split.js";
import { cloneEluMlp, createEluMlp } from "./elu-mlp.js";
import { LabelMap, swapSchedule } from "./label-shift.js";
import { prequentialAccuracy, runStreamLearner, runningAccuracy } from "./stream-learner.js";

test("swapSchedule: r swaps per 1 000 samples, evenly spread, distinct pairs; a seasonal rate swaps only in its on-phases", () => {
  const swaps = swapSchedule({ samplesPerEpoch: 2000, batchSize: 10, epochs: 3, ratePer1000: 8, classes: 10, rng: createRng(1) });
  assert.equal(swaps.length, 48);
  for (const s of swaps) assert.ok(s.a !== s.b && s.a >= 0 && s.a < 10 && s.b >= 0 && s.b < 10);
  const gaps = swaps.slice(1).map((s, k) => s.afterBatch - swaps[k]!.afterBatch);
  assert.ok(gaps.every((g) => g >= 12 && g <= 13), `gaps ${[...new Set(gaps)]}`);
  const seasonal = swapSchedule({ samplesPerEpoch: 2000, batchSize: 10, epochs: 2, ratePer1000: (f) => (Math.floor(f * 4) % 2 === 1 ? 8 : 0), classes: 10, rng: createRng(2) });
  assert.equal(seasonal.length, 16);
  assert.ok(seasonal.every((s) => (s.afterBatch >= 100 && s.afterBatch < 200) || (s.afterBatch >= 300 && s.afterBatch < 400)));
  assert.throws(() => swapSchedule({ samplesPerEpoch: 10, batchSize: 10, epochs: 1, ratePer1000: -1, classes: 10, rng: createRng(1) }), (e: unknown) => e instanceof CajalError);
});

test("LabelMap: a swap exchanges two labels, and swaps compose", () => {
  const map = new LabelMap(4);
  map.swap(0, 2);
  assert.deepEqual(Array.from(map.snapshot()), [2, 1, 0, 3]);
  map.swap(2, 3); // images now labelled 2 (true class 0) become 3
  assert.deepEqual(Array.from(map.snapshot()), [3, 1, 0, 2]);
});

test("runningAccuracy and prequentialAccuracy count correct predictions over samples", () => {
  const run = { correctPerBatch: Uint8Array.from([10, 0, 5, 5]), samplesPerBatch: Uint8Array.from([10, 10, 10, 5]) };
  assert.deepEqual(Array.from(runningAccuracy(run, 2)), [1, 0.5, 0.25, 10 / 15]);
  assert.equal(prequentialAccuracy(run, 2), 10 / 15);
});

const mnist = loadMnist();
const { train, validation } = balancedSplit(mnist.train, 600, 200, createRng(3));

test("balancedSplit: equal counts per class, no image in both parts", () => {
  const count = (labels: Uint8Array) => Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
  assert.deepEqual(count(train.labels), new Array(10).fill(60));
  assert.deepEqual(count(validation.labels), new Array(10).fill(20));
  const key = (set: typeof train, i: number) => Array.from(set.images.subarray(i * 784, i * 784 + 784)).join(",");
  const seen = new Set(Array.from({ length: train.count }, (_, i) => key(train, i)));
  for (let i = 0; i < validation.count; i++) assert.ok(!seen.has(key(validation, i)), `validation image ${i} is also in training`);
});

test("stream learners: constant η stays put and learns; the random and homeostatic learners move η only by ±η₀/10 and never below 10⁻⁸", () => {
  const init = createEluMlp(createRng(4));
  const base = { train, validation, epochs: 2, order: createRng(5), coin: createRng(6) };
  const lrc = runStreamLearner({ ...base, regulation: "constant", model: cloneEluMlp(init) });
  assert.ok(lrc.etaPerBatch.every((e) => e === 0.01));
  const first = prequentialAccuracy(lrc, 0, 10), last = prequentialAccuracy(lrc, lrc.batchesPerEpoch);
  assert.ok(last > first + 0.2 && last > 0.5, `prequential accuracy ${first} → ${last}`);
  assert.ok(lrc.validationAccuracy[1]! > 0.5, `validation ${lrc.validationAccuracy}`);
  for (const regulation of ["random", "homeostatic"] as const) {
    const run = runStreamLearner({ ...base, regulation, model: cloneEluMlp(init) });
    let previous = 0.01;
    for (const eta of run.etaPerBatch) {
      const d = Math.abs(eta - previous);
      assert.ok(eta >= 1e-8, `${regulation}: η = ${eta}`);
      assert.ok(d < 1e-12 || Math.abs(d - 0.001) < 1e-12 || eta === 1e-8, `${regulation}: η jumped by ${d}`);
      previous = eta;
    }
    if (regulation === "random") assert.ok(run.etaChanges > 10, "the random learner's η moves");
    else assert.ok(run.takes <= run.decisions && run.decisions === 2 * (run.batchesPerEpoch - 3), `decisions ${run.decisions}`);
  }
  // The same inputs give the same run.
  const again = runStreamLearner({ ...base, regulation: "constant", model: cloneEluMlp(init), order: createRng(5) });
  assert.deepEqual(Array.from(again.correctPerBatch), Array.from(lrc.correctPerBatch));
});

test("label swaps relabel the stream: a learner trained without swaps loses accuracy right after a swap of two frequent classes", () => {
  const init = createEluMlp(createRng(7));
  const swaps = [{ afterBatch: 59, a: 1, b: 7 }, { afterBatch: 59, a: 0, b: 6 }, { afterBatch: 59, a: 3, b: 8 }];
  const run = runStreamLearner({ train, validation, epochs: 2, order: createRng(8), regulation: "constant", model: cloneEluMlp(init), swaps });
  const before = prequentialAccuracy(run, 40, 60), after = prequentialAccuracy(run, 60, 70);
  assert.ok(after < before - 0.15, `accuracy before ${before}, right after the swaps ${after}`);
});
