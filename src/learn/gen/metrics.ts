/**
 * Distances between sample sets and distributions for generative models: the Kolmogorov–Smirnov
 * statistic against a CDF, the sliced Wasserstein-1 distance, and the Fréchet distance between
 * Gaussian fits of two feature sets (the formula of FID, here on any features).
 */
import { symmetricEigen } from "../../core/decomp.js";
import type { Rng } from "../../core/rng.js";

/** sup_x |F_n(x) − F(x)| of the samples against the CDF `cdf`. */
export function ksStatistic(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(samples).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Wasserstein-1 between two equal-size 1-D samples (mean absolute difference of sorted values). */
export function wasserstein1d(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  const n = Math.min(sa.length, sb.length);
  let sum = 0;
  // Quantile matching when sizes differ: compare the same quantile levels.
  for (let i = 0; i < n; i++) {
    const qa = sa[Math.floor(((i + 0.5) / n) * sa.length)]!;
    const qb = sb[Math.floor(((i + 0.5) / n) * sb.length)]!;
    sum += Math.abs(qa - qb);
  }
  return sum / n;
}

/** Sliced Wasserstein-1 between point sets a, b [n × dim]: mean over `projections` random unit directions. */
export function slicedWasserstein(a: ArrayLike<number>, b: ArrayLike<number>, dim: number, projections: number, rng: Rng): number {
  const na = a.length / dim, nb = b.length / dim;
  const pa = new Float64Array(na), pb: Float64Array = new Float64Array(nb);
  const dir = new Float64Array(dim);
  let total = 0;
  for (let p = 0; p < projections; p++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) { dir[j] = rng.normal(0, 1); norm += dir[j]! ** 2; }
    norm = Math.sqrt(norm);
    for (let i = 0; i < na; i++) { let s = 0; for (let j = 0; j < dim; j++) s += a[i * dim + j]! * dir[j]!; pa[i] = s / norm; }
    for (let i = 0; i < nb; i++) { let s = 0; for (let j = 0; j < dim; j++) s += b[i * dim + j]! * dir[j]!; pb[i] = s / norm; }
    total += wasserstein1d(pa, pb);
  }
  return total / projections;
}

/** The symmetric eigen-solver lives in core/decomp (one solver for every user); re-exported for this module's users. */
export { symmetricEigen };

/** Mean [dim] and covariance [dim × dim] (ddof 1) of rows x [n × dim]. */
export function meanAndCovariance(x: ArrayLike<number>, dim: number): { mean: Float64Array; cov: Float64Array } {
  const n = x.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j]! += x[i * dim + j]! / n;
  const cov = new Float64Array(dim * dim);
  const c = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) c[j] = x[i * dim + j]! - mean[j]!;
    for (let j = 0; j < dim; j++) { const cj = c[j]!; if (cj === 0) continue; for (let k = j; k < dim; k++) cov[j * dim + k]! += cj * c[k]!; }
  }
  for (let j = 0; j < dim; j++) for (let k = j; k < dim; k++) { const v = cov[j * dim + k]! / Math.max(1, n - 1); cov[j * dim + k] = v; cov[k * dim + j] = v; }
  return { mean, cov };
}

/**
 * Fréchet distance between Gaussian fits of two feature sets [n × dim]:
 * ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^{½} Σ₂ Σ₁^{½})^{½}.
 */
export function frechetDistance(a: ArrayLike<number>, b: ArrayLike<number>, dim: number): number {
  const fa = meanAndCovariance(a, dim), fb = meanAndCovariance(b, dim);
  let d = 0;
  for (let j = 0; j < dim; j++) d += (fa.mean[j]! - fb.mean[j]!) ** 2;
  let tr = 0;
  for (let j = 0; j < dim; j++) tr += fa.cov[j * dim + j]! + fb.cov[j * dim + j]!;
  // Σ₁^{½} from its eigen-decomposition (negative round-off eigenvalues set to 0).
  const e = symmetricEigen(fa.cov, dim);
  const root = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += e.vectors[i * dim + k]! * Math.sqrt(Math.max(0, e.values[k]!)) * e.vectors[j * dim + k]!;
    root[i * dim + j] = s;
  }
  const tmp = new Float64Array(dim * dim), inner: Float64Array = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) { const r = root[i * dim + k]!; if (r === 0) continue; for (let j = 0; j < dim; j++) tmp[i * dim + j]! += r * fb.cov[k * dim + j]!; }
  for (let i = 0; i < dim; i++) for (let k = 0; k < dim; k++) { const r = tmp[i * dim + k]!; if (r === 0) continue; for (let j = 0; j < dim; j++) inner[i * dim + j]! += r * root[k * dim + j]!; }
  for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) { const s = 0.5 * (inner[i * dim + j]! + inner[j * dim + i]!); inner[i * dim + j] = s; inner[j * dim + i] = s; }
  const ev = symmetricEigen(inner, dim).values;
  let trRoot = 0;
  for (const v of ev) trRoot += Math.sqrt(Math.max(0, v));
  return d + tr - 2 * trRoot;
}
