/**
 * Pixel noise, as in ImageNet-C (Hendrycks & Dietterich 2019) on [0, 1] images: Gaussian,
 * shot (Poisson), impulse (salt and pepper) and speckle (multiplicative) noise. Every result is
 * clipped to [0, 1], as ImageNet-C clips.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../image-set.js";
import { clip01 } from "./filters.js";
import { badCorruptionOption } from "./messages.js";
import { mapImages } from "./per-image.js";

function checkFinite(place: string, name: string, value: number, min: number, max = Infinity): void {
  if (!(value >= min && value <= max && Number.isFinite(value))) throw new CajalError(badCorruptionOption(place, name, value, `a finite number in [${min}, ${max}]`));
}

/** x + N(0, sd²) per pixel, clipped. Default sd 0.5 (the notebook's severity); sd 0 is the identity. */
export function gaussianNoise(set: ImageSet, rng: Rng, options: { readonly sd?: number } = {}): ImageSet {
  const sd = options.sd ?? 0.5;
  checkFinite("corruptions.gaussianNoise", "sd", sd, 0);
  return mapImages(set, (src, dst) => {
    for (let p = 0; p < src.length; p++) dst[p] = sd === 0 ? src[p]! : clip01(src[p]! + rng.normal(0, sd));
  });
}

/**
 * Poisson(photons·x)/photons per pixel, clipped: a photon count with `photons` expected photons
 * at intensity 1 (default 10). Fewer photons, more noise; `Infinity` is the noiseless limit.
 */
export function shotNoise(set: ImageSet, rng: Rng, options: { readonly photons?: number } = {}): ImageSet {
  const photons = options.photons ?? 10;
  if (!(photons > 0)) throw new CajalError(badCorruptionOption("corruptions.shotNoise", "photons", photons, "a number of photons per unit intensity > 0 (Infinity: no noise)"));
  return mapImages(set, (src, dst) => {
    for (let p = 0; p < src.length; p++) dst[p] = photons === Infinity ? src[p]! : clip01(rng.poisson(photons * src[p]!) / photons);
  });
}

/** Each pixel becomes 0 or 1 (equally likely) with probability `probability` (default 0.2). */
export function impulseNoise(set: ImageSet, rng: Rng, options: { readonly probability?: number } = {}): ImageSet {
  const probability = options.probability ?? 0.2;
  checkFinite("corruptions.impulseNoise", "probability", probability, 0, 1);
  return mapImages(set, (src, dst) => {
    for (let p = 0; p < src.length; p++) {
      if (probability > 0 && rng.uniform() < probability) dst[p] = rng.uniform() < 0.5 ? 0 : 1;
      else dst[p] = src[p]!;
    }
  });
}

/** x + x·N(0, sd²) per pixel, clipped (ImageNet-C's speckle; default sd 0.6, its severity 5). */
export function speckleNoise(set: ImageSet, rng: Rng, options: { readonly sd?: number } = {}): ImageSet {
  const sd = options.sd ?? 0.6;
  checkFinite("corruptions.speckleNoise", "sd", sd, 0);
  return mapImages(set, (src, dst) => {
    for (let p = 0; p < src.length; p++) dst[p] = sd === 0 ? src[p]! : clip01(src[p]! * (1 + rng.normal(0, sd)));
  });
}
