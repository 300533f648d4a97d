/**
 * One-dimensional minimisation: an even grid, golden-section search on a bracket, and the two
 * together (grid to find the basin, golden section to refine it), as used to fit one free
 * parameter of a model by maximum likelihood. Also a small grid search over several parameters.
 *
 * Objective values may be `Infinity` (e.g. a parameter where a model's filter breaks down); such
 * points simply lose every comparison. `NaN` is treated the same way as `Infinity`.
 */
import { CajalError, type Problem } from "./errors.js";

/** The result of a 1-D minimisation. */
export interface ScalarMinimum {
  /** The argument of the smallest value found. */
  readonly x: number;
  /** The objective at `x`. */
  readonly fx: number;
  /** How many times the objective was evaluated. */
  readonly evaluations: number;
}

/** The result of `gridMinimize`: the best point plus the whole grid and its values. */
export interface GridMinimum extends ScalarMinimum {
  /** Index of `x` in `grid`. */
  readonly index: number;
  /** The grid points, ascending. */
  readonly grid: Float64Array;
  /** The objective at every grid point (NaN stored as Infinity). */
  readonly values: Float64Array;
}

/** Options of `goldenSection`. */
export interface GoldenSectionOptions {
  /** Stop when the bracket is narrower than this (in x units); default 1e-6 × (1 + |a| + |b|). */
  readonly tolerance?: number;
  /** Upper bound on iterations; default 200. */
  readonly maxIterations?: number;
}

/** Options of `minimizeScalar`. */
export interface MinimizeScalarOptions extends GoldenSectionOptions {
  /** Number of grid points (including both ends); default 61. */
  readonly gridPoints?: number;
}

const INV_PHI = (Math.sqrt(5) - 1) / 2; // 1/φ ≈ 0.618

function finiteOrInf(v: number): number {
  return Number.isNaN(v) ? Infinity : v;
}

function checkInterval(place: string, low: number, high: number): Problem[] {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    return [{
      ruleId: "search-bad-interval", place, reason: `[${low}, ${high}] is not a search interval.`,
      expected: "finite bounds with low < high", fix: "pass the parameter's lower bound first, then its upper bound.",
    }];
  }
  return [];
}

function checkCount(place: string, name: string, n: number, min: number): Problem[] {
  if (!Number.isInteger(n) || n < min) {
    return [{
      ruleId: "search-bad-count", place: `${place}.${name}`, reason: `${n} is not a valid ${name}.`,
      expected: `an integer ≥ ${min}`,
    }];
  }
  return [];
}

function throwIf(problems: Problem[]): void {
  if (problems.length) throw new CajalError(problems);
}

/** `n` evenly spaced points from `low` to `high`, both included. */
export function linspace(low: number, high: number, n: number): Float64Array {
  throwIf([...checkCount("linspace", "n", n, 1)]);
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = low;
    return out;
  }
  const step = (high - low) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = low + i * step;
  out[n - 1] = high; // exact end point, no rounding drift
  return out;
}

/**
 * Evaluates `f` on `points` evenly spaced points of [low, high] and returns the smallest.
 * Ties go to the first (leftmost) point.
 *
 * @example
 * gridMinimize((x) => (x - 1) ** 2, -3, 3, 61).x // 1
 */
export function gridMinimize(f: (x: number) => number, low: number, high: number, points = 61): GridMinimum {
  throwIf([...checkInterval("gridMinimize", low, high), ...checkCount("gridMinimize", "points", points, 2)]);
  const grid = linspace(low, high, points);
  const values = new Float64Array(points);
  let best = 0;
  for (let i = 0; i < points; i++) {
    values[i] = finiteOrInf(f(grid[i]!));
    if (values[i]! < values[best]!) best = i;
  }
  return { x: grid[best]!, fx: values[best]!, evaluations: points, index: best, grid, values };
}

/**
 * Golden-section search for a minimum of `f` on [a, b] (Kiefer 1953). Converges to a local
 * minimum when `f` is unimodal on the bracket; the bracket shrinks by 1/φ per evaluation. The end
 * points are never evaluated, but the returned point is the best one seen.
 */
export function goldenSection(f: (x: number) => number, a: number, b: number, options: GoldenSectionOptions = {}): ScalarMinimum {
  const tolerance = options.tolerance ?? 1e-6 * (1 + Math.abs(a) + Math.abs(b));
  const maxIterations = options.maxIterations ?? 200;
  throwIf([
    ...checkInterval("goldenSection", a, b),
    ...checkCount("goldenSection", "maxIterations", maxIterations, 1),
    ...(tolerance > 0 ? [] : [{
      ruleId: "search-bad-tolerance", place: "goldenSection.tolerance", reason: `${tolerance} is not a tolerance.`,
      expected: "a positive width in x units",
    }]),
  ]);
  let lo = a;
  let hi = b;
  let x1 = hi - INV_PHI * (hi - lo);
  let x2 = lo + INV_PHI * (hi - lo);
  let f1 = finiteOrInf(f(x1));
  let f2 = finiteOrInf(f(x2));
  let evaluations = 2;
  for (let it = 0; it < maxIterations && hi - lo > tolerance; it++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INV_PHI * (hi - lo);
      f1 = finiteOrInf(f(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INV_PHI * (hi - lo);
      f2 = finiteOrInf(f(x2));
    }
    evaluations++;
  }
  return f1 <= f2 ? { x: x1, fx: f1, evaluations } : { x: x2, fx: f2, evaluations };
}

/**
 * Grid search on [low, high] followed by golden-section refinement between the best grid point's
 * neighbours. The result is never worse than the best grid point; a minimum on the boundary
 * stays on the boundary.
 *
 * @example
 * // maximum-likelihood fit of one parameter
 * const fit = minimizeScalar((omega) => negLogLik(omega), -7, -1, { gridPoints: 61 });
 */
export function minimizeScalar(
  f: (x: number) => number, low: number, high: number, options: MinimizeScalarOptions = {},
): ScalarMinimum {
  const grid = gridMinimize(f, low, high, options.gridPoints ?? 61);
  const left = grid.grid[Math.max(0, grid.index - 1)]!;
  const right = grid.grid[Math.min(grid.grid.length - 1, grid.index + 1)]!;
  const refined = goldenSection(f, left, right, {
    tolerance: options.tolerance ?? 1e-6 * (1 + Math.abs(low) + Math.abs(high)),
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
  });
  const evaluations = grid.evaluations + refined.evaluations;
  return refined.fx < grid.fx ? { x: refined.x, fx: refined.fx, evaluations } : { x: grid.x, fx: grid.fx, evaluations };
}

/** The result of `gridSearch`: the best combination and its value. */
export interface GridSearchResult {
  /** Best value of each axis, in axis order. */
  readonly point: readonly number[];
  /** The objective at `point`. */
  readonly fx: number;
  /** How many combinations were evaluated (the product of the axis lengths). */
  readonly evaluations: number;
}

/**
 * Exhaustive search over the Cartesian product of a few axes (each an explicit list of values):
 * for fitting two or three parameters coarsely. Ties go to the first combination in row-major
 * order (last axis fastest).
 *
 * @example
 * gridSearch(([a, b]) => (a! - 1) ** 2 + (b! + 2) ** 2, [linspace(-3, 3, 7), linspace(-3, 3, 7)]).point // [1, -2]
 */
export function gridSearch(f: (point: readonly number[]) => number, axes: readonly ArrayLike<number>[]): GridSearchResult {
  const problems: Problem[] = [];
  if (axes.length === 0) {
    problems.push({ ruleId: "search-no-axes", place: "gridSearch", reason: "no axes were given.", expected: "at least one axis of values" });
  }
  axes.forEach((axis, i) => {
    if (axis.length === 0) problems.push({ ruleId: "search-empty-axis", place: `gridSearch.axes[${i}]`, reason: "axis has no values.", expected: "at least one value" });
  });
  throwIf(problems);
  const index = new Array<number>(axes.length).fill(0);
  const point = axes.map((axis) => axis[0]!);
  let best: number[] = point.slice();
  let bestValue = Infinity;
  let evaluations = 0;
  for (;;) {
    const v = finiteOrInf(f(point));
    evaluations++;
    if (v < bestValue || evaluations === 1) {
      bestValue = v;
      best = point.slice();
    }
    // Odometer increment, last axis fastest.
    let d = axes.length - 1;
    while (d >= 0) {
      index[d]!++;
      if (index[d]! < axes[d]!.length) {
        point[d] = axes[d]![index[d]!]!;
        break;
      }
      index[d] = 0;
      point[d] = axes[d]![0]!;
      d--;
    }
    if (d < 0) break;
  }
  return { point: best, fx: bestValue, evaluations };
}
