/**
 * Two-component PCA over a row-major feature matrix, by power iteration with deflation on the
 * covariance (enough for a 2-D picture of a few hundred samples; no eigen-solver needed).
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { badOption } from "../messages.js";

/** A fitted 2-D projection: the feature mean and two orthonormal directions. */
export interface Pca2 {
  readonly features: number;
  readonly mean: Float64Array;
  /** Two unit vectors of length `features`, the leading principal directions. */
  readonly components: readonly [Float64Array, Float64Array];
  /** Variance of the data along each component. */
  readonly variances: readonly [number, number];
}

/** Covariance-vector product C·v for centred rows, without forming C (n·p per product). */
function covTimes(centred: Float64Array, n: number, p: number, v: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    const base = i * p;
    for (let j = 0; j < p; j++) dot += centred[base + j]! * v[j]!;
    for (let j = 0; j < p; j++) out[j]! += dot * centred[base + j]!;
  }
  for (let j = 0; j < p; j++) out[j]! /= n - 1;
}

/**
 * Fits the two leading principal directions of X [rows × cols] (power iteration, `iterations`
 * rounds each, default 200, started from `rng`).
 */
export function fitPca2(x: ArrayLike<number>, rows: number, cols: number, rng: Rng, iterations = 200): Pca2 {
  if (!(rows >= 3 && cols >= 2 && x.length === rows * cols)) {
    throw new CajalError(badOption("fitPca2", "x", `${x.length} values as ${rows}×${cols}`, "≥ 3 samples × ≥ 2 features, row-major"));
  }
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j]! += x[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  const centred = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) centred[i * cols + j] = x[i * cols + j]! - mean[j]!;
  const found: Float64Array[] = [];
  const variances: number[] = [];
  const next = new Float64Array(cols);
  for (let c = 0; c < 2; c++) {
    const v = new Float64Array(cols);
    for (let j = 0; j < cols; j++) v[j] = rng.normal();
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      covTimes(centred, rows, cols, v, next);
      // Deflation: remove the directions already found, so iteration converges to the next one.
      for (const u of found) {
        let d = 0;
        for (let j = 0; j < cols; j++) d += next[j]! * u[j]!;
        for (let j = 0; j < cols; j++) next[j]! -= d * u[j]!;
      }
      let norm = 0;
      for (let j = 0; j < cols; j++) norm += next[j]! * next[j]!;
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      lambda = norm;
      for (let j = 0; j < cols; j++) v[j] = next[j]! / norm;
    }
    found.push(v);
    variances.push(lambda);
  }
  return { features: cols, mean, components: [found[0]!, found[1]!], variances: [variances[0]!, variances[1]!] };
}

/** Projects rows of X [rows × pca.features] onto the two components: Float64Array [rows × 2]. */
export function projectPca2(pca: Pca2, x: ArrayLike<number>, rows: number): Float64Array {
  const p = pca.features;
  if (x.length !== rows * p) throw new CajalError(badOption("projectPca2", "x.length", x.length, `${rows} × ${p}`));
  const out = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < 2; c++) {
      const u = pca.components[c]!;
      let s = 0;
      for (let j = 0; j < p; j++) s += (x[i * p + j]! - pca.mean[j]!) * u[j]!;
      out[i * 2 + c] = s;
    }
  }
  return out;
}
