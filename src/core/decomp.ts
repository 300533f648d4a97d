/**
 * Matrix decompositions and fits built on them: Householder QR, Haar-random orthogonal matrices,
 * linear least squares, and straight-line fits on linear or log–log axes (scaling exponents).
 *
 * Everything is float64 and row-major, shapes passed beside the arrays as in `linalg.ts`.
 */
import { CajalError } from "./errors.js";
import { shapeMismatch, badDimension, type FloatArray } from "./linalg.js";
import type { Rng } from "./rng.js";

/** A thin QR factorisation A = Q·R of an `m × n` matrix with m ≥ n. */
export interface QrFactors {
  /** `m × n`, orthonormal columns (QᵀQ = I). */
  readonly q: Float64Array;
  /** `n × n`, upper triangular. */
  readonly r: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * QR factorisation by Householder reflections (Golub & Van Loan, Algorithm 5.2.1), thin form.
 * Stable for any full-column-rank or rank-deficient input; the diagonal of R may be negative.
 *
 * @param a `m × n` matrix, row-major, m ≥ n; not modified.
 */
export function householderQr(a: FloatArray, m: number, n: number): QrFactors {
  if (!Number.isInteger(m) || m < 1) throw new CajalError(badDimension("decomp.householderQr", "rows", m));
  if (!Number.isInteger(n) || n < 1 || n > m) {
    throw new CajalError({ ...badDimension("decomp.householderQr", "cols", n), expected: `1 ≤ cols ≤ rows (${m})` });
  }
  if (a.length < m * n) throw new CajalError(shapeMismatch("decomp.householderQr", "A", m * n, a.length));
  const w = Float64Array.from(a.subarray(0, m * n)); // working copy, becomes R in its upper triangle
  const vs = new Float64Array(m * n); // Householder vectors, column k stored in rows k…m−1
  const betas = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let normX = 0;
    for (let i = k; i < m; i++) normX += w[i * n + k]! * w[i * n + k]!;
    normX = Math.sqrt(normX);
    if (normX === 0) continue; // column already zero below the diagonal: identity reflection
    const x0 = w[k * n + k]!;
    // v = x + sign(x0)‖x‖e₁ avoids cancellation.
    const alpha = x0 >= 0 ? -normX : normX;
    let vnorm2 = 0;
    for (let i = k; i < m; i++) {
      const vi = i === k ? x0 - alpha : w[i * n + k]!;
      vs[i * n + k] = vi;
      vnorm2 += vi * vi;
    }
    if (vnorm2 === 0) continue;
    const beta = 2 / vnorm2;
    betas[k] = beta;
    // Apply H = I − β v vᵀ to columns k…n−1 of w.
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += vs[i * n + k]! * w[i * n + j]!;
      s *= beta;
      for (let i = k; i < m; i++) w[i * n + j] = w[i * n + j]! - s * vs[i * n + k]!;
    }
  }
  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) r[i * n + j] = w[i * n + j]!;
  // Q = H₀ H₁ … H_{n−1} applied to the first n columns of the identity, last reflection first.
  const q = new Float64Array(m * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const beta = betas[k]!;
    if (beta === 0) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += vs[i * n + k]! * q[i * n + j]!;
      s *= beta;
      if (s === 0) continue;
      for (let i = k; i < m; i++) q[i * n + j] = q[i * n + j]! - s * vs[i * n + k]!;
    }
  }
  return { q, r, rows: m, cols: n };
}

/**
 * A random n × n orthogonal matrix distributed uniformly (Haar measure) on O(n): the Q of a QR
 * factorisation of a standard Gaussian matrix, with each column's sign fixed so that R has a
 * positive diagonal (Mezzadri 2007; without the fix Q is not uniformly distributed).
 */
export function randomOrthogonal(n: number, rng: Rng): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new CajalError(badDimension("decomp.randomOrthogonal", "n", n));
  const g = rng.fillNormal(new Float64Array(n * n));
  const { q, r } = householderQr(g, n, n);
  for (let j = 0; j < n; j++) {
    if (r[j * n + j]! < 0) for (let i = 0; i < n; i++) q[i * n + j] = -q[i * n + j]!;
  }
  return q;
}

/** The result of a least-squares solve. */
export interface LeastSquaresFit {
  /** The n coefficients β minimising ‖Xβ − y‖². */
  readonly coefficients: Float64Array;
  /** Residual sum of squares ‖Xβ − y‖². */
  readonly residualSumOfSquares: number;
}

/**
 * Linear least squares min ‖Xβ − y‖² for X of shape `m × n` (m ≥ n, full column rank), via QR:
 * R β = Qᵀ y. Throws when X is rank deficient (a zero on R's diagonal).
 */
export function leastSquares(x: FloatArray, m: number, n: number, y: FloatArray): LeastSquaresFit {
  if (y.length < m) throw new CajalError(shapeMismatch("decomp.leastSquares", "y", m, y.length));
  const { q, r } = householderQr(x, m, n);
  const qty = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += q[i * n + j]! * y[i]!;
    qty[j] = s;
  }
  let scaleR = 0;
  for (let i = 0; i < n; i++) scaleR = Math.max(scaleR, Math.abs(r[i * n + i]!));
  const beta = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const rii = r[i * n + i]!;
    if (Math.abs(rii) <= 1e-12 * scaleR || rii === 0) {
      throw new CajalError({
        ruleId: "fit-rank-deficient", place: "decomp.leastSquares",
        reason: `the design matrix has (numerically) dependent columns: column ${i} adds nothing new.`,
        expected: "columns that are linearly independent (e.g. at least two distinct x values for a line)",
        fix: "remove the duplicated or constant column, or add data points that tell the columns apart.",
      });
    }
    let s = qty[i]!;
    for (let j = i + 1; j < n; j++) s -= r[i * n + j]! * beta[j]!;
    beta[i] = s / rii;
  }
  let rss = 0;
  for (let i = 0; i < m; i++) {
    let fit = 0;
    for (let j = 0; j < n; j++) fit += x[i * n + j]! * beta[j]!;
    rss += (y[i]! - fit) ** 2;
  }
  return { coefficients: beta, residualSumOfSquares: rss };
}

/** A straight-line fit y ≈ intercept + slope·x. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  /** Coefficient of determination, 1 − RSS/TSS (1 for a perfect line; NaN when y is constant). */
  readonly r2: number;
  /** Number of points used. */
  readonly n: number;
}

/** Ordinary least-squares line through the points (x[i], y[i]); needs ≥ 2 distinct x. */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const m = x.length;
  if (y.length !== m) throw new CajalError(shapeMismatch("decomp.linearFit", "y", m, y.length));
  if (m < 2) {
    throw new CajalError({
      ruleId: "fit-too-few-points", place: "decomp.linearFit", reason: `${m} point(s) cannot determine a line.`,
      expected: "at least 2 points with distinct x",
    });
  }
  const design = new Float64Array(2 * m);
  const yy = new Float64Array(m);
  let yMean = 0;
  for (let i = 0; i < m; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      throw new CajalError({
        ruleId: "fit-not-finite", place: `decomp.linearFit, point ${i}`, reason: `(${xi}, ${yi}) is not a finite point.`,
        expected: "finite x and y (on log axes: positive values)", fix: "drop the point or check what produced it.",
      });
    }
    design[2 * i] = 1;
    design[2 * i + 1] = xi;
    yy[i] = yi;
    yMean += yi;
  }
  yMean /= m;
  const { coefficients, residualSumOfSquares } = leastSquares(design, m, 2, yy);
  let tss = 0;
  for (let i = 0; i < m; i++) tss += (yy[i]! - yMean) ** 2;
  return { intercept: coefficients[0]!, slope: coefficients[1]!, r2: tss === 0 ? NaN : 1 - residualSumOfSquares / tss, n: m };
}

/**
 * Fit of log y = intercept + slope·log x: the scaling exponent of y ∝ x^slope (natural logs; the
 * slope does not depend on the base). Every x and y must be positive.
 */
export function logLogFit(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  const lx = Array.from(x, (v) => Math.log(v));
  const ly = Array.from(y, (v) => Math.log(v));
  return linearFit(lx, ly);
}

/**
 * Eigen-decomposition of a symmetric matrix a [n × n] (row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues and eigenvectors (columns of `vectors`).
 */
export function symmetricEigen(a: ArrayLike<number>, n: number, options: { tolerance?: number; maxSweeps?: number } = {}): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const tol = options.tolerance ?? 1e-12;
  for (let sweep = 0; sweep < (options.maxSweeps ?? 60); sweep++) {
    let off = 0, diag = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) (i === j ? (diag += m[i * n + j]! ** 2) : (off += m[i * n + j]! ** 2));
    if (off <= tol * tol * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const app = m[p * n + p]!, aqq = m[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p]!, akq = m[k * n + q]!;
          m[k * n + p] = c * akp - s * akq;
          m[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k]!, aqk = m[q * n + k]!;
          m[p * n + k] = c * apk - s * aqk;
          m[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i]!;
  return { values, vectors: v };
}
