/** Photometric corruptions: lowered contrast and fog (smooth 1/f noise added to the image). */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { fftInPlace, nextPowerOfTwo } from "../../core/fft.js";
import type { ImageSet } from "../image-set.js";
import { badCorruptionOption } from "./messages.js";
import { mapImages } from "./per-image.js";

/**
 * Scales each image's deviations from its own mean: x' = m + factor·(x − m), as ImageNet-C's
 * contrast. Default factor 0.25; 1 is the identity. The image mean is unchanged.
 */
export function contrast(set: ImageSet, options: { readonly factor?: number } = {}): ImageSet {
  const factor = options.factor ?? 0.25;
  if (!(factor >= 0 && factor <= 1)) throw new CajalError(badCorruptionOption("corruptions.contrast", "factor", factor, "a factor in [0, 1]"));
  return mapImages(set, (src, dst) => {
    let mean = 0;
    for (let p = 0; p < src.length; p++) mean += src[p]!;
    mean /= src.length;
    for (let p = 0; p < src.length; p++) dst[p] = mean + factor * (src[p]! - mean);
  });
}

/**
 * A random field with amplitude spectrum ∝ 1/f (power ∝ 1/f², the spectrum of natural images and
 * of ImageNet-C's plasma fractal), rescaled to [0, 1] (min to 0, max to 1). Made on the next
 * power-of-two grid by an inverse FFT of random complex Gaussian coefficients, then cropped.
 * Returns rows·cols values.
 */
export function pinkField(rows: number, cols: number, rng: Rng): Float64Array {
  const n = nextPowerOfTwo(Math.max(rows, cols, 2));
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let u = 0; u < n; u++) {
    const fu = u <= n / 2 ? u : u - n;
    for (let v = 0; v < n; v++) {
      const fv = v <= n / 2 ? v : v - n;
      const f = Math.hypot(fu, fv);
      if (f === 0) continue; // no DC: the field's level is set by the rescaling below
      re[u * n + v] = rng.normal() / f;
      im[u * n + v] = rng.normal() / f;
    }
  }
  // 2-D inverse FFT: rows, then columns. The real part of a transform of independent complex
  // coefficients is a real field with the same spectrum shape.
  const rowRe = new Float64Array(n);
  const rowIm = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    rowRe.set(re.subarray(u * n, (u + 1) * n));
    rowIm.set(im.subarray(u * n, (u + 1) * n));
    fftInPlace(rowRe, rowIm, true);
    re.set(rowRe, u * n);
    im.set(rowIm, u * n);
  }
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) { rowRe[u] = re[u * n + v]!; rowIm[u] = im[u * n + v]!; }
    fftInPlace(rowRe, rowIm, true);
    for (let u = 0; u < n; u++) re[u * n + v] = rowRe[u]!;
  }
  const field = new Float64Array(rows * cols);
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = re[r * n + c]!;
      field[r * cols + c] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const span = hi - lo || 1;
  for (let i = 0; i < field.length; i++) field[i] = (field[i]! - lo) / span;
  return field;
}

/**
 * Fog: x' = (x + amplitude·F)/(1 + amplitude) with F a fresh 1/f field in [0, 1] per image
 * (ImageNet-C adds a plasma fractal and rescales the same way, so the result stays in [0, 1]
 * without clipping). Default amplitude 0.5; 0 is the identity.
 */
export function fog(set: ImageSet, rng: Rng, options: { readonly amplitude?: number } = {}): ImageSet {
  const amplitude = options.amplitude ?? 0.5;
  if (!(amplitude >= 0 && Number.isFinite(amplitude))) throw new CajalError(badCorruptionOption("corruptions.fog", "amplitude", amplitude, "a finite amplitude ≥ 0"));
  return mapImages(set, (src, dst) => {
    if (amplitude === 0) { dst.set(src); return; }
    const field = pinkField(set.rows, set.cols, rng);
    for (let p = 0; p < src.length; p++) dst[p] = (src[p]! + amplitude * field[p]!) / (1 + amplitude);
  });
}
