/**
 * Every message the plot builders can raise, as functions, so tests compare against the builder
 * rather than a copied string.
 */
import { CajalError } from "../core/errors.js";

/** A field the options name is not a column of the data. */
export function missingField(place: string, field: string, option: string, available: readonly string[]): CajalError {
  return new CajalError({
    ruleId: "plot-missing-field", place,
    reason: `option \`${option}\` names the field \`${field}\`, which the data does not have.`,
    expected: available.length > 0 ? `one of ${available.map((a) => `\`${a}\``).join(", ")}` : "data with at least one row",
    fix: `set \`${option}\` to a column of the data.`,
  });
}

/** Columns of a column table whose lengths differ. */
export function ragged(place: string, lengths: Readonly<Record<string, number>>): CajalError {
  const list = Object.entries(lengths).map(([k, n]) => `${k}: ${n}`).join(", ");
  return new CajalError({
    ruleId: "plot-ragged-columns", place, reason: `the columns have different lengths (${list}).`,
    expected: "columns of equal length, paired by index", fix: "pass columns recorded over the same samples.",
  });
}

/** Input of a shape the builder does not take. */
export function badInput(place: string, received: string, expected: string): CajalError {
  return new CajalError({
    ruleId: "plot-bad-input", place, reason: `the data is ${received}.`, expected,
    fix: "pass the data in one of the expected shapes.",
  });
}

/** A numeric option outside its range. */
export function badOption(place: string, option: string, value: unknown, expected: string): CajalError {
  return new CajalError({
    ruleId: "plot-bad-option", place, reason: `option \`${option}\` is ${JSON.stringify(value)}.`, expected,
    fix: `set \`${option}\` to ${expected}.`,
  });
}

/** Series or traces whose lengths differ from their x (time) values. */
export function lengthMismatch(place: string, what: string, length: number, expected: number): CajalError {
  return new CajalError({
    ruleId: "plot-length-mismatch", place, reason: `${what} has ${length} values but its x (time) values number ${expected}.`,
    expected: "one y value per x value", fix: "pass values sampled at the same points as the x values.",
  });
}

/** Plots that cannot be layered (concatenated or faceted figures). */
export function notLayerable(place: string, index: number, kind: string): CajalError {
  return new CajalError({
    ruleId: "plot-not-layerable", place, reason: `plot ${index} is a ${kind} figure, which vega-lite cannot layer.`,
    expected: "single-view plots (unit or layer specs)", fix: "layer the single plots first, then concatenate the result.",
  });
}
