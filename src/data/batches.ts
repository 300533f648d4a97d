/** Mini-batches over an image set, optionally in a seeded random order per epoch. */
import type { Rng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import { type ImageSet, pixelsOf, shuffledIndices } from "./image-set.js";
import { badDataOption } from "./messages.js";

/** One mini-batch; its arrays are reused by the next batch of the same iterator, so copy to keep. */
export interface Batch {
  /** size × pixels, float32. */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
  /** Indices into the set. */
  readonly indices: Uint32Array;
  readonly size: number;
}

/** Options of `batches`. */
export interface BatchOptions {
  readonly batchSize: number;
  /** Shuffle with this generator (one permutation per call); in file order when absent. */
  readonly rng?: Rng;
  /** Keep the last, smaller batch (default true, as PyTorch's DataLoader). */
  readonly keepLast?: boolean;
}

/** Iterates over one epoch of mini-batches. */
export function* batches(set: ImageSet, options: BatchOptions): Generator<Batch> {
  const { batchSize } = options;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new CajalError(badDataOption("batches", "batchSize", batchSize, "an integer ≥ 1"));
  const order = options.rng ? shuffledIndices(set.count, options.rng) : Uint32Array.from({ length: set.count }, (_, i) => i);
  const pixels = pixelsOf(set);
  const images = new Float32Array(batchSize * pixels);
  const labels = new Uint8Array(batchSize);
  for (let start = 0; start < set.count; start += batchSize) {
    const size = Math.min(batchSize, set.count - start);
    if (size < batchSize && options.keepLast === false) return;
    const indices = order.subarray(start, start + size);
    for (let k = 0; k < size; k++) {
      const i = indices[k]!;
      images.set(set.images.subarray(i * pixels, (i + 1) * pixels), k * pixels);
      labels[k] = set.labels[i]!;
    }
    yield { images: size === batchSize ? images : images.subarray(0, size * pixels), labels: size === batchSize ? labels : labels.subarray(0, size), indices, size };
  }
}
