import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../core/errors.js";
import { parseIdx } from "./idx.js";
import { labelHistogram } from "./image-set.js";
import { loadMnist } from "./mnist.js";

test("MNIST: 60 000 training and 10 000 test images of 28 × 28 pixels in [0, 1]", () => {
  const { train, test: testSet } = loadMnist();
  assert.equal(train.count, 60000);
  assert.equal(testSet.count, 10000);
  assert.equal(train.rows, 28);
  assert.equal(train.cols, 28);
  assert.equal(train.images.length, 60000 * 784);
  assert.equal(testSet.labels.length, 10000);
  let min = Infinity, max = -Infinity;
  for (const v of testSet.images) { if (v < min) min = v; if (v > max) max = v; }
  assert.equal(min, 0);
  assert.equal(max, 1);
});

test("MNIST: label histograms are the published class counts", () => {
  const { train, test: testSet } = loadMnist();
  assert.deepEqual(labelHistogram(train), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  assert.deepEqual(labelHistogram(testSet), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
});

test("MNIST: the first labels and a row of the first training digit are the well-known values", () => {
  const { train, test: testSet } = loadMnist();
  assert.deepEqual(Array.from(train.labels.subarray(0, 10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
  assert.deepEqual(Array.from(testSet.labels.subarray(0, 10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  // Row 5, columns 12–23 of training image 0 (the "5"), as bytes.
  const row = Array.from(train.images.subarray(5 * 28 + 12, 5 * 28 + 24), (v) => Math.round(v * 255));
  assert.deepEqual(row, [3, 18, 18, 18, 126, 136, 175, 26, 166, 255, 247, 127]);
  assert.equal(train.images[0], 0, "corners are blank");
});

test("IDX parser: rejects a gzip file and a truncated file with a CajalError", () => {
  assert.throws(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0])), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "data-bad-idx");
  const truncated = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3]);
  assert.throws(() => parseIdx(truncated), /promises 5 values/);
  const ok = parseIdx(Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 1, 7, 9]));
  assert.deepEqual(ok.dims, [2, 1]);
  assert.deepEqual(Array.from(ok.data), [7, 9]);
});
