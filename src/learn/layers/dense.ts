/** Fully connected layer y = x·W + b, with PyTorch's default initialisation. */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { type ActivationName, activate } from "../activations.js";
import { initVariable } from "../init.js";
import { shapeMismatch } from "../messages.js";
import { type Layer, type Tensors, pick } from "../params.js";
import { tf } from "../tf.js";

/** Options of `dense`. */
export interface DenseOptions {
  /** Input features. */
  readonly inputs: number;
  /** Output features. */
  readonly units: number;
  /** Learn a bias (default true). */
  readonly bias?: boolean;
  /** Activation after the affine map (default "linear"). */
  readonly activation?: ActivationName;
  /**
   * Use tfjs's fused product+bias+activation kernel (default true). Set false for gradients of
   * gradients: the fused kernel's backward pass is not itself differentiable.
   */
  readonly fused?: boolean;
  /** Source of the initial weights: kernel and bias ~ U(±1/√inputs), as PyTorch's nn.Linear. */
  readonly rng: Rng;
}

/**
 * A dense layer: params `kernel` [inputs, units] and `bias` [units]. Input [batch, inputs] or
 * [..., inputs]; the product is fused with bias and activation where tfjs can.
 *
 * @example
 * const hidden = dense({ inputs: 784, units: 256, activation: "relu", rng: rng.stream("hidden") });
 */
export function dense(options: DenseOptions): Layer {
  const { inputs, units, rng } = options;
  const useBias = options.bias ?? true;
  const activation = options.activation ?? "linear";
  const params: Record<string, tf.Variable> = {
    kernel: initVariable(rng.stream("kernel"), [inputs, units], { kind: "kaimingUniform", fanIn: inputs }),
  };
  if (useBias) params.bias = initVariable(rng.stream("bias"), [units], { kind: "kaimingUniform", fanIn: inputs });
  return {
    params,
    apply(x: tf.Tensor, override?: Tensors): tf.Tensor {
      if (x.shape[x.rank - 1] !== inputs) throw new CajalError(shapeMismatch("dense", "the input", x.shape, `[..., ${inputs}]`));
      const kernel = pick(params, override, "kernel");
      const bias = useBias ? pick(params, override, "bias") : undefined;
      const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inputs]);
      let y: tf.Tensor;
      if (options.fused !== false && (activation === "relu" || activation === "linear")) {
        // tfjs differentiates fused products only for these two activations.
        y = tf.fused.matMul({ a: flat as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: activation === "relu" ? "relu" : "linear" });
      } else {
        y = activate(bias ? tf.add(tf.matMul(flat, kernel), bias) : tf.matMul(flat, kernel), activation);
      }
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), units]);
    },
  };
}
