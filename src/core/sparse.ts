/**
 * Compressed sparse row (CSR) matrices of float64 values: built from (row, col, value) triplets or
 * from a seeded random connectivity rule, multiplied with a vector into a preallocated output, and
 * rescaled block by block (e.g. the excitatory and the inhibitory columns of a recurrent weight
 * matrix, each to its own row-sum target).
 *
 * Within a row the column indices are strictly increasing, so a column block [start, end) of a row
 * is one contiguous run of entries: `blockOffsets` finds where a block begins in every row, and a
 * hot loop can sum each block without a branch per entry.
 *
 * Nothing here knows of neurons: `sim/worlds/rate-reservoir.ts` builds its weights with it.
 */
import { CajalError, type Problem } from "./errors.js";
import type { Rng } from "./rng.js";

/** A sparse matrix in CSR form. Row i's entries are `rowStart[i] … rowStart[i+1]−1`. */
export interface Csr {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Length rows + 1; `rowStart[rows]` is the number of stored entries. */
  readonly rowStart: Int32Array;
  /** Column of each stored entry, strictly increasing within a row. */
  readonly colIndex: Int32Array;
  /** Value of each stored entry (mutable, so a matrix can be rescaled in place). */
  readonly values: Float64Array;
}

/** Number of stored entries of `a`. */
export function nnz(a: Csr): number {
  return a.rowStart[a.rows]!;
}

/**
 * Builds a CSR matrix from triplets (row[k], col[k], value[k]). Entries may come in any order;
 * duplicates of one (row, col) are summed (as scipy.sparse does), and explicit zeros are kept.
 *
 * @example
 * const a = csrFromTriplets(2, 3, [0, 1, 1], [2, 0, 2], [5, -1, 4]); // [[0, 0, 5], [-1, 0, 4]]
 */
export function csrFromTriplets(
  rows: number, cols: number, row: ArrayLike<number>, col: ArrayLike<number>, value: ArrayLike<number>,
): Csr {
  const problems: Problem[] = [];
  checkShape(rows, cols, "sparse.csrFromTriplets", problems);
  if (row.length !== col.length || row.length !== value.length) {
    problems.push(tripletLengths(row.length, col.length, value.length));
  }
  if (problems.length) throw new CajalError(problems);
  const n = row.length;
  for (let k = 0; k < n; k++) {
    const i = row[k]!;
    const j = col[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= rows || !Number.isInteger(j) || j < 0 || j >= cols) {
      problems.push(tripletOutOfRange(k, i, j, rows, cols));
      if (problems.length >= 5) break; // enough to show the pattern
    } else if (!Number.isFinite(value[k]!)) {
      problems.push(tripletNotFinite(k, value[k]!));
      if (problems.length >= 5) break;
    }
  }
  if (problems.length) throw new CajalError(problems);

  // Counting sort by row, then sort each row's few entries by column and merge duplicates.
  const count = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) count[row[k]! + 1]!++;
  for (let i = 0; i < rows; i++) count[i + 1]! += count[i]!;
  const fill = count.slice(0, rows);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[fill[row[k]!]!++] = k;

  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(n);
  const values = new Float64Array(n);
  let at = 0;
  for (let i = 0; i < rows; i++) {
    rowStart[i] = at;
    const segment = Array.from(order.subarray(count[i]!, count[i + 1]!)).sort((p, q) => col[p]! - col[q]!);
    for (const k of segment) {
      const j = col[k]!;
      if (at > rowStart[i]! && colIndex[at - 1] === j) values[at - 1]! += value[k]!;
      else {
        colIndex[at] = j;
        values[at] = value[k]!;
        at++;
      }
    }
  }
  rowStart[rows] = at;
  return { rows, cols, rowStart, colIndex: colIndex.slice(0, at), values: values.slice(0, at) };
}

/** Options of `randomCsr`. */
export interface RandomCsrOptions {
  /** Probability that each entry (i, j) is present, independently; 0 ≤ p ≤ 1. */
  readonly probability: number;
  /** Draws the value of a present entry; default uniform on [0, 1). Called in row-major order. */
  readonly value?: (rng: Rng, row: number, col: number) => number;
  /** Whether diagonal entries (i, i) may be present; default true. */
  readonly allowDiagonal?: boolean;
}

/**
 * A random sparse matrix: each entry is present with probability `probability` (a Bernoulli draw
 * per entry, row-major), and present entries take `value(rng, i, j)`. The same rng state gives the
 * same matrix.
 *
 * @example
 * const w = randomCsr(400, 400, rng.stream("recurrent"), { probability: 0.1, allowDiagonal: false });
 */
export function randomCsr(rows: number, cols: number, rng: Rng, options: RandomCsrOptions): Csr {
  const problems: Problem[] = [];
  checkShape(rows, cols, "sparse.randomCsr", problems);
  const p = options.probability;
  if (!(p >= 0 && p <= 1)) problems.push(badProbability(p));
  if (problems.length) throw new CajalError(problems);
  const draw = options.value ?? ((r: Rng) => r.uniform());
  const allowDiagonal = options.allowDiagonal ?? true;
  const rowStart = new Int32Array(rows + 1);
  const colIndex: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < rows; i++) {
    rowStart[i] = colIndex.length;
    for (let j = 0; j < cols; j++) {
      if (!allowDiagonal && i === j) continue;
      if (rng.uniform() < p) {
        const v = draw(rng, i, j);
        if (!Number.isFinite(v)) throw new CajalError(tripletNotFinite(colIndex.length, v));
        colIndex.push(j);
        values.push(v);
      }
    }
  }
  rowStart[rows] = colIndex.length;
  return { rows, cols, rowStart, colIndex: Int32Array.from(colIndex), values: Float64Array.from(values) };
}

/** The dense row-major matrix (rows × cols) of `a`; for tests and small displays. */
export function toDense(a: Csr): Float64Array {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowStart[i]!; k < a.rowStart[i + 1]!; k++) out[i * a.cols + a.colIndex[k]!] = a.values[k]!;
  }
  return out;
}

/**
 * out = a·x, written into the preallocated `out` (length rows) and returned. No allocation, so it
 * can sit in a simulation's inner loop.
 */
export function matVec(a: Csr, x: ArrayLike<number>, out: Float64Array): Float64Array {
  if (x.length !== a.cols || out.length !== a.rows) throw new CajalError(matVecShape(a, x.length, out.length));
  const { rowStart, colIndex, values } = a;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const end = rowStart[i + 1]!;
    for (let k = rowStart[i]!; k < end; k++) s += values[k]! * x[colIndex[k]!]!;
    out[i] = s;
  }
  return out;
}

/**
 * Where a column block begins in every row: `offsets[i]` is the first entry of row i whose column
 * is ≥ `col` (or the row's end). Entries `rowStart[i] … offsets[i]−1` have columns < col.
 */
export function blockOffsets(a: Csr, col: number): Int32Array {
  const offsets = new Int32Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let k = a.rowStart[i]!;
    const end = a.rowStart[i + 1]!;
    while (k < end && a.colIndex[k]! < col) k++;
    offsets[i] = k;
  }
  return offsets;
}

/**
 * The sum of each row's entries within each column block. `boundaries` are the block edges
 * [b0 = 0, b1, …, bm = cols]; the result is rows × m, row-major.
 */
export function blockRowSums(a: Csr, boundaries: readonly number[]): Float64Array {
  checkBoundaries(a, boundaries);
  const m = boundaries.length - 1;
  const out = new Float64Array(a.rows * m);
  for (let i = 0; i < a.rows; i++) {
    let b = 0;
    for (let k = a.rowStart[i]!; k < a.rowStart[i + 1]!; k++) {
      while (a.colIndex[k]! >= boundaries[b + 1]!) b++;
      out[i * m + b]! += a.values[k]!;
    }
  }
  return out;
}

/** Options of `normaliseBlocks`. */
export interface NormaliseBlocksOptions {
  /** The row sum each block should have; default 1. */
  readonly target?: number;
  /**
   * `"mean"` (default): scale each block by one factor so that its row sums average to `target`
   * (the rows keep their relative sizes). `"row"`: scale each row of each block to sum to `target`.
   */
  readonly per?: "mean" | "row";
}

/**
 * Rescales the entries of each column block in place so that its row sums are `target` (per row,
 * or on average over rows), and returns `a`. `boundaries` are the block edges [0, b1, …, cols].
 * A block whose sum is zero cannot be scaled: it throws, naming the block (and row), rather than
 * leaving it silently unnormalised.
 *
 * @example
 * // Excitatory columns 0…319 and inhibitory columns 320…399, each with mean row sum 1:
 * normaliseBlocks(w, [0, 320, 400]);
 */
export function normaliseBlocks(a: Csr, boundaries: readonly number[], options: NormaliseBlocksOptions = {}): Csr {
  const target = options.target ?? 1;
  const per = options.per ?? "mean";
  const sums = blockRowSums(a, boundaries);
  const m = boundaries.length - 1;
  const factor = new Float64Array(a.rows * m); // per row and block
  const problems: Problem[] = [];
  if (per === "mean") {
    for (let b = 0; b < m; b++) {
      let total = 0;
      for (let i = 0; i < a.rows; i++) total += sums[i * m + b]!;
      if (total === 0 && a.rows > 0) problems.push(zeroBlock(boundaries, b, undefined));
      const f = (target * a.rows) / total;
      for (let i = 0; i < a.rows; i++) factor[i * m + b] = f;
    }
  } else {
    for (let i = 0; i < a.rows; i++) {
      for (let b = 0; b < m; b++) {
        const s = sums[i * m + b]!;
        if (s === 0) {
          if (problems.length < 5) problems.push(zeroBlock(boundaries, b, i));
        } else factor[i * m + b] = target / s;
      }
    }
  }
  if (problems.length) throw new CajalError(problems);
  for (let i = 0; i < a.rows; i++) {
    let b = 0;
    for (let k = a.rowStart[i]!; k < a.rowStart[i + 1]!; k++) {
      while (a.colIndex[k]! >= boundaries[b + 1]!) b++;
      a.values[k]! *= factor[i * m + b]!;
    }
  }
  return a;
}

// ---- checks and their messages --------------------------------------------------------------

function checkShape(rows: number, cols: number, place: string, problems: Problem[]): void {
  for (const [name, n] of [["rows", rows], ["cols", cols]] as const) {
    if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
      problems.push({
        ruleId: "sparse-bad-shape", place: `${place}.${name}`, reason: `${n} is not a valid number of ${name}.`,
        expected: "an integer ≥ 0",
      });
    }
  }
}

function checkBoundaries(a: Csr, boundaries: readonly number[]): void {
  let ok = boundaries.length >= 2 && boundaries[0] === 0 && boundaries[boundaries.length - 1] === a.cols;
  for (let b = 1; ok && b < boundaries.length; b++) {
    if (!Number.isInteger(boundaries[b]) || boundaries[b]! <= boundaries[b - 1]!) ok = false;
  }
  if (!ok) {
    throw new CajalError({
      ruleId: "sparse-bad-blocks", place: "sparse.blocks", reason: `[${boundaries.join(", ")}] are not column block edges.`,
      expected: `strictly increasing integers from 0 to ${a.cols} (the number of columns)`,
      fix: "pass the first column of every block and the number of columns, e.g. [0, 320, 400].",
    });
  }
}

function tripletLengths(rows: number, cols: number, values: number): Problem {
  return {
    ruleId: "sparse-triplet-lengths", place: "sparse.csrFromTriplets",
    reason: `the triplet arrays have different lengths (row ${rows}, col ${cols}, value ${values}).`,
    expected: "three arrays of one length", fix: "pass one row, one column and one value per entry.",
  };
}

function tripletOutOfRange(k: number, i: number, j: number, rows: number, cols: number): Problem {
  return {
    ruleId: "sparse-index-out-of-range", place: `sparse.csrFromTriplets[${k}]`,
    reason: `entry (${i}, ${j}) lies outside a ${rows} × ${cols} matrix.`,
    expected: `integer row in 0…${rows - 1} and column in 0…${cols - 1}`,
  };
}

function tripletNotFinite(k: number, v: number): Problem {
  return {
    ruleId: "sparse-value-not-finite", place: `sparse entry ${k}`, reason: `the value ${v} is not a finite number.`,
    expected: "a finite number", fix: "check the computation that produced the weights.",
  };
}

function badProbability(p: number): Problem {
  return {
    ruleId: "sparse-bad-probability", place: "sparse.randomCsr.probability",
    reason: `${p} is not a probability.`, expected: "a number in [0, 1]",
  };
}

function matVecShape(a: Csr, xLength: number, outLength: number): Problem {
  return {
    ruleId: "sparse-matvec-shape", place: "sparse.matVec",
    reason: `a ${a.rows} × ${a.cols} matrix cannot multiply a vector of length ${xLength} into one of length ${outLength}.`,
    expected: `x of length ${a.cols} and out of length ${a.rows}`,
  };
}

function zeroBlock(boundaries: readonly number[], b: number, row: number | undefined): Problem {
  return {
    ruleId: "sparse-zero-block", place: "sparse.normaliseBlocks",
    reason: `columns ${boundaries[b]}…${boundaries[b + 1]! - 1}${row === undefined ? "" : ` of row ${row}`} sum to 0, so they cannot be scaled to a target sum.`,
    expected: "a block with a non-zero sum",
    fix: row === undefined ? "check the connection probability and the block edges." : 'use { per: "mean" }, or a denser matrix.',
  };
}
