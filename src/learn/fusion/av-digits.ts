/**
 * "AV-digits", a generated two-modality digit task for the inverse-effectiveness fusion notebook
 * (paper 12): the visual modality is an MNIST digit (any size, e.g. pooled 14×14) plus Gaussian
 * pixel noise at a chosen SNR; the "audio" modality is a fixed class prototype (unit-norm Gaussian
 * vector) plus Gaussian noise at its own SNR. Prototypes of classes c and c+5 share most of their
 * coordinates, so audio alone confuses those digit pairs while vision does not.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../../data/image-set.js";
import { badOption } from "../messages.js";

/** Options of `audioPrototypes`. */
export interface PrototypeOptions {
  /** Dimension of the audio vector; default 64. */
  readonly dim?: number;
  /** Number of classes (even); default 10. */
  readonly classes?: number;
  /** Fraction of coordinates classes c and c + classes/2 share before normalisation; default 0.75. */
  readonly shared?: number;
}

/**
 * Class prototypes [classes × dim], each of unit norm. Class c < classes/2 draws a standard normal
 * vector; class c + classes/2 copies it and redraws a seeded random (1 − shared) fraction of the
 * coordinates; both are then normalised.
 */
export function audioPrototypes(rng: Rng, options: PrototypeOptions = {}): Float32Array {
  const dim = options.dim ?? 64;
  const classes = options.classes ?? 10;
  const shared = options.shared ?? 0.75;
  if (!(Number.isInteger(classes) && classes >= 2 && classes % 2 === 0)) throw new CajalError(badOption("audioPrototypes", "classes", classes, "an even integer ≥ 2"));
  if (!(shared >= 0 && shared <= 1)) throw new CajalError(badOption("audioPrototypes", "shared", shared, "a fraction in [0, 1]"));
  const out = new Float32Array(classes * dim);
  const half = classes / 2;
  const own = Math.round((1 - shared) * dim);
  for (let c = 0; c < half; c++) {
    const base = Array.from({ length: dim }, () => rng.normal());
    const partner = base.slice();
    const order = rng.shuffle(Array.from({ length: dim }, (_, i) => i));
    for (let k = 0; k < own; k++) partner[order[k]!] = rng.normal();
    for (const [cls, v] of [[c, base], [c + half, partner]] as const) {
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      for (let i = 0; i < dim; i++) out[cls * dim + i] = v[i]! / norm;
    }
  }
  return out;
}

/** Standard deviation of Gaussian noise that gives `snrDb` against a signal of mean power `signalPower`. */
export function noiseSdForSnr(signalPower: number, snrDb: number): number {
  return Math.sqrt(signalPower / 10 ** (snrDb / 10));
}

/** A two-modality data set: visual and audio vectors of the same labelled examples. */
export interface AvSet {
  /** count × visualDim. */
  readonly visual: Float32Array;
  /** count × audioDim. */
  readonly audio: Float32Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly visualDim: number;
  readonly audioDim: number;
  readonly classes: number;
}

/** Options of `avDigits`. */
export interface AvDigitsOptions {
  /** The digits (already pooled if wanted); one example per image. */
  readonly images: ImageSet;
  /** `audioPrototypes` output. */
  readonly prototypes: Float32Array;
  /** Visual SNR in dB against the mean pixel power of `images`. */
  readonly visualSnrDb: number;
  /** Audio SNR in dB against the prototypes' power per coordinate (1/dim). */
  readonly audioSnrDb: number;
  readonly rng: Rng;
}

/**
 * Noisy visual and audio views of each image's class. The visual noise level is fixed for the whole
 * set (from the set's mean pixel power), so every image sees the same noise variance.
 */
export function avDigits(options: AvDigitsOptions): AvSet {
  const { images, prototypes, rng } = options;
  const visualDim = images.rows * images.cols;
  const classes = images.classes;
  const audioDim = prototypes.length / classes;
  if (!Number.isInteger(audioDim)) throw new CajalError(badOption("avDigits", "prototypes.length", prototypes.length, `a multiple of ${classes} classes`));
  let power = 0;
  for (let i = 0; i < images.count * visualDim; i++) power += images.images[i]! * images.images[i]!;
  power /= images.count * visualDim;
  const visualSd = noiseSdForSnr(power, options.visualSnrDb);
  const audioSd = noiseSdForSnr(1 / audioDim, options.audioSnrDb);
  const visual = new Float32Array(images.count * visualDim);
  const audio = new Float32Array(images.count * audioDim);
  const vr = rng.stream("visual noise"), ar = rng.stream("audio noise");
  for (let i = 0; i < images.count * visualDim; i++) visual[i] = images.images[i]! + visualSd * vr.normal();
  for (let n = 0; n < images.count; n++) {
    const c = images.labels[n]!;
    for (let d = 0; d < audioDim; d++) audio[n * audioDim + d] = prototypes[c * audioDim + d]! + audioSd * ar.normal();
  }
  return { visual, audio, labels: Uint8Array.from(images.labels.subarray(0, images.count)), count: images.count, visualDim, audioDim, classes };
}
