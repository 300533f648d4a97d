import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { scoresFromLosses, weightedSampleWithoutReplacement } from "./sampling.js";
import { flipLabels, spirals } from "./spirals.js";

test("a single weighted draw picks each index in proportion to its weight", () => {
  const weights = [1, 2, 3, 4];
  const counts = [0, 0, 0, 0];
  const rng = createRng(1);
  const draws = 40000;
  for (let r = 0; r < draws; r++) counts[weightedSampleWithoutReplacement(weights, 1, rng)[0]!]!++;
  counts.forEach((c, i) => {
    const p = weights[i]! / 10;
    const sd = Math.sqrt(draws * p * (1 - p));
    assert.ok(Math.abs(c - draws * p) < 4 * sd, `index ${i}: ${c} vs ${draws * p}`);
  });
});

test("two draws without replacement include an index with the sequential probability", () => {
  // weights 1, 1, 2: P(index 2 in a draw of two) = 1/2 + 2·(1/4)·(2/3) = 5/6
  const rng = createRng(2);
  const draws = 30000;
  let hits = 0;
  for (let r = 0; r < draws; r++) {
    const s = weightedSampleWithoutReplacement([1, 1, 2], 2, rng);
    assert.notEqual(s[0], s[1]);
    if (s[0] === 2 || s[1] === 2) hits++;
  }
  const p = 5 / 6;
  assert.ok(Math.abs(hits - draws * p) < 4 * Math.sqrt(draws * p * (1 - p)), `${hits / draws}`);
});

test("drawing all indices gives a permutation, and zero weights come last", () => {
  const s = weightedSampleWithoutReplacement([0, 5, 1, 0, 2], 5, createRng(3));
  assert.deepEqual(Array.from(s).sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual(new Set(Array.from(s.slice(0, 3))), new Set([1, 2, 4]));
  assert.throws(() => weightedSampleWithoutReplacement([1, -1], 1, createRng(3)), /weights\[1\]/);
});

test("scores are 1/ℓ for easy, ℓ for hard and 1 for uniform", () => {
  assert.deepEqual(Array.from(scoresFromLosses([0.5, 2], "easy")), [2, 0.5]);
  assert.deepEqual(Array.from(scoresFromLosses([0.5, 2], "hard")), [0.5, 2]);
  assert.deepEqual(Array.from(scoresFromLosses([0.5, 2], "uniform")), [1, 1]);
  assert.ok(Number.isFinite(scoresFromLosses([0], "easy")[0]!));
});

test("spirals are balanced over arms, lie between 5 % of the radius and the radius, and label flips change exactly the chosen fraction", () => {
  const set = spirals({ count: 3000, arms: 3, jitter: 0, radius: 2 }, createRng(4));
  const counts = [0, 0, 0];
  for (const l of set.labels) counts[l]!++;
  assert.deepEqual(counts, [1000, 1000, 1000]);
  for (let i = 0; i < set.count; i++) {
    const r = Math.hypot(set.inputs[2 * i]!, set.inputs[2 * i + 1]!);
    assert.ok(r >= 0.1 - 1e-6 && r <= 2 + 1e-6);
  }
  const { set: noisy, flipped } = flipLabels(set, 0.1, createRng(5));
  let changed = 0;
  let marked = 0;
  for (let i = 0; i < set.count; i++) {
    if (noisy.labels[i] !== set.labels[i]) changed++;
    marked += flipped[i]!;
    if (flipped[i]) assert.notEqual(noisy.labels[i], set.labels[i]);
  }
  assert.equal(changed, 300);
  assert.equal(marked, 300);
});
