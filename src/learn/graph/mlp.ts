/**
 * The small MLP every function of a graph network uses in the graph_nets demos: dense layers with
 * ReLU after each (including the last, `activate_final=True`), then LayerNorm.
 */
import type { Rng } from "../../core/rng.js";
import { dense } from "../layers/dense.js";
import { fastLayerNorm } from "./fast-layer-norm.js";
import { type Layer, type Tensors, collectParams, scope } from "../params.js";
import type { tf } from "../tf.js";

/** Options of `mlp`. */
export interface MlpOptions {
  readonly inputs: number;
  /** Widths of the hidden layers; default [16, 16] (the demos' 2 × LATENT_SIZE). */
  readonly hidden?: readonly number[];
  /** LayerNorm after the last layer (default true). */
  readonly layerNorm?: boolean;
  /** ReLU after the last layer too (default true). */
  readonly activateFinal?: boolean;
  readonly rng: Rng;
}

/** A ReLU MLP with an optional final LayerNorm, as a Layer (params "dense0/kernel", …, "norm/gain"). */
export function mlp(options: MlpOptions): Layer & { readonly outputs: number } {
  const hidden = options.hidden ?? [16, 16];
  const layers: Record<string, Layer> = {};
  let width = options.inputs;
  hidden.forEach((units, i) => {
    const last = i === hidden.length - 1;
    layers[`dense${i}`] = dense({ inputs: width, units, activation: !last || (options.activateFinal ?? true) ? "relu" : "linear", rng: options.rng.stream(`dense${i}`) });
    width = units;
  });
  const useNorm = options.layerNorm ?? true;
  if (useNorm) layers.norm = fastLayerNorm({ dim: width, rng: options.rng.stream("norm") });
  const params = collectParams(layers);
  return {
    params,
    outputs: width,
    apply(x: tf.Tensor, override?: Tensors): tf.Tensor {
      let h = x;
      for (let i = 0; i < hidden.length; i++) h = layers[`dense${i}`]!.apply(h, scope(override, `dense${i}`));
      return useNorm ? layers.norm!.apply(h, scope(override, "norm")) : h;
    },
  };
}
