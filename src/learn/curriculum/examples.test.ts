import assert from "node:assert/strict";
import { test } from "node:test";
import { examplesFromImages, pickExamples } from "./examples.js";

const images = { images: Float32Array.from([0, 0.5, 1, 0.25, 0.75, 1, 0, 0]), labels: Uint8Array.from([3, 7]), count: 2, rows: 2, cols: 2, classes: 10 };

test("image sets become flat feature vectors, standardised as (p − mean)/sd, without sharing memory", () => {
  const e = examplesFromImages(images, { mean: 0.5, sd: 0.25 });
  assert.equal(e.features, 4);
  assert.deepEqual(Array.from(e.inputs), [-2, 0, 2, -1, 1, 2, -2, -2]);
  e.labels[0] = 9;
  assert.equal(images.labels[0], 3);
});

test("picking examples copies rows and labels in the given order and rejects indices outside the set", () => {
  const e = examplesFromImages(images);
  const p = pickExamples(e, [1, 1, 0]);
  assert.deepEqual(Array.from(p.labels), [7, 7, 3]);
  assert.deepEqual(Array.from(p.inputs.subarray(0, 4)), [0.75, 1, 0, 0]);
  assert.throws(() => pickExamples(e, [2]), /index/);
});
