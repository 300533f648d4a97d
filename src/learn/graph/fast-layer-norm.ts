/**
 * Layer normalisation over the last axis of a 2-D input with a hand-written backward pass. It
 * computes what `learn.layerNorm` computes (tested against it, values and gradients), in about a
 * third of the tfjs kernels: a graph network applies a dozen of these per message-passing step,
 * and tfjs's per-kernel overhead, not arithmetic, bounds its speed at these sizes.
 */
import type { Rng } from "../../core/rng.js";
import { initVariable } from "../init.js";
import { type Layer, type Tensors, pick } from "../params.js";
import { tf } from "../tf.js";

/**
 * y = (x − mean)/√(var + ε)·gain + shift over the last axis; backward
 * dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))/√(var + ε) with ĝ = dy·gain, dgain = Σ dy·x̂, dshift = Σ dy.
 */
export function layerNorm2d(x: tf.Tensor2D, gain: tf.Tensor, shift: tf.Tensor, epsilon = 1e-5): tf.Tensor2D {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, g, b] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const mean = tf.mean(input, -1, true);
    const centred = tf.sub(input, mean);
    const inv = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), epsilon));
    const normalised = tf.mul(centred, inv);
    save([normalised, inv, g]);
    return {
      value: tf.add(tf.mul(normalised, g), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, invSd, gn] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const gHat = tf.mul(dy, gn);
        const dx = tf.mul(invSd, tf.sub(tf.sub(gHat, tf.mean(gHat, -1, true)), tf.mul(xhat, tf.mean(tf.mul(gHat, xhat), -1, true))));
        return [dx, tf.sum(tf.mul(dy, xhat), 0), tf.sum(dy, 0)];
      },
    };
  });
  return f(x, gain, shift) as tf.Tensor2D;
}

/** A LayerNorm layer (params `gain`, `shift`, as `learn.layerNorm`) using `layerNorm2d`. */
export function fastLayerNorm(options: { readonly dim: number; readonly epsilon?: number; readonly rng: Rng }): Layer {
  const params = {
    gain: initVariable(options.rng, [options.dim], { kind: "ones" }),
    shift: initVariable(options.rng, [options.dim], { kind: "zeros" }),
  };
  return {
    params,
    apply(x: tf.Tensor, override?: Tensors) {
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, options.dim]) as tf.Tensor2D;
      const y = layerNorm2d(flat, pick(params, override, "gain"), pick(params, override, "shift"), options.epsilon);
      return x.rank === 2 ? y : tf.reshape(y, x.shape);
    },
  };
}
