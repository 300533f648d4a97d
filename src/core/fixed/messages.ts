/** Every message of the fixed-point layer, as functions (style.md §5.1). */
import type { Problem } from "../errors.js";

/** A host value that does not fit the fixed-point type it must be written as. */
export function fixedOutOfRange(place: string, value: number, typeName: string, min: string, max: string): Problem {
  return {
    ruleId: "fixed-out-of-range",
    place,
    // The stack's own wording (DataType.encode_as_int raises "... out of range").
    reason: `${value} cannot be converted to ${typeName} fixed point number: out of range.`,
    expected: `a finite value in [${min}, ${max}]`,
    fix: "choose a value the SpiNNaker data type can hold, or change the model's units so it fits.",
  };
}
