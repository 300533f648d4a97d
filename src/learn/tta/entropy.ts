/** The prediction entropy that Tent and the neuro-modulator minimise. */
import { tf } from "../tf.js";

/**
 * Mean over the batch of the Shannon entropy (nats) of softmax(logits): H = −Σ_c p_c·log p_c.
 * Computed from log-softmax, so it stays finite for large logits. Logits [batch, classes].
 */
export function predictionEntropy(logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const logP = tf.sub(logits, tf.logSumExp(logits, -1, true));
    return tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(logP), logP), -1))) as tf.Scalar;
  });
}
