/**
 * Training with several parameter groups (e.g. a forward and a feedback network), each with its
 * own optimiser and its own gradient clipping, from one loss and one backward pass.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { batches } from "../../data/batches.js";
import { type ImageSet, pixelsOf } from "../../data/image-set.js";
import { progress as startProgress } from "../../notebook/progress.js";
import { valueAndGrads } from "../grad.js";
import { badOption, lossNotFinite } from "../messages.js";
import type { Optimizer } from "../optimisers.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";

/**
 * One step: the loss and its gradients over the union of the optimisers' parameters; each
 * optimiser then updates (and clips, when it was built with `clipNorm`) its own group only.
 * Returns the loss; a non-finite loss leaves every parameter unchanged.
 */
export function stepGroups(optimizers: readonly Optimizer[], loss: (params: Tensors) => tf.Scalar): number {
  const all: Record<string, tf.Variable> = {};
  for (const opt of optimizers) {
    for (const [name, v] of Object.entries(opt.params)) {
      if (name in all) throw new CajalError(badOption("stepGroups", "parameter name", name, "each parameter in exactly one group"));
      all[name] = v;
    }
  }
  return tf.tidy(() => {
    const { value, grads } = valueAndGrads(loss, all);
    const v = value.dataSync()[0]!;
    if (!Number.isFinite(v)) return v;
    for (const opt of optimizers) {
      const own: Record<string, tf.Tensor> = {};
      for (const name of Object.keys(opt.params)) own[name] = grads[name]!;
      opt.step(own);
    }
    return v;
  });
}

/** Options of `trainGroups`. */
export interface TrainGroupsOptions {
  readonly optimizers: readonly Optimizer[];
  /** Loss of a batch: inputs x [batch, pixels] and labels [batch] (int32). */
  readonly loss: (params: Tensors, x: tf.Tensor, labels: tf.Tensor) => tf.Scalar;
  readonly train: ImageSet;
  readonly epochs: number;
  readonly batchSize: number;
  /** Epoch e shuffles with `rng.stream("epoch e")`. */
  readonly rng: Rng;
  /** Global steps (0 = before the first step) after which `onCheckpoint` runs. */
  readonly checkpoints?: readonly number[];
  readonly onCheckpoint?: (step: number) => void;
  /** Runs after every epoch (1-based). */
  readonly onEpoch?: (epoch: number) => void;
  readonly progress?: boolean;
  readonly label?: string;
}

/** What `trainGroups` measured. */
export interface TrainGroupsResult {
  /** Loss of every step, in order. */
  readonly losses: Float64Array;
  readonly steps: number;
  readonly trainSeconds: number;
}

/** Mini-batch training of several parameter groups for a number of epochs. */
export function trainGroups(options: TrainGroupsOptions): TrainGroupsResult {
  const { train, epochs, batchSize } = options;
  const stepsPerEpoch = Math.ceil(train.count / batchSize);
  const total = epochs * stepsPerEpoch;
  const pixels = pixelsOf(train);
  const checkpoints = new Set(options.checkpoints ?? []);
  const losses = new Float64Array(total);
  const bar = options.progress === false ? undefined : startProgress(total, options.label ?? "training");
  let step = 0;
  let trainSeconds = 0;
  try {
    if (checkpoints.has(0)) options.onCheckpoint?.(0);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const batch of batches(train, { batchSize, rng: options.rng.stream(`epoch ${epoch}`) })) {
        const started = performance.now();
        const loss = stepGroups(options.optimizers, (p) => {
          const x = tf.tensor(batch.images, [batch.size, pixels], "float32");
          const y = tf.tensor1d(Int32Array.from(batch.labels), "int32");
          return options.loss(p, x, y);
        });
        trainSeconds += (performance.now() - started) / 1000;
        step++;
        if (!Number.isFinite(loss)) throw new CajalError(lossNotFinite(step, epoch, loss));
        losses[step - 1] = loss;
        if (checkpoints.has(step)) options.onCheckpoint?.(step);
        bar?.tick();
      }
      options.onEpoch?.(epoch);
    }
  } finally {
    bar?.close();
  }
  return { losses, steps: step, trainSeconds };
}
