/** Blur: Gaussian (separable) and motion blur (a line kernel at a random angle per image). */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../image-set.js";
import { convolve2d, gaussianKernel1d, separableConvolve } from "./filters.js";
import { badCorruptionOption } from "./messages.js";
import { mapImages } from "./per-image.js";

/**
 * Convolution with a normalised Gaussian of s.d. `sdPx` pixels (default 1.5), zero outside the
 * image, so an image away from the border keeps its total intensity. sd 0 is the identity.
 */
export function gaussianBlur(set: ImageSet, options: { readonly sdPx?: number } = {}): ImageSet {
  const sd = options.sdPx ?? 1.5;
  if (!(sd >= 0 && Number.isFinite(sd))) throw new CajalError(badCorruptionOption("corruptions.gaussianBlur", "sdPx", sd, "a finite s.d. ≥ 0 pixels"));
  if (sd === 0) return mapImages(set, (src, dst) => dst.set(src));
  const kernel = gaussianKernel1d(sd);
  const scratch = new Float64Array(set.rows * set.cols);
  return mapImages(set, (src, dst) => separableConvolve(src, set.rows, set.cols, kernel, "zero", dst, scratch));
}

/**
 * The kernel of a straight motion of `lengthPx` pixels at `angle` radians: a segment of that length
 * (end to end) centred on a size × size grid (size the odd number ≥ length), sampled at 8 evenly
 * spaced points per pixel, spread onto the grid bilinearly (what falls off the grid is dropped) and
 * normalised to sum 1. Row-major, size·size values.
 */
export function motionKernel(lengthPx: number, angle: number): { kernel: Float64Array; size: number } {
  const size = 2 * Math.ceil((lengthPx - 1) / 2) + 1;
  const kernel = new Float64Array(size * size);
  const centre = (size - 1) / 2;
  const samples = Math.max(1, Math.ceil(8 * lengthPx));
  const dx = Math.cos(angle);
  const dy = -Math.sin(angle); // image rows grow downwards
  for (let s = 0; s < samples; s++) {
    const t = ((s + 0.5) / samples - 0.5) * lengthPx;
    const y = centre + t * dy;
    const x = centre + t * dx;
    const r0 = Math.floor(y);
    const c0 = Math.floor(x);
    const fy = y - r0;
    const fx = x - c0;
    const add = (r: number, c: number, w: number) => {
      if (w > 0 && r >= 0 && r < size && c >= 0 && c < size) kernel[r * size + c]! += w;
    };
    add(r0, c0, (1 - fy) * (1 - fx));
    add(r0, c0 + 1, (1 - fy) * fx);
    add(r0 + 1, c0, fy * (1 - fx));
    add(r0 + 1, c0 + 1, fy * fx);
  }
  let sum = 0;
  for (const v of kernel) sum += v;
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return { kernel, size };
}

/**
 * Motion blur: each image is convolved with a line kernel of `lengthPx` pixels (default 7) at an
 * angle drawn uniformly from [0, π); zero outside the image. Length 1 is the identity.
 */
export function motionBlur(set: ImageSet, rng: Rng, options: { readonly lengthPx?: number } = {}): ImageSet {
  const length = options.lengthPx ?? 7;
  if (!(length >= 1 && Number.isFinite(length))) throw new CajalError(badCorruptionOption("corruptions.motionBlur", "lengthPx", length, "a finite length ≥ 1 pixel"));
  return mapImages(set, (src, dst) => {
    const { kernel, size } = motionKernel(length, Math.PI * rng.uniform());
    convolve2d(src, set.rows, set.cols, kernel, size, dst);
  });
}
