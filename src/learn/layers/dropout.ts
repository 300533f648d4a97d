/** Inverted dropout with masks drawn from Cajal's seeded generator. */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { tf } from "../tf.js";

/**
 * Zeroes each element with probability `rate` and scales the rest by 1/(1 − rate), so the
 * expected value is unchanged; returns `x` itself when `training` is false or `rate` is 0.
 */
export function dropout(x: tf.Tensor, rate: number, rng: Rng, training = true): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new CajalError(badOption("dropout", "rate", rate, "0 ≤ rate < 1"));
  if (!training || rate === 0) return x;
  const mask = new Float32Array(x.size);
  const keepScale = 1 / (1 - rate);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.uniform() < rate ? 0 : keepScale;
  return tf.mul(x, tf.tensor(mask, x.shape, "float32"));
}
