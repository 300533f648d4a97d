/**
 * Feedback alignment (Lillicrap et al. 2016): the backward pass sends errors down through a fixed
 * random matrix B instead of the transpose of the forward weights, so no weight is transported
 * between the two passes. The weight gradient stays xᵀ·δ, as in backpropagation.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { type ActivationName, activate } from "../activations.js";
import { initTensor, initVariable } from "../init.js";
import { shapeMismatch } from "../messages.js";
import { type Layer, type Tensors, pick } from "../params.js";
import { tf } from "../tf.js";

/**
 * y = x·W in the forward pass; in the backward pass ∂L/∂x = δ·Bᵀ (B fixed, the shape of W) and
 * ∂L/∂W = xᵀ·δ. `x` [batch, inputs], `kernel` and `feedback` [inputs, units].
 */
export function feedbackAlignmentMatMul(x: tf.Tensor, kernel: tf.Tensor, feedback: tf.Tensor): tf.Tensor {
  if (feedback.shape[0] !== kernel.shape[0] || feedback.shape[1] !== kernel.shape[1]) {
    throw new CajalError(shapeMismatch("feedbackAlignmentMatMul", "the feedback matrix", feedback.shape, `[${kernel.shape.join(", ")}], the kernel's shape`));
  }
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xi = args[0] as tf.Tensor2D;
    const wi = args[1] as tf.Tensor2D;
    const save = args[2] as tf.GradSaveFunc;
    save([xi]);
    return {
      value: tf.matMul(xi, wi),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor2D, feedback as tf.Tensor2D, false, true),
        tf.matMul(saved[0] as tf.Tensor2D, dy as tf.Tensor2D, true, false),
      ],
    };
  });
  return f(x, kernel);
}

/** Options of `feedbackAlignmentDense`. */
export interface FeedbackAlignmentDenseOptions {
  readonly inputs: number;
  readonly units: number;
  /** Learn a bias (default true); its gradient is δ summed over the batch, as in backpropagation. */
  readonly bias?: boolean;
  /** Activation after the product (default "linear"); differentiated normally. */
  readonly activation?: ActivationName;
  /** Kernel, bias and the fixed feedback matrix are drawn U(±1/√inputs) from named streams. */
  readonly rng: Rng;
}

/** A dense layer trained by feedback alignment; `feedback` is the fixed random matrix B [inputs, units]. */
export interface FeedbackAlignmentLayer extends Layer {
  readonly feedback: tf.Tensor;
  /** Releases the feedback matrix (the variables are released with the other parameters). */
  disposeFeedback(): void;
}

/**
 * A dense layer whose backward pass uses a fixed random matrix instead of the kernel's transpose.
 *
 * @example
 * const h = feedbackAlignmentDense({ inputs: 196, units: 128, activation: "elu", bias: false, rng: rng.stream("fa1") });
 */
export function feedbackAlignmentDense(options: FeedbackAlignmentDenseOptions): FeedbackAlignmentLayer {
  const { inputs, units, rng } = options;
  const useBias = options.bias ?? true;
  const activation = options.activation ?? "linear";
  const params: Record<string, tf.Variable> = {
    kernel: initVariable(rng.stream("kernel"), [inputs, units], { kind: "kaimingUniform", fanIn: inputs }),
  };
  if (useBias) params.bias = initVariable(rng.stream("bias"), [units], { kind: "kaimingUniform", fanIn: inputs });
  const feedback = tf.keep(initTensor(rng.stream("feedback"), [inputs, units], { kind: "kaimingUniform", fanIn: inputs }));
  return {
    params,
    feedback,
    disposeFeedback: () => feedback.dispose(),
    apply(x: tf.Tensor, override?: Tensors): tf.Tensor {
      if (x.rank !== 2 || x.shape[1] !== inputs) throw new CajalError(shapeMismatch("feedbackAlignmentDense", "the input", x.shape, `[batch, ${inputs}]`));
      const product = feedbackAlignmentMatMul(x, pick(params, override, "kernel"), feedback);
      return activate(useBias ? tf.add(product, pick(params, override, "bias")) : product, activation);
    },
  };
}
