/**
 * Permuted-MNIST tasks (Goodfellow et al. 2013; the PMNIST benchmark of GPM and HLOP): every task
 * applies its own fixed pixel permutation to the same digits. Pixels are standardised with MNIST's
 * mean and standard deviation, and each task draws its own fixed subset of training and test images.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { type ImageSet, permutePixels, pixelsOf, randomPixelPermutation, shuffledIndices, subset } from "../../data/image-set.js";
import { badOption } from "../messages.js";

/** Images as standardised float32 rows and their labels. */
export interface TaskSplit {
  /** count × pixels, (p − mean) / sd. */
  readonly x: Float32Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** One permuted-MNIST task. */
export interface PermutedTask {
  readonly permutation: Uint32Array;
  readonly train: TaskSplit;
  readonly test: TaskSplit;
}

/** Options of `permutedTasks`. */
export interface PermutedTasksOptions {
  readonly train: ImageSet;
  readonly test: ImageSet;
  readonly tasks: number;
  readonly trainPerTask: number;
  readonly testPerTask: number;
  /** Draws the permutations (stream "permutation") and the subsets (stream "subset"). */
  readonly rng: Rng;
  /** Pixel mean and s.d. for standardisation (default MNIST's 0.1307, 0.3081). */
  readonly mean?: number;
  readonly sd?: number;
}

function standardise(set: ImageSet, mean: number, sd: number): TaskSplit {
  const x = new Float32Array(set.images.length);
  for (let i = 0; i < x.length; i++) x[i] = (set.images[i]! - mean) / sd;
  return { x, labels: set.labels, count: set.count };
}

/** Builds `tasks` permuted tasks, each with its own permutation and subsets. */
export function permutedTasks(options: PermutedTasksOptions): PermutedTask[] {
  const { train, test, tasks, trainPerTask, testPerTask, rng } = options;
  if (!(Number.isInteger(tasks) && tasks >= 1)) throw new CajalError(badOption("permutedTasks", "tasks", tasks, "an integer ≥ 1"));
  if (!(trainPerTask >= 1 && trainPerTask <= train.count)) throw new CajalError(badOption("permutedTasks", "trainPerTask", trainPerTask, `1 … ${train.count}`));
  if (!(testPerTask >= 1 && testPerTask <= test.count)) throw new CajalError(badOption("permutedTasks", "testPerTask", testPerTask, `1 … ${test.count}`));
  if (pixelsOf(train) !== pixelsOf(test)) throw new CajalError(badOption("permutedTasks", "test pixels", pixelsOf(test), `${pixelsOf(train)} like train`));
  const mean = options.mean ?? 0.1307;
  const sd = options.sd ?? 0.3081;
  const perm = rng.stream("permutation");
  const pick = rng.stream("subset");
  const out: PermutedTask[] = [];
  for (let t = 0; t < tasks; t++) {
    const permutation = randomPixelPermutation(train, perm);
    const trainIdx = shuffledIndices(train.count, pick).subarray(0, trainPerTask);
    const testIdx = shuffledIndices(test.count, pick).subarray(0, testPerTask);
    out.push({
      permutation,
      train: standardise(permutePixels(subset(train, trainIdx), permutation), mean, sd),
      test: standardise(permutePixels(subset(test, testIdx), permutation), mean, sd),
    });
  }
  return out;
}
