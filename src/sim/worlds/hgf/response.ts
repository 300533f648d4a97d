/**
 * Response models: how an agent's beliefs become choices, and the surprise of observed choices
 * (the negative log-likelihood a fit minimises).
 *
 * Binary softmax with inverse temperature ζ: p(choice = 1) = μ̂^ζ / (μ̂^ζ + (1−μ̂)^ζ), computed as
 * σ(ζ·logit μ̂) to stay exact near 0 and 1.
 */
import { CajalError } from "../../../core/errors.js";
import type { Rng } from "../../../core/rng.js";
import * as msg from "./messages.js";

/** −log σ(z), stable for large |z|. */
function negLogSigmoid(z: number): number {
  return z >= 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z));
}

function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

function checkZeta(place: string, zeta: number): void {
  if (!(zeta >= 0 && Number.isFinite(zeta))) {
    throw new CajalError(msg.badParameter(place, "inverseTemperature", zeta, "a finite ζ ≥ 0", "ζ = 1 reports beliefs as they are; larger ζ makes choices more deterministic."));
  }
}

/** Probability of choosing 1 given the belief `p` = p(outcome 1) and inverse temperature ζ. */
export function binarySoftmax(p: number, inverseTemperature: number): number {
  checkZeta("binarySoftmax", inverseTemperature);
  if (p <= 0) return inverseTemperature === 0 ? 0.5 : 0;
  if (p >= 1) return inverseTemperature === 0 ? 0.5 : 1;
  const z = inverseTemperature * logit(p);
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Surprise −log p(choice) of one 0/1 choice under the binary softmax, in nats. */
export function binarySoftmaxSurprise(p: number, choice: number, inverseTemperature: number): number {
  if (p <= 0 || p >= 1) {
    const q = binarySoftmax(p, inverseTemperature);
    return -Math.log(choice === 1 ? q : 1 - q);
  }
  const z = inverseTemperature * logit(p);
  return negLogSigmoid(choice === 1 ? z : -z);
}

/**
 * Accumulated surprise Σ −log p(choice_t | belief_t) of a choice sequence: the negative
 * log-likelihood of the response model. Non-finite beliefs give Infinity.
 */
export function binarySoftmaxTotalSurprise(beliefs: ArrayLike<number>, choices: ArrayLike<number>, inverseTemperature: number): number {
  checkZeta("binarySoftmaxTotalSurprise", inverseTemperature);
  if (beliefs.length !== choices.length) throw new CajalError(msg.lengthMismatch("binarySoftmaxTotalSurprise", "beliefs and choices", beliefs.length, choices.length));
  let total = 0;
  for (let t = 0; t < beliefs.length; t++) {
    const p = beliefs[t]!;
    if (!Number.isFinite(p)) return Infinity;
    total += binarySoftmaxSurprise(p, choices[t]!, inverseTemperature);
  }
  return total;
}

/** Draws 0/1 choices from the binary softmax of each belief. */
export function simulateBinaryChoices(beliefs: ArrayLike<number>, inverseTemperature: number, rng: Rng): Uint8Array {
  checkZeta("simulateBinaryChoices", inverseTemperature);
  const out = new Uint8Array(beliefs.length);
  for (let t = 0; t < beliefs.length; t++) out[t] = rng.uniform() < binarySoftmax(beliefs[t]!, inverseTemperature) ? 1 : 0;
  return out;
}
