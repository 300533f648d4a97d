/**
 * danfojs DataFrames and Series as HTML tables, recognised by shape so that importing Cajal does
 * not load danfojs (it costs about a second).
 */
import { escapeHtml } from "../core/html.js";
import type { MimeBundle } from "../plot/plot.js";

/** The part of a danfojs DataFrame or Series that a table needs. */
export interface DataFrameLike {
  readonly columns?: readonly string[];
  readonly index: readonly (string | number)[];
  readonly values: readonly unknown[];
  readonly shape: readonly number[];
  toString(): string;
}

/** True for danfojs DataFrames and Series (and anything shaped like them). */
export function isDataFrameLike(value: unknown): value is DataFrameLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<DataFrameLike> & { $data?: unknown };
  return Array.isArray(v.index) && Array.isArray(v.values) && Array.isArray(v.shape) && "$data" in v;
}

const HEAD_ROWS = 15;
const TAIL_ROWS = 5;

/** An HTML table (first and last rows when long) plus danfojs's own text rendering. */
export function dataFrameBundle(frame: DataFrameLike): MimeBundle {
  // A Series has flat values; danfojs gives it shape [n, 1] and its name as the only column.
  const isSeries = frame.values.length > 0 ? !Array.isArray(frame.values[0]) : frame.shape[1] === 1;
  const columns = isSeries ? [String(frame.columns?.[0] ?? "value")] : [...(frame.columns ?? [])];
  const rows = frame.values.map((row) => (isSeries ? [row] : (row as unknown[])));
  const n = rows.length;
  const shown = n > HEAD_ROWS + TAIL_ROWS ? [...range(0, HEAD_ROWS), -1, ...range(n - TAIL_ROWS, n)] : range(0, n);
  const head = `<tr><th></th>${columns.map((c) => `<th>${escapeHtml(String(c))}</th>`).join("")}</tr>`;
  const body = shown
    .map((i) =>
      i < 0
        ? `<tr><td>…</td>${columns.map(() => "<td>…</td>").join("")}</tr>`
        : `<tr><th>${escapeHtml(String(frame.index[i]))}</th>${(rows[i] ?? []).map((cell) => `<td>${escapeHtml(formatCell(cell))}</td>`).join("")}</tr>`,
    )
    .join("");
  const shape = isSeries ? `${n} values` : `${n} rows × ${columns.length} columns`;
  return {
    "text/html": `<table class="cajal-dataframe"><thead>${head}</thead><tbody>${body}</tbody></table><p class="cajal-shape">${shape}</p>`,
    "text/plain": `${tableText(columns, rows, frame.index, shown)}\n${shape}`,
  };
}

function tableText(columns: string[], rows: unknown[][], index: readonly (string | number)[], shown: number[]): string {
  const lines = [["", ...columns]];
  for (const i of shown) lines.push(i < 0 ? ["…", ...columns.map(() => "…")] : [String(index[i]), ...(rows[i] ?? []).map(formatCell)]);
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? "").length)));
  return lines.map((l) => l.map((cell, c) => cell.padStart(widths[c]!)).join("  ")).join("\n");
}

function formatCell(cell: unknown): string {
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : Number(cell.toPrecision(6)).toString();
  return String(cell);
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

export { escapeHtml };
