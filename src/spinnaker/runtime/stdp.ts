/**
 * Pair-based STDP as sPyNNaker runs it (spinnaker.md §4): deferred, row-based updates at each
 * pre-synaptic spike, a 16-event post-synaptic history per neuron, s4.11 traces decayed through
 * look-up tables, and the additive weight dependence in both profiles (7.x: A± in weight units,
 * clamped after every term; 6.x: terms summed and scaled by A±·w_max once). Pure functions over
 * typed arrays; one scratch state per core, no allocation per synapse.
 */
import { type ExpLut, lutDecay, mul16, mulAccumFixed, STDP_ONE } from "../../core/fixed/stdp16.js";

/** `MAX_POST_SYNAPTIC_EVENTS`: entries of each neuron's post-synaptic history (entry 0 is a placeholder). */
export const MAX_POST_EVENTS = 16;

/** Post-synaptic spike history of a slice of neurons: `times`/`traces` hold 16 entries per neuron. */
export interface PostHistory {
  readonly size: number;
  readonly times: Uint32Array;
  readonly traces: Int16Array;
  /** Entries in use per neuron, placeholder included (1 … 16). */
  readonly count: Uint8Array;
}

/** An empty history: every neuron holds only the placeholder event (time 0, trace 0). */
export function createPostHistory(size: number): PostHistory {
  return {
    size, times: new Uint32Array(size * MAX_POST_EVENTS), traces: new Int16Array(size * MAX_POST_EVENTS),
    count: new Uint8Array(size).fill(1),
  };
}

/**
 * Records a post-synaptic spike of `neuron` at tick `time`: trace `o ← mul16(o_last, lut−(t − t_last)) + 1`.
 * When the history is full, entries 2…15 move down one (the oldest real event is lost).
 */
export function addPostSpike(h: PostHistory, neuron: number, time: number, lutMinus: ExpLut): void {
  const base = neuron * MAX_POST_EVENTS;
  const count = h.count[neuron]!;
  const last = base + count - 1;
  const trace = mul16(h.traces[last]!, lutDecay(lutMinus, time - h.times[last]!)) + STDP_ONE;
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

/** The new pre-synaptic trace of a row at a pre spike: `r ← mul16(r_last, lut+(t − t_last)) + 1`. */
export function nextPreTrace(lastPreTime: number, lastPreTrace: number, time: number, lutPlus: ExpLut): number {
  return mul16(lastPreTrace, lutDecay(lutPlus, time - lastPreTime)) + STDP_ONE;
}

/** Additive weight dependence, 7.x: raw s16.15 parameters (host-encoded, × global weight scale). */
export interface Additive7Params {
  readonly profile: "spynnaker7";
  readonly aPlus: number;
  readonly aMinus: number;
  readonly wMin: number;
  readonly wMax: number;
}

/** Additive weight dependence, 6.x: integers in weight units (`round(A±·w_max·s)`, `round(w·s)`). */
export interface Additive6Params {
  readonly profile: "spynnaker6";
  readonly a2Plus: number;
  readonly a2Minus: number;
  readonly wMin: number;
  readonly wMax: number;
}

/** The pair rule's tables (dt-based) and the additive dependence of one projection's synapses. */
export interface PairAdditiveRule {
  readonly lutPlus: ExpLut;
  readonly lutMinus: ExpLut;
  readonly weight: Additive7Params | Additive6Params;
}

/** What one pre-synaptic spike does to one plastic synapse. */
export interface PlasticSynapseUpdate {
  /** The target neuron (index into the post history). */
  readonly postNeuron: number;
  /** The stored 16-bit weight before the update. */
  readonly weight16: number;
  /** Dendritic delay (ticks) when `backprop_delay` is on (the default), else 0. */
  readonly delay: number;
  /** Ring-buffer left shift of the synapse type (7.x weight state is `w16 << shift`). */
  readonly shift: number;
}

/**
 * Processes one plastic synapse of a row for a pre spike at tick `time`, given the row's pre
 * history (last pre time and trace). Returns the new 16-bit weight, which is also the weight the
 * triggering spike delivers. Post events in `(t_last_pre − d, t − d]` potentiate (each seen at
 * `t_post + d`), then the last post event up to `t − d` depresses.
 */
export function updatePlasticSynapse(
  h: PostHistory, rule: PairAdditiveRule, s: PlasticSynapseUpdate, time: number, lastPreTime: number, lastPreTrace: number,
): number {
  const d = s.delay;
  const windowBegin = lastPreTime >= d ? lastPreTime - d : 0;
  const windowEnd = time >= d ? time - d : 0;
  const base = s.postNeuron * MAX_POST_EVENTS;
  const count = h.count[s.postNeuron]!;
  // Events are in time order; find the first event after the window start and the last up to its end.
  let first = count;
  while (first > 0 && h.times[base + first - 1]! > windowBegin) first--;
  let end = count;
  while (end > first && h.times[base + end - 1]! > windowEnd) end--;
  const w = rule.weight;
  // 7.x keeps the weight as an accum and clamps after each term; 6.x sums the s4.11 terms.
  let weight = w.profile === "spynnaker7" ? (s.weight16 << s.shift) | 0 : s.weight16;
  let sumPlus = 0;
  let sumMinus = 0;
  for (let e = first; e < end; e++) {
    const delayedPost = h.times[base + e]! + d;
    const sinceLastPre = delayedPost - lastPreTime;
    if (sinceLastPre > 0) {
      const p = mul16(lastPreTrace, lutDecay(rule.lutPlus, sinceLastPre));
      if (w.profile === "spynnaker7") weight = Math.min((weight + mulAccumFixed(w.aPlus, p)) | 0, w.wMax);
      else sumPlus += p;
    }
  }
  // The previous event: the last one up to the window end. The placeholder (time 0, trace 0) is never
  // inside a window (windows start after t ≥ 0), so `end ≥ 1` and a neuron that never fired depresses by 0.
  const prevIndex = base + end - 1;
  const delayedLastPost = h.times[prevIndex]! + d;
  const q = mul16(h.traces[prevIndex]!, lutDecay(rule.lutMinus, time - delayedLastPost));
  if (w.profile === "spynnaker7") {
    weight = Math.max((weight - mulAccumFixed(w.aMinus, q)) | 0, w.wMin);
    return (weight >> s.shift) & 0xffff;
  }
  sumMinus += q;
  const next = weight + mul16(sumPlus, w.a2Plus) - mul16(sumMinus, w.a2Minus);
  return Math.min(w.wMax, Math.max(next, w.wMin)) & 0xffff;
}

/**
 * True when 6.x's 16-bit multiply would silently wrap a pre-scaled amplitude (`A·w_max·s > 32767`),
 * which the emulator reports as a warning (spinnaker.md §4.5).
 */
export function spynnaker6AmplitudeWraps(a2: number): boolean {
  return a2 > 32767 || a2 < -32768;
}
