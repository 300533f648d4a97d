/**
 * A claims output (`application/vnd.cajal.claims+json`): the checks a paper notebook makes on its
 * own results, as a table with ✓/✗ per claim and a one-line verdict.
 */
import type { Element } from "hast";
import { h } from "./hast-util.mjs";

/** The MIME type of a claims list. */
export const CLAIMS_MIME = "application/vnd.cajal.claims+json";

/** One checked claim. */
export interface Claim {
  readonly name: string;
  /** What the notebook measured (number, text or structured value). */
  readonly measured: unknown;
  /** The threshold or ordering the claim needs, as text or a value. */
  readonly expected: unknown;
  /** `null`: not checked here (the scaled-down run cannot show it); `note` says why. */
  readonly holds: boolean | null;
  /** Why a claim is not checked, or a remark on how it was measured. */
  readonly note?: string;
  /** What the run found against the paper: a claim that does not hold is then reported as contradicted (⊘). */
  readonly contradicts?: string;
}

/** Checks that a value is a list of claims; returns the reason when it is not. */
export function parseClaims(value: unknown): { ok: true; claims: Claim[] } | { ok: false; reason: string } {
  if (!Array.isArray(value)) return { ok: false, reason: "claims output is not a list" };
  for (const [i, item] of value.entries()) {
    const claim = item as Partial<Claim> | null;
    if (!claim || typeof claim !== "object") return { ok: false, reason: `claim ${i} is not an object` };
    if (typeof claim.name !== "string") return { ok: false, reason: `claim ${i} has no string \`name\`` };
    if (typeof claim.holds !== "boolean" && claim.holds !== null) {
      return { ok: false, reason: `claim ${i} (${claim.name}) has no \`holds\` (true, false, or null when not checked here)` };
    }
  }
  return { ok: true, claims: value as Claim[] };
}

/**
 * Formats a measured or expected value for a table cell: numbers to 4 significant digits, lists of
 * values item by item with at most `maxItems` shown (then "…, N values"), other objects as JSON.
 */
export function formatClaimValue(value: unknown, maxItems = 6): string {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
  }
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) {
    const shown = value.slice(0, maxItems).map((item) => formatClaimValue(item, maxItems));
    return value.length > maxItems ? `[${shown.join(", ")}, … ${value.length} values]` : `[${shown.join(", ")}]`;
  }
  return JSON.stringify(value);
}

/** Renders the claims table with a caption "N of M claims hold" (and how many are not checked here). */
export function renderClaims(claims: readonly Claim[]): Element {
  const isContradicted = (claim: Claim) => claim.holds === false && typeof claim.contradicts === "string" && claim.contradicts !== "";
  const held = claims.filter((claim) => claim.holds === true).length;
  const contradicted = claims.filter(isContradicted).length;
  const failed = claims.filter((claim) => claim.holds === false).length - contradicted;
  const notChecked = claims.length - held - failed - contradicted;
  const verdict = failed === 0 ? "all-hold" : "some-fail";
  const rows = claims.map((claim) => {
    const [cls, mark, label] = claim.holds === true ? ["claim-holds", "✓", "holds"]
      : isContradicted(claim) ? ["claim-contradicted", "⊘", "contradicted by this run"]
        : claim.holds === false ? ["claim-fails", "✗", "fails"] : ["claim-not-checked", "–", "not checked here"];
    const note = claim.holds === null ? `not checked here${claim.note ? `: ${claim.note}` : ""}`
      : isContradicted(claim) ? `contradicted by this run: ${claim.contradicts}${claim.note ? ` (${claim.note})` : ""}` : (claim.note ?? "");
    return h("tr", { className: [cls] }, [
      h("td", { className: ["claim-mark"], ariaLabel: label }, [mark]),
      h("td", { className: ["claim-name"] }, [claim.name]),
      valueCell(claim.measured),
      valueCell(claim.expected),
      h("td", { className: ["claim-note"] }, [note]),
    ]);
  });
  const caption = `${held} of ${claims.length} claims hold` + (failed ? `, ${failed} failed` : "") +
    (contradicted ? `, ${contradicted} contradicted by this run` : "") + (notChecked ? `, ${notChecked} not checked here` : "");
  return h("figure", { className: ["output", "output-claims", verdict] }, [
    h("table", { className: ["claims"] }, [
      h("caption", {}, [caption]),
      h("thead", {}, [h("tr", {}, [h("th", {}, [""]), h("th", {}, ["claim"]), h("th", {}, ["measured"]), h("th", {}, ["expected"]), h("th", {}, ["note"])])]),
      h("tbody", {}, rows),
    ]),
  ]);
}

/** Numbers align right so their digits line up; text and lists read from the left. */
function valueCell(value: unknown): Element {
  return h("td", typeof value === "number" ? { className: ["num"] } : {}, [formatClaimValue(value)]);
}
