/**
 * Pair-additive STDP of the `float` profile: the same deferred, row-based scheme and 16-event post
 * history as the chip (spinnaker.md §4.1), with exact exponential traces instead of s4.11 look-up
 * tables and weights in float64 (7.x semantics: A± in weight units, clamped after every term).
 */
import { MAX_POST_EVENTS } from "./stdp.js";

/** Post-synaptic spike history in float64. */
export interface FloatPostHistory {
  readonly size: number;
  readonly times: Uint32Array;
  readonly traces: Float64Array;
  readonly count: Uint8Array;
}

/** The float rule: time constants (ms), amplitudes and bounds in weight units. */
export interface FloatPairAdditiveRule {
  readonly tauPlusMs: number;
  readonly tauMinusMs: number;
  readonly aPlus: number;
  readonly aMinus: number;
  readonly wMin: number;
  readonly wMax: number;
  readonly dtMs: number;
}

/** An empty history (placeholder at time 0, trace 0). */
export function createFloatPostHistory(size: number): FloatPostHistory {
  return { size, times: new Uint32Array(size * MAX_POST_EVENTS), traces: new Float64Array(size * MAX_POST_EVENTS), count: new Uint8Array(size).fill(1) };
}

/** Records a post spike at tick `time`: `o ← o_last · e^(−Δ·dt/τ−) + 1`, dropping the oldest real event when full. */
export function addFloatPostSpike(h: FloatPostHistory, neuron: number, time: number, rule: FloatPairAdditiveRule): void {
  const base = neuron * MAX_POST_EVENTS;
  const count = h.count[neuron]!;
  const last = base + count - 1;
  const trace = h.traces[last]! * Math.exp((-(time - h.times[last]!) * rule.dtMs) / rule.tauMinusMs) + 1;
  if (count < MAX_POST_EVENTS) {
    h.times[base + count] = time;
    h.traces[base + count] = trace;
    h.count[neuron] = count + 1;
  } else {
    h.times.copyWithin(base + 1, base + 2, base + MAX_POST_EVENTS);
    h.traces.copyWithin(base + 1, base + 2, base + MAX_POST_EVENTS);
    h.times[base + MAX_POST_EVENTS - 1] = time;
    h.traces[base + MAX_POST_EVENTS - 1] = trace;
  }
}

/** The row's new pre trace at a pre spike: `r ← r_last · e^(−Δ·dt/τ+) + 1`. */
export function nextFloatPreTrace(lastPreTime: number, lastPreTrace: number, time: number, rule: FloatPairAdditiveRule): number {
  return lastPreTrace * Math.exp((-(time - lastPreTime) * rule.dtMs) / rule.tauPlusMs) + 1;
}

/** One plastic synapse at a pre spike at tick `time` (same window logic as the chip); returns the new weight. */
export function updateFloatPlasticSynapse(
  h: FloatPostHistory, rule: FloatPairAdditiveRule, postNeuron: number, weight: number, delay: number,
  time: number, lastPreTime: number, lastPreTrace: number,
): number {
  const windowBegin = lastPreTime >= delay ? lastPreTime - delay : 0;
  const windowEnd = time >= delay ? time - delay : 0;
  const base = postNeuron * MAX_POST_EVENTS;
  const count = h.count[postNeuron]!;
  let first = count;
  while (first > 0 && h.times[base + first - 1]! > windowBegin) first--;
  let end = count;
  while (end > first && h.times[base + end - 1]! > windowEnd) end--;
  let w = weight;
  for (let e = first; e < end; e++) {
    const since = h.times[base + e]! + delay - lastPreTime;
    if (since > 0) w = Math.min(w + rule.aPlus * lastPreTrace * Math.exp((-since * rule.dtMs) / rule.tauPlusMs), rule.wMax);
  }
  const prev = base + end - 1;
  const sinceLastPost = time - (h.times[prev]! + delay);
  const q = h.traces[prev]! * Math.exp((-sinceLastPost * rule.dtMs) / rule.tauMinusMs);
  return Math.max(w - rule.aMinus * q, rule.wMin);
}
