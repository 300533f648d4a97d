import { test } from "node:test";
import assert from "node:assert/strict";
import { averageAccuracy, backwardTransfer, forgetting } from "./metrics.js";

const a = [[0.9], [0.7, 0.95], [0.6, 0.8, 0.92]];

test("ACC is the mean of the last row and BWT the mean drop of old tasks", () => {
  assert.ok(Math.abs(averageAccuracy(a) - (0.6 + 0.8 + 0.92) / 3) < 1e-12);
  assert.ok(Math.abs(backwardTransfer(a) - ((0.6 - 0.9) + (0.8 - 0.95)) / 2) < 1e-12);
  assert.equal(backwardTransfer([[0.5]]), 0);
});

test("forgetting of a task is its accuracy when learned minus at the end", () => {
  assert.ok(Math.abs(forgetting(a, 0) - 0.3) < 1e-12);
  assert.equal(forgetting(a, 2), 0);
  assert.throws(() => forgetting(a, 3), /task/);
});
