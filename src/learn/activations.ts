/**
 * Activation functions by name, each a differentiable tfjs function of one tensor.
 * ELU uses α = 1 (Clevert et al. 2016); LeakyReLU's slope is 0.01 unless `leakyRelu(x, slope)`;
 * GELU is the tanh approximation (Hendrycks & Gimpel 2016); clip01 clamps to [0, 1].
 */
import { tf } from "./tf.js";

/** Names accepted wherever an activation is an option. */
export type ActivationName =
  | "linear" | "relu" | "tanh" | "sigmoid" | "elu" | "softplus" | "silu" | "gelu" | "leakyRelu" | "clip01" | "softmax" | "logSoftmax";

/** ELU: x for x > 0, α(eˣ − 1) otherwise. */
export function elu(x: tf.Tensor, alpha = 1): tf.Tensor {
  return alpha === 1 ? tf.elu(x) : tf.where(tf.greater(x, 0), x, tf.mul(alpha, tf.sub(tf.exp(tf.minimum(x, 0)), 1)));
}

/** SiLU (swish): x·σ(x). */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** LeakyReLU with the given negative slope. */
export function leakyRelu(x: tf.Tensor, slope = 0.01): tf.Tensor {
  return tf.leakyRelu(x, slope);
}

/**
 * log softmax over `axis` as x − logSumExp(x), built from ordinary ops so that it can be
 * differentiated twice (tf.logSoftmax is a customGrad op and cannot).
 */
export function logSoftmax(x: tf.Tensor, axis = -1): tf.Tensor {
  return tf.sub(x, tf.logSumExp(x, axis, true));
}

/** Applies the named activation (softmax and logSoftmax over the last axis). */
export function activate(x: tf.Tensor, name: ActivationName): tf.Tensor {
  switch (name) {
    case "linear": return x;
    case "relu": return tf.relu(x);
    case "tanh": return tf.tanh(x);
    case "sigmoid": return tf.sigmoid(x);
    case "elu": return elu(x);
    case "softplus": return tf.softplus(x);
    case "silu": return silu(x);
    case "gelu": return gelu(x);
    case "leakyRelu": return leakyRelu(x);
    case "clip01": return tf.clipByValue(x, 0, 1);
    case "softmax": return tf.softmax(x);
    case "logSoftmax": return logSoftmax(x);
  }
}
