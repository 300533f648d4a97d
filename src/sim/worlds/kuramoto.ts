/**
 * Kuramoto phase oscillators with all-to-all coupling (Kuramoto 1975; Strogatz 2000):
 * dθ_i/dt = ω_i + (K/N) Σ_j sin(θ_j − θ_i) = ω_i + K r sin(ψ − θ_i), with the order parameter
 * r e^{iψ} = (1/N) Σ_j e^{iθ_j}. Frequencies and coupling are in rad/s, time in ms.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";

/** Critical coupling K_c = 2/(π g(0)) for natural frequencies with a Gaussian of s.d. `sdRadPerS` (rad/s). */
export function gaussianCriticalCoupling(sdRadPerS: number): number {
  return (2 * Math.sqrt(2 * Math.PI) * sdRadPerS) / Math.PI;
}

/** Critical coupling K_c = 2γ for a Lorentzian of half-width γ (rad/s). */
export function lorentzianCriticalCoupling(halfWidthRadPerS: number): number {
  return 2 * halfWidthRadPerS;
}

/**
 * Steady-state order parameter of the infinite population (N → ∞), the stable root of the
 * self-consistency equation r = K r ∫_{−π/2}^{π/2} cos²θ g(K r sinθ) dθ, for a symmetric, unimodal
 * frequency density `density` (of the deviation from the mean, in rad/s). 0 below K_c.
 */
export function steadyOrderParameter(coupling: number, density: (omegaRadPerS: number) => number): number {
  const steps = 400;
  // f(r) = K ∫ cos²θ g(K r sinθ) dθ − 1; f decreases in r for unimodal g, so bisect its root.
  const excess = (r: number): number => {
    let s = 0;
    const h = Math.PI / steps;
    for (let k = 0; k < steps; k++) {
      const th = -Math.PI / 2 + (k + 0.5) * h;
      const c = Math.cos(th);
      s += c * c * density(coupling * r * Math.sin(th));
    }
    return coupling * s * h - 1;
  };
  if (!(coupling > 0) || excess(1e-9) <= 0) return 0;
  if (excess(1) >= 0) return 1;
  let lo = 1e-9; let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (excess(mid) > 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Gaussian density of s.d. `sd`, centred on 0 (for {@link steadyOrderParameter}). */
export function gaussianDensity(sd: number): (x: number) => number {
  return (x) => Math.exp((-x * x) / (2 * sd * sd)) / (Math.sqrt(2 * Math.PI) * sd);
}

/** Lorentzian density of half-width `gamma`, centred on 0. */
export function lorentzianDensity(gamma: number): (x: number) => number {
  return (x) => gamma / (Math.PI * (x * x + gamma * gamma));
}

/** Options of {@link simulateKuramoto}. */
export interface KuramotoOptions {
  /** Natural frequencies ω_i in rad/s (one per oscillator). */
  readonly frequenciesRadPerS: Float64Array;
  /** Coupling K in rad/s. */
  readonly coupling: number;
  /** Euler step, ms (default 0.1). */
  readonly dtMs?: number;
  /** Simulated time, ms (default 2000). */
  readonly durationMs?: number;
  /** r is averaged from this time on, ms (default: the second half). */
  readonly averageFromMs?: number;
  /** Initial phases (rad); default uniform on [0, 2π) from `rng`. */
  readonly initialPhases?: Float64Array;
  /** Record r every this many ms (default 1). */
  readonly recordEveryMs?: number;
}

/** Result of {@link simulateKuramoto}. */
export interface KuramotoRun {
  /** Time-averaged order parameter r over the averaging window. */
  readonly meanOrder: number;
  /** r(t) sampled every `recordEveryMs`. */
  readonly order: Float64Array;
  /** Sample times of `order`, ms. */
  readonly timesMs: Float64Array;
  /** Final phases, rad. */
  readonly phases: Float64Array;
  /** Oscillator updates performed (N × steps), a cost count. */
  readonly updates: number;
}

/** Natural frequencies drawn from a Gaussian, in rad/s, from mean and s.d. given in Hz. */
export function gaussianFrequencies(n: number, meanHz: number, sdHz: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * Math.PI * rng.normal(meanHz, sdHz);
  return out;
}

/**
 * Integrates the Kuramoto model with forward Euler through the mean field (O(N) per step) and
 * returns the time-averaged order parameter.
 *
 * @example simulateKuramoto({ frequenciesRadPerS: gaussianFrequencies(500, 40, 2, rng), coupling: 30 }, rng).meanOrder
 */
export function simulateKuramoto(options: KuramotoOptions, rng: Rng): KuramotoRun {
  const { frequenciesRadPerS: omega, coupling, dtMs = 0.1, durationMs = 2000, recordEveryMs = 1 } = options;
  const averageFromMs = options.averageFromMs ?? durationMs / 2;
  const n = omega.length;
  const problems: Problem[] = [];
  const bad = (name: string, value: unknown, expected: string): void => {
    problems.push({ ruleId: "kuramoto-bad-option", place: `kuramoto.simulateKuramoto.${name}`, reason: `${name} is ${String(value)}.`, expected });
  };
  if (n < 1) bad("frequenciesRadPerS", `of length ${n}`, "at least one oscillator");
  if (!Number.isFinite(coupling)) bad("coupling", coupling, "a finite coupling in rad/s");
  if (!(dtMs > 0)) bad("dtMs", dtMs, "a step > 0 ms");
  if (!(durationMs >= dtMs)) bad("durationMs", durationMs, "a duration ≥ dtMs");
  if (!(averageFromMs >= 0 && averageFromMs < durationMs)) bad("averageFromMs", averageFromMs, "a time in [0, durationMs)");
  if (!(recordEveryMs >= dtMs)) bad("recordEveryMs", recordEveryMs, "an interval ≥ dtMs");
  if (options.initialPhases && options.initialPhases.length !== n) bad("initialPhases", `of length ${options.initialPhases.length}`, `${n} phases`);
  if (problems.length) throw new CajalError(problems);

  const theta = new Float64Array(n);
  if (options.initialPhases) theta.set(options.initialPhases);
  else for (let i = 0; i < n; i++) theta[i] = 2 * Math.PI * rng.uniform();
  // Work in the frame rotating at the mean frequency: r is unchanged, and phases stay small.
  let meanOmega = 0;
  for (let i = 0; i < n; i++) meanOmega += omega[i]!;
  meanOmega /= n;
  const dtS = dtMs / 1000;
  const steps = Math.round(durationMs / dtMs);
  const recordEvery = Math.max(1, Math.round(recordEveryMs / dtMs));
  const order = new Float64Array(Math.floor(steps / recordEvery) + 1);
  const timesMs = new Float64Array(order.length);
  let recorded = 0;
  let sumR = 0; let countR = 0;
  const averageFromStep = Math.round(averageFromMs / dtMs);
  // cos θ and sin θ serve both the mean field and the update: two trigonometric calls per oscillator and step.
  const cosTheta = new Float64Array(n); const sinTheta = new Float64Array(n);
  for (let s = 0; s <= steps; s++) {
    let cx = 0; let sy = 0;
    for (let i = 0; i < n; i++) {
      const c = Math.cos(theta[i]!); const si = Math.sin(theta[i]!);
      cosTheta[i] = c; sinTheta[i] = si; cx += c; sy += si;
    }
    cx /= n; sy /= n;
    const r = Math.sqrt(cx * cx + sy * sy);
    if (s % recordEvery === 0 && recorded < order.length) { order[recorded] = r; timesMs[recorded] = s * dtMs; recorded++; }
    if (s >= averageFromStep) { sumR += r; countR++; }
    if (s === steps) break;
    // K r sin(ψ − θ) = K (sy cosθ − cx sinθ)
    for (let i = 0; i < n; i++) {
      const th = theta[i]!;
      let next = th + dtS * (omega[i]! - meanOmega + coupling * (sy * cosTheta[i]! - cx * sinTheta[i]!));
      if (next > Math.PI) next -= 2 * Math.PI; else if (next < -Math.PI) next += 2 * Math.PI;
      theta[i] = next;
    }
  }
  return { meanOrder: sumR / countR, order: order.slice(0, recorded), timesMs: timesMs.slice(0, recorded), phases: theta, updates: n * steps };
}
