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
  readonly spiked: Uint8Array;
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
  let next = 0;
  return {
    size,
    spiked,
    emit(step) {
      spiked.fill(0);
      while (next < steps.length && steps[next]! < step) next++; // times before this step were already emitted
      let n = 0;
      while (next < steps.length && steps[next] === step) {
        spiked[neurons[next]!]!++;
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
 */
export function createPoissonSource(cell: SpikeSourcePoisson, size: number, dtMs: number, rng: Rng): SourcePopulation {
  const { rate, start, duration } = cell.params;
  const stop = start + duration;
  const meanIntervalMs = rate > 0 ? 1000 / rate : Infinity;
  const next = new Float64Array(size);
  for (let i = 0; i < size; i++) next[i] = rate > 0 ? start + rng.exponential(meanIntervalMs) : Infinity;
  const spiked = new Uint8Array(size);
  return {
    size,
    spiked,
    emit(step) {
      const end = Math.min((step + 1) * dtMs, stop); // spikes in [k·dt, (k+1)·dt) belong to step k
      let n = 0;
      for (let i = 0; i < size; i++) {
        let count = 0;
        while (next[i]! < end) {
          count++;
          next[i]! += rng.exponential(meanIntervalMs);
        }
        spiked[i] = count > 255 ? 255 : count;
        if (count > 255) throw new Error(`Poisson source: ${count} spikes in one step; lower the rate or dt`);
        n += count;
      }
      return n;
    },
  };
}
