/**
 * SDE steps for score-based sampling with geometric Brownian motion (Shetty et al. 2025):
 * the forward perturbation, a generic Euler–Maruyama step, and the two discretised reverse-time
 * samplers — sign-agnostic in the ambient space ("AUMS") and sign-preserving in log space
 * (Dale–Langevin, "DLS") — as in-place typed-array updates.
 *
 * Reverse-time GBM for forward dX = μX dt + σX dW, with h = x ∘ ∇log p:
 *   dX = [−μX + 2σ²X + σ²X∘h] ds + σX dW̄,   and for Y = log X:  dY = [−μ + 1.5σ² + σ²h] ds + σ dW̄.
 */
import type { Rng } from "../../core/rng.js";

/** Forward GBM sample at time t: x_t = x₀ ∘ exp((μ − σ²/2)t + σ√t·ε), ε ~ N(0, I) from `rng` (or given `noise`). */
export function gbmPerturb(x0: ArrayLike<number>, tS: number, sigma: number, mu: number, rng: Rng, noise?: Float64Array): Float64Array {
  const out = new Float64Array(x0.length);
  const drift = (mu - (sigma * sigma) / 2) * tS;
  const scale = sigma * Math.sqrt(tS);
  for (let i = 0; i < x0.length; i++) {
    const e = rng.normal(0, 1);
    if (noise) noise[i] = e;
    out[i] = x0[i]! * Math.exp(drift + scale * e);
  }
  return out;
}

/** One Euler–Maruyama step in place: y ← y + δ·drift + diffusion·√δ·z. */
export function eulerMaruyamaStep(y: Float64Array, drift: ArrayLike<number>, diffusion: number, delta: number, z: ArrayLike<number>): Float64Array {
  const sq = Math.sqrt(delta);
  for (let i = 0; i < y.length; i++) y[i] = y[i]! + delta * drift[i]! + diffusion * sq * z[i]!;
  return y;
}

/** The two reverse-time samplers. */
export type GbmSampler = "daleLangevin" | "signAgnostic";

/**
 * One reverse step in place, given the Hyvärinen score h at x and standard normal z:
 * Dale–Langevin: x ← x ∘ exp(δσ²h − δ(μ − 1.5σ²) + √δσz) (sign-preserving: an exponentiated,
 * EG-like update); sign-agnostic: x ← x ∘ (1 + 2δσ² − δμ + δσ²h + √δσz).
 */
export function reverseGbmStep(kind: GbmSampler, x: Float64Array, h: ArrayLike<number>, z: ArrayLike<number>, delta: number, sigma: number, mu: number): Float64Array {
  const s2 = sigma * sigma;
  const sq = Math.sqrt(delta) * sigma;
  if (kind === "daleLangevin") {
    const c = -delta * (mu - 1.5 * s2);
    for (let i = 0; i < x.length; i++) x[i] = x[i]! * Math.exp(delta * s2 * h[i]! + c + sq * z[i]!);
  } else {
    const c = 1 + 2 * delta * s2 - delta * mu;
    for (let i = 0; i < x.length; i++) x[i] = x[i]! * (c + delta * s2 * h[i]! + sq * z[i]!);
  }
  return x;
}

/** Options of `sampleReverseGbm`. */
export interface ReverseSamplingOptions {
  readonly kind: GbmSampler;
  /** Starting points (copied), e.g. draws from the log-normal prior. */
  readonly x: ArrayLike<number>;
  /** Noise levels N_s: level k = N_s−1 … 0 is at time t = k/N_s·tMax (the released loop; the last level is the data, t = 0). */
  readonly levels: number;
  /** Step size δ (default tMax/levels). */
  readonly delta?: number;
  /** Inner steps per level (default 1). */
  readonly stepsPerLevel?: number;
  /** Final time of the forward process (default 1). */
  readonly tMax?: number;
  readonly sigma: number;
  readonly mu: number;
  /** The Hyvärinen score at points x and time t, written into `out` (same length as x). Non-positive x may be passed (sign-agnostic sampler). */
  readonly score: (x: Float64Array, tS: number, out: Float64Array) => void;
  readonly rng: Rng;
  /** Called after each level with its time and the current points (not copied). */
  readonly afterLevel?: (tS: number, x: Float64Array) => void;
}

/** Runs a reverse-time GBM sampler from t = tMax down to the smallest level; returns the samples. */
export function sampleReverseGbm(o: ReverseSamplingOptions): Float64Array {
  const x = Float64Array.from(o.x);
  const h = new Float64Array(x.length);
  const z = new Float64Array(x.length);
  const tMax = o.tMax ?? 1;
  const delta = o.delta ?? tMax / o.levels;
  const inner = o.stepsPerLevel ?? 1;
  for (let k = o.levels - 1; k >= 0; k--) {
    const t = (k / o.levels) * tMax;
    for (let l = 0; l < inner; l++) {
      o.score(x, t, h);
      for (let i = 0; i < z.length; i++) z[i] = o.rng.normal(0, 1);
      reverseGbmStep(o.kind, x, h, z, delta, o.sigma, o.mu);
    }
    o.afterLevel?.(t, x);
  }
  return x;
}

/** Fraction of entries ≤ 0 (or not finite). */
export function nonPositiveFraction(x: ArrayLike<number>): number {
  let bad = 0;
  for (let i = 0; i < x.length; i++) if (!(x[i]! > 0)) bad++;
  return x.length === 0 ? 0 : bad / x.length;
}
