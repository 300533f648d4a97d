/** Every message the memory module shows a user, as functions (tests compare with these). */
import type { Problem } from "../../core/errors.js";

/** An option of an episode sampler or memory network is outside its range. */
export function badMemoryOption(place: string, name: string, value: unknown, expected: string, fix?: string): Problem {
  return { ruleId: "memory-bad-option", place, reason: `\`${name}\` is ${String(value)}.`, expected, ...(fix ? { fix } : {}) };
}

/** A class pool holds fewer images than an episode draws from it without replacement. */
export function poolTooSmall(place: string, classId: number, available: number, needed: number): Problem {
  return {
    ruleId: "memory-pool-too-small",
    place,
    reason: `class ${classId} has ${available} image${available === 1 ? "" : "s"}, but an episode draws ${needed} without replacement.`,
    expected: `at least ${needed} images of every class in the split`,
    fix: "use fewer instances per class, or a larger image set.",
  };
}
