/**
 * Mean-field theory of networks with few stored patterns: a damped fixed-point solver with
 * convergence diagnostics, and exact expectations over discrete pattern entries by enumeration.
 *
 * In the low-storage limit (K finite, N → ∞) the replica-symmetric self-consistency equations of a
 * Hebbian network are m = E_ξ[ξ·tanh(β ξ·m)], an average over the K entries one neuron carries in
 * the K patterns. Entries taking v values give vᴷ combinations, few enough to enumerate exactly
 * (3⁴ = 81 for diluted ±1 patterns and K = 4), so no sampling noise enters the theory.
 */
import { CajalError } from "../../core/errors.js";

/** Options of the damped fixed-point iteration x ← (1 − λ)·x + λ·F(x). */
export interface FixedPointOptions {
  /** Weight λ of the new iterate, 0 < λ ≤ 1 (default 0.5; 1 is undamped iteration). */
  readonly damping?: number;
  /** Stop when max_i |F(x)_i − x_i| ≤ tolerance (default 1e-12). */
  readonly tolerance?: number;
  /** Give up after this many iterations (default 100 000); the result then says `converged: false`. */
  readonly maxIterations?: number;
}

/** What the solver found and how it got there. */
export interface FixedPointResult {
  /** The last iterate. */
  readonly x: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** max_i |F(x)_i − x_i| at the last iterate: how far x is from being a fixed point. */
  readonly residual: number;
  /** The residual at iterations 1, 2, 4, 8, … (a log-spaced history, to see the rate of convergence). */
  readonly residualHistory: readonly { readonly iteration: number; readonly residual: number }[];
}

/**
 * Solves x = F(x) by damped iteration from `x0`. `map(x, out)` writes F(x) into `out`.
 * Never throws for non-convergence: check `converged` and `residual`.
 */
export function solveFixedPoint(
  map: (x: Float64Array, out: Float64Array) => void, x0: ArrayLike<number>, options: FixedPointOptions = {},
): FixedPointResult {
  const damping = options.damping ?? 0.5;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100_000;
  if (!(damping > 0 && damping <= 1)) {
    throw new CajalError({ ruleId: "mean-field-invalid", place: "solveFixedPoint.damping", reason: `damping ${damping} is not valid.`, expected: "0 < damping ≤ 1" });
  }
  if (!(tolerance >= 0) || !Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new CajalError({ ruleId: "mean-field-invalid", place: "solveFixedPoint", reason: `tolerance ${tolerance} or maxIterations ${maxIterations} is not valid.`, expected: "tolerance ≥ 0 and a whole number of iterations ≥ 1" });
  }
  const x = Float64Array.from(x0);
  const fx = new Float64Array(x.length);
  const history: { iteration: number; residual: number }[] = [];
  let residual = Infinity;
  let iterations = 0;
  let nextLogged = 1;
  while (iterations < maxIterations) {
    map(x, fx);
    iterations++;
    residual = 0;
    for (let i = 0; i < x.length; i++) residual = Math.max(residual, Math.abs(fx[i]! - x[i]!));
    if (iterations === nextLogged) {
      history.push({ iteration: iterations, residual });
      nextLogged *= 2;
    }
    if (!Number.isFinite(residual)) break;
    if (residual <= tolerance) {
      x.set(fx);
      return { x, converged: true, iterations, residual, residualHistory: history };
    }
    for (let i = 0; i < x.length; i++) x[i] = (1 - damping) * x[i]! + damping * fx[i]!;
  }
  return { x, converged: false, iterations, residual, residualHistory: history };
}

/** Every combination of K discrete entries with its probability, for exact expectations. */
export interface EntryTable {
  readonly k: number;
  /** count × K entries, row c = one combination. */
  readonly entries: Float64Array;
  /** Probability of each combination (sums to 1). */
  readonly weights: Float64Array;
  readonly count: number;
}

/**
 * Enumerates all vᴷ combinations of K independent entries, each taking `values[j]` with
 * probability `probabilities[j]`. Combinations of probability 0 are left out.
 */
export function entryTable(k: number, values: readonly number[], probabilities: readonly number[]): EntryTable {
  if (!Number.isInteger(k) || k < 1 || k > 12) {
    throw new CajalError({ ruleId: "mean-field-invalid", place: "entryTable.k", reason: `K = ${k} is not valid.`, expected: "a whole number 1 … 12 (vᴷ combinations are enumerated)" });
  }
  const total = probabilities.reduce((a, b) => a + b, 0);
  if (values.length !== probabilities.length || values.length === 0 || probabilities.some((p) => !(p >= 0)) || Math.abs(total - 1) > 1e-9) {
    throw new CajalError({ ruleId: "mean-field-invalid", place: "entryTable", reason: "values and probabilities do not describe a distribution.", expected: "as many probabilities as values, each ≥ 0, summing to 1" });
  }
  const v = values.length;
  const entries: number[] = [];
  const weights: number[] = [];
  const digits = new Array<number>(k).fill(0);
  for (let c = 0; c < v ** k; c++) {
    let rest = c;
    let w = 1;
    for (let l = 0; l < k; l++) {
      digits[l] = rest % v;
      rest = Math.floor(rest / v);
      w *= probabilities[digits[l]!]!;
    }
    if (w === 0) continue;
    for (let l = 0; l < k; l++) entries.push(values[digits[l]!]!);
    weights.push(w);
  }
  return { k, entries: Float64Array.from(entries), weights: Float64Array.from(weights), count: weights.length };
}

/** The entry table of K diluted ±1 patterns: P(0) = d, P(±1) = (1 − d)/2. */
export function dilutedEntryTable(k: number, dilution: number): EntryTable {
  return entryTable(k, [-1, 0, 1], [(1 - dilution) / 2, dilution, (1 - dilution) / 2]);
}

/**
 * One application of the low-storage mean-field map of a Hebbian network at inverse temperature β:
 * out_k = E_ξ[ξ_k · tanh(β Σ_l ξ_l m_l)], the expectation taken exactly over `table`.
 * β = Infinity uses sign(·), with sign(0) = 0.
 */
export function hebbianMeanFieldMap(table: EntryTable, beta: number, m: Float64Array, out: Float64Array): void {
  const k = table.k;
  out.fill(0);
  for (let c = 0; c < table.count; c++) {
    let field = 0;
    for (let l = 0; l < k; l++) field += table.entries[c * k + l]! * m[l]!;
    const t = beta === Infinity ? Math.sign(field) : Math.tanh(beta * field);
    if (t === 0) continue;
    const w = table.weights[c]! * t;
    for (let l = 0; l < k; l++) out[l]! += w * table.entries[c * k + l]!;
  }
}

/**
 * Solves the multitasking network's mean-field equations m = E[ξ tanh(β ξ·m)] for K diluted
 * patterns, from `initial` (default: the hierarchical guess m_k = (1 − d)·d^(k−1)).
 */
export function multitaskingOverlaps(
  k: number, dilution: number, beta: number, options: FixedPointOptions & { readonly initial?: ArrayLike<number> } = {},
): FixedPointResult {
  const table = dilutedEntryTable(k, dilution);
  const initial = options.initial ?? Array.from({ length: k }, (_, l) => (1 - dilution) * dilution ** l);
  return solveFixedPoint((m, out) => hebbianMeanFieldMap(table, beta, m, out), initial, options);
}
