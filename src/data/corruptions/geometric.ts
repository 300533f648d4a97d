/** Geometric corruptions: pixelation, rotation and elastic warping (bilinear resampling). */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../image-set.js";
import { bilinear, gaussianKernel1d, separableConvolve } from "./filters.js";
import { badCorruptionOption } from "./messages.js";
import { mapImages } from "./per-image.js";

/**
 * Down to `size` × `size` by averaging blocks, and back up by repeating each block's mean (a box
 * filter both ways, as PIL's BOX resize). Default 7 (4 × 4 blocks of a 28 × 28 image); the image
 * size is the identity. `size` must divide the image's rows and columns.
 */
export function pixelate(set: ImageSet, options: { readonly size?: number } = {}): ImageSet {
  const size = options.size ?? 7;
  if (!(Number.isInteger(size) && size >= 1 && set.rows % size === 0 && set.cols % size === 0)) {
    throw new CajalError(badCorruptionOption("corruptions.pixelate", "size", size, `a divisor of ${set.rows} and ${set.cols}`));
  }
  const br = set.rows / size;
  const bc = set.cols / size;
  return mapImages(set, (src, dst) => {
    for (let R = 0; R < size; R++) {
      for (let C = 0; C < size; C++) {
        let s = 0;
        for (let r = R * br; r < (R + 1) * br; r++) for (let c = C * bc; c < (C + 1) * bc; c++) s += src[r * set.cols + c]!;
        const mean = s / (br * bc);
        for (let r = R * br; r < (R + 1) * br; r++) for (let c = C * bc; c < (C + 1) * bc; c++) dst[r * set.cols + c] = mean;
      }
    }
  });
}

/** Rotates one image by `radians` (counter-clockwise as seen) about its centre, bilinear, 0 outside. */
export function rotateImage(src: ArrayLike<number>, rows: number, cols: number, radians: number, dst: Float32Array): void {
  const cy = (rows - 1) / 2;
  const cx = (cols - 1) / 2;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Inverse map: the source point that lands on (r, c). Rows grow downwards, so a visual
      // counter-clockwise turn is clockwise in (row, col) coordinates.
      const y = r - cy;
      const x = c - cx;
      const sx = cos * x - sin * y;
      const sy = sin * x + cos * y;
      dst[r * cols + c] = bilinear(src, rows, cols, cy + sy, cx + sx);
    }
  }
}

/**
 * Rotation of each image by ±`degrees` (default 40), the sign drawn at random per image; with
 * `uniform: true` the angle is drawn uniformly from [−degrees, degrees] instead. 0 is the identity.
 */
export function rotate(set: ImageSet, rng: Rng, options: { readonly degrees?: number; readonly uniform?: boolean } = {}): ImageSet {
  const degrees = options.degrees ?? 40;
  if (!(degrees >= 0 && degrees <= 180)) throw new CajalError(badCorruptionOption("corruptions.rotate", "degrees", degrees, "an angle in [0, 180] degrees"));
  return mapImages(set, (src, dst) => {
    const angle = options.uniform ? (2 * rng.uniform() - 1) * degrees : (rng.uniform() < 0.5 ? -degrees : degrees);
    if (angle === 0) { dst.set(src); return; }
    rotateImage(src, set.rows, set.cols, (angle * Math.PI) / 180, dst);
  });
}

/**
 * Elastic distortion (Simard, Steinkraus & Platt 2003): displacement fields U(−1, 1) per pixel and
 * axis, smoothed by a Gaussian of s.d. `sigmaPx` (default 4; mirrored at the border), scaled by
 * `alpha` pixels (default 34), and the image resampled bilinearly at the displaced points.
 * alpha 0 is the identity.
 */
export function elastic(set: ImageSet, rng: Rng, options: { readonly alpha?: number; readonly sigmaPx?: number } = {}): ImageSet {
  const alpha = options.alpha ?? 34;
  const sigma = options.sigmaPx ?? 4;
  const problems = [];
  if (!(alpha >= 0 && Number.isFinite(alpha))) problems.push(badCorruptionOption("corruptions.elastic", "alpha", alpha, "a finite scale ≥ 0 pixels"));
  if (!(sigma > 0 && Number.isFinite(sigma))) problems.push(badCorruptionOption("corruptions.elastic", "sigmaPx", sigma, "a finite s.d. > 0 pixels"));
  if (problems.length) throw new CajalError(problems);
  const { rows, cols } = set;
  const kernel = gaussianKernel1d(sigma);
  const raw = new Float64Array(rows * cols);
  const dy = new Float64Array(rows * cols);
  const dx = new Float64Array(rows * cols);
  const scratch = new Float64Array(rows * cols);
  return mapImages(set, (src, dst) => {
    if (alpha === 0) { dst.set(src); return; }
    for (const field of [dy, dx]) {
      for (let p = 0; p < raw.length; p++) raw[p] = 2 * rng.uniform() - 1;
      separableConvolve(raw, rows, cols, kernel, "reflect", field, scratch);
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const p = r * cols + c;
        dst[p] = bilinear(src, rows, cols, r + alpha * dy[p]!, c + alpha * dx[p]!);
      }
    }
  });
}
