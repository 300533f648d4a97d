/**
 * Seeded corruptions of greyscale images in [0, 1] — an MNIST analogue of ImageNet-C / CIFAR-10-C
 * (Hendrycks & Dietterich 2019) for test-time adaptation: noise, blur, photometric and geometric
 * shifts, each at one high severity by default (the settings of notebook 08) and each the
 * identity at its neutral setting.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../image-set.js";
import { gaussianBlur, motionBlur, motionKernel } from "./blur.js";
import { elastic, pixelate, rotate, rotateImage } from "./geometric.js";
import { unknownCorruption } from "./messages.js";
import { gaussianNoise, impulseNoise, shotNoise, speckleNoise } from "./noise.js";
import { contrast, fog, pinkField } from "./photometric.js";

export { gaussianNoise, shotNoise, impulseNoise, speckleNoise, gaussianBlur, motionBlur, motionKernel, contrast, fog, pinkField, pixelate, rotate, rotateImage, elastic };
export { bilinear, convolve2d, gaussianKernel1d, separableConvolve } from "./filters.js";
export { type ImageTransform, mapImages } from "./per-image.js";

/** The corruptions `corrupt` knows, by name. */
export const CORRUPTION_NAMES = [
  "gaussian-noise", "shot-noise", "impulse-noise", "gaussian-blur", "motion-blur",
  "contrast", "fog", "pixelate", "rotation", "elastic", "speckle-noise",
] as const;
/** One of `CORRUPTION_NAMES`. */
export type CorruptionName = (typeof CORRUPTION_NAMES)[number];

/** What each corruption does at its default severity, in words (for tables and captions). */
export const CORRUPTION_SETTINGS: Readonly<Record<CorruptionName, string>> = {
  "gaussian-noise": "σ = 0.5",
  "shot-noise": "10 photons per unit intensity",
  "impulse-noise": "p = 0.2",
  "gaussian-blur": "σ = 1.5 px",
  "motion-blur": "length 7 px, random angle",
  "contrast": "× 0.25 about the mean",
  "fog": "1/f field, amplitude 0.5",
  "pixelate": "7 × 7 and back",
  "rotation": "± 40°",
  "elastic": "α = 34 px, σ = 4 px",
  "speckle-noise": "σ = 0.6 (multiplicative)",
};

/**
 * The set corrupted by `name` at its default severity, drawing from `rng` (deterministic
 * corruptions ignore it). Labels are kept; images are new.
 *
 * @example
 * const noisy = corruptions.corrupt(test, "gaussian-noise", rng.stream("gaussian-noise"));
 */
export function corrupt(set: ImageSet, name: CorruptionName, rng: Rng): ImageSet {
  switch (name) {
    case "gaussian-noise": return gaussianNoise(set, rng);
    case "shot-noise": return shotNoise(set, rng);
    case "impulse-noise": return impulseNoise(set, rng);
    case "speckle-noise": return speckleNoise(set, rng);
    case "gaussian-blur": return gaussianBlur(set);
    case "motion-blur": return motionBlur(set, rng);
    case "contrast": return contrast(set);
    case "fog": return fog(set, rng);
    case "pixelate": return pixelate(set);
    case "rotation": return rotate(set, rng);
    case "elastic": return elastic(set, rng);
    default: throw new CajalError(unknownCorruption(String(name), CORRUPTION_NAMES));
  }
}
