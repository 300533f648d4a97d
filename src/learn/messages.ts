/** Every message the learning core shows a user, as functions (tests compare with these). */
import type { Problem } from "../core/errors.js";

/** A loss became NaN or infinite during training. */
export function lossNotFinite(step: number, epoch: number, loss: number): Problem {
  return {
    ruleId: "learn-loss-not-finite",
    place: `training step ${step} (epoch ${epoch})`,
    reason: `the loss is ${loss}, so training stopped.`,
    expected: "a finite loss",
    fix: "lower the learning rate, clip gradients (clipNorm), or check the inputs for NaN.",
  };
}

/** A tensor's shape does not fit a layer. */
export function shapeMismatch(place: string, what: string, got: readonly number[], expected: string): Problem {
  return {
    ruleId: "learn-shape-mismatch",
    place,
    reason: `${what} has shape [${got.join(", ")}].`,
    expected,
    fix: "reshape the input or build the layer with matching sizes.",
  };
}

/** An option is outside its range. */
export function badOption(place: string, name: string, value: unknown, expected: string): Problem {
  return { ruleId: "learn-bad-option", place, reason: `\`${name}\` is ${String(value)}.`, expected };
}

/** A parameter name given to an optimiser or apply() is not one the model has. */
export function unknownParam(place: string, name: string, known: readonly string[]): Problem {
  return {
    ruleId: "learn-unknown-param",
    place,
    reason: `no parameter named \`${name}\`.`,
    expected: `one of ${known.map((k) => `\`${k}\``).join(", ")}`,
  };
}
