/**
 * Counter-current learning (Kao & Hariharan, NeurIPS 2024): a forward network maps the input to
 * the target and a feedback network with mirrored sizes maps the target back towards the input.
 * Every layer's input is detached, and each pair of activations at the same depth is pulled
 * together by a local loss that trains both layers that produced them, so no error crosses more
 * than one layer and no weight is shared between the networks.
 *
 * Depths are numbered as in the paper's code: a₀ = x, aₗ = f(Wₗ·sg(aₗ₋₁)) for ℓ = 1 … L (the last
 * layer linear); c_L = the target, cₗ₋₁ = g(Bₗ·sg(cₗ)) down to c₀ (the map to input space linear).
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ActivationName } from "../activations.js";
import { stopGradient } from "../grad.js";
import { dense } from "../layers/dense.js";
import { crossEntropy, mse } from "../losses.js";
import { badOption } from "../messages.js";
import { type Layer, type Tensors, collectParams, scope } from "../params.js";
import { tf } from "../tf.js";

/** Options of `counterCurrentNet`. */
export interface CounterCurrentOptions {
  /** Widths [input, hidden…, output]: L + 1 entries, L ≥ 2 layers in each network. */
  readonly sizes: readonly number[];
  /** Hidden activation of both networks (default "elu", as the released MNIST MLP). */
  readonly activation?: ActivationName;
  /** Biases in both networks (default false: the released MLP has none). */
  readonly bias?: boolean;
  readonly rng: Rng;
}

/** A forward network and its mirrored feedback network. */
export interface CounterCurrentNet {
  readonly sizes: readonly number[];
  /** Number of layers L in each network. */
  readonly depth: number;
  /** forward[ℓ−1] maps aₗ₋₁ → aₗ (kernel [sizes[ℓ−1], sizes[ℓ]]); parameters "fℓ/kernel". */
  readonly forward: readonly Layer[];
  /** feedback[ℓ−1] maps cₗ → cₗ₋₁ (kernel [sizes[ℓ], sizes[ℓ−1]]); parameters "bℓ/kernel". */
  readonly feedback: readonly Layer[];
  readonly forwardParams: Record<string, tf.Variable>;
  readonly feedbackParams: Record<string, tf.Variable>;
  /** a₀ … a_L; with `detach` every layer's input is cut from the gradient. */
  forwardPass(x: tf.Tensor, params?: Tensors, options?: { detach?: boolean }): tf.Tensor[];
  /** c₀ … c_L from c_L = `top`; with `detach` every layer's input is cut from the gradient. */
  feedbackPass(top: tf.Tensor, params?: Tensors, options?: { detach?: boolean }): tf.Tensor[];
  /** The forward network's output a_L (logits for a classifier). */
  predict(x: tf.Tensor, params?: Tensors): tf.Tensor;
}

/**
 * Builds the two networks. Each layer draws its weights from `rng.stream("fℓ")` / `rng.stream("bℓ")`
 * (PyTorch's default U(±1/√fan-in)).
 *
 * @example
 * const net = counterCurrentNet({ sizes: [196, 128, 128, 10], rng: rng.stream("ccl") });
 */
export function counterCurrentNet(options: CounterCurrentOptions): CounterCurrentNet {
  const sizes = options.sizes;
  const depth = sizes.length - 1;
  if (!(depth >= 2 && sizes.every((s) => Number.isInteger(s) && s >= 1))) {
    throw new CajalError(badOption("counterCurrentNet", "sizes", `[${sizes.join(", ")}]`, "at least three positive integer widths [input, hidden…, output]"));
  }
  const activation = options.activation ?? "elu";
  const bias = options.bias ?? false;
  const forward: Layer[] = [];
  const feedback: Layer[] = [];
  const forwardNamed: Record<string, Layer> = {};
  const feedbackNamed: Record<string, Layer> = {};
  for (let l = 1; l <= depth; l++) {
    const f = dense({ inputs: sizes[l - 1]!, units: sizes[l]!, bias, activation: l === depth ? "linear" : activation, fused: false, rng: options.rng.stream(`f${l}`) });
    const b = dense({ inputs: sizes[l]!, units: sizes[l - 1]!, bias, activation: l === 1 ? "linear" : activation, fused: false, rng: options.rng.stream(`b${l}`) });
    forward.push(f);
    feedback.push(b);
    forwardNamed[`f${l}`] = f;
    feedbackNamed[`b${l}`] = b;
  }
  const forwardPass = (x: tf.Tensor, params?: Tensors, o: { detach?: boolean } = {}): tf.Tensor[] => {
    const out = [x];
    for (let l = 1; l <= depth; l++) {
      const input = out[l - 1]!;
      out.push(forward[l - 1]!.apply(o.detach ? stopGradient(input) : input, scope(params, `f${l}`)));
    }
    return out;
  };
  const feedbackPass = (top: tf.Tensor, params?: Tensors, o: { detach?: boolean } = {}): tf.Tensor[] => {
    const out: tf.Tensor[] = new Array<tf.Tensor>(depth + 1);
    out[depth] = top;
    for (let l = depth; l >= 1; l--) {
      const input = out[l]!;
      out[l - 1] = feedback[l - 1]!.apply(o.detach ? stopGradient(input) : input, scope(params, `b${l}`));
    }
    return out;
  };
  return {
    sizes,
    depth,
    forward,
    feedback,
    forwardParams: collectParams(forwardNamed),
    feedbackParams: collectParams(feedbackNamed),
    forwardPass,
    feedbackPass,
    predict: (x, params) => forwardPass(x, params)[depth]!,
  };
}

/**
 * The released classification pair loss at one depth: with the batch's forward activations
 * A [batch, d] and the feedback activations of the K class one-hots F [K, d], C = A·Fᵀ is pulled
 * towards the one-hot label matrix Y [batch, K]: mean((C − Y)²) · ½ · referenceWidth / d.
 */
export function classPairLoss(forward: tf.Tensor, feedbackOfClasses: tf.Tensor, oneHot: tf.Tensor, referenceWidth = 256): tf.Scalar {
  const d = forward.shape[1]!;
  if (feedbackOfClasses.shape[1] !== d) throw new CajalError(badOption("classPairLoss", "feedback width", feedbackOfClasses.shape[1], `${d}, the forward width`));
  const c = tf.matMul(forward, feedbackOfClasses, false, true);
  return tf.mul(tf.mean(tf.square(tf.sub(c, oneHot))), (0.5 * referenceWidth) / d) as tf.Scalar;
}

/** The parts of a counter-current loss, as numbers read after the forward pass. */
export interface CounterCurrentParts {
  /** Local loss of each pair ℓ = 0 … L−1 (classifier) or 0 … L (autoencoder). */
  readonly pairs: number[];
  /** Cross-entropy of the output layer (classifier) or NaN. */
  readonly crossEntropy: number;
}

/**
 * Loss of one batch for a counter-current classifier: the class pair losses at depths 0 … L−1
 * (the feedback network runs on the K class one-hots) plus the cross-entropy of the output layer
 * on the detached last hidden layer. The sum has layer-local gradients only. `onParts` receives
 * the parts' values (read synchronously; cheap on the cpu and wasm backends).
 */
export function counterCurrentClassifierLoss(
  net: CounterCurrentNet, x: tf.Tensor, labels: tf.Tensor, params?: Tensors,
  options: { referenceWidth?: number; onParts?: (parts: CounterCurrentParts) => void } = {},
): tf.Scalar {
  const classes = net.sizes[net.depth]!;
  const a = net.forwardPass(x, params, { detach: true });
  const c = net.feedbackPass(tf.eye(classes), params, { detach: true });
  const oneHot = tf.oneHot(tf.cast(labels, "int32") as tf.Tensor1D, classes);
  const pairs: tf.Scalar[] = [];
  for (let l = 0; l < net.depth; l++) pairs.push(classPairLoss(a[l]!, c[l]!, oneHot, options.referenceWidth));
  const ce = crossEntropy(a[net.depth]!, labels) as tf.Scalar;
  if (options.onParts) options.onParts({ pairs: pairs.map((p) => p.dataSync()[0]!), crossEntropy: ce.dataSync()[0]! });
  return tf.add(tf.addN(pairs), ce) as tf.Scalar;
}

/**
 * Loss of one batch for a counter-current autoencoder: the feedback network is fed the target
 * image (c_L = x) and each pair ℓ = 0 … L is plain MSE between aₗ and cₗ (pair L is the
 * reconstruction error of the forward output), as in the released `C2Loss_AE`.
 */
export function counterCurrentAutoencoderLoss(
  net: CounterCurrentNet, x: tf.Tensor, params?: Tensors, options: { onParts?: (parts: CounterCurrentParts) => void } = {},
): tf.Scalar {
  const a = net.forwardPass(x, params, { detach: true });
  const c = net.feedbackPass(x, params, { detach: true });
  const pairs: tf.Scalar[] = [];
  for (let l = 0; l <= net.depth; l++) pairs.push(mse(a[l]!, c[l]!) as tf.Scalar);
  if (options.onParts) options.onParts({ pairs: pairs.map((p) => p.dataSync()[0]!), crossEntropy: NaN });
  return tf.addN(pairs) as tf.Scalar;
}

/**
 * Multiply–add count (×2 = FLOPs) of one training sample, counted from the layer shapes: forward
 * product, plus the two backward products (input gradient and weight gradient) for each trained
 * layer. For counter-current training the input gradient is never needed (inputs are detached),
 * and the feedback network processes `feedbackRowsPerSample` rows per sample (K/batch for a
 * classifier whose feedback runs on the K one-hots once per batch; 1 for an autoencoder).
 */
export function flopsPerSample(sizes: readonly number[], rule: "backprop" | "counterCurrent", feedbackRowsPerSample = 0): number {
  let macs = 0;
  for (let l = 1; l < sizes.length; l++) {
    const m = sizes[l - 1]! * sizes[l]!;
    if (rule === "backprop") macs += m * (l === 1 ? 2 : 3); // the first layer needs no input gradient
    else macs += 2 * m + feedbackRowsPerSample * 2 * m; // forward + weight gradient, in both networks
  }
  return 2 * macs;
}
