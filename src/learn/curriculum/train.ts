/**
 * Training on a per-epoch schedule of subset sizes, each subset drawn by score-weighted sampling
 * without replacement (Kesgin & Amasyali's cyclical curriculum and its relatives), with the two
 * ways of reporting the result: the released code's (best test accuracy over epochs) and a clean
 * one (test accuracy at the epoch of best validation accuracy).
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { progress as startProgress } from "../../notebook/progress.js";
import { crossEntropy } from "../losses.js";
import { badOption, lossNotFinite } from "../messages.js";
import type { Optimizer } from "../optimisers.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";
import { trainStep } from "../train.js";
import { weightedSampleWithoutReplacement } from "./sampling.js";
import type { Examples } from "./examples.js";

/** A classifier over flat features: x [batch, features] → logits [batch, classes]. */
export type FeatureClassifier = (x: tf.Tensor, params?: Tensors) => tf.Tensor;

/** Per-example cross-entropy of `model` on every example of `set` (no reduction), in batches. */
export function perExampleLosses(model: FeatureClassifier, set: Examples, batchSize = 1000): Float32Array {
  const out = new Float32Array(set.count);
  const f = set.features;
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const values = tf.tidy(() => {
      const x = tf.tensor2d(set.inputs.subarray(start * f, (start + n) * f), [n, f]);
      const y = tf.tensor1d(Int32Array.from(set.labels.subarray(start, start + n)), "int32");
      return crossEntropy(model(x), y, { reduction: "none" }).dataSync();
    });
    out.set(values, start);
  }
  return out;
}

/** Fraction of `set` that `model` classifies correctly. */
export function accuracyOn(model: FeatureClassifier, set: Examples, batchSize = 1000): number {
  const f = set.features;
  let correct = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const predicted = tf.tidy(() => tf.argMax(model(tf.tensor2d(set.inputs.subarray(start * f, (start + n) * f), [n, f])), -1).dataSync());
    for (let k = 0; k < n; k++) if (predicted[k] === set.labels[start + k]) correct++;
  }
  return correct / set.count;
}

/** Options of `trainOnSchedule`. */
export interface ScheduleTrainingOptions {
  readonly model: FeatureClassifier;
  readonly optimizer: Optimizer;
  readonly train: Examples;
  /** Fraction of the training set used in each epoch (see `cyclicalSizes`). */
  readonly sizes: readonly number[];
  /** Sampling weights per training example; uniform when absent. */
  readonly weights?: ArrayLike<number>;
  readonly batchSize: number;
  /** Epoch e draws its subset and its order from `rng.stream("epoch e")`. */
  readonly rng: Rng;
  readonly validation: Examples;
  readonly test: Examples;
  readonly progress?: boolean;
  readonly label?: string;
}

/** What `trainOnSchedule` measured, one entry per epoch. */
export interface ScheduleTrainingResult {
  readonly sizes: readonly number[];
  /** Examples trained on in each epoch, ⌊N·size⌋. */
  readonly counts: number[];
  readonly validationAccuracy: number[];
  readonly testAccuracy: number[];
  /** The released code's figure: the best test accuracy over epochs. */
  readonly bestTestAccuracy: number;
  /** The clean figure: test accuracy at the (first) epoch of best validation accuracy. */
  readonly selectedTestAccuracy: number;
  /** Indices trained on in the first epoch (for the "which examples are chosen" figure). */
  readonly firstEpochIndices: Uint32Array;
  readonly presentations: number;
}

/**
 * Trains one pass per epoch over ⌊N·sizeₑ⌋ distinct examples drawn ∝ `weights`, shuffled into
 * mini-batches, evaluating validation and test accuracy after each epoch.
 */
export function trainOnSchedule(options: ScheduleTrainingOptions): ScheduleTrainingResult {
  const { model, optimizer, train, sizes, batchSize } = options;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new CajalError(badOption("trainOnSchedule", "batchSize", batchSize, "an integer ≥ 1"));
  if (options.weights && options.weights.length !== train.count) {
    throw new CajalError(badOption("trainOnSchedule", "weights.length", options.weights.length, `${train.count}, one weight per training example`));
  }
  const counts = sizes.map((s) => {
    if (!(s > 0 && s <= 1)) throw new CajalError(badOption("trainOnSchedule", "size", s, "a fraction in (0, 1]"));
    return Math.max(1, Math.floor(train.count * s + 1e-9));
  });
  const uniform = new Float64Array(train.count).fill(1);
  const weights = options.weights ?? uniform;
  const f = train.features;
  const totalSteps = counts.reduce((s, c) => s + Math.ceil(c / batchSize), 0);
  const bar = options.progress === false ? undefined : startProgress(totalSteps, options.label ?? "training");
  const validationAccuracy: number[] = [];
  const testAccuracy: number[] = [];
  const xBuffer = new Float32Array(batchSize * f);
  const yBuffer = new Int32Array(batchSize);
  let firstEpochIndices = new Uint32Array(0);
  let step = 0;
  let presentations = 0;
  try {
    for (let e = 0; e < sizes.length; e++) {
      const rng = options.rng.stream(`epoch ${e + 1}`);
      const chosen = weightedSampleWithoutReplacement(weights, counts[e]!, rng.stream("subset"));
      if (e === 0) firstEpochIndices = chosen.slice();
      const order = rng.stream("order").permutation(chosen.length);
      for (let start = 0; start < chosen.length; start += batchSize) {
        const n = Math.min(batchSize, chosen.length - start);
        for (let k = 0; k < n; k++) {
          const i = chosen[order[start + k]!]!;
          xBuffer.set(train.inputs.subarray(i * f, (i + 1) * f), k * f);
          yBuffer[k] = train.labels[i]!;
        }
        step++;
        const loss = trainStep(optimizer, (p) =>
          crossEntropy(model(tf.tensor2d(xBuffer.subarray(0, n * f), [n, f]), p), tf.tensor1d(yBuffer.subarray(0, n), "int32")) as tf.Scalar);
        if (!Number.isFinite(loss)) throw new CajalError(lossNotFinite(step, e + 1, loss));
        presentations += n;
        bar?.tick();
      }
      validationAccuracy.push(accuracyOn(model, options.validation));
      testAccuracy.push(accuracyOn(model, options.test));
    }
  } finally {
    bar?.close();
  }
  let best = 0;
  for (let e = 1; e < validationAccuracy.length; e++) if (validationAccuracy[e]! > validationAccuracy[best]!) best = e;
  return {
    sizes, counts, validationAccuracy, testAccuracy,
    bestTestAccuracy: Math.max(...testAccuracy),
    selectedTestAccuracy: testAccuracy[best]!,
    firstEpochIndices, presentations,
  };
}

/**
 * Mean rank of each method over tasks (rank 1 = highest score; ties share the mean of their
 * ranks). `scores[task][method]` is one number per method, e.g. the mean best accuracy.
 */
export function meanRanks(scores: Readonly<Record<string, Readonly<Record<string, number>>>>): Record<string, number> {
  const totals: Record<string, number> = {};
  const tasks = Object.keys(scores);
  for (const task of tasks) {
    const row = Object.entries(scores[task]!).sort((a, b) => b[1] - a[1]);
    let i = 0;
    while (i < row.length) {
      let j = i;
      while (j + 1 < row.length && row[j + 1]![1] === row[i]![1]) j++;
      const rank = (i + j) / 2 + 1;
      for (let k = i; k <= j; k++) totals[row[k]![0]] = (totals[row[k]![0]] ?? 0) + rank;
      i = j + 1;
    }
  }
  const out: Record<string, number> = {};
  for (const [method, total] of Object.entries(totals)) out[method] = total / tasks.length;
  return out;
}
