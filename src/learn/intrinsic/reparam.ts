/**
 * Constraint handling of trainable intrinsic parameters: each is stored unconstrained (a "raw"
 * value, what the optimiser updates) and mapped to its valid range by a smooth bijection, so no
 * update can leave the range and nothing is clamped:
 *   τ_m = τ_min + softplus(a)   (τ_min = 1 ms = dt, so the decay β = exp(−dt/τ_m) stays in (e^{−1}, 1))
 *   θ   = softplus(b) > 0,  Δ = softplus(c) > 0,  p = sigmoid(r) ∈ (0, 1).
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { tf } from "../tf.js";

/** Smallest membrane time constant the parametrisation reaches (ms): one 1 ms step. */
export const TAU_MIN_MS = 1;

/** softplus(x) = log(1 + eˣ), computed without overflow. */
export function softplus(x: number): number {
  return x > 30 ? x : Math.log1p(Math.exp(x));
}

/** The raw value whose softplus is y > 0. */
export function inverseSoftplus(y: number): number {
  if (!(y > 0)) throw new CajalError(badOption("inverseSoftplus", "y", y, "y > 0"));
  return y > 30 ? y : Math.log(Math.expm1(y));
}

/** The raw value a of τ_m = τ_min + softplus(a) (τ in ms, > τ_min). */
export function rawFromTau(tauMs: number): number {
  if (!(tauMs > TAU_MIN_MS)) throw new CajalError(badOption("rawFromTau", "tauMs", tauMs, `τ_m > ${TAU_MIN_MS} ms`));
  return inverseSoftplus(tauMs - TAU_MIN_MS);
}

/** τ_m (ms) from raw values (tensor op, differentiable). */
export function tauFromRaw(raw: tf.Tensor): tf.Tensor {
  return tf.add(tf.softplus(raw), TAU_MIN_MS);
}

/** Per-step membrane decay β = exp(−dt/τ_m) from raw τ values (tensor op, differentiable). */
export function decayFromRaw(raw: tf.Tensor, dtMs: number): tf.Tensor {
  return tf.exp(tf.div(-dtMs, tauFromRaw(raw)));
}

/** The raw value r of p = sigmoid(r), 0 < p < 1. */
export function rawFromProbability(p: number): number {
  if (!(p > 0 && p < 1)) throw new CajalError(badOption("rawFromProbability", "p", p, "0 < p < 1"));
  return Math.log(p / (1 - p));
}
