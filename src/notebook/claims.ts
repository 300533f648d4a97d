/**
 * Claim checks: the notebook computes each claim from its own run; `claims()` only renders the
 * ✓/✗ table and throws when any claim fails, so executing a notebook is its test.
 */
import { inspect } from "node:util";
import type { MimeBundle } from "../plot/plot.js";
import { kernelChannel } from "./channel.js";
import { escapeHtml } from "./dataframe.js";

/** One claim, computed by the notebook. `holds: null` marks a claim not checked here (give `note`). */
export interface Claim {
  /** What is claimed, as a sentence a reader understands ("mean rate of exc is 5–25 Hz"). */
  readonly name: string;
  /** What this run measured: a number, a few numbers, or a short text. */
  readonly measured: unknown;
  /** What would make the claim hold, in words or a range ("5–25 Hz", "> baseline"). */
  readonly expected: string;
  /** Whether it holds; `null` when this run cannot check it (then `note` says why). */
  readonly holds: boolean | null;
  /** Why a claim is not checked here, or any remark on how it was measured. */
  readonly note?: string;
  /**
   * Set by `contradicted()`: what this run found against the paper's claim. A contradicted claim
   * that does not hold is shown as ⊘ "contradicted by this run" and does not fail the notebook, so
   * the finding is published rather than hidden; if it holds in a run, it shows as ✓.
   */
  readonly contradicts?: string;
}

/** How one claim came out: holds, fails, contradicted (a reported finding against the paper), not checked. */
export type ClaimVerdict = "holds" | "fails" | "contradicted" | "not-checked";

/** The verdict of one claim. */
export function verdictOf(c: Claim): ClaimVerdict {
  if (c.holds === true) return "holds";
  if (c.holds === null) return "not-checked";
  return c.contradicts ? "contradicted" : "fails";
}

const MARK: Record<ClaimVerdict, string> = { holds: "✓", fails: "✗", contradicted: "⊘", "not-checked": "–" };

function noteOf(c: Claim): string {
  const verdict = verdictOf(c);
  if (verdict === "not-checked") return `not checked here${c.note ? `: ${c.note}` : ""}`;
  if (verdict === "contradicted") return `contradicted by this run: ${c.contradicts}${c.note ? ` (${c.note})` : ""}`;
  return c.note ?? "";
}

/** The machine-readable MIME type the notebook runner and the docs read claim results from. */
export const CLAIMS_MIME = "application/vnd.cajal.claims+json";

/** Thrown by `claims()` when any claim fails; its message lists every failed claim. */
export class ClaimError extends Error {
  override readonly name: string = "ClaimError";
  constructor(readonly failed: readonly Claim[]) {
    super(
      `${failed.length} claim${failed.length === 1 ? "" : "s"} failed:\n` +
        failed.map((c) => `  ✗ ${c.name}: measured ${formatMeasured(c.measured)}, expected ${c.expected}`).join("\n"),
    );
  }
}

/** A rendered table of claims; `claims()` displays one, and it can be the last value of a cell. */
export class ClaimTable {
  constructor(readonly claims: readonly Claim[]) {}

  get failed(): Claim[] {
    return this.claims.filter((c) => verdictOf(c) === "fails");
  }

  toMimeBundle(): MimeBundle {
    const rows = this.claims
      .map((c) => {
        const verdict = verdictOf(c);
        return `<tr class="cajal-claim ${verdict}"><td class="mark">${MARK[verdict]}</td><td>${escapeHtml(c.name)}</td>` +
          `<td>${escapeHtml(formatMeasured(c.measured))}</td><td>${escapeHtml(c.expected)}</td>` +
          `<td>${escapeHtml(noteOf(c))}</td></tr>`;
      })
      .join("");
    const summary = this.summary();
    return {
      [CLAIMS_MIME]: this.claims.map((c) => ({
        name: c.name, measured: toJson(c.measured), expected: c.expected, holds: c.holds, ...(c.note ? { note: c.note } : {}),
        ...(c.contradicts ? { contradicts: c.contradicts } : {}),
      })),
      "text/html":
        `<table class="cajal-claims"><thead><tr><th></th><th>claim</th><th>measured</th><th>expected</th><th>note</th></tr></thead>` +
        `<tbody>${rows}</tbody></table><p class="cajal-claims-summary">${escapeHtml(summary)}</p>`,
      "text/plain": [
        ...this.claims.map((c) => {
          const note = noteOf(c);
          return `${MARK[verdictOf(c)]} ${c.name}: measured ${formatMeasured(c.measured)}, expected ${c.expected}${note ? ` (${note})` : ""}`;
        }),
        summary,
      ].join("\n"),
    };
  }

  summary(): string {
    const count = (v: ClaimVerdict) => this.claims.filter((c) => verdictOf(c) === v).length;
    const [failed, contradicted, skipped] = [count("fails"), count("contradicted"), count("not-checked")];
    return `${count("holds")} of ${this.claims.length} claims hold` + (failed ? `, ${failed} failed` : "") +
      (contradicted ? `, ${contradicted} contradicted by this run` : "") + (skipped ? `, ${skipped} not checked here` : "");
  }
}

/**
 * Shows the claim table and throws a ClaimError listing every failed claim.
 *
 * @example
 * claims([{ name: "mean rate 5–25 Hz", measured: rate, expected: "5–25 Hz", holds: rate >= 5 && rate <= 25 }]);
 */
export function claims(list: readonly Claim[]): void {
  const problems = validate(list);
  if (problems.length) throw new TypeError(`claims(): ${problems.join("; ")}`);
  const table = new ClaimTable(list);
  const bundle = table.toMimeBundle();
  const channel = kernelChannel();
  if (channel) channel.display(bundle);
  else process.stdout.write(String(bundle["text/plain"]) + "\n");
  const failed = table.failed;
  if (failed.length) throw new ClaimError(failed);
}

/** A claim this run cannot check, with the reason (shown as "not checked here"). */
export function notChecked(name: string, expected: string, reason: string): Claim {
  return { name, measured: null, expected, holds: null, note: reason };
}

/**
 * Marks a claim of the paper that this notebook checks and that faithful runs contradict: it is
 * still computed from the run (and shows ✓ if it holds), but when it does not hold it is reported
 * as ⊘ "contradicted by this run" with `finding` (what the run found instead) rather than failing
 * the notebook. Use it only for a measured, reproducible disagreement — over several seeds — never
 * for a claim the run merely cannot show (that is `notChecked`).
 *
 * @example contradicted({ name: "learned τm median above 5 ms", measured: tau, expected: "> 5 ms", holds: tau > 5 }, "the networks shorten τm on task T in every seed tried")
 */
export function contradicted(claim: Omit<Claim, "contradicts">, finding: string): Claim {
  return { ...claim, contradicts: finding };
}

/** Inclusive range test for claims, false for NaN. */
export function between(value: number, low: number, high: number): boolean {
  return value >= low && value <= high;
}

function validate(list: readonly Claim[]): string[] {
  if (!Array.isArray(list) || list.length === 0) return ["pass a non-empty array of claims"];
  const problems: string[] = [];
  list.forEach((c, i) => {
    if (typeof c?.name !== "string" || !c.name) problems.push(`claim ${i} has no name`);
    if (c?.holds !== true && c?.holds !== false && c?.holds !== null) {
      problems.push(`claim ${i} (${c?.name}) has holds=${String(c?.holds)}; compute a boolean, or null with a note when not checked`);
    }
    if (c?.holds === null && !c.note) problems.push(`claim ${i} (${c.name}) is not checked but gives no note saying why`);
    if (c?.contradicts !== undefined && (typeof c.contradicts !== "string" || !c.contradicts)) problems.push(`claim ${i} (${c.name}) is marked contradicted without saying what the run found`);
    if (c?.contradicts !== undefined && c.holds === null) problems.push(`claim ${i} (${c.name}) is both contradicted and not checked; a contradicted claim is computed from the run`);
  });
  return problems;
}

function formatMeasured(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value) && value.every((v) => typeof v === "number")) return `[${value.map(formatNumber).join(", ")}]`;
  if (typeof value === "string") return value;
  return inspect(value, { depth: 2, breakLength: Infinity });
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return Number(x.toPrecision(4)).toString();
}

function toJson(value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return value === undefined ? null : value;
}
