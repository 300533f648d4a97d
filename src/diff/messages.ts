/** Every message the differentiable backend can give, as functions returning a `Problem`. */
import type { Problem } from "../core/errors.js";

const code = (s: string | number) => `\`${s}\``;

/** A projection named for training that the network does not have. */
export function unknownTrainableProjection(place: string, label: string, known: readonly string[]): Problem {
  return {
    ruleId: "diff-unknown-projection", place,
    reason: `the network has no projection ${code(label)} to train.`,
    expected: known.length ? `one of ${known.map(code).join(", ")}` : "a network with projections",
    fix: "name a projection by its label (proj.label).",
  };
}

/** A cell parameter that cannot be trained. */
export function untrainableParameter(place: string, name: string, allowed: readonly string[]): Problem {
  return {
    ruleId: "diff-untrainable-parameter", place,
    reason: `the cell parameter ${code(name)} cannot be trained on the differentiable backend.`,
    expected: `one of ${allowed.map(code).join(", ")}`,
    fix: "train one of the listed parameters, or keep this one fixed.",
  };
}

/** A population named for training or inputs that is missing or of the wrong kind. */
export function badPopulation(place: string, label: string, why: string): Problem {
  return { ruleId: "diff-bad-population", place, reason: `population ${code(label)} ${why}.`, fix: "check the population label and its kind (cells or spike source)." };
}

/** An input tensor of the wrong shape. */
export function badInputShape(place: string, shape: readonly number[], expected: string): Problem {
  return { ruleId: "diff-bad-input", place, reason: `the input has shape [${shape.join(", ")}].`, expected, fix: "give spikes as a tensor [steps, batch, neurons]." };
}

/** Plasticity is not differentiable here. */
export function plasticUnsupported(place: string, rule: string): Problem {
  return {
    ruleId: "backend-unsupported", place,
    reason: `the differentiable backend has no ${code(rule)} plasticity (weights change by gradient descent here).`,
    expected: "static projections",
    fix: "run plastic networks with { backend: \"reference\" }, or remove the plasticity and train the weights.",
  };
}

/** A bad option value. */
export function badOption(place: string, name: string, value: unknown, expected: string): Problem {
  return { ruleId: "diff-bad-option", place, reason: `${code(name)} is ${code(String(value))}.`, expected };
}
