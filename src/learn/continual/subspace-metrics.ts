/**
 * Linear algebra for judging a learned subspace: orthonormal rows by Gram–Schmidt, the second-moment
 * matrix of a data set, eigenvalues of a symmetric matrix (Householder tridiagonalisation followed
 * by implicit QL; values only, so a 784 × 784 matrix takes well under a second), and the second moment a
 * subspace captures compared with the best subspace of the same dimension.
 */
import { CajalError } from "../../core/errors.js";
import { symmetricEigen } from "../gen/metrics.js";
import { badOption } from "../messages.js";
import { matmul } from "./gemm.js";

/**
 * Orthonormalises the rows of `a` [rows × cols] by modified Gram–Schmidt (float64). Rows whose
 * remaining norm falls below `tolerance` × their original norm are dropped (they add no direction).
 * Returns the basis [rank × cols] and its rank.
 */
export function orthonormalRows(a: ArrayLike<number>, rows: number, cols: number, tolerance = 1e-8): { basis: Float64Array; rank: number } {
  if (a.length < rows * cols) throw new CajalError(badOption("orthonormalRows", "a.length", a.length, `≥ ${rows} × ${cols}`));
  const basis = new Float64Array(rows * cols);
  let rank = 0;
  for (let r = 0; r < rows; r++) {
    const o = rank * cols;
    let n0 = 0;
    for (let j = 0; j < cols; j++) {
      const v = a[r * cols + j]!;
      basis[o + j] = v;
      n0 += v * v;
    }
    // Two passes of projection ("twice is enough", Kahan–Parlett) keep the basis orthogonal in float64.
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < rank; q++) {
        let d = 0;
        const qo = q * cols;
        for (let j = 0; j < cols; j++) d += basis[o + j]! * basis[qo + j]!;
        for (let j = 0; j < cols; j++) basis[o + j]! -= d * basis[qo + j]!;
      }
    }
    let n = 0;
    for (let j = 0; j < cols; j++) n += basis[o + j]! * basis[o + j]!;
    if (n0 === 0 || n <= tolerance * tolerance * n0) continue;
    const inv = 1 / Math.sqrt(n);
    for (let j = 0; j < cols; j++) basis[o + j]! *= inv;
    rank++;
  }
  return { basis: basis.slice(0, rank * cols), rank };
}

/**
 * Eigenvalues of a symmetric matrix a [n × n] (row-major; only symmetry is assumed, not checked),
 * sorted in decreasing order. Householder reduction to tridiagonal form, then the implicit QL
 * iteration with Wilkinson-type shifts (Golub & Van Loan §8.3); about n³ flops.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 1) || a.length < n * n) throw new CajalError(badOption("symmetricEigenvalues", "n", n, `a positive integer with a.length ≥ n²`));
  const m = Float64Array.from({ length: n * n }, (_, i) => a[i]!);
  const d = new Float64Array(n);
  const e = new Float64Array(n); // e[i] couples i and i + 1
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Reflect column k below the diagonal onto a multiple of the first unit vector.
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += m[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    d[k] = m[k * n + k]!;
    const x0 = m[(k + 1) * n + k]!;
    const alpha = x0 > 0 ? -norm : norm;
    e[k] = alpha;
    let vn = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = m[i * n + k]!;
      if (i === k + 1) v[i]! -= alpha;
      vn += v[i]! ** 2;
    }
    if (vn === 0) continue; // already tridiagonal in this column
    vn = 1 / Math.sqrt(vn);
    for (let i = k + 1; i < n; i++) v[i]! *= vn;
    // A22 ← H A22 H with H = I − 2vvᵀ: p = A22 v, q = p − (vᵀp) v, A22 −= 2(v qᵀ + q vᵀ).
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      const o = i * n;
      for (let j = k + 1; j < n; j++) s += m[o + j]! * v[j]!;
      p[i] = s;
      vp += v[i]! * s;
    }
    for (let i = k + 1; i < n; i++) p[i]! -= vp * v[i]!;
    for (let i = k + 1; i < n; i++) {
      const vi = 2 * v[i]!;
      const qi = 2 * p[i]!;
      const o = i * n;
      for (let j = k + 1; j < n; j++) m[o + j]! -= vi * p[j]! + qi * v[j]!;
    }
  }
  if (n >= 2) {
    d[n - 2] = m[(n - 2) * n + n - 2]!;
    e[n - 2] = m[(n - 1) * n + n - 2]!;
  }
  d[n - 1] = m[(n - 1) * n + n - 1]!;
  e[n - 1] = 0;
  tridiagonalQl(d, e);
  return d.sort().reverse();
}

/** Implicit QL on the tridiagonal (d, e) in place: d becomes the eigenvalues (unsorted). */
function tridiagonalQl(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new Error(`symmetricEigenvalues: QL did not converge for eigenvalue ${l}`);
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let pShift = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1]! -= pShift;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - pShift;
        r = (d[i]! - g) * s + 2 * c * b;
        pShift = s * r;
        d[i + 1] = g + pShift;
        g = c * r - b;
      }
      if (deflated) continue;
      d[l]! -= pShift;
      e[l] = g;
      e[m] = 0;
    }
  }
}

/** How much of the data's second moment a subspace captures, against the best subspaces of each dimension. */
export interface CapturedVariance {
  /** tr(C), C = XᵀX / n: the total (uncentred) second moment. */
  readonly total: number;
  /** tr(Q C Qᵀ) for the orthonormalised learned basis Q [k × dim]. */
  readonly learned: number;
  /** Sum of the top-k eigenvalues of C: the most any k-dimensional subspace can capture. */
  readonly best: number;
  /** learned / best. */
  readonly ratio: number;
  /** Cumulative best fraction of tr(C) for dimensions 1 … maxDimension (exact PCA). */
  readonly bestCurve: Float64Array;
  /** Cumulative fraction of tr(C) in the best j-dimensional subspaces inside the learned one, j = 1 … k. */
  readonly learnedCurve: Float64Array;
  /** Dimension k of the learned basis after Gram–Schmidt. */
  readonly rank: number;
}

/**
 * Compares the subspace spanned by `rows` [count × dim] with exact PCA of the uncentred second
 * moment C = XᵀX / n of the data x [n × dim] — the matrix Oja's subspace rule without centring
 * converges on. The spectrum of C comes from the smaller of XᵀX / n and XXᵀ / n (same non-zero
 * eigenvalues). Curves run to `maxDimension` (default: dim) for PCA and to k for the learned basis.
 */
export function capturedVariance(x: Float32Array, n: number, dim: number, rows: ArrayLike<number>, count: number, maxDimension = dim): CapturedVariance {
  if (!(n >= 1) || x.length < n * dim) throw new CajalError(badOption("capturedVariance", "x.length", x.length, `≥ ${n} × ${dim}`));
  const { basis, rank } = orthonormalRows(rows, count, dim);
  const small = Math.min(n, dim);
  const gram = new Float32Array(small * small);
  if (n <= dim) matmul(x, x, gram, n, n, dim, { transB: true });
  else matmul(x, x, gram, dim, dim, n, { transA: true });
  const eig = symmetricEigenvalues(Float64Array.from(gram, (v) => v / n), small);
  let total = 0;
  for (let i = 0; i < n * dim; i++) total += x[i]! * x[i]!;
  total /= n;
  const bestCurve = new Float64Array(Math.min(maxDimension, dim));
  let acc = 0;
  for (let j = 0; j < bestCurve.length; j++) {
    acc += j < small ? Math.max(0, eig[j]!) : 0;
    bestCurve[j] = acc / total;
  }
  let best = 0;
  for (let j = 0; j < Math.min(rank, small); j++) best += Math.max(0, eig[j]!);
  // Q C Qᵀ = (XQᵀ)ᵀ(XQᵀ) / n [k × k]: its eigenvalues order the learned directions by variance.
  const y = new Float32Array(n * rank);
  matmul(x, Float32Array.from(basis), y, n, rank, dim, { transB: true });
  const s = new Float32Array(rank * rank);
  matmul(y, y, s, rank, rank, n, { transA: true });
  let learned = 0;
  for (let a = 0; a < rank; a++) learned += s[a * rank + a]! / n;
  const inner = rank > 0 ? Array.from(symmetricEigen(Float64Array.from(s, (v) => v / n), rank).values).sort((p, q) => q - p) : [];
  const learnedCurve = new Float64Array(rank);
  acc = 0;
  for (let j = 0; j < rank; j++) {
    acc += Math.max(0, inner[j]!);
    learnedCurve[j] = acc / total;
  }
  return { total, learned, best, ratio: best > 0 ? learned / best : NaN, bestCurve, learnedCurve, rank };
}
