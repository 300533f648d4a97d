/**
 * Surrogate-gradient BPTT training of the spiking classifier (snn.ts) on spike-train trials:
 * Adam on cross-entropy of the output spike counts, minibatches in a seeded shuffled order.
 */
import type { Rng } from "../../core/rng.js";
import { valueAndGrads } from "../grad.js";
import { crossEntropy } from "../losses.js";
import { adam } from "../optimisers.js";
import { tf } from "../tf.js";
import type { Snn } from "./snn.js";
import { type SpikeTrials, timeMajorBatch } from "./spike-tasks.js";

/** Options of `trainSnn`. */
export interface TrainSnnOptions {
  readonly epochs: number;
  /** Trials per update (default 25). */
  readonly batchSize?: number;
  /** Adam learning rate (default 1e-2). */
  readonly lr?: number;
  /**
   * Adam learning rate of the intrinsic parameters (τ_m, θ, Δ, p raw values); default `lr`. Through
   * τ_m = 1 + softplus(a), Adam moves τ_m by at most ≈ lr ms per update, so 60 updates at 10⁻² move it < 1 ms.
   */
  readonly intrinsicLr?: number;
  /** Shuffles the trial order and draws the escape-noise model's randomness. */
  readonly rng: Rng;
  /** Called after each epoch (for a progress bar). */
  readonly onEpoch?: (epoch: number, loss: number) => void;
  /** Logits = countScale × output spike counts (default 0.1: counts over a 200-step trial reach tens, which saturates a softmax). */
  readonly countScale?: number;
  /**
   * Activity floor: adds weight·mean(relu(floor − count)²) over trials and output neurons (default
   * { floor: 2, weight: 0.05 }). Without it Adam's first steps at lr 1e-2 can silence every output
   * neuron, after which the surrogate gradient is too weak to revive them (seen in trial runs on task T).
   */
  readonly activityFloor?: { readonly floor: number; readonly weight: number };
}

/** What training measured. */
export interface SnnTraining {
  /** Mean training loss per epoch. */
  readonly loss: readonly number[];
  /** Wall-clock seconds per epoch. */
  readonly secondsPerEpoch: number;
  /** Synapse operations per epoch (dense forward and backward products, see `Snn.trainingOpsPerTrial`). */
  readonly synapticOpsPerEpoch: number;
}

/** Trains `snn` in place. */
export function trainSnn(snn: Snn, train: SpikeTrials, options: TrainSnnOptions): SnnTraining {
  const batchSize = options.batchSize ?? 25;
  const countScale = options.countScale ?? 0.1;
  const floor = options.activityFloor ?? { floor: 2, weight: 0.05 };
  const lr = options.lr ?? 1e-2;
  const weights: Record<string, tf.Variable> = {}, intrinsics: Record<string, tf.Variable> = {};
  for (const [name, v] of Object.entries(snn.params)) (name.startsWith("w") ? weights : intrinsics)[name] = v;
  const opts = [adam({ params: weights, lr })];
  if (Object.keys(intrinsics).length) opts.push(adam({ params: intrinsics, lr: options.intrinsicLr ?? lr }));
  const order = options.rng.stream("order");
  const noise = options.rng.stream("noise");
  const loss: number[] = [];
  const t0 = performance.now();
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const perm = order.permutation(train.trials);
    let sum = 0, batches = 0;
    for (let from = 0; from < train.trials; from += batchSize) {
      const to = Math.min(train.trials, from + batchSize);
      const labels = new Int32Array(to - from);
      for (let b = 0; b < labels.length; b++) labels[b] = train.labels[perm[from + b]!]!;
      tf.tidy(() => {
        const x = tf.tensor3d(timeMajorBatch(train, from, to, perm), [train.steps, to - from, train.channels]);
        const y = tf.tensor1d(labels, "int32");
        const { value, grads } = valueAndGrads((p) => {
          const counts = snn.forward(x, noise, p).counts;
          const ce = tf.mean(crossEntropy(tf.mul(counts, countScale), y, { secondOrder: false, reduction: "none" }));
          if (floor.weight === 0) return ce as tf.Scalar;
          return tf.add(ce, tf.mul(floor.weight, tf.mean(tf.square(tf.relu(tf.sub(floor.floor, counts)))))) as tf.Scalar;
        }, snn.params);
        for (const opt of opts) opt.step(Object.fromEntries(Object.keys(opt.params).map((n) => [n, grads[n]!])));
        sum += value.dataSync()[0]!;
      });
      batches++;
    }
    loss.push(sum / batches);
    options.onEpoch?.(epoch, sum / batches);
  }
  for (const opt of opts) opt.dispose();
  const secondsPerEpoch = (performance.now() - t0) / 1000 / options.epochs;
  return { loss, secondsPerEpoch, synapticOpsPerEpoch: snn.trainingOpsPerTrial(train.steps) * train.trials };
}

/** Predictions (argmax of output counts, ties to the lower class) and, when asked, the hidden rasters [trial, step, hidden]. */
export function evaluateSnn(snn: Snn, data: SpikeTrials, options: { rng: Rng; batchSize?: number; keepHidden?: boolean }): { predictions: Int32Array; accuracy: number; hidden?: Uint8Array } {
  const batchSize = options.batchSize ?? 100;
  const H = snn.options.hidden, K = snn.options.classes, T = data.steps;
  const predictions = new Int32Array(data.trials);
  const hidden = options.keepHidden ? new Uint8Array(data.trials * T * H) : undefined;
  const noise = options.rng.stream("noise");
  for (let from = 0; from < data.trials; from += batchSize) {
    const to = Math.min(data.trials, from + batchSize);
    const B = to - from;
    tf.tidy(() => {
      const x = tf.tensor3d(timeMajorBatch(data, from, to), [T, B, data.channels]);
      const run = snn.forward(x, noise);
      const counts = run.counts.dataSync();
      for (let b = 0; b < B; b++) {
        let best = 0;
        for (let k = 1; k < K; k++) if (counts[b * K + k]! > counts[b * K + best]!) best = k;
        predictions[from + b] = best;
      }
      if (hidden) {
        const h = run.hidden.dataSync();
        for (let t = 0; t < T; t++) for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) hidden[((from + b) * T + t) * H + j] = h[(t * B + b) * H + j]!;
      }
    });
  }
  let correct = 0;
  for (let r = 0; r < data.trials; r++) if (predictions[r] === data.labels[r]) correct++;
  return { predictions, accuracy: correct / data.trials, ...(hidden ? { hidden } : {}) };
}
