/**
 * A simple multilevel step: empirical Bayes for a normal–normal model. Individual estimates
 * θ̂_i ~ N(θ_i, s_i²) with θ_i ~ N(m, τ²); m and τ² are estimated from the estimates themselves
 * (iterated weighted moments, DerSimonian & Laird style), and each estimate is shrunk towards m by
 * the factor B_i = s_i² / (s_i² + τ²).
 */
import { CajalError, type Problem } from "../../../core/errors.js";
import * as msg from "./messages.js";

/** The group estimate and the shrunk individual estimates. */
export interface EmpiricalBayesResult {
  /** Estimated group mean m. */
  readonly groupMean: number;
  /** Estimated between-subject s.d. τ (0 when the spread is explained by the standard errors). */
  readonly groupSd: number;
  /** Posterior means (θ̂_i/s_i² + m/τ²)/(1/s_i² + 1/τ²). */
  readonly shrunk: Float64Array;
  /** Shrinkage factors B_i = s_i²/(s_i² + τ²) in [0, 1]: 0 keeps the estimate, 1 replaces it by m. */
  readonly shrinkage: Float64Array;
}

/** Empirical-Bayes shrinkage of individual estimates with known standard errors. */
export function empiricalBayesNormal(estimates: ArrayLike<number>, standardErrors: ArrayLike<number>, iterations = 100): EmpiricalBayesResult {
  const n = estimates.length;
  const problems: Problem[] = [];
  if (n !== standardErrors.length) problems.push(msg.lengthMismatch("empiricalBayesNormal", "estimates and standardErrors", n, standardErrors.length));
  if (n < 2) problems.push(msg.badParameter("empiricalBayesNormal", "estimates.length", n, "at least 2 estimates"));
  for (let i = 0; i < Math.min(n, standardErrors.length); i++) {
    if (!Number.isFinite(estimates[i]!)) problems.push(msg.badParameter("empiricalBayesNormal", `estimates[${i}]`, estimates[i]!, "a finite number"));
    if (!(standardErrors[i]! > 0 && Number.isFinite(standardErrors[i]!))) {
      problems.push(msg.badParameter("empiricalBayesNormal", `standardErrors[${i}]`, standardErrors[i]!, "a finite s.e. > 0", "drop estimates without a standard error (e.g. on a bound) before pooling."));
    }
  }
  if (problems.length) throw new CajalError(problems);
  // Start from the unweighted moments, then iterate: m = weighted mean, τ² = mean of (θ̂−m)² − s².
  let m = 0;
  for (let i = 0; i < n; i++) m += estimates[i]!;
  m /= n;
  let tau2 = 0;
  for (let i = 0; i < n; i++) tau2 += (estimates[i]! - m) ** 2 - standardErrors[i]! ** 2;
  tau2 = Math.max(0, tau2 / (n - 1));
  for (let it = 0; it < iterations; it++) {
    let wSum = 0;
    let wx = 0;
    for (let i = 0; i < n; i++) {
      const w = 1 / (standardErrors[i]! ** 2 + tau2);
      wSum += w;
      wx += w * estimates[i]!;
    }
    const mNext = wx / wSum;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const w = 1 / (standardErrors[i]! ** 2 + tau2);
      num += w * w * ((estimates[i]! - mNext) ** 2 - standardErrors[i]! ** 2);
      den += w * w;
    }
    const tauNext = Math.max(0, num / den);
    const converged = Math.abs(mNext - m) < 1e-12 && Math.abs(tauNext - tau2) < 1e-12;
    m = mNext;
    tau2 = tauNext;
    if (converged) break;
  }
  const shrunk = new Float64Array(n);
  const shrinkage = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s2 = standardErrors[i]! ** 2;
    const b = tau2 === 0 ? 1 : s2 / (s2 + tau2);
    shrinkage[i] = b;
    shrunk[i] = (1 - b) * estimates[i]! + b * m;
  }
  return { groupMean: m, groupSd: Math.sqrt(tau2), shrunk, shrinkage };
}
