/** Every message test-time adaptation shows a user, as functions (tests compare with these). */
import type { Problem } from "../../core/errors.js";

/** An option is outside its range. */
export function badTtaOption(place: string, name: string, value: unknown, expected: string): Problem {
  return { ruleId: "tta-bad-option", place, reason: `\`${name}\` is ${String(value)}.`, expected };
}

/** A method names a parameter the model does not have. */
export function unknownTtaParam(place: string, name: string, known: readonly string[]): Problem {
  return {
    ruleId: "tta-unknown-param",
    place,
    reason: `the model has no parameter named \`${name}\`.`,
    expected: `one of ${known.map((k) => `\`${k}\``).join(", ")}`,
    fix: "name the parameters as the model's `params` does, e.g. \"bn1/gamma\".",
  };
}
