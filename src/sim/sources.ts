/**
 * Spike sources of the reference backend. A spike emitted during step k is stamped k·dt, like a
 * cell's spike detected in that step.
 */
import type { SpikeSourceArray } from "../model/cells/sources/spike-source-array.js";
import type { SpikeSourcePoisson } from "../model/cells/sources/spike-source-poisson.js";
import type { Rng } from "../core/rng.js";

/** A source: fills `spiked` (counts) for step k and returns the number of spikes. */
export interface SourcePopulation {
  readonly size: number;
  /** Spikes per neuron in the last emitted step (zero for the others). */
  readonly spiked: Uint8Array;
  /** The neurons that spiked in the last emitted step, ascending; the first `firedCount` entries count. */
  readonly fired: Int32Array;
  readonly firedCount: number;
  /** Emits step `step`; steps must not go backwards. Returns the number of spikes. */
  emit(step: number): number;
}

/** Replays given times: a time t is emitted in step round(t/dt), so it is stamped t rounded to the grid. */
export function createArraySource(cell: SpikeSourceArray, size: number, dtMs: number): SourcePopulation {
  const perNeuron = cell.spikeTimes.length > 0 && Array.isArray(cell.spikeTimes[0]);
  const events: [number, number][] = [];
  for (let i = 0; i < size; i++) {
    const times = (perNeuron ? cell.spikeTimes[i] : cell.spikeTimes) as readonly number[];
    for (const t of times) events.push([Math.round(t / dtMs), i]);
  }
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const steps = Int32Array.from(events, (e) => e[0]);
  const neurons = Int32Array.from(events, (e) => e[1]);
  const spiked = new Uint8Array(size);
  const fired = new Int32Array(size);
  let firedCount = 0;
  let next = 0;
  return {
    size,
    spiked,
    fired,
    get firedCount() { return firedCount; },
    emit(step) {
      for (let m = 0; m < firedCount; m++) spiked[fired[m]!] = 0;
      firedCount = 0;
      while (next < steps.length && steps[next]! < step) next++; // times before this step were already emitted
      let n = 0;
      while (next < steps.length && steps[next] === step) {
        const i = neurons[next]!;
        if (spiked[i] === 0) fired[firedCount++] = i; // events are sorted by neuron within a step
        spiked[i]!++;
        next++;
        n++;
      }
      return n;
    },
  };
}

/**
 * Independent Poisson trains: exponential intervals drawn in continuous time, every spike that
 * falls in [k·dt, (k+1)·dt) ∩ [start, start + duration) counted in step k.
 *
 * Each neuron's next spike waits in a binary heap ordered by (step, neuron), so a step costs time
 * per spike rather than per neuron. Within a step the neurons draw their next intervals in
 * ascending order, as a scan over all neurons would: the random numbers, and so the spikes, are
 * the same as drawing neuron by neuron.
 */
export function createPoissonSource(cell: SpikeSourcePoisson, size: number, dtMs: number, rng: Rng): SourcePopulation {
  const { rate, start, duration } = cell.params;
  const stop = start + duration;
  const meanIntervalMs = rate > 0 ? 1000 / rate : Infinity;
  const next = new Float64Array(size);
  for (let i = 0; i < size; i++) next[i] = rate > 0 ? start + rng.exponential(meanIntervalMs) : Infinity;
  const spiked = new Uint8Array(size);
  const fired = new Int32Array(size);
  let firedCount = 0;
  /** The step whose interval [k·dt, (k+1)·dt) holds time t: the smallest k with t < (k+1)·dt, as emit compares. */
  const stepOf = (t: number): number => {
    let k = Math.max(0, Math.floor(t / dtMs));
    while ((k + 1) * dtMs <= t) k++;
    while (k > 0 && t < k * dtMs) k--;
    return k;
  };
  // Min-heap of neurons keyed by (dueStep, neuron).
  const dueStep = new Float64Array(size);
  const heap = new Int32Array(size);
  let heapSize = 0;
  const before = (a: number, b: number) => dueStep[a]! < dueStep[b]! || (dueStep[a] === dueStep[b] && a < b);
  const push = (i: number) => {
    let at = heapSize++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const p = heap[parent]!;
      if (!before(i, p)) break;
      heap[at] = p;
      at = parent;
    }
    heap[at] = i;
  };
  const popTop = (): number => {
    const top = heap[0]!;
    const last = heap[--heapSize]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heapSize) break;
      if (child + 1 < heapSize && before(heap[child + 1]!, heap[child]!)) child++;
      const c = heap[child]!;
      if (!before(c, last)) break;
      heap[at] = c;
      at = child;
    }
    if (heapSize > 0) heap[at] = last;
    return top;
  };
  for (let i = 0; i < size; i++) {
    if (next[i]! < stop) { dueStep[i] = stepOf(next[i]!); push(i); }
  }
  return {
    size,
    spiked,
    fired,
    get firedCount() { return firedCount; },
    emit(step) {
      for (let m = 0; m < firedCount; m++) spiked[fired[m]!] = 0;
      firedCount = 0;
      let skipped = false;
      while (heapSize > 0 && dueStep[heap[0]!]! <= step) {
        const i = popTop();
        if (dueStep[i]! < step) skipped = true;
        fired[firedCount++] = i;
      }
      // Steps emitted one by one pop in neuron order; after skipped steps, restore it.
      if (skipped) fired.subarray(0, firedCount).sort();
      const end = Math.min((step + 1) * dtMs, stop); // spikes in [k·dt, (k+1)·dt) belong to step k
      let n = 0;
      for (let m = 0; m < firedCount; m++) {
        const i = fired[m]!;
        let count = 0;
        while (next[i]! < end) {
          count++;
          next[i]! += rng.exponential(meanIntervalMs);
        }
        if (count > 255) throw new Error(`Poisson source: ${count} spikes in one step; lower the rate or dt`);
        spiked[i] = count;
        n += count;
        if (next[i]! < stop) { dueStep[i] = stepOf(next[i]!); push(i); }
      }
      return n;
    },
  };
}
