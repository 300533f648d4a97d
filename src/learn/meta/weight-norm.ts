/**
 * Weight-normalised dense layers written as pure functions of a parameter record, so that the
 * parameters can be tensors produced by an unrolled inner loop (Salimans & Kingma 2016):
 * W = g ⊙ v / ‖v‖ (norm of each output unit's incoming weights), y = x·W + b.
 */
import type { Rng } from "../../core/rng.js";
import { initTensor } from "../init.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";

/**
 * Fresh parameters `${name}/v` [inputs, units], `${name}/g` [units], `${name}/b` [units]: v and b
 * ~ U(±1/√inputs) as PyTorch's nn.Linear, g = ‖v‖ per unit so that the first forward pass equals
 * the plain layer's.
 */
export function initWeightNormDense(rng: Rng, name: string, inputs: number, units: number): Record<string, tf.Tensor> {
  const v = initTensor(rng.stream("v"), [inputs, units], { kind: "kaimingUniform", fanIn: inputs });
  const g = tf.tidy(() => tf.sqrt(tf.sum(tf.square(v), 0)));
  const b = initTensor(rng.stream("b"), [units], { kind: "kaimingUniform", fanIn: inputs });
  return { [`${name}/v`]: v, [`${name}/g`]: g, [`${name}/b`]: b };
}

/**
 * y = x·(g ⊙ v/‖v‖) + b from `params[name/v|g|b]`. Built from ordinary ops (no fused kernels),
 * so it can be differentiated twice.
 */
export function weightNormDense(x: tf.Tensor, params: Tensors, name: string): tf.Tensor {
  const v = params[`${name}/v`];
  const g = params[`${name}/g`];
  const b = params[`${name}/b`];
  if (!v || !g || !b) throw new Error(`weightNormDense: parameters of ${name} are missing`);
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(v), 0), 1e-12));
  const w = tf.mul(v, tf.div(g, norm));
  return tf.add(tf.matMul(x, w), b);
}

/** Plain dense parameters `${name}/w` [inputs, units] and `${name}/b` [units], U(±1/√inputs). */
export function initPlainDense(rng: Rng, name: string, inputs: number, units: number): Record<string, tf.Tensor> {
  return {
    [`${name}/w`]: initTensor(rng.stream("w"), [inputs, units], { kind: "kaimingUniform", fanIn: inputs }),
    [`${name}/b`]: initTensor(rng.stream("b"), [units], { kind: "kaimingUniform", fanIn: inputs }),
  };
}

/** y = x·w + b from `params[name/w|b]`, unfused (differentiable twice). */
export function plainDense(x: tf.Tensor, params: Tensors, name: string): tf.Tensor {
  const w = params[`${name}/w`];
  const b = params[`${name}/b`];
  if (!w || !b) throw new Error(`plainDense: parameters of ${name} are missing`);
  return tf.add(tf.matMul(x, w), b);
}
