/**
 * The data shapes the builders take — rows, columns of typed arrays, danfojs DataFrames, matrices —
 * turned into the plain rows a vega-lite spec carries. danfojs is never imported: a DataFrame is
 * recognised by its `.columns` and `.values`.
 */
import { badInput, missingField, ragged } from "./messages.js";

/** One datum: field name → value. */
export type Row = Readonly<Record<string, unknown>>;

/** Anything with danfojs's DataFrame shape: column names and row-major values. */
export interface DataFrameLike {
  readonly columns: readonly string[];
  readonly values: readonly (readonly unknown[])[];
}

/** Columns by name, each a typed array or a plain array, all of one length. */
export type ColumnTable = Readonly<Record<string, ArrayLike<number> | readonly unknown[]>>;

/** Tabular input to a builder: an array of rows, a column table or a DataFrame. */
export type TableInput = readonly Row[] | ColumnTable | DataFrameLike;

/** A matrix: an array of rows, or row-major values with their shape. */
export type MatrixInput =
  | readonly ArrayLike<number>[]
  | { readonly values: ArrayLike<number>; readonly rows: number; readonly cols: number };

/** A dense row-major matrix. */
export interface Matrix {
  readonly values: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** True for a danfojs DataFrame or anything shaped like one. */
export function isDataFrameLike(input: unknown): input is DataFrameLike {
  if (typeof input !== "object" || input === null) return false;
  const candidate = input as { columns?: unknown; values?: unknown };
  return Array.isArray(candidate.columns) && Array.isArray(candidate.values) &&
    (candidate.values.length === 0 || Array.isArray(candidate.values[0]));
}

/** True for a typed array or an array (anything indexable with a length, but not a string). */
export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return ArrayBuffer.isView(value) || Array.isArray(value);
}

/** Fresh plain rows from any tabular input; the input is never modified. */
export function tableRows(input: TableInput, place: string): Record<string, unknown>[] {
  if (isDataFrameLike(input)) {
    const columns = input.columns;
    return input.values.map((row) => {
      const out: Record<string, unknown> = {};
      columns.forEach((c, k) => (out[c] = row[k]));
      return out;
    });
  }
  if (Array.isArray(input)) {
    return (input as readonly Row[]).map((row, k) => {
      if (typeof row !== "object" || row === null || isArrayLike(row)) {
        throw badInput(place, `an array whose item ${k} is not an object`, "an array of row objects, a column table or a DataFrame");
      }
      return { ...row };
    });
  }
  if (typeof input === "object" && input !== null) {
    const table = input as ColumnTable;
    const names = Object.keys(table);
    const lengths: Record<string, number> = {};
    for (const name of names) {
      const column = table[name];
      if (!isArrayLike(column)) throw badInput(place, `a table whose column \`${name}\` is not an array`, "columns that are typed arrays or arrays");
      lengths[name] = column.length;
    }
    const n = names.length === 0 ? 0 : lengths[names[0]!]!;
    if (names.some((name) => lengths[name] !== n)) throw ragged(place, lengths);
    const rows: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row: Record<string, unknown> = {};
      for (const name of names) row[name] = (table[name] as ArrayLike<unknown>)[i];
      rows[i] = row;
    }
    return rows;
  }
  throw badInput(place, typeof input, "an array of row objects, a column table or a DataFrame");
}

/** The field names of a table (the first row's keys for row input). */
export function fieldsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows.slice(0, 100)) for (const k of Object.keys(row)) seen.add(k);
  return [...seen];
}

/** Throws when a named field is absent from every row; lists the fields there are. */
export function requireField(rows: readonly Row[], field: string, option: string, place: string): void {
  if (rows.length === 0) return;
  for (const row of rows.slice(0, 100)) if (field in row) return;
  throw missingField(place, field, option, fieldsOf(rows));
}

/** A dense Float64 matrix from either matrix form. */
export function toMatrix(input: MatrixInput, place: string): Matrix {
  if (Array.isArray(input)) {
    const rowsIn = input as readonly ArrayLike<number>[];
    const rows = rowsIn.length;
    const cols = rows === 0 ? 0 : rowsIn[0]!.length;
    const values = new Float64Array(rows * cols);
    rowsIn.forEach((row, r) => {
      if (!isArrayLike(row) || row.length !== cols) {
        throw badInput(place, `a matrix whose row ${r} has ${isArrayLike(row) ? row.length : "no"} values where row 0 has ${cols}`, "rows of equal length");
      }
      for (let c = 0; c < cols; c++) values[r * cols + c] = Number(row[c]);
    });
    return { values, rows, cols };
  }
  const m = input as { values?: unknown; rows?: unknown; cols?: unknown };
  if (isArrayLike(m.values) && Number.isInteger(m.rows) && Number.isInteger(m.cols)) {
    const rows = m.rows as number;
    const cols = m.cols as number;
    if (m.values.length !== rows * cols) {
      throw badInput(place, `${m.values.length} values for a ${rows} × ${cols} matrix`, `${rows * cols} values in row-major order`);
    }
    return { values: Float64Array.from(m.values as ArrayLike<number>), rows, cols };
  }
  throw badInput(place, "not a matrix", "an array of rows, or { values, rows, cols } in row-major order");
}

/** Rounds to `digits` decimals, for display-only values that would otherwise carry float noise into the spec. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
