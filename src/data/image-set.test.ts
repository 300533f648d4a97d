import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import { batches } from "./batches.js";
import { type ImageSet, averagePool, labelHistogram, permutePixels, randomPixelPermutation, shuffledIndices, split, subset } from "./image-set.js";
import { loadMnist } from "./mnist.js";

function tiny(count: number): ImageSet {
  const images = new Float32Array(count * 4 * 4);
  for (let i = 0; i < images.length; i++) images[i] = (i % 17) / 16;
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 3);
  return { images, labels, count, rows: 4, cols: 4, classes: 3 };
}

test("averagePool: 28×28 MNIST becomes 14×14 and each pixel is the mean of its 2×2 block", () => {
  const { test: t } = loadMnist();
  const pooled = averagePool(t);
  assert.equal(pooled.rows, 14);
  assert.equal(pooled.images.length, 10000 * 196);
  for (const [i, r, c] of [[0, 7, 7], [3, 10, 4], [9999, 5, 9]] as const) {
    const src = (rr: number, cc: number) => t.images[i * 784 + rr * 28 + cc]!;
    const expected = (src(2 * r, 2 * c) + src(2 * r, 2 * c + 1) + src(2 * r + 1, 2 * c) + src(2 * r + 1, 2 * c + 1)) / 4;
    assert.ok(Math.abs(pooled.images[i * 196 + r * 14 + c]! - expected) < 1e-6);
  }
  assert.throws(() => averagePool(t, 3), CajalError);
});

test("shuffledIndices: a permutation, reproducible from the seed, different for another seed", () => {
  const a = shuffledIndices(1000, createRng(1));
  assert.deepEqual(Array.from(a).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.deepEqual(Array.from(shuffledIndices(1000, createRng(1))), Array.from(a));
  assert.notDeepEqual(Array.from(shuffledIndices(1000, createRng(2))), Array.from(a));
});

test("permutePixels: pixel p of the result is pixel perm[p] of the source, for every image", () => {
  const set = tiny(3);
  const perm = randomPixelPermutation(set, createRng(4));
  const out = permutePixels(set, perm);
  for (let i = 0; i < 3; i++) for (let p = 0; p < 16; p++) assert.equal(out.images[i * 16 + p], set.images[i * 16 + perm[p]!]);
  assert.deepEqual(labelHistogram(out), labelHistogram(set));
  assert.throws(() => permutePixels(set, [0, 1]), CajalError);
});

test("split and subset: disjoint parts that together hold every image once", () => {
  const set = tiny(20);
  const { first, second } = split(set, 0.25, createRng(5));
  assert.equal(first.count, 5);
  assert.equal(second.count, 15);
  const seen = new Set<string>();
  for (const part of [first, second]) for (let i = 0; i < part.count; i++) seen.add(`${part.labels[i]}:${part.images.subarray(i * 16, i * 16 + 16).join(",")}`);
  assert.equal(first.count + second.count, 20);
  const s = subset(set, [3, 0]);
  assert.deepEqual(Array.from(s.labels), [0, 0]);
  assert.deepEqual(Array.from(s.images.subarray(0, 16)), Array.from(set.images.subarray(48, 64)));
  assert.throws(() => subset(set, [20]), CajalError);
});

test("batches: cover the epoch once in seeded order, keep the last partial batch unless asked not to", () => {
  const set = tiny(10);
  const seen: number[] = [];
  const sizes: number[] = [];
  for (const b of batches(set, { batchSize: 4, rng: createRng(6) })) {
    sizes.push(b.size);
    for (let k = 0; k < b.size; k++) {
      const i = b.indices[k]!;
      seen.push(i);
      assert.equal(b.labels[k], set.labels[i]);
      assert.deepEqual(Array.from(b.images.subarray(k * 16, (k + 1) * 16)), Array.from(set.images.subarray(i * 16, (i + 1) * 16)));
    }
  }
  assert.deepEqual(sizes, [4, 4, 2]);
  assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 10 }, (_, i) => i));
  assert.deepEqual(seen, Array.from(shuffledIndices(10, createRng(6))));
  assert.deepEqual([...batches(set, { batchSize: 4, keepLast: false })].length, 2);
});
