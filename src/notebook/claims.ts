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
    return this.claims.filter((c) => c.holds === false);
  }

  toMimeBundle(): MimeBundle {
    const rows = this.claims
      .map((c) => {
        const mark = c.holds === true ? "✓" : c.holds === false ? "✗" : "–";
        const cls = c.holds === true ? "holds" : c.holds === false ? "fails" : "not-checked";
        return `<tr class="cajal-claim ${cls}"><td class="mark">${mark}</td><td>${escapeHtml(c.name)}</td>` +
          `<td>${escapeHtml(formatMeasured(c.measured))}</td><td>${escapeHtml(c.expected)}</td>` +
          `<td>${escapeHtml(c.holds === null ? `not checked here${c.note ? `: ${c.note}` : ""}` : c.note ?? "")}</td></tr>`;
      })
      .join("");
    const summary = this.summary();
    return {
      [CLAIMS_MIME]: this.claims.map((c) => ({
        name: c.name, measured: toJson(c.measured), expected: c.expected, holds: c.holds, ...(c.note ? { note: c.note } : {}),
      })),
      "text/html":
        `<table class="cajal-claims"><thead><tr><th></th><th>claim</th><th>measured</th><th>expected</th><th>note</th></tr></thead>` +
        `<tbody>${rows}</tbody></table><p class="cajal-claims-summary">${escapeHtml(summary)}</p>`,
      "text/plain": [
        ...this.claims.map((c) =>
          `${c.holds === true ? "✓" : c.holds === false ? "✗" : "–"} ${c.name}: measured ${formatMeasured(c.measured)}, expected ${c.expected}` +
          (c.holds === null ? ` (not checked here${c.note ? `: ${c.note}` : ""})` : c.note ? ` (${c.note})` : ""),
        ),
        summary,
      ].join("\n"),
    };
  }

  summary(): string {
    const passed = this.claims.filter((c) => c.holds === true).length;
    const failed = this.failed.length;
    const skipped = this.claims.length - passed - failed;
    return `${passed} of ${this.claims.length} claims hold` + (failed ? `, ${failed} failed` : "") + (skipped ? `, ${skipped} not checked here` : "");
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
