/**
 * Ring-buffer left shifts and weight quantisation (spinnaker.md §2.7): the host picks, per synapse
 * type, a shift so that one tick's worst-case input fits 16 bits, then stores each weight as a 16-bit
 * integer `round_half_even(|w| · 2^(15 − shift))` (× 1024 for conductance inputs).
 */

/** One incoming projection's contribution to a synapse type's weight budget. */
export interface IncomingWeightStats {
  /** Largest |weight| of the projection (nA or µS; for STDP the rule's w_max). */
  readonly maxWeight: number;
  /** The connector's largest number of connections onto one post neuron. */
  readonly maxConnectionsPerPost: number;
  /** The source's maximum rate (Hz) if it declares one (Poisson); otherwise the stack assumes 30 Hz. */
  readonly maxRateHz?: number;
}

/** `spikes_per_second` assumed for sources without a declared rate (`spynnaker.cfg`). */
export const DEFAULT_SPIKES_PER_SECOND = 30;

/**
 * The worst-case summed weight `W_j` of one synapse type for the case all incoming delays are equal:
 * `max(Σ spikes_per_tick · w_max · n_conns, biggest w_max)` with `spikes_per_tick = max(1, rate/ticks_per_s)`.
 * (With differing delays the stack replaces the sum by a statistical bound clipped to
 * [biggest, sum]; that variant is not modelled here and this sum is its upper limit.)
 */
export function worstCaseWeight(incoming: readonly IncomingWeightStats[], dtMs: number): number {
  const ticksPerSecond = 1000 / dtMs;
  let total = 0;
  let biggest = 0;
  for (const p of incoming) {
    const spikesPerTick = Math.max(1, (p.maxRateHz ?? DEFAULT_SPIKES_PER_SECOND) / ticksPerSecond);
    total += spikesPerTick * Math.abs(p.maxWeight) * p.maxConnectionsPerPost;
    biggest = Math.max(biggest, Math.abs(p.maxWeight));
  }
  return Math.max(total, biggest);
}

/** The ring-buffer left shift for a worst-case weight W: `ceil(max(0, log2 W))`, plus 1 if `2^shift ≤ W`. */
export function ringBufferShift(worstWeight: number): number {
  if (!(worstWeight > 0)) return 0;
  let shift = Math.max(0, Math.ceil(Math.log2(worstWeight)));
  if (2 ** shift <= worstWeight) shift += 1;
  return shift;
}

/** `weight_scale = 2^(16 − (shift + 1)) · globalWeightScale` (1024 for conductance inputs, else 1). */
export function weightScale(shift: number, globalWeightScale = 1): number {
  return 2 ** (15 - shift) * globalWeightScale;
}

/** Round half to even (numpy.rint, Python 3 round) of a double. */
export function rintHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The 16-bit weight the host writes: `round_half_even(|w| · scale) AND 0xFFFF` (the sign is the receptor's). */
export function quantiseWeight(weight: number, scale: number): number {
  return rintHalfEven(Math.abs(weight) * scale) & 0xffff;
}

/** The value a stored weight delivers, in the weight's units: `w_int · 2^(shift − 15) / globalWeightScale`. */
export function deliveredWeight(storedWeight: number, shift: number, globalWeightScale = 1): number {
  return (storedWeight * 2 ** (shift - 15)) / globalWeightScale;
}
