/**
 * A labelled set of greyscale images held in typed arrays, and the seeded transformations the
 * notebooks need: subsets, splits, shuffles, pixel permutations and average pooling.
 */
import type { Rng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import { badDataOption } from "./messages.js";

/** Images and labels, row-major: image i occupies images[i·rows·cols … (i+1)·rows·cols). */
export interface ImageSet {
  /** Pixel intensities in [0, 1], float32, count × rows × cols. */
  readonly images: Float32Array;
  /** Class of each image. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** Number of classes (10 for MNIST). */
  readonly classes: number;
}

/** Pixels per image. */
export function pixelsOf(set: ImageSet): number {
  return set.rows * set.cols;
}

/** How many images of each class. */
export function labelHistogram(set: Pick<ImageSet, "labels" | "classes">): number[] {
  const counts = new Array<number>(set.classes).fill(0);
  for (const label of set.labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

/** A uniformly random permutation of 0 … n−1 (Fisher–Yates with the given generator). */
export function shuffledIndices(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** The images at `indices`, in that order (copied). */
export function subset(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const pixels = pixelsOf(set);
  const images = new Float32Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(i >= 0 && i < set.count)) throw new CajalError(badDataOption("subset", "index", i, `0 … ${set.count - 1}`));
    images.set(set.images.subarray(i * pixels, (i + 1) * pixels), k * pixels);
    labels[k] = set.labels[i]!;
  }
  return { ...set, images, labels, count: indices.length };
}

/**
 * Splits a set at random into two disjoint parts; `first` is the number (≥ 1) or fraction (< 1)
 * of images in the first part. E.g. a validation split: `split(train, 55000, rng)`.
 */
export function split(set: ImageSet, first: number, rng: Rng): { first: ImageSet; second: ImageSet } {
  const n = first < 1 ? Math.round(first * set.count) : first;
  if (!(Number.isInteger(n) && n >= 0 && n <= set.count)) {
    throw new CajalError(badDataOption("split", "first", first, `a count in 0 … ${set.count} or a fraction in [0, 1)`));
  }
  const order = shuffledIndices(set.count, rng);
  return { first: subset(set, order.subarray(0, n)), second: subset(set, order.subarray(n)) };
}

/** The same pixel permutation applied to every image (permuted-MNIST tasks). */
export function permutePixels(set: ImageSet, permutation: ArrayLike<number>): ImageSet {
  const pixels = pixelsOf(set);
  if (permutation.length !== pixels) throw new CajalError(badDataOption("permutePixels", "permutation.length", permutation.length, `${pixels}, one entry per pixel`));
  const images = new Float32Array(set.images.length);
  for (let i = 0; i < set.count; i++) {
    const base = i * pixels;
    for (let p = 0; p < pixels; p++) images[base + p] = set.images[base + permutation[p]!]!;
  }
  return { ...set, images };
}

/** A random pixel permutation for `set`, drawn from `rng`. */
export function randomPixelPermutation(set: ImageSet, rng: Rng): Uint32Array {
  return shuffledIndices(pixelsOf(set), rng);
}

/** Average pooling over non-overlapping size × size blocks (28×28 → 14×14 for size 2). */
export function averagePool(set: ImageSet, size = 2): ImageSet {
  if (!(Number.isInteger(size) && size >= 1 && set.rows % size === 0 && set.cols % size === 0)) {
    throw new CajalError(badDataOption("averagePool", "size", size, `a divisor of ${set.rows} and ${set.cols}`));
  }
  const rows = set.rows / size;
  const cols = set.cols / size;
  const images = new Float32Array(set.count * rows * cols);
  const inv = 1 / (size * size);
  for (let i = 0; i < set.count; i++) {
    const src = i * set.rows * set.cols;
    const dst = i * rows * cols;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        for (let dr = 0; dr < size; dr++) {
          const row = src + (r * size + dr) * set.cols + c * size;
          for (let dc = 0; dc < size; dc++) sum += set.images[row + dc]!;
        }
        images[dst + r * cols + c] = sum * inv;
      }
    }
  }
  return { ...set, images, rows, cols };
}

/** The first `n` images (a quick-mode subset that keeps the file's order). */
export function head(set: ImageSet, n: number): ImageSet {
  const count = Math.min(n, set.count);
  const pixels = pixelsOf(set);
  return { ...set, images: set.images.subarray(0, count * pixels), labels: set.labels.subarray(0, count), count };
}
