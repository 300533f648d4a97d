/**
 * Multi-arm spirals: a small 2-D classification task whose difficulty varies along each arm
 * (the arms are far apart at the tips and crowd together near the centre).
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { badOption } from "../messages.js";
import type { Examples } from "./examples.js";

/** Options of `spirals`. */
export interface SpiralOptions {
  readonly count: number;
  /** Number of arms = classes (default 3). */
  readonly arms?: number;
  /** Standard deviation of the Gaussian jitter added to each coordinate (default 0.2). */
  readonly jitter?: number;
  /** Turns of each arm (default 1). */
  readonly turns?: number;
  /** Radius of the arms' outer ends (default 1). */
  readonly radius?: number;
}

/**
 * Points on `arms` Archimedean spiral arms, arm k rotated by 2πk/arms: radius r = radius·t, angle
 * 2π·turns·t + 2πk/arms with t ~ U(0.05, 1) per point, then Gaussian jitter (so the inner turns,
 * where the arms are close, overlap). Labels are the arm index; classes are balanced up
 * to one point.
 */
export function spirals(options: SpiralOptions, rng: Rng): Examples {
  const arms = options.arms ?? 3;
  const jitter = options.jitter ?? 0.2;
  const turns = options.turns ?? 1;
  const radius = options.radius ?? 1;
  if (!(radius > 0 && Number.isFinite(radius))) throw new CajalError(badOption("spirals", "radius", radius, "a positive number"));
  const { count } = options;
  if (!(Number.isInteger(count) && count >= 1)) throw new CajalError(badOption("spirals", "count", count, "an integer ≥ 1"));
  if (!(Number.isInteger(arms) && arms >= 2 && arms <= 255)) throw new CajalError(badOption("spirals", "arms", arms, "an integer in 2 … 255"));
  const inputs = new Float32Array(count * 2);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % arms;
    const t = 0.05 + 0.95 * rng.uniform();
    const angle = 2 * Math.PI * turns * t + (2 * Math.PI * k) / arms;
    inputs[2 * i] = radius * t * Math.cos(angle) + jitter * rng.normal();
    inputs[2 * i + 1] = radius * t * Math.sin(angle) + jitter * rng.normal();
    labels[i] = k;
  }
  return { inputs, labels, count, features: 2, classes: arms };
}

/**
 * A copy with a fraction of labels replaced by a different class drawn uniformly; returns the
 * noisy set and which examples were flipped.
 */
export function flipLabels(set: Examples, fraction: number, rng: Rng): { set: Examples; flipped: Uint8Array } {
  if (!(fraction >= 0 && fraction <= 1)) throw new CajalError(badOption("flipLabels", "fraction", fraction, "0 … 1"));
  const labels = Uint8Array.from(set.labels);
  const flipped = new Uint8Array(set.count);
  const n = Math.round(fraction * set.count);
  const order = rng.permutation(set.count);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    labels[i] = (labels[i]! + 1 + rng.int(set.classes - 1)) % set.classes;
    flipped[i] = 1;
  }
  return { set: { ...set, labels }, flipped };
}
