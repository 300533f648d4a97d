/**
 * Ridge regression readouts for reservoir computing: one Cholesky factorisation of XᵀX + λI serves
 * every target trained on the same states (memory capacity trains 60 delays on one state matrix),
 * plus the two scores reservoir papers report, NRMSE and squared correlation.
 *
 * Design matrices are row-major Float64Arrays, one row per time step and one column per feature;
 * a block of consecutive rows (a train or test split) is a free `subarray`, see `rowRange`.
 */
import { CajalError, type Problem } from "./errors.js";
import { mean, pearson } from "./stats.js";

/** A row-major matrix: `data[r * cols + c]`, one row per sample. */
export interface DesignMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Rows start … end−1 of `x`, as a view that shares memory (no copy). */
export function rowRange(x: DesignMatrix, start: number, end: number): DesignMatrix {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > x.rows || start > end) {
    throw new CajalError({
      ruleId: "ridge-bad-rows", place: "ridge.rowRange", reason: `rows ${start}…${end} are not a range of a ${x.rows}-row matrix.`,
      expected: `integers 0 ≤ start ≤ end ≤ ${x.rows}`,
    });
  }
  return { data: x.data.subarray(start * x.cols, end * x.cols), rows: end - start, cols: x.cols };
}

/** Options of `RidgeSolver`. */
export interface RidgeOptions {
  /** The ridge penalty λ on the feature weights (not on the bias); default 1e-6. λ = 0 is least squares. */
  readonly lambda?: number;
  /** Whether to fit an unpenalised bias (intercept); default true. */
  readonly bias?: boolean;
}

/** A trained linear readout y ≈ X·weights + bias. */
export interface Readout {
  /** One weight per feature column. */
  readonly weights: Float64Array;
  /** The intercept (0 when the solver was made without a bias). */
  readonly bias: number;
}

/**
 * Factorises XᵀX + λI once (with a bias column when asked) and then fits any number of targets on
 * the same rows, each with two triangular solves.
 *
 * @example
 * const solver = new RidgeSolver(rowRange(states, 200, 1810), { lambda: 1e-6 });
 * const readout = solver.fit(targetTrain);
 * const yHat = predict(readout, rowRange(states, 1810, 2500));
 */
export class RidgeSolver {
  /** The matrix the solver was built on (the training rows). */
  readonly x: DesignMatrix;
  /** The ridge penalty λ on the feature weights. */
  readonly lambda: number;
  /** Whether readouts have an (unpenalised) bias. */
  readonly bias: boolean;
  /** Lower-triangular Cholesky factor L of the (augmented) Gram matrix, p × p row-major. */
  private readonly factor: Float64Array;
  private readonly p: number;
  private readonly rhs: Float64Array;

  constructor(x: DesignMatrix, options: RidgeOptions = {}) {
    const lambda = options.lambda ?? 1e-6;
    const bias = options.bias ?? true;
    const problems: Problem[] = [];
    if (!(lambda >= 0) || !Number.isFinite(lambda)) problems.push(badLambda(lambda));
    if (x.data.length !== x.rows * x.cols) problems.push(badMatrix(x));
    if (x.rows === 0) problems.push(noRows());
    if (problems.length) throw new CajalError(problems);
    this.x = x;
    this.lambda = lambda;
    this.bias = bias;
    const p = x.cols + (bias ? 1 : 0);
    this.p = p;
    this.rhs = new Float64Array(p);
    this.factor = cholesky(gram(x, bias, lambda), p);
  }

  /** Fits one target (one value per training row); the factorisation is reused. */
  fit(y: ArrayLike<number>): Readout {
    const { x, p, rhs } = this;
    if (y.length !== x.rows) throw new CajalError(targetLength(y.length, x.rows));
    const n = x.cols;
    rhs.fill(0);
    // Xᵀy, with the bias column's entry Σy last.
    for (let r = 0; r < x.rows; r++) {
      const yr = y[r]!;
      const row = r * n;
      for (let c = 0; c < n; c++) rhs[c]! += x.data[row + c]! * yr;
      if (this.bias) rhs[n]! += yr;
    }
    const w = choleskySolve(this.factor, p, rhs);
    return { weights: w.slice(0, n), bias: this.bias ? w[n]! : 0 };
  }

  /**
   * Fits several targets at once: the same readouts as `fit` on each, but XᵀY is formed in one pass
   * over the training rows (each row read once for all targets, not once per target).
   */
  fitMany(targets: readonly ArrayLike<number>[]): Readout[] {
    const { x, p } = this;
    const count = targets.length;
    for (const y of targets) if (y.length !== x.rows) throw new CajalError(targetLength(y.length, x.rows));
    const n = x.cols;
    const xty = new Float64Array(p * count); // row c holds (Xᵀy_k)_c for every k
    const yRow = new Float64Array(count);
    for (let r = 0; r < x.rows; r++) {
      for (let k = 0; k < count; k++) yRow[k] = targets[k]![r]!;
      const row = r * n;
      for (let c = 0; c < n; c++) {
        const v = x.data[row + c]!;
        if (v === 0) continue;
        const at = c * count;
        for (let k = 0; k < count; k++) xty[at + k]! += v * yRow[k]!;
      }
      if (this.bias) for (let k = 0; k < count; k++) xty[n * count + k]! += yRow[k]!;
    }
    const rhs = this.rhs;
    const readouts: Readout[] = [];
    for (let k = 0; k < count; k++) {
      for (let c = 0; c < p; c++) rhs[c] = xty[c * count + k]!;
      const w = choleskySolve(this.factor, p, rhs);
      readouts.push({ weights: w.slice(0, n), bias: this.bias ? w[n]! : 0 });
    }
    return readouts;
  }
}

/** Fits one readout per target on the same rows, sharing one factorisation. */
export function ridgeFit(x: DesignMatrix, targets: readonly ArrayLike<number>[], options: RidgeOptions = {}): Readout[] {
  return new RidgeSolver(x, options).fitMany(targets);
}

/** The readout's output for every row of `x`, into `out` when given (length x.rows). */
export function predict(readout: Readout, x: DesignMatrix, out: Float64Array = new Float64Array(x.rows)): Float64Array {
  const n = x.cols;
  if (readout.weights.length !== n || out.length !== x.rows) {
    throw new CajalError({
      ruleId: "ridge-predict-shape", place: "ridge.predict",
      reason: `a readout of ${readout.weights.length} weights cannot read a ${x.rows} × ${n} matrix into ${out.length} outputs.`,
      expected: `${n} weights and an output of length ${x.rows}`,
    });
  }
  const w = readout.weights;
  for (let r = 0; r < x.rows; r++) {
    let s = readout.bias;
    const row = r * n;
    for (let c = 0; c < n; c++) s += x.data[row + c]! * w[c]!;
    out[r] = s;
  }
  return out;
}

/**
 * Normalised root-mean-square error √(mean((ŷ − y)²) / var(y)), with the population variance of the
 * target: 0 is perfect, 1 is as good as predicting the target's mean. `NaN` when y is constant.
 */
export function nrmse(prediction: ArrayLike<number>, target: ArrayLike<number>): number {
  if (prediction.length !== target.length) throw new CajalError(lengths("ridge.nrmse", prediction.length, target.length));
  const n = target.length;
  if (n === 0) return NaN;
  const m = mean(target);
  let se = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const e = prediction[i]! - target[i]!;
    const d = target[i]! - m;
    se += e * e;
    ss += d * d;
  }
  return ss === 0 ? NaN : Math.sqrt(se / ss);
}

/**
 * Squared Pearson correlation r² between prediction and target, the per-delay score of memory
 * capacity. `NaN` when either is constant.
 */
export function squaredCorrelation(prediction: ArrayLike<number>, target: ArrayLike<number>): number {
  if (prediction.length !== target.length) {
    throw new CajalError(lengths("ridge.squaredCorrelation", prediction.length, target.length));
  }
  const r = pearson(prediction, target);
  return r * r;
}

// ---- Gram matrix and Cholesky ---------------------------------------------------------------

/** XᵀX (+ a bias column of ones) + λ on the feature diagonal, p × p row-major, symmetric. */
function gram(x: DesignMatrix, bias: boolean, lambda: number): Float64Array {
  const n = x.cols;
  const m = x.rows;
  const p = n + (bias ? 1 : 0);
  const g = new Float64Array(p * p);
  // Each entry is a dot product of two columns; a column-major copy makes both contiguous, so the
  // O(m·n²) work streams through cache instead of updating the whole p × p matrix once per row.
  const t = new Float64Array(n * m);
  for (let r = 0; r < m; r++) {
    const row = r * n;
    for (let c = 0; c < n; c++) t[c * m + r] = x.data[row + c]!;
  }
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    let j = 0;
    // Four columns per pass over column i: a quarter of the loads of column i.
    for (; j + 3 <= i; j += 4) {
      const c0 = j * m, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0; r < m; r++) {
        const v = t[ci + r]!;
        s0 += v * t[c0 + r]!;
        s1 += v * t[c1 + r]!;
        s2 += v * t[c2 + r]!;
        s3 += v * t[c3 + r]!;
      }
      g[i * p + j] = s0;
      g[i * p + j + 1] = s1;
      g[i * p + j + 2] = s2;
      g[i * p + j + 3] = s3;
    }
    for (; j <= i; j++) {
      const cj = j * m;
      let s = 0;
      for (let r = 0; r < m; r++) s += t[ci + r]! * t[cj + r]!;
      g[i * p + j] = s;
    }
    if (bias) {
      let s = 0;
      for (let r = 0; r < m; r++) s += t[ci + r]!;
      g[n * p + i] = s;
    }
  }
  if (bias) g[n * p + n] = m;
  for (let i = 0; i < n; i++) g[i * p + i]! += lambda;
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) g[j * p + i] = g[i * p + j]!;
  return g;
}

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive-definite p × p matrix. A pivot that is
 * not positive (beyond rounding) means the Gram matrix is singular at this λ: that is the user's to fix, so it throws.
 */
function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j]!;
    const lj = j * p;
    for (let k = 0; k < j; k++) s -= l[lj + k]! * l[lj + k]!;
    // A pivot within rounding (p·ε relative to the diagonal) of zero is a zero pivot: the matrix is singular.
    if (!(s > p * Number.EPSILON * a[j * p + j]!)) throw new CajalError(notPositiveDefinite(j, s));
    const d = Math.sqrt(s);
    l[lj + j] = d;
    for (let i = j + 1; i < p; i++) {
      const li = i * p;
      let t = a[li + j]!;
      for (let k = 0; k < j; k++) t -= l[li + k]! * l[lj + k]!;
      l[li + j] = t / d;
    }
  }
  return l;
}

/** Solves L Lᵀ w = b by forward and back substitution. */
function choleskySolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    const li = i * p;
    for (let k = 0; k < i; k++) s -= l[li + k]! * z[k]!;
    z[i] = s / l[li + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * z[k]!;
    z[i] = s / l[i * p + i]!;
  }
  return z;
}

// ---- messages -------------------------------------------------------------------------------

function badLambda(lambda: number): Problem {
  return {
    ruleId: "ridge-bad-lambda", place: "ridge.lambda", reason: `${lambda} is not a valid ridge penalty.`,
    expected: "a finite λ ≥ 0 (1e-6 … 1 is usual)",
  };
}

function badMatrix(x: DesignMatrix): Problem {
  return {
    ruleId: "ridge-bad-matrix", place: "ridge.x",
    reason: `the data has ${x.data.length} values, not rows × cols = ${x.rows} × ${x.cols}.`,
    expected: "a row-major array of rows × cols values",
  };
}

function noRows(): Problem {
  return { ruleId: "ridge-no-rows", place: "ridge.x", reason: "the design matrix has no rows.", expected: "at least one sample" };
}

function targetLength(got: number, rows: number): Problem {
  return {
    ruleId: "ridge-target-length", place: "ridge.fit", reason: `the target has ${got} values but the design matrix has ${rows} rows.`,
    expected: `${rows} target values, one per training row`,
  };
}

function lengths(place: string, a: number, b: number): Problem {
  return {
    ruleId: "ridge-length-mismatch", place, reason: `prediction (${a}) and target (${b}) differ in length.`,
    expected: "two arrays of one length",
  };
}

function notPositiveDefinite(pivot: number, value: number): Problem {
  return {
    ruleId: "ridge-singular", place: "ridge.factorise",
    reason: `XᵀX + λI is not positive definite (pivot ${pivot} is ${value.toPrecision(3)}): the features are linearly dependent at this λ.`,
    expected: "linearly independent features, or λ > 0",
    fix: "raise lambda (e.g. 1e-6 → 1e-4), or drop constant and duplicate feature columns.",
  };
}
