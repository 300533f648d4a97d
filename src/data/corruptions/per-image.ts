/** Applies a per-image transformation to a whole set, into a new set with the same labels. */
import type { ImageSet } from "../image-set.js";

/** A transformation of one image: read `source`, write every pixel of `target` (both rows·cols). */
export type ImageTransform = (source: Float32Array, target: Float32Array, index: number) => void;

/** A copy of `set` whose image i is `transform(image i)`; labels are shared, images are new. */
export function mapImages(set: ImageSet, transform: ImageTransform): ImageSet {
  const pixels = set.rows * set.cols;
  const images = new Float32Array(set.count * pixels);
  for (let i = 0; i < set.count; i++) {
    transform(set.images.subarray(i * pixels, (i + 1) * pixels), images.subarray(i * pixels, (i + 1) * pixels), i);
  }
  return { ...set, images };
}
