/**
 * Choosing which examples an epoch trains on: weighted sampling without replacement and the
 * scores it is weighted by.
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { badOption } from "../messages.js";

/**
 * Draws `count` distinct indices with probability proportional to `weights`, sequentially without
 * replacement (each draw ∝ weight among those left), as `numpy.random.choice(n, k, replace=False,
 * p=w/Σw)` does. Uses the exponential-keys method (Efraimidis & Spirakis 2006): key = E/w with
 * E ~ Exp(1), keep the `count` smallest keys; O(n log n). Indices come back in draw order.
 * Zero-weight examples are drawn only after every positive-weight one.
 */
export function weightedSampleWithoutReplacement(weights: ArrayLike<number>, count: number, rng: Rng): Uint32Array {
  const n = weights.length;
  if (!(Number.isInteger(count) && count >= 0 && count <= n)) {
    throw new CajalError(badOption("weightedSampleWithoutReplacement", "count", count, `an integer in 0 … ${n}`));
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && Number.isFinite(w))) throw new CajalError(badOption("weightedSampleWithoutReplacement", `weights[${i}]`, w, "a finite weight ≥ 0"));
    keys[i] = w > 0 ? rng.exponential() / w : Infinity;
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return order.slice(0, count);
}

/** How examples are weighted: by easiness 1/ℓ (curriculum), by loss ℓ (anti-curriculum) or uniformly. */
export type ScoreKind = "easy" | "hard" | "uniform";

/**
 * Sampling weights from per-example losses of a model trained the vanilla way: easy = 1/ℓ (the
 * released code's default), hard = ℓ, uniform = 1. Losses are floored at `epsilon` (default
 * 1e-12) so a perfectly fitted example gets a large but finite easiness.
 */
export function scoresFromLosses(losses: ArrayLike<number>, kind: ScoreKind, epsilon = 1e-12): Float64Array {
  const out = new Float64Array(losses.length);
  for (let i = 0; i < losses.length; i++) {
    const l = Math.max(losses[i]!, epsilon);
    if (!Number.isFinite(l)) throw new CajalError(badOption("scoresFromLosses", `losses[${i}]`, losses[i], "a finite loss"));
    out[i] = kind === "easy" ? 1 / l : kind === "hard" ? l : 1;
  }
  return out;
}
