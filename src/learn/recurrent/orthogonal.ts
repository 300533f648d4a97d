/** Scaled random orthogonal recurrent matrices g·Q (Saxe et al. 2014's initialisation when g = 1). */
import type { Rng } from "../../core/rng.js";
import { randomOrthogonal } from "../../core/decomp.js";

/**
 * g·Q with Q uniformly random on O(n) (QR of a Gaussian matrix with the sign fix), row-major
 * float64. Every singular value of g·Q is g, so a linear RNN with this recurrence scales any
 * vector by exactly g per step.
 */
export function scaledOrthogonal(n: number, gain: number, rng: Rng): Float64Array {
  const q = randomOrthogonal(n, rng);
  for (let i = 0; i < q.length; i++) q[i] = q[i]! * gain;
  return q;
}
