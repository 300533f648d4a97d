import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../core/rng.js";
import { minMaxIndices, sampleIndices } from "./sample.js";

test("sampleIndices draws exactly k distinct indices in increasing order, each about equally often", () => {
  const rng = createRng(3);
  const hits = new Float64Array(50);
  for (let rep = 0; rep < 2000; rep++) {
    const s = sampleIndices(50, 10, rng);
    assert.equal(s.length, 10);
    for (let j = 1; j < s.length; j++) assert.ok(s[j]! > s[j - 1]!);
    for (const i of s) hits[i]!++;
  }
  // Each index is chosen with probability 1/5: 400 ± 4·sqrt(2000·0.2·0.8) ≈ 400 ± 72.
  for (const h of hits) assert.ok(Math.abs(h - 400) < 72, `${h}`);
  assert.deepEqual(Array.from(sampleIndices(3, 5, rng)), [0, 1, 2]);
});

test("minMaxIndices keeps the ends and each bucket's extremes, in order, within the limit", () => {
  const y = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7));
  y[500] = 9;
  y[501] = -9;
  const keep = minMaxIndices(y, 100);
  assert.ok(keep.length <= 100);
  assert.equal(keep[0], 0);
  assert.equal(keep[keep.length - 1], 999);
  for (let j = 1; j < keep.length; j++) assert.ok(keep[j]! > keep[j - 1]!);
  assert.ok(keep.includes(500) && keep.includes(501));
  assert.equal(minMaxIndices(y, 5000).length, 1000);
});
