/**
 * The two settings a notebook reads from its environment. This module is the only place in Cajal
 * that reads environment variables, so a run is reproducible from (mode, seed) alone.
 */
import { CajalError } from "../core/errors.js";

/** How much work a notebook does: `quick` for tests and CI (≤ 60 s), `full` for the docs site (≤ 10 min). */
export type Mode = "quick" | "full";

/** The seed notebooks use when CAJAL_SEED is not set. */
export const DEFAULT_SEED = 1234;

/** The notebook's mode, from `CAJAL_MODE` (default `quick`). */
export function mode(): Mode {
  const raw = process.env["CAJAL_MODE"];
  if (raw === undefined || raw === "") return "quick";
  const value = raw.trim().toLowerCase();
  if (value === "quick" || value === "full") return value;
  throw new CajalError({
    ruleId: "env-bad-mode", place: "CAJAL_MODE", reason: `\`${raw}\` is not a mode.`,
    expected: "`quick` or `full`", fix: "set CAJAL_MODE=quick (tests, CI) or CAJAL_MODE=full (the docs site), or unset it.",
  });
}

/** The notebook's seed, from `CAJAL_SEED` (default 1234). Claims must hold for other seeds too. */
export function seed(): number {
  const raw = process.env["CAJAL_SEED"];
  if (raw === undefined || raw.trim() === "") return DEFAULT_SEED;
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value)) {
    throw new CajalError({
      ruleId: "env-bad-seed", place: "CAJAL_SEED", reason: `\`${raw}\` is not an integer seed.`,
      expected: "a whole number such as 1234", fix: "set CAJAL_SEED to an integer, or unset it for the default.",
    });
  }
  return value;
}

/** Picks the value for the current mode: `byMode({ quick: 200, full: 4000 })`. */
export function byMode<T>(values: { readonly quick: T; readonly full: T }): T {
  return values[mode()];
}
