/**
 * Statistics of spike trains: rates, ISI irregularity, count variability and the population rate.
 * Each walks the struct-of-arrays `SpikeTrains` once with per-neuron accumulators, so 10⁶ spikes
 * cost a few typed arrays and no objects.
 *
 * Every function takes an optional `rangeMs` = [from, to) inside the recording window (to skip a
 * transient, say); by default the whole window. Rates divide by the length of that range.
 */
import { CajalError } from "./errors.js";
import type { SpikeTrains } from "./spikes.js";
import { fanoFactor as fanoOfCounts, mean } from "./stats.js";

/** A time range [from, to) in ms inside the recording window. */
export type RangeMs = readonly [fromMs: number, toMs: number];

/** Options common to the spike statistics. */
export interface SpikeStatsOptions {
  /** Analyse only spikes in [from, to) ms; default: the recording window. */
  readonly rangeMs?: RangeMs;
}

/** The range analysed, checked against the recording window. */
export function analysisRange(trains: SpikeTrains, rangeMs: RangeMs | undefined, place: string): RangeMs {
  const [start, stop] = trains.window;
  if (rangeMs === undefined) return [start, stop];
  const [from, to] = rangeMs;
  if (!(to > from) || from < start || to > stop) {
    throw new CajalError({
      ruleId: "spike-stats-bad-range", place: `${place}(${trains.label})`,
      reason: `range [${from}, ${to}) ms is empty or outside the recording window [${start}, ${stop}) ms.`,
      expected: `from < to, both within [${start}, ${stop}] ms`,
      fix: "pick a range inside the window the spikes were recorded over.",
    });
  }
  return [from, to];
}

/** Index range [first, end) of the spikes with from ≤ t < to (times are sorted). */
export function spikeIndexRange(times: Float64Array, fromMs: number, toMs: number): [first: number, end: number] {
  return [lowerBound(times, fromMs), lowerBound(times, toMs)];
}

/** Mean firing rate in Hz over neurons and the range: spikes / (neurons × seconds). */
export function meanRateHz(trains: SpikeTrains, options: SpikeStatsOptions = {}): number {
  const [from, to] = analysisRange(trains, options.rangeMs, "spikeStats.meanRateHz");
  if (trains.size === 0) return NaN;
  const [first, end] = spikeIndexRange(trains.times, from, to);
  return ((end - first) * 1000) / (trains.size * (to - from));
}

/** Firing rate of each neuron in Hz over the range; index = neuron. */
export function ratesHz(trains: SpikeTrains, options: SpikeStatsOptions = {}): Float64Array {
  const [from, to] = analysisRange(trains, options.rangeMs, "spikeStats.ratesHz");
  const counts = countsPerNeuron(trains, from, to);
  const scale = 1000 / (to - from);
  for (let i = 0; i < counts.length; i++) counts[i]! *= scale;
  return counts;
}

/** Number of spikes of each neuron in [from, to) ms. */
export function countsPerNeuron(trains: SpikeTrains, fromMs: number, toMs: number): Float64Array {
  const counts = new Float64Array(trains.size);
  const [first, end] = spikeIndexRange(trains.times, fromMs, toMs);
  for (let k = first; k < end; k++) counts[trains.neurons[k]!]!++;
  return counts;
}

/**
 * Coefficient of variation (population sd / mean) of each neuron's inter-spike intervals in the
 * range; `NaN` for a neuron with fewer than 3 spikes (2 intervals).
 */
export function isiCvs(trains: SpikeTrains, options: SpikeStatsOptions = {}): Float64Array {
  const [from, to] = analysisRange(trains, options.rangeMs, "spikeStats.isiCvs");
  const n = trains.size;
  const last = new Float64Array(n).fill(NaN);
  const intervals = new Float64Array(n);
  const sumIsi = new Float64Array(n);
  const sumIsi2 = new Float64Array(n);
  const [first, end] = spikeIndexRange(trains.times, from, to);
  // Means first, then squared deviations would need the intervals twice; accumulate Σd and Σd²
  // around a per-neuron shift (the first interval) so the variance does not cancel catastrophically.
  const shift = new Float64Array(n).fill(NaN);
  for (let k = first; k < end; k++) {
    const i = trains.neurons[k]!;
    const t = trains.times[k]!;
    const previous = last[i]!;
    if (!Number.isNaN(previous)) {
      const isi = t - previous;
      if (Number.isNaN(shift[i]!)) shift[i] = isi;
      const d = isi - shift[i]!;
      intervals[i]!++;
      sumIsi[i]! += d;
      sumIsi2[i]! += d * d;
    }
    last[i] = t;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = intervals[i]!;
    if (m < 2) { out[i] = NaN; continue; }
    const meanShifted = sumIsi[i]! / m;
    const varianceIsi = Math.max(0, sumIsi2[i]! / m - meanShifted * meanShifted);
    out[i] = Math.sqrt(varianceIsi) / (meanShifted + shift[i]!);
  }
  return out;
}

/** Mean ISI CV over the neurons that have one (≥ 3 spikes in the range), and how many those are. */
export function meanIsiCv(trains: SpikeTrains, options: SpikeStatsOptions = {}): { cv: number; neurons: number } {
  const cvs = isiCvs(trains, options);
  let s = 0, count = 0;
  for (let i = 0; i < cvs.length; i++) {
    if (!Number.isNaN(cvs[i]!)) { s += cvs[i]!; count++; }
  }
  return { cv: count > 0 ? s / count : NaN, neurons: count };
}

/** Options for the Fano factor. */
export interface FanoOptions extends SpikeStatsOptions {
  /** Counting window in ms; the range is cut into whole windows (a shorter tail is left out and not counted). */
  readonly windowMs: number;
}

/**
 * Fano factor (sample variance / mean of spike counts in consecutive windows) of each neuron;
 * `NaN` for a neuron that never fires or when fewer than two windows fit in the range.
 */
export function fanoFactors(trains: SpikeTrains, options: FanoOptions): Float64Array {
  const [from, to] = analysisRange(trains, options.rangeMs, "spikeStats.fanoFactors");
  const windows = Math.floor((to - from) / checkBin(options.windowMs, "spikeStats.fanoFactors", "windowMs"));
  const n = trains.size;
  const out = new Float64Array(n).fill(NaN);
  if (windows < 2) return out;
  const counts = new Float64Array(n * windows); // neuron-major
  const [first, end] = spikeIndexRange(trains.times, from, from + windows * options.windowMs);
  for (let k = first; k < end; k++) {
    const w = Math.min(windows - 1, Math.floor((trains.times[k]! - from) / options.windowMs));
    counts[trains.neurons[k]! * windows + w]!++;
  }
  for (let i = 0; i < n; i++) out[i] = fanoOfCounts(counts.subarray(i * windows, (i + 1) * windows));
  return out;
}

/** Mean Fano factor over neurons that fired, and how many those are. */
export function meanFanoFactor(trains: SpikeTrains, options: FanoOptions): { fano: number; neurons: number } {
  const values = fanoFactors(trains, options).filter((v) => !Number.isNaN(v));
  return { fano: mean(values), neurons: values.length };
}

/** Population rate over time bins. */
export interface PopulationRate {
  /** Bin edges in ms, length bins + 1. */
  readonly edgesMs: Float64Array;
  /** Rate per neuron in each bin, Hz: spikes / (neurons × bin seconds). */
  readonly rateHz: Float64Array;
  /** Spike count in each bin. */
  readonly counts: Float64Array;
}

/**
 * Population rate histogram: spikes per bin divided by neurons and bin length. The range is cut
 * into bins of `binMs`; a last, shorter bin keeps its own length so no spike is left out.
 */
export function populationRate(trains: SpikeTrains, options: SpikeStatsOptions & { binMs: number }): PopulationRate {
  const [from, to] = analysisRange(trains, options.rangeMs, "spikeStats.populationRate");
  const binMs = checkBin(options.binMs, "spikeStats.populationRate", "binMs");
  const bins = Math.max(1, Math.ceil((to - from) / binMs - 1e-9));
  const edgesMs = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edgesMs[b] = Math.min(to, from + b * binMs);
  const counts = new Float64Array(bins);
  const [first, end] = spikeIndexRange(trains.times, from, to);
  for (let k = first; k < end; k++) {
    counts[Math.min(bins - 1, Math.floor((trains.times[k]! - from) / binMs))]!++;
  }
  const rateHz = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    rateHz[b] = (counts[b]! * 1000) / (Math.max(1, trains.size) * (edgesMs[b + 1]! - edgesMs[b]!));
  }
  return { edgesMs, rateHz, counts };
}

/** All inter-spike intervals in ms, neuron by neuron, of spikes inside the range. */
export function interSpikeIntervals(trains: SpikeTrains, options: SpikeStatsOptions = {}): Float64Array {
  const [from, to] = analysisRange(trains, options.rangeMs, "spikeStats.interSpikeIntervals");
  const [first, end] = spikeIndexRange(trains.times, from, to);
  const last = new Float64Array(trains.size).fill(NaN);
  const out = new Float64Array(Math.max(0, end - first));
  let m = 0;
  for (let k = first; k < end; k++) {
    const i = trains.neurons[k]!;
    const t = trains.times[k]!;
    if (!Number.isNaN(last[i]!)) out[m++] = t - last[i]!;
    last[i] = t;
  }
  return out.slice(0, m);
}

function checkBin(value: number, place: string, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new CajalError({
      ruleId: "spike-stats-bad-bin", place, reason: `${name} = ${value} ms is not a positive duration.`,
      expected: `${name} > 0 ms`, fix: `pass ${name} in ms, e.g. 5.`,
    });
  }
  return value;
}

/** First index with times[k] ≥ t. */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0, hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
