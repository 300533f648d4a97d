/** Messages of the rate engine: blow-ups that stop a run, named with where, when and what to change. */
import type { Problem } from "../../core/errors.js";

/** A rate became NaN or infinite. */
export function rateBlewUp(place: string, value: number, tMs: number): Problem {
  return {
    ruleId: "rate-not-finite",
    place,
    reason: `the rate became ${value} at t = ${tMs} ms.`,
    expected: "finite rates",
    fix: "the network's feedback gain is above 1 (a linear or ReLU unit with strong recurrent or learned weights grows without bound): lower the weights or the gain, bound the rate with activation \"tanh\" or \"sigmoid\", or lower the learning rate.",
  };
}

/** A rate-rule weight became NaN or infinite. */
export function weightBlewUp(place: string, value: number, tMs: number, rule: string): Problem {
  return {
    ruleId: "weight-not-finite",
    place,
    reason: `the ${rule} rule drove this weight to ${value} at t = ${tMs} ms.`,
    expected: "finite weights",
    fix: rule === "hebbian"
      ? "plain Hebbian learning grows without bound: add decay (plasticity.hebbian({ rate, decay })), lower the rate, or use plasticity.oja, which normalises."
      : "lower the learning rate (rate·dt·y² must stay well below 1) or the input rates.",
  };
}
