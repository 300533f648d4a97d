/**
 * Spike timing against a reference oscillation and population bursts: the phase of each spike in
 * a sinusoidal rhythm (theta phase precession), the cycle it falls in, a circular–linear fit of
 * phase against position (Kempter et al. 2012), and bursts of a population rate (replay events).
 */
import { CajalError } from "./errors.js";

const TWO_PI = 2 * Math.PI;

/** A sinusoidal reference rhythm: phase 0 at `zeroMs` + k·period. */
export interface Rhythm {
  /** Frequency, Hz. */
  readonly frequencyHz: number;
  /** A time at which the phase is 0, ms (default 0). */
  readonly zeroMs?: number;
}

function period(rhythm: Rhythm, place: string): number {
  if (!(rhythm.frequencyHz > 0) || !Number.isFinite(rhythm.frequencyHz)) {
    throw new CajalError({ ruleId: "phase-bad-frequency", place, reason: `frequency ${rhythm.frequencyHz} Hz.`, expected: "a frequency > 0 Hz" });
  }
  return 1000 / rhythm.frequencyHz;
}

/** Phase in [0, 2π) of each time (ms) in the rhythm. */
export function phasesOf(timesMs: ArrayLike<number>, rhythm: Rhythm): Float64Array {
  const t0 = rhythm.zeroMs ?? 0;
  const p = period(rhythm, "phase.phasesOf");
  const out = new Float64Array(timesMs.length);
  for (let k = 0; k < timesMs.length; k++) {
    const x = (timesMs[k]! - t0) / p;
    out[k] = TWO_PI * (x - Math.floor(x));
  }
  return out;
}

/** Index of the cycle each time (ms) falls in: floor((t − zero)/period). */
export function cyclesOf(timesMs: ArrayLike<number>, rhythm: Rhythm): Int32Array {
  const t0 = rhythm.zeroMs ?? 0;
  const p = period(rhythm, "phase.cyclesOf");
  const out = new Int32Array(timesMs.length);
  for (let k = 0; k < timesMs.length; k++) out[k] = Math.floor((timesMs[k]! - t0) / p);
  return out;
}

/** A circular–linear fit φ ≈ 2π·slope·x + offset (mod 2π). */
export interface CircularLinearFit {
  /** Slope in cycles per unit of x (so radians per unit = 2π·slope). */
  readonly slope: number;
  /** Phase offset, rad in [0, 2π). */
  readonly offset: number;
  /** Mean resultant length of the residuals, in [0, 1]: 1 = a perfect fit. */
  readonly resultant: number;
}

/**
 * Circular–linear regression (Kempter, Leibold, Buzsáki, Diba & Schmidt 2012): the slope maximises
 * R(a) = |mean e^{i(φ_k − 2π a x_k)}| over a grid of `steps` slopes in [minSlope, maxSlope], then is
 * refined by golden-section search around the best grid point.
 */
export function circularLinearFit(x: ArrayLike<number>, phases: ArrayLike<number>, minSlope: number, maxSlope: number, steps = 400): CircularLinearFit {
  if (x.length !== phases.length || x.length < 2 || !(maxSlope > minSlope)) {
    throw new CajalError({
      ruleId: "phase-bad-fit", place: "phase.circularLinearFit",
      reason: `${x.length} positions, ${phases.length} phases, slope range [${minSlope}, ${maxSlope}].`,
      expected: "as many phases as positions (≥ 2) and minSlope < maxSlope",
    });
  }
  const resultant = (a: number): number => {
    let c = 0; let s = 0;
    for (let k = 0; k < x.length; k++) {
      const d = phases[k]! - TWO_PI * a * x[k]!;
      c += Math.cos(d); s += Math.sin(d);
    }
    return Math.hypot(c, s) / x.length;
  };
  const h = (maxSlope - minSlope) / steps;
  let best = minSlope; let bestR = -1;
  for (let i = 0; i <= steps; i++) {
    const a = minSlope + i * h;
    const r = resultant(a);
    if (r > bestR) { bestR = r; best = a; }
  }
  let lo = Math.max(minSlope, best - h); let hi = Math.min(maxSlope, best + h);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a1 = hi - g * (hi - lo); const a2 = lo + g * (hi - lo);
    if (resultant(a1) > resultant(a2)) hi = a2; else lo = a1;
  }
  const slope = 0.5 * (lo + hi);
  let c = 0; let s = 0;
  for (let k = 0; k < x.length; k++) {
    const d = phases[k]! - TWO_PI * slope * x[k]!;
    c += Math.cos(d); s += Math.sin(d);
  }
  const offset = (Math.atan2(s, c) + TWO_PI) % TWO_PI;
  return { slope, offset, resultant: Math.hypot(c, s) / x.length };
}

/** One burst of a population rate. */
export interface Burst {
  /** Start and end of the burst, ms (end exclusive: the first bin edge after it). */
  readonly startMs: number;
  readonly endMs: number;
  /** Peak rate inside the burst. */
  readonly peak: number;
}

/** Options of {@link detectBursts}. */
export interface BurstOptions {
  /** A burst is a run of bins with rate > threshold (same units as the rate). */
  readonly threshold: number;
  /** Runs shorter than this are ignored, ms (default 0). */
  readonly minDurationMs?: number;
  /** Runs separated by gaps ≤ this are merged, ms (default 0). */
  readonly mergeGapMs?: number;
}

/**
 * Bursts of a binned rate: runs of bins above `threshold`, with close runs merged and short ones
 * dropped. `edgesMs` has one more entry than `rate` (as `spikeStats.populationRate` returns).
 */
export function detectBursts(rate: ArrayLike<number>, edgesMs: ArrayLike<number>, options: BurstOptions): Burst[] {
  const { threshold, minDurationMs = 0, mergeGapMs = 0 } = options;
  if (edgesMs.length !== rate.length + 1 || !Number.isFinite(threshold)) {
    throw new CajalError({
      ruleId: "phase-bad-bursts", place: "phase.detectBursts",
      reason: `${rate.length} rate bins with ${edgesMs.length} edges, threshold ${threshold}.`,
      expected: "edges = bins + 1 and a finite threshold",
    });
  }
  const runs: { startMs: number; endMs: number; peak: number }[] = [];
  let open = -1; let peak = -Infinity;
  for (let b = 0; b <= rate.length; b++) {
    const above = b < rate.length && rate[b]! > threshold;
    if (above) {
      if (open < 0) { open = b; peak = -Infinity; }
      peak = Math.max(peak, rate[b]!);
    } else if (open >= 0) {
      const run = { startMs: edgesMs[open]!, endMs: edgesMs[b]!, peak };
      const last = runs[runs.length - 1];
      if (last && run.startMs - last.endMs <= mergeGapMs) { last.endMs = run.endMs; last.peak = Math.max(last.peak, run.peak); } else runs.push(run);
      open = -1;
    }
  }
  return runs.filter((r) => r.endMs - r.startMs >= minDurationMs);
}
