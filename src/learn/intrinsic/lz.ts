/**
 * Lempel–Ziv (1976) complexity of binary sequences and the per-neuron LZC feature vector of a
 * spike raster, the representation of Rudnicka, Szczepanski & Pregowska's SNN + LZC classifier.
 *
 * LZ76 counts the words of the exhaustive parsing: each new word is the shortest extension of the
 * current position that cannot be copied from earlier in the sequence (overlap allowed). The
 * Kaspar & Schuster (1987) scan computes it in O(n²) worst case and ~O(n) for random sequences.
 * Normalised complexity c·log₂(n)/n tends to the entropy rate (in bits) for ergodic sources.
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/**
 * LZ76 complexity (number of words of the exhaustive parsing) of the binary sequence
 * `bits[offset + k·stride]`, k = 0 … length−1 (non-zero entries count as 1). Empty: 0.
 *
 * @example lz76Complexity(Uint8Array.from([0,0,0,1,1,0,1,0,0,1,0,0,0,1,0,1])) // 6: 0·001·10·100·1000·101
 */
export function lz76Complexity(bits: ArrayLike<number>, options: { offset?: number; length?: number; stride?: number } = {}): number {
  const offset = options.offset ?? 0;
  const stride = options.stride ?? 1;
  const n = options.length ?? Math.floor((bits.length - offset + stride - 1) / stride);
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(stride) && stride >= 1 && offset + (n - 1) * stride < bits.length + (n === 0 ? 1 : 0))) {
    throw new CajalError(badOption("lz76Complexity", "length/offset/stride", `${n}/${offset}/${stride}`, `a range inside the ${bits.length} given values`));
  }
  if (n === 0) return 0;
  if (n === 1) return 1;
  const at = (k: number): number => (bits[offset + k * stride] ? 1 : 0);
  // Kaspar–Schuster: i scans candidate copy starts, l is where the current word starts, k its length.
  let i = 0, k = 1, l = 1, kMax = 1, c = 1;
  for (;;) {
    if (at(i + k - 1) === at(l + k - 1)) {
      k++;
      if (l + k > n) { c++; break; }
    } else {
      if (k > kMax) kMax = k;
      i++;
      if (i === l) {
        c++;
        l += kMax;
        if (l + 1 > n) break;
        i = 0; k = 1; kMax = 1;
      } else {
        k = 1;
      }
    }
  }
  return c;
}

/** LZ76 complexity normalised by n/log₂n (≈ 1 for a fair coin, → 0 for regular sequences). */
export function normalisedLz(bits: ArrayLike<number>, options: { offset?: number; length?: number; stride?: number } = {}): number {
  const stride = options.stride ?? 1;
  const n = options.length ?? Math.floor((bits.length - (options.offset ?? 0) + stride - 1) / stride);
  if (n < 2) return 0;
  return (lz76Complexity(bits, options) * Math.log2(n)) / n;
}

/**
 * Per-neuron normalised LZ76 complexity of rasters stored [trial, step, neuron] (0/1):
 * returns [trial, neuron] row-major, one feature vector per trial.
 */
export function lzFeatures(raster: ArrayLike<number>, trials: number, steps: number, neurons: number): Float64Array {
  if (raster.length !== trials * steps * neurons) {
    throw new CajalError(badOption("lzFeatures", "raster length", raster.length, `trials·steps·neurons = ${trials * steps * neurons}`));
  }
  const out = new Float64Array(trials * neurons);
  for (let r = 0; r < trials; r++) {
    for (let j = 0; j < neurons; j++) {
      out[r * neurons + j] = normalisedLz(raster, { offset: r * steps * neurons + j, length: steps, stride: neurons });
    }
  }
  return out;
}

/** A nearest-class-centroid classifier on feature rows (Euclidean distance). */
export interface CentroidClassifier {
  /** Class centroids [class, feature] row-major. */
  readonly centroids: Float64Array;
  readonly classes: number;
  readonly features: number;
  /** The nearest centroid's class for each row of `x` [rows, features]. */
  predict(x: ArrayLike<number>): Int32Array;
}

/** Fits class means of rows `x` [rows, features] with labels 0 … classes−1. */
export function fitCentroids(x: ArrayLike<number>, labels: ArrayLike<number>, classes: number): CentroidClassifier {
  const rows = labels.length;
  const features = x.length / rows;
  if (!Number.isInteger(features) || rows === 0) throw new CajalError(badOption("fitCentroids", "x length", x.length, `a multiple of the ${rows} labels`));
  const centroids = new Float64Array(classes * features);
  const counts = new Float64Array(classes);
  for (let r = 0; r < rows; r++) {
    const c = labels[r]!;
    if (!(Number.isInteger(c) && c >= 0 && c < classes)) throw new CajalError(badOption("fitCentroids", `labels[${r}]`, c, `an integer in 0…${classes - 1}`));
    counts[c]!++;
    for (let f = 0; f < features; f++) centroids[c * features + f]! += x[r * features + f]!;
  }
  for (let c = 0; c < classes; c++) {
    if (counts[c] === 0) throw new CajalError(badOption("fitCentroids", `class ${c}`, "absent", "every class present in the training rows"));
    for (let f = 0; f < features; f++) centroids[c * features + f]! /= counts[c]!;
  }
  return {
    centroids, classes, features,
    predict(xs) {
      const n = Math.floor(xs.length / features);
      const out = new Int32Array(n);
      for (let r = 0; r < n; r++) {
        let best = 0, bestD = Infinity;
        for (let c = 0; c < classes; c++) {
          let d = 0;
          for (let f = 0; f < features; f++) { const e = xs[r * features + f]! - centroids[c * features + f]!; d += e * e; }
          if (d < bestD) { bestD = d; best = c; }
        }
        out[r] = best;
      }
      return out;
    },
  };
}
