/** Layer normalisation over the last axis (Ba et al. 2016). */
import { initVariable } from "../init.js";
import type { Rng } from "../../core/rng.js";
import { type Layer, type Tensors, pick } from "../params.js";
import { tf } from "../tf.js";

/** Options of `layerNorm`. */
export interface LayerNormOptions {
  /** Size of the normalised (last) axis. */
  readonly dim: number;
  /** Added to the variance (default 1e-5, as PyTorch). */
  readonly epsilon?: number;
  /** Unused by the deterministic init (gain 1, shift 0); kept for a uniform layer signature. */
  readonly rng: Rng;
}

/** y = (x − mean) / √(var + ε) · gain + shift; params `gain`, `shift` [dim]. */
export function layerNorm(options: LayerNormOptions): Layer {
  const eps = options.epsilon ?? 1e-5;
  const params = {
    gain: initVariable(options.rng, [options.dim], { kind: "ones" }),
    shift: initVariable(options.rng, [options.dim], { kind: "zeros" }),
  };
  return {
    params,
    apply(x: tf.Tensor, override?: Tensors) {
      const mean = tf.mean(x, -1, true);
      const centred = tf.sub(x, mean);
      const variance = tf.mean(tf.square(centred), -1, true);
      return tf.add(tf.mul(tf.div(centred, tf.sqrt(tf.add(variance, eps))), pick(params, override, "gain")), pick(params, override, "shift"));
    },
  };
}
