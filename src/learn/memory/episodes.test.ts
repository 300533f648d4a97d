import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import type { ImageSet } from "../../data/image-set.js";
import { classPools, classificationEpisodes, sinusoidEpisodes } from "./episodes.js";
import { badMemoryOption, poolTooSmall } from "./messages.js";

// A tiny image set whose one pixel is its own index, so drawn images can be identified.
function indexSet(perClass: number, classes: number): ImageSet {
  const count = perClass * classes;
  const labels = Uint8Array.from({ length: count }, (_, i) => i % classes);
  return { images: Float32Array.from({ length: count }, (_, i) => i), labels, count, rows: 1, cols: 1, classes };
}

test("each episode shows every chosen class exactly K times, numbered 1…K, with distinct images", () => {
  const set = indexSet(12, 10);
  const pools = classPools(set, [0, 1, 2, 3, 4]);
  const ep = classificationEpisodes({ pools, ways: 3, instances: 5, batch: 40, rng: createRng(5) });
  assert.equal(ep.steps, 15);
  for (let b = 0; b < ep.batch; b++) {
    const perLabel = new Map<number, { count: number; classId: number; images: Set<number> }>();
    for (let t = 0; t < ep.steps; t++) {
      const at = t * ep.batch + b;
      const label = ep.labels[at]!;
      const entry = perLabel.get(label) ?? { count: 0, classId: ep.classIds[at]!, images: new Set<number>() };
      entry.count++;
      assert.equal(ep.instance[at], entry.count);
      assert.equal(ep.classIds[at], entry.classId, "one label ↔ one class within an episode");
      const image = ep.images[at]!;
      assert.equal(set.labels[image], entry.classId, "the image belongs to the step's class");
      entry.images.add(image);
      perLabel.set(label, entry);
      // The previous-label input is the label of step t−1 (zeros at step 0).
      const previous = Array.from(ep.previousLabels.subarray(at * 3, at * 3 + 3));
      assert.deepEqual(previous, t === 0 ? [0, 0, 0] : [0, 1, 2].map((k) => (k === ep.labels[at - ep.batch] ? 1 : 0)));
    }
    assert.deepEqual([...perLabel.keys()].sort(), [0, 1, 2]);
    for (const e of perLabel.values()) {
      assert.equal(e.count, 5);
      assert.equal(e.images.size, 5, "drawn without replacement");
      assert.ok(e.classId <= 4, "meta-training classes only");
    }
  }
});

test("with a seed, classes and their episode labels are drawn uniformly", () => {
  const pools = classPools(indexSet(6, 10), [5, 6, 7, 8, 9]);
  const episodes = 3000;
  const ep = classificationEpisodes({ pools, ways: 3, instances: 2, batch: episodes, rng: createRng(42) });
  // counts[class][label]: how many episodes gave that class that label (read at step-independent first sight).
  const counts = Array.from({ length: 10 }, () => [0, 0, 0]);
  for (let b = 0; b < episodes; b++) {
    const seen = new Set<number>();
    for (let t = 0; t < ep.steps; t++) {
      const at = t * episodes + b;
      if (!seen.has(ep.labels[at]!)) {
        seen.add(ep.labels[at]!);
        counts[ep.classIds[at]!]![ep.labels[at]!]! += 1;
      }
    }
  }
  // Each (class, label) pair: probability (3/5)·(1/3) = 1/5 per episode; binomial sd ≈ √(3000·0.2·0.8) ≈ 22.
  for (const c of [5, 6, 7, 8, 9]) for (const l of [0, 1, 2]) assert.ok(Math.abs(counts[c]![l]! - 600) < 5 * 22, `class ${c} label ${l}: ${counts[c]![l]}`);
  for (const c of [0, 1, 2, 3, 4]) assert.deepEqual(counts[c], [0, 0, 0]);
  // The same seed gives the same episodes.
  const again = classificationEpisodes({ pools, ways: 3, instances: 2, batch: episodes, rng: createRng(42) });
  assert.deepEqual(again.labels, ep.labels);
  assert.deepEqual(again.classIds, ep.classIds);
});

test("bad options and too-small pools are reported with their rule ids", () => {
  const pools = classPools(indexSet(3, 10), [0, 1, 2]);
  assert.throws(() => classificationEpisodes({ pools, ways: 4, instances: 2, batch: 1, rng: createRng(0) }), (e: { problem?: { ruleId: string } }) => e.problem?.ruleId === badMemoryOption("", "", 0, "").ruleId);
  assert.throws(() => classificationEpisodes({ pools, ways: 3, instances: 4, batch: 1, rng: createRng(0) }), (e: { problem?: { ruleId: string } }) => e.problem?.ruleId === poolTooSmall("", 0, 0, 0).ruleId);
  assert.throws(() => classPools(indexSet(3, 10), [1, 1]), (e: { problem?: { ruleId: string } }) => e.problem?.ruleId === "memory-bad-option");
});

test("sinusoid episodes follow y = A sin(x + φ) within their ranges, with the previous target as input", () => {
  const ep = sinusoidEpisodes({ steps: 20, batch: 500, rng: createRng(9) });
  let ampSum = 0;
  for (let b = 0; b < ep.batch; b++) {
    const A = ep.amplitude[b]!, phi = ep.phase[b]!;
    assert.ok(A >= 0.1 && A <= 5 && phi >= 0 && phi <= Math.PI);
    ampSum += A;
    for (let t = 0; t < ep.steps; t++) {
      const at = t * ep.batch + b;
      assert.ok(ep.x[at]! >= -5 && ep.x[at]! <= 5);
      assert.ok(Math.abs(ep.y[at]! - A * Math.sin(ep.x[at]! + phi)) < 1e-5);
      assert.equal(ep.previousY[at], t === 0 ? 0 : ep.y[at - ep.batch]);
    }
  }
  // Mean amplitude of U[0.1, 5] is 2.55; sd of the mean over 500 ≈ 1.41/√500 ≈ 0.063.
  assert.ok(Math.abs(ampSum / ep.batch - 2.55) < 0.3);
});
