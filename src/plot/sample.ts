/**
 * Reducing large data to what a figure can show: a seeded uniform sample of indices, and min–max
 * decimation of a curve (which keeps spikes and troughs that averaging would flatten).
 */
import type { Rng } from "../core/rng.js";

/**
 * k of n indices drawn uniformly without replacement, in increasing order (Knuth's selection
 * sampling, Algorithm S): one uniform draw per index, no allocation beyond the result.
 */
export function sampleIndices(n: number, k: number, rng: Rng): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(k);
  let chosen = 0;
  for (let i = 0; i < n && chosen < k; i++) {
    if ((n - i) * rng.uniform() < k - chosen) out[chosen++] = i;
  }
  return out;
}

/**
 * Indices that keep the shape of y(x) with at most `maxPoints` points: the range of indices is cut
 * into maxPoints/2 buckets, and each keeps its minimum and its maximum, in their original order.
 * The first and last points are always kept. Expects x sorted.
 */
export function minMaxIndices(y: ArrayLike<number>, maxPoints: number): Int32Array {
  const n = y.length;
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const out: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor(((n - 2) * b) / buckets);
    const stop = 1 + Math.floor(((n - 2) * (b + 1)) / buckets);
    if (stop <= start) continue;
    let lo = start, hi = start;
    for (let i = start + 1; i < stop; i++) {
      const v = y[i]!;
      if (v < y[lo]!) lo = i;
      if (v > y[hi]!) hi = i;
    }
    if (lo === hi) out.push(lo);
    else if (lo < hi) out.push(lo, hi);
    else out.push(hi, lo);
  }
  out.push(n - 1);
  return Int32Array.from(out);
}
