import assert from "node:assert/strict";
import { test } from "node:test";
import { cumulativeEpochs, cyclicalSizes, growingSizes, vanillaSizes } from "./schedule.js";

test("the cyclical schedule rises by 1/α to the end fraction, falls back and repeats", () => {
  assert.deepEqual(cyclicalSizes({ start: 0.25, end: 1, factor: 0.5, epochs: 5 }), [0.25, 0.5, 1, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5]);
});

test("the cyclical schedule presents as many examples as T vanilla epochs, within one epoch", () => {
  for (const epochs of [3, 6, 30]) {
    const sizes = cyclicalSizes({ start: 0.25, end: 1, factor: 0.5, epochs });
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.ok(total >= epochs && total < epochs + 1, `T = ${epochs}: Σ = ${total}`);
    assert.ok(sizes.slice(0, -1).reduce((a, b) => a + b, 0) < epochs, "it stops at the first epoch that reaches T");
  }
});

test("sizes off the geometric grid are capped at the end and floored at the start", () => {
  assert.deepEqual(cyclicalSizes({ start: 0.3, end: 1, factor: 0.5, epochs: 3 }), [0.3, 0.6, 1, 0.5, 0.3, 0.6]);
});

test("growing sizes stay at the end fraction; vanilla is all ones; cumulative sums add up", () => {
  assert.deepEqual(growingSizes({ start: 0.25, end: 1, factor: 0.5, epochs: 3 }), [0.25, 0.5, 1, 1, 1]);
  assert.deepEqual(vanillaSizes(3), [1, 1, 1]);
  assert.deepEqual(cumulativeEpochs([0.25, 0.5, 1]), [0.25, 0.75, 1.75]);
  assert.throws(() => cyclicalSizes({ start: 0.25, end: 1, factor: 1.5, epochs: 3 }), /factor/);
});
