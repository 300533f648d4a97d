import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import type { ImageSet } from "./image-set.js";
import { delayedRecall, neighbourSum, rowSequences } from "./sequence-tasks.js";

test("delayedRecall: the cue at step 1 is ±1 and matches the target; channel 1 is zero afterwards; channel 2 is noise", () => {
  const b = delayedRecall({ steps: 7, batch: 200, rng: createRng(1) });
  assert.equal(b.inputs.length, 7 * 200 * 2);
  let positives = 0, sumSq = 0;
  for (let s = 0; s < 200; s++) {
    const cue = b.inputs[s * 2]!;
    assert.equal(cue, b.targets[s] === 1 ? 1 : -1);
    positives += b.targets[s]!;
    for (let t = 1; t < 7; t++) assert.equal(b.inputs[(t * 200 + s) * 2], 0);
    for (let t = 0; t < 7; t++) sumSq += b.inputs[(t * 200 + s) * 2 + 1]! ** 2;
  }
  assert.ok(positives > 70 && positives < 130, `balanced cues: ${positives}`);
  const variance = sumSq / 1400;
  assert.ok(variance > 0.85 && variance < 1.15, `distractor variance ${variance}`);
});

test("neighbourSum: one-hot inputs, targets (x_{t−1} + x_{t+1}) mod k, none at the ends", () => {
  const b = neighbourSum({ steps: 6, batch: 30, rng: createRng(2), symbols: 4 });
  for (let t = 0; t < 6; t++) {
    for (let s = 0; s < 30; s++) {
      const i = t * 30 + s;
      const row = Array.from(b.inputs.subarray(i * 4, i * 4 + 4));
      assert.deepEqual(row, [0, 1, 2, 3].map((k) => (k === b.symbols[i] ? 1 : 0)));
      const expected = t === 0 || t === 5 ? -1 : (b.symbols[(t - 1) * 30 + s]! + b.symbols[(t + 1) * 30 + s]!) % 4;
      assert.equal(b.targets[i], expected);
    }
  }
});

test("rowSequences: step r of sequence b is row r of image indices[b]", () => {
  const images = Float32Array.from({ length: 3 * 2 * 3 }, (_, i) => i);
  const set: ImageSet = { images, labels: Uint8Array.from([7, 8, 9]), count: 3, rows: 2, cols: 3, classes: 10 };
  const seq = rowSequences(set, [2, 0]);
  assert.deepEqual(Array.from(seq.labels), [9, 7]);
  assert.deepEqual(Array.from(seq.inputs), [12, 13, 14, 0, 1, 2, 15, 16, 17, 3, 4, 5]);
  assert.throws(() => rowSequences(set, [3]), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "data-bad-option");
});

test("the same seed gives the same sequences", () => {
  const a = neighbourSum({ steps: 5, batch: 4, rng: createRng(9) });
  const b = neighbourSum({ steps: 5, batch: 4, rng: createRng(9) });
  assert.deepEqual(Array.from(a.symbols), Array.from(b.symbols));
});
