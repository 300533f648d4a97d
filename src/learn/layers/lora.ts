/**
 * LoRA adapter on a frozen dense layer (Hu et al. 2022): y = x·W + b + (α/r)·x·A·B, with A
 * [in, r] ~ U(±1/√in) (Kaiming-uniform) and B [r, out] = 0, so training starts from the base.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { initVariable } from "../init.js";
import { badOption } from "../messages.js";
import { type Layer, type Tensors, type Variables, pick } from "../params.js";
import { tf } from "../tf.js";

/** Options of `lora`. */
export interface LoraOptions {
  /** The dense layer to adapt; its variables are left untouched and untrained. */
  readonly base: Layer;
  /** Rank r of the update. */
  readonly rank: number;
  /** Scale α; the update is multiplied by α/r (default α = r, i.e. 1). */
  readonly alpha?: number;
  readonly rng: Rng;
}

/** A LoRA-adapted layer: `params` holds only the trainable `loraA`, `loraB`. */
export interface LoraLayer extends Layer {
  /** The frozen base layer's variables. */
  readonly frozen: Variables;
  /** W + (α/r)·A·B as a new tensor (the caller disposes it). */
  mergedKernel(): tf.Tensor;
}

/** Wraps a dense layer with a low-rank trainable update. */
export function lora(options: LoraOptions): LoraLayer {
  const kernel = options.base.params.kernel;
  if (!kernel || kernel.rank !== 2) throw new CajalError(badOption("lora", "base", "a layer without a 2-D kernel", "a dense layer"));
  const [inputs, units] = kernel.shape as [number, number];
  const { rank } = options;
  if (!(Number.isInteger(rank) && rank >= 1 && rank <= Math.min(inputs, units))) {
    throw new CajalError(badOption("lora", "rank", rank, `an integer in 1 … ${Math.min(inputs, units)}`));
  }
  const scale = (options.alpha ?? rank) / rank;
  const params = {
    loraA: initVariable(options.rng.stream("A"), [inputs, rank], { kind: "kaimingUniform", fanIn: inputs }),
    loraB: initVariable(options.rng.stream("B"), [rank, units], { kind: "zeros" }),
  };
  return {
    params,
    frozen: options.base.params,
    apply(x: tf.Tensor, override?: Tensors) {
      const baseOut = options.base.apply(x); // the base keeps its own (frozen) variables
      const a = pick(params, override, "loraA");
      const b = pick(params, override, "loraB");
      const flat = x.rank === 2 ? x : tf.reshape(x, [-1, inputs]);
      const update = tf.mul(tf.matMul(tf.matMul(flat, a), b), scale);
      return tf.add(baseOut, x.rank === 2 ? update : tf.reshape(update, [...x.shape.slice(0, -1), units]));
    },
    mergedKernel() {
      return tf.tidy(() => tf.add(kernel, tf.mul(tf.matMul(params.loraA, params.loraB), scale)));
    },
  };
}
