/**
 * Seeded sequence tasks for recurrent networks, generated as time-major typed arrays
 * (`x[(t·batch + b)·features + k]`), so a batch becomes one [T, batch, features] tensor.
 *
 * - `delayedRecall`: a ±1 cue at the first step, Gaussian distractors on a second channel, the cue
 *   to be reported at the last step (Hochreiter & Schmidhuber 1997's long-time-lag setting).
 * - `neighbourSum`: symbols from {0 … k−1}; the target at step t is (x_{t−1} + x_{t+1}) mod k, which
 *   needs the past and the future (bidirectional context, Schuster & Paliwal 1997).
 * - `rowSequences`: images read row by row, one row per time step (row-by-row MNIST).
 */
import type { Rng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import { type ImageSet, pixelsOf } from "./image-set.js";
import { badDataOption } from "./messages.js";

/** A batch of sequences, time-major. */
export interface SequenceBatch {
  /** Inputs, length steps × batch × features: x[(t·batch + b)·features + k]. */
  readonly inputs: Float32Array;
  readonly steps: number;
  readonly batch: number;
  readonly features: number;
}

function checkCount(place: string, name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) throw new CajalError(badDataOption(place, name, value, `an integer ≥ ${min}`));
}

/** A delayed-recall batch: the target of sequence b is `targets[b]` ∈ {0, 1} (cue −1 → 0, +1 → 1). */
export interface DelayedRecallBatch extends SequenceBatch {
  readonly targets: Float32Array;
}

/**
 * Delayed recall with distractors: channel 0 carries a cue ±1 (equally likely) at t = 0 and zeros
 * afterwards; channel 1 carries N(0, 1) noise at every step; the target at the last step is the cue
 * (as 0/1). `steps` = T ≥ 1 is the delay between cue and report, counted as sequence length.
 */
export function delayedRecall(options: { readonly steps: number; readonly batch: number; readonly rng: Rng; readonly noiseSd?: number }): DelayedRecallBatch {
  const { steps, batch, rng } = options;
  checkCount("delayedRecall", "steps", steps, 1);
  checkCount("delayedRecall", "batch", batch, 1);
  const sd = options.noiseSd ?? 1;
  const inputs = new Float32Array(steps * batch * 2);
  const targets = new Float32Array(batch);
  for (let b = 0; b < batch; b++) {
    const positive = rng.uniform() < 0.5;
    targets[b] = positive ? 1 : 0;
    inputs[b * 2] = positive ? 1 : -1;
  }
  for (let t = 0; t < steps; t++) for (let b = 0; b < batch; b++) inputs[(t * batch + b) * 2 + 1] = rng.normal(0, sd);
  return { inputs, targets, steps, batch, features: 2 };
}

/** A neighbour-sum batch: one-hot inputs and a class per step; steps 0 and T−1 have no target (−1). */
export interface NeighbourSumBatch extends SequenceBatch {
  /** Symbols, steps × batch, time-major. */
  readonly symbols: Int32Array;
  /** Targets (x_{t−1} + x_{t+1}) mod k per step, time-major; −1 at the two ends. */
  readonly targets: Int32Array;
  /** Number of symbols k. */
  readonly classes: number;
}

/**
 * Sequences of i.i.d. uniform symbols in {0 … k−1} (one-hot inputs); the target at step t
 * (1 ≤ t ≤ T−2) is (x_{t−1} + x_{t+1}) mod k. A causal model cannot know x_{t+1}, so it is at
 * chance (1/k) however well it learns; a model that also reads the sequence backwards can be exact.
 */
export function neighbourSum(options: { readonly steps: number; readonly batch: number; readonly rng: Rng; readonly symbols?: number }): NeighbourSumBatch {
  const { steps, batch, rng } = options;
  const k = options.symbols ?? 4;
  checkCount("neighbourSum", "steps", steps, 3);
  checkCount("neighbourSum", "batch", batch, 1);
  checkCount("neighbourSum", "symbols", k, 2);
  const symbols = new Int32Array(steps * batch);
  for (let i = 0; i < symbols.length; i++) symbols[i] = rng.int(k);
  const inputs = new Float32Array(steps * batch * k);
  for (let i = 0; i < symbols.length; i++) inputs[i * k + symbols[i]!] = 1;
  const targets = new Int32Array(steps * batch).fill(-1);
  for (let t = 1; t < steps - 1; t++) {
    for (let b = 0; b < batch; b++) targets[t * batch + b] = (symbols[(t - 1) * batch + b]! + symbols[(t + 1) * batch + b]!) % k;
  }
  return { inputs, symbols, targets, steps, batch, features: k, classes: k };
}

/**
 * Images as sequences of rows: image `indices[b]` becomes `rows` steps of `cols` pixels
 * (row-by-row MNIST: 28 steps of 28 pixels). Labels in the order of `indices`.
 */
export function rowSequences(set: ImageSet, indices: ArrayLike<number>): SequenceBatch & { readonly labels: Int32Array } {
  const batch = indices.length;
  const { rows, cols } = set;
  const pixels = pixelsOf(set);
  const inputs = new Float32Array(rows * batch * cols);
  const labels = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const i = indices[b]!;
    if (!(Number.isInteger(i) && i >= 0 && i < set.count)) throw new CajalError(badDataOption("rowSequences", "index", i, `0 … ${set.count - 1}`));
    labels[b] = set.labels[i]!;
    for (let r = 0; r < rows; r++) inputs.set(set.images.subarray(i * pixels + r * cols, i * pixels + (r + 1) * cols), (r * batch + b) * cols);
  }
  return { inputs, labels, steps: rows, batch, features: cols };
}
