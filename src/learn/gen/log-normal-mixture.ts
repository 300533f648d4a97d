/**
 * Positive data whose logarithm is a Gaussian mixture (a log-normal mixture), the toy of
 * "Dale meets Langevin" (Shetty, Prasath & Seelamantula 2025). Geometric Brownian motion keeps
 * this family closed: log X_t = log X_0 + (μ − σ²/2)t + σW_t, so every perturbed marginal is again
 * a log-normal mixture, with component log-means shifted by (μ − σ²/2)t and log-variances grown by
 * σ²t — which gives the exact Hyvärinen score x ∘ ∇ₓ log p(x) at every t.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/** A mixture of isotropic Gaussians in log space, in `dim` dimensions. */
export interface LogNormalMixture {
  readonly dim: number;
  /** Mixture weights (sum 1). */
  readonly weights: readonly number[];
  /** Log-space means, one array of length `dim` per component. */
  readonly logMeans: readonly (readonly number[])[];
  /** Log-space standard deviation of each component (isotropic). */
  readonly logStds: readonly number[];
}

/** Checks and returns a mixture; weights must be positive and sum to 1 (within 1e-9). */
export function logNormalMixture(m: LogNormalMixture): LogNormalMixture {
  const k = m.weights.length;
  const total = m.weights.reduce((s, w) => s + w, 0);
  if (k === 0 || m.logMeans.length !== k || m.logStds.length !== k || Math.abs(total - 1) > 1e-9 || m.weights.some((w) => !(w > 0))) {
    throw new CajalError(badOption("logNormalMixture", "components", k, "matching, positive weights summing to 1, logMeans and logStds of the same count"));
  }
  if (m.logMeans.some((mu) => mu.length !== m.dim) || m.logStds.some((s) => !(s > 0))) {
    throw new CajalError(badOption("logNormalMixture", "logMeans/logStds", m.dim, "each mean of length dim, each std > 0"));
  }
  return m;
}

/** The marginal at time t of GBM dX = μX dt + σX dW started from `m` (exact). */
export function gbmMarginal(m: LogNormalMixture, tS: number, sigma: number, mu: number): LogNormalMixture {
  const shift = (mu - (sigma * sigma) / 2) * tS;
  return {
    dim: m.dim,
    weights: m.weights,
    logMeans: m.logMeans.map((c) => c.map((v) => v + shift)),
    logStds: m.logStds.map((s) => Math.sqrt(s * s + sigma * sigma * tS)),
  };
}

/** Posterior responsibilities and per-component log terms at y (log space); fills `resp`, returns log p_Y(y). */
function logDensityYInto(m: LogNormalMixture, y: ArrayLike<number>, offset: number, resp: Float64Array): number {
  const d = m.dim;
  let max = -Infinity;
  for (let c = 0; c < m.weights.length; c++) {
    const s = m.logStds[c]!;
    const mean = m.logMeans[c]!;
    let q = 0;
    for (let j = 0; j < d; j++) { const z = (y[offset + j]! - mean[j]!) / s; q += z * z; }
    const lc = Math.log(m.weights[c]!) - 0.5 * q - d * Math.log(s) - 0.5 * d * Math.log(2 * Math.PI);
    resp[c] = lc;
    if (lc > max) max = lc;
  }
  let sum = 0;
  for (let c = 0; c < m.weights.length; c++) { resp[c] = Math.exp(resp[c]! - max); sum += resp[c]!; }
  for (let c = 0; c < m.weights.length; c++) resp[c] = resp[c]! / sum;
  return max + Math.log(sum);
}

/** log p_Y(y) of the log-space mixture, for points y [n × dim] (row-major). */
export function logDensityY(m: LogNormalMixture, y: ArrayLike<number>): Float64Array {
  const n = y.length / m.dim;
  const out = new Float64Array(n);
  const resp = new Float64Array(m.weights.length);
  for (let i = 0; i < n; i++) out[i] = logDensityYInto(m, y, i * m.dim, resp);
  return out;
}

/**
 * The Hyvärinen score h(x) = x ∘ ∇ₓ log p_X(x) of the log-normal mixture at positive points x
 * [n × dim]. Since p_X(x) = p_Y(log x)/∏x, h = ∂_y log p_Y(y) − 1 with y = log x, and
 * ∂_y log p_Y(y) = Σ_c r_c(y)·(m_c − y)/s_c² with responsibilities r_c.
 */
export function hyvarinenScore(m: LogNormalMixture, x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length)): Float64Array {
  const d = m.dim;
  const n = x.length / d;
  const resp = new Float64Array(m.weights.length);
  const y = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) y[j] = Math.log(x[i * d + j]!);
    logDensityYInto(m, y, 0, resp);
    for (let j = 0; j < d; j++) {
      let g = 0;
      for (let c = 0; c < m.weights.length; c++) { const s = m.logStds[c]!; g += (resp[c]! * (m.logMeans[c]![j]! - y[j]!)) / (s * s); }
      out[i * d + j] = g - 1;
    }
  }
  return out;
}

/** n samples [n × dim] of the mixture, as positive values x = exp(y). */
export function sampleLogNormalMixture(m: LogNormalMixture, n: number, rng: Rng): Float64Array {
  const d = m.dim;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let u = rng.uniform();
    let c = 0;
    while (c < m.weights.length - 1 && u >= m.weights[c]!) { u -= m.weights[c]!; c++; }
    for (let j = 0; j < d; j++) out[i * d + j] = Math.exp(m.logMeans[c]![j]! + m.logStds[c]! * rng.normal(0, 1));
  }
  return out;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** CDF of a 1-D log-normal mixture at x (0 for x ≤ 0). */
export function logNormalMixtureCdf(m: LogNormalMixture, x: number): number {
  if (m.dim !== 1) throw new CajalError(badOption("logNormalMixtureCdf", "dim", m.dim, "1"));
  if (!(x > 0)) return 0;
  const y = Math.log(x);
  let p = 0;
  for (let c = 0; c < m.weights.length; c++) p += m.weights[c]! * normalCdf((y - m.logMeans[c]![0]!) / m.logStds[c]!);
  return p;
}
