/** Loss functions over tfjs tensors; each returns a scalar unless `reduction: "none"`. */
import { CajalError } from "../core/errors.js";
import { logSoftmax } from "./activations.js";
import { softmaxCrossEntropy } from "./kernels/softmax-cross-entropy.js";
import { shapeMismatch } from "./messages.js";
import { tf } from "./tf.js";

/** How per-sample losses are combined (default "mean"). */
export type Reduction = "mean" | "sum" | "none";

function reduce(perSample: tf.Tensor, reduction: Reduction = "mean"): tf.Tensor {
  return reduction === "none" ? perSample : reduction === "sum" ? tf.sum(perSample) : tf.mean(perSample);
}

function oneHotOf(labels: tf.Tensor, classes: number): tf.Tensor {
  if (labels.rank === 2) return labels;
  return tf.oneHot(labels.dtype === "int32" ? (labels as tf.Tensor1D) : (tf.cast(labels, "int32") as tf.Tensor1D), classes);
}

/** Options of `crossEntropy`. */
export interface CrossEntropyOptions {
  readonly reduction?: Reduction;
  /**
   * Keep the loss differentiable twice (default true). `false` uses one fused backward step,
   * (softmax − target)·dy, about 30 fewer tfjs ops per call: the training loop's default, but
   * gradients of its gradient are wrong (tfjs cannot differentiate a custom gradient again).
   */
  readonly secondOrder?: boolean;
}

/**
 * Softmax cross-entropy from logits [batch, classes]: −log softmax(logits)[label]. `labels` are
 * class ids [batch] (int32) or target distributions [batch, classes].
 */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor, options: CrossEntropyOptions = {}): tf.Tensor {
  if (logits.rank !== 2) throw new CajalError(shapeMismatch("crossEntropy", "logits", logits.shape, "[batch, classes]"));
  if (options.secondOrder === false && tf.getBackend() === "wasm" && logits.dtype === "float32") {
    // One kernel forward and one backward on wasm (the training loops' default loss: ~30 fewer kernels per step).
    const ids = labels.rank === 2 ? (labels.dtype === "float32" ? labels : tf.cast(labels, "float32")) : labels.dtype === "int32" ? labels : tf.cast(labels, "int32");
    return softmaxCrossEntropy(logits, ids, options.reduction);
  }
  const target = oneHotOf(labels, logits.shape[1]!);
  if (options.secondOrder === false) return reduce(fusedCrossEntropy(logits, target), options.reduction);
  return reduce(tf.neg(tf.sum(tf.mul(target, logSoftmax(logits)), -1)), options.reduction);
}

/** Per-sample cross-entropy whose backward pass is the closed form (softmax(z) − t)·Σt (first order only). */
function fusedCrossEntropy(logits: tf.Tensor, target: tf.Tensor): tf.Tensor {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const z = args[0] as tf.Tensor;
    const t = args[1] as tf.Tensor;
    const logP = tf.sub(z, tf.logSumExp(z, -1, true));
    (args[2] as tf.GradSaveFunc)([logP, t]);
    return {
      value: tf.neg(tf.sum(tf.mul(t, logP), -1)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [lp, tt] = saved as [tf.Tensor, tf.Tensor];
        const g = tf.expandDims(dy, 1);
        // ∂/∂z of −Σ t·log softmax(z) is softmax(z)·Σt − t; the targets get no gradient.
        return [tf.mul(g, tf.sub(tf.mul(tf.exp(lp), tf.sum(tt, -1, true)), tt)), tf.zerosLike(tt)];
      },
    };
  });
  return f(logits, target);
}

/** Sigmoid (logistic) cross-entropy from logits, targets in [0, 1] of the same shape, mean over elements per sample. */
export function binaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: { reduction?: Reduction } = {}): tf.Tensor {
  // max(z, 0) − z·y + log(1 + e^{−|z|}): the stable form of −y·log σ(z) − (1−y)·log(1−σ(z)).
  const elementwise = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  const perSample = logits.rank > 1 ? tf.mean(tf.reshape(elementwise, [logits.shape[0]!, -1]), 1) : elementwise;
  return reduce(perSample, options.reduction);
}

/** Mean squared error; per sample it averages over all but the first axis. */
export function mse(prediction: tf.Tensor, target: tf.Tensor, options: { reduction?: Reduction } = {}): tf.Tensor {
  const sq = tf.square(tf.sub(prediction, target));
  const perSample = sq.rank > 1 ? tf.mean(tf.reshape(sq, [sq.shape[0]!, -1]), 1) : sq;
  return reduce(perSample, options.reduction);
}

/** Options of `infoNce`. */
export interface InfoNceOptions {
  /** Temperature τ > 0 as a number (default 0.07, CLIP's initial value) … */
  readonly temperature?: number;
  /** … or a learnable log-temperature scalar tensor (τ = exp(logTemperature)). */
  readonly logTemperature?: tf.Tensor;
  /** Both directions (a→b and b→a, CLIP's symmetric loss; default) or a→b only. */
  readonly symmetric?: boolean;
}

/**
 * InfoNCE (van den Oord et al. 2018; CLIP's symmetric form, Radford et al. 2021): rows of `a` and
 * `b` [batch, dim] are L2-normalised, logits = a·bᵀ/τ, and row i's positive is column i.
 */
export function infoNce(a: tf.Tensor, b: tf.Tensor, options: InfoNceOptions = {}): tf.Tensor {
  const batch = a.shape[0]!;
  const normalise = (x: tf.Tensor) => tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), -1, true), 1e-12)));
  const sim = tf.matMul(normalise(a), normalise(b), false, true);
  const logits = options.logTemperature ? tf.div(sim, tf.exp(options.logTemperature)) : tf.div(sim, options.temperature ?? 0.07);
  const labels = tf.range(0, batch, 1, "int32");
  const ab = crossEntropy(logits, labels);
  if (options.symmetric === false) return ab;
  return tf.mul(0.5, tf.add(ab, crossEntropy(tf.transpose(logits), labels)));
}
