/**
 * Slow learning for the MANN: one update on a batch of episodes. θ_slow (and α_fast) take a
 * step of their optimiser on the true episode loss by back-propagation through time; the same
 * backward pass reads the true ∂L/∂h_t through a zero probe added to every hidden state, and the
 * synthetic-gradient module M_φ takes a regression step onto it (fast path "learned" only).
 * Also: episodes as tensors, forward-only evaluation, and the per-instance / per-position scores.
 */
import { valueAndGrads } from "../grad.js";
import type { Optimizer } from "../optimisers.js";
import { tf } from "../tf.js";
import type { ClassificationEpisodes, SinusoidEpisodes } from "./episodes.js";
import type { Mann, MannInputs } from "./mann.js";
import { meanRowCosine, syntheticGradientLoss } from "./synthetic-gradient.js";

/** Targets of a batch of episodes: episode labels [steps, batch] (int32), or regression values [steps, batch]. */
export type MannTargets =
  | { readonly kind: "classification"; readonly labels: tf.Tensor }
  | { readonly kind: "regression"; readonly values: tf.Tensor };

/** Episodes as the tensors `unroll` and the loss take. The caller disposes them (or builds them inside `tf.tidy`). */
export interface MannBatch {
  readonly inputs: MannInputs;
  readonly targets: MannTargets;
}

/** Releases a batch's tensors. */
export function disposeBatch(batch: MannBatch): void {
  const targets = batch.targets.kind === "classification" ? batch.targets.labels : batch.targets.values;
  tf.dispose([batch.inputs.features, batch.inputs.previousTargets, targets]);
}

/** Classification episodes as tensors: features = image pixels, previous targets = one-hot previous label. */
export function classificationBatch(episodes: ClassificationEpisodes): MannBatch {
  const { steps, batch, features, ways } = episodes;
  return {
    inputs: {
      features: tf.tensor3d(episodes.images, [steps, batch, features]),
      previousTargets: tf.tensor3d(episodes.previousLabels, [steps, batch, ways]),
    },
    targets: { kind: "classification", labels: tf.tensor2d(episodes.labels, [steps, batch], "int32") },
  };
}

/** Sinusoid episodes as tensors: features = x, previous targets = the previous y. */
export function sinusoidBatch(episodes: SinusoidEpisodes): MannBatch {
  const { steps, batch } = episodes;
  return {
    inputs: { features: tf.tensor3d(episodes.x, [steps, batch, 1]), previousTargets: tf.tensor3d(episodes.previousY, [steps, batch, 1]) },
    targets: { kind: "regression", values: tf.tensor2d(episodes.y, [steps, batch]) },
  };
}

/**
 * The episode loss: summed over the steps of an episode, averaged over the episodes of the batch.
 * Classification: softmax cross-entropy of each step's logits; regression: squared error of the
 * prediction made before the target is revealed.
 */
export function episodeLoss(outputs: readonly tf.Tensor[], targets: MannTargets): tf.Scalar {
  const stacked = tf.stack(outputs as tf.Tensor[]); // [T, B, O]
  if (targets.kind === "regression") {
    const predictions = tf.squeeze(stacked, [2]);
    return tf.div(tf.sum(tf.square(tf.sub(predictions, targets.values))), stacked.shape[1]!) as tf.Scalar;
  }
  const classes = stacked.shape[2]!;
  const logProbabilities = tf.logSoftmax(stacked);
  const oneHot = tf.oneHot(targets.labels, classes);
  return tf.div(tf.neg(tf.sum(tf.mul(oneHot, logProbabilities))), stacked.shape[1]!) as tf.Scalar;
}

/** The optimisers of one MANN: θ_slow (with α_fast) and, for the learned fast path, M_φ. */
export interface MannOptimizers {
  readonly slow: Optimizer;
  readonly synthetic?: Optimizer;
}

/** What one update measured. */
export interface MannStepStats {
  /** The episode loss divided by the steps (mean loss per step). */
  readonly lossPerStep: number;
  /** Mean over steps 0 … T−2 and episodes of cos(ĝ_t, ∂L/∂h_t) for the ĝ the fast path used (NaN without a fast path). */
  readonly gradientCosine: number;
  /** M_φ's regression loss before its step (NaN without a fast path). */
  readonly syntheticLoss: number;
  /** Mean write gate: share of writes to the last-read slots. */
  readonly writeGate: number;
  /** α_fast after the step (NaN without a fast path). */
  readonly fastRate: number;
}

const PROBE = "probe of dL/dh";

/**
 * One slow-learning update on a batch. The true gradient regressed by M_φ is the per-episode
 * ∂L_episode/∂h_t (the batch mean's gradient times the batch size), which is also what ĝ_t
 * estimates inside the unroll.
 */
export function mannTrainStep(model: Mann, optimizers: MannOptimizers, batch: MannBatch): MannStepStats {
  const [steps, episodes] = batch.inputs.features.shape as [number, number, number];
  const fast = model.fastPath !== "none";
  let conditioning: tf.Tensor[] = [];
  let used: tf.Tensor[] = [];
  let gates: tf.Tensor[] = [];
  const stats = tf.tidy(() => {
    const params: Record<string, tf.Tensor> = { ...model.params };
    if (fast) params[PROBE] = tf.zeros([steps, episodes, model.hidden]);
    const { value, grads } = valueAndGrads((p) => {
      const run = model.unroll(batch.inputs, { params: p, ...(fast ? { probe: p[PROBE]! } : {}) });
      conditioning = run.conditioning.map((t) => tf.keep(t));
      used = run.syntheticGrads.map((t) => tf.keep(t));
      gates = run.writeGates.map((t) => tf.keep(t));
      return episodeLoss(run.outputs, batch.targets);
    }, params);
    const slowGrads: Record<string, tf.Tensor> = { ...grads };
    delete slowGrads[PROBE];
    const lossPerStep = value.dataSync()[0]! / steps;
    let gradientCosine = NaN;
    let syntheticLoss = NaN;
    if (fast) {
      // ĝ exists for steps 0 … T−2 (the last label arrives after the episode).
      const rows = (steps - 1) * episodes;
      const trueGrads = tf.reshape(tf.mul(tf.slice(grads[PROBE]!, [0, 0, 0], [steps - 1, -1, -1]), episodes), [rows, model.hidden]);
      const predicted = tf.concat(used, 0);
      gradientCosine = meanRowCosine(predicted.dataSync(), trueGrads.dataSync(), rows, model.hidden);
      const inputs = tf.concat(conditioning, 0);
      if (model.fastPath === "learned" && optimizers.synthetic) {
        const sg = valueAndGrads((p) => syntheticGradientLoss(model.synthetic, inputs, trueGrads, p), model.synthetic.params);
        syntheticLoss = sg.value.dataSync()[0]!;
        optimizers.synthetic.step(sg.grads);
      } else {
        syntheticLoss = syntheticGradientLoss(model.synthetic, inputs, trueGrads).dataSync()[0]!;
      }
    }
    optimizers.slow.step(slowGrads);
    const writeGate = tf.mean(tf.concat(gates, 0)).dataSync()[0]!;
    const fastRate = fast ? Math.exp(model.params.logFastRate!.dataSync()[0]!) : NaN;
    return { lossPerStep, gradientCosine, syntheticLoss, writeGate, fastRate };
  });
  for (const t of [...conditioning, ...used, ...gates]) t.dispose();
  return stats;
}

/** Forward-only run of a batch: outputs [steps, batch, outputs] and the mean write gate. */
export function mannPredict(model: Mann, inputs: MannInputs): { readonly outputs: Float32Array; readonly writeGate: number } {
  return tf.tidy(() => {
    const run = model.unroll(inputs);
    return {
      outputs: tf.stack(run.outputs).dataSync() as Float32Array,
      writeGate: tf.mean(tf.concat(run.writeGates, 0)).dataSync()[0]!,
    };
  });
}

/**
 * Accuracy by presentation number: entry k−1 is the fraction of correct argmax predictions at
 * the steps showing a class for the k-th time in its episode (Santoro et al.'s per-instance
 * table). `logits` are [steps, batch, ways] as `mannPredict` returns them.
 */
export function perInstanceAccuracy(logits: ArrayLike<number>, episodes: Pick<ClassificationEpisodes, "steps" | "batch" | "ways" | "labels" | "instance">): number[] {
  const { steps, batch, ways } = episodes;
  let maxInstance = 0;
  for (let i = 0; i < steps * batch; i++) maxInstance = Math.max(maxInstance, episodes.instance[i]!);
  const correct = new Float64Array(maxInstance);
  const shown = new Float64Array(maxInstance);
  for (let i = 0; i < steps * batch; i++) {
    let best = 0;
    for (let k = 1; k < ways; k++) if (logits[i * ways + k]! > logits[i * ways + best]!) best = k;
    const n = episodes.instance[i]! - 1;
    shown[n]! += 1;
    if (best === episodes.labels[i]) correct[n]! += 1;
  }
  return Array.from(correct, (c, n) => c / shown[n]!);
}

/** Mean squared error by position in the episode (entry t for step t), from predictions [steps, batch, 1]. */
export function mseByPosition(predictions: ArrayLike<number>, episodes: Pick<SinusoidEpisodes, "steps" | "batch" | "y">): number[] {
  const { steps, batch } = episodes;
  const out: number[] = [];
  for (let t = 0; t < steps; t++) {
    let sum = 0;
    for (let b = 0; b < batch; b++) {
      const d = predictions[t * batch + b]! - episodes.y[t * batch + b]!;
      sum += d * d;
    }
    out.push(sum / batch);
  }
  return out;
}
