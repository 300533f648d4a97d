/** Labelled feature vectors for tasks that are not images (spirals), and conversions from image sets. */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/** A labelled set of feature vectors (row-major). */
export interface Examples {
  /** count × features, float32. */
  readonly inputs: Float32Array;
  readonly labels: Uint8Array;
  readonly count: number;
  readonly features: number;
  readonly classes: number;
}

/** The examples at `indices`, in that order (copied). */
export function pickExamples(set: Examples, indices: ArrayLike<number>): Examples {
  const f = set.features;
  const inputs = new Float32Array(indices.length * f);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!(i >= 0 && i < set.count)) throw new CajalError(badOption("pickExamples", "index", i, `0 … ${set.count - 1}`));
    inputs.set(set.inputs.subarray(i * f, (i + 1) * f), k * f);
    labels[k] = set.labels[i]!;
  }
  return { ...set, inputs, labels, count: indices.length };
}

/**
 * An image set seen as flat feature vectors, with pixels standardised as (p − mean)/sd when
 * given (shares nothing with the source: a copy).
 */
export function examplesFromImages(
  set: { readonly images: Float32Array; readonly labels: Uint8Array; readonly count: number; readonly rows: number; readonly cols: number; readonly classes: number },
  standardise?: { readonly mean: number; readonly sd: number },
): Examples {
  const inputs = Float32Array.from(set.images.subarray(0, set.count * set.rows * set.cols));
  if (standardise) for (let i = 0; i < inputs.length; i++) inputs[i] = (inputs[i]! - standardise.mean) / standardise.sd;
  return { inputs, labels: Uint8Array.from(set.labels.subarray(0, set.count)), count: set.count, features: set.rows * set.cols, classes: set.classes };
}
