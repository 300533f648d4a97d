/** Every message the image corruptions show a user, as functions (tests compare with these). */
import type { Problem } from "../../core/errors.js";

/** A corruption's parameter is outside its range. */
export function badCorruptionOption(place: string, name: string, value: unknown, expected: string): Problem {
  return { ruleId: "corruption-bad-option", place, reason: `\`${name}\` is ${String(value)}.`, expected };
}

/** No corruption of that name. */
export function unknownCorruption(name: string, known: readonly string[]): Problem {
  return {
    ruleId: "corruption-unknown",
    place: "corruptions.corrupt",
    reason: `no corruption named \`${name}\`.`,
    expected: `one of ${known.map((k) => `\`${k}\``).join(", ")}`,
  };
}
