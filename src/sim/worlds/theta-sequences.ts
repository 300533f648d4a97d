/**
 * Place-like rate units on a linear track with forward-shifted (asymmetric) recurrent weights and
 * theta-modulated inhibition (in the spirit of Tsodyks, Skaggs, Sejnowski & McNaughton 1996): a
 * moving position input makes, in every theta cycle, a sweep of activity that starts at the
 * animal and runs ahead of it (a theta sequence, and so phase precession); with noise alone and
 * no position input, activity kicked up somewhere travels along the same weights (replay).
 * Spikes are drawn as inhomogeneous Poisson trains from the rates. Times in ms, positions in cm.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import type { SpikeTrains } from "../../core/spikes.js";
import { spearman } from "../../core/stats.js";

/** Parameters of {@link simulateTrack}; every field has a default. */
export interface TrackOptions {
  /** Units, with place-field centres spread evenly on the track (default 100). */
  readonly units?: number;
  /** Track length, cm (default 200). */
  readonly trackCm?: number;
  /** Running speed, cm/s (default 20). */
  readonly speedCmPerS?: number;
  /** Laps run, each from 0 to the end of the track (default 5). */
  readonly laps?: number;
  /** Offline time after running, with noise and no position input, ms (default 5000). */
  readonly offlineMs?: number;
  /** Theta frequency, Hz (default 8). */
  readonly thetaHz?: number;
  /** Rate time constant, ms (default 10). */
  readonly tauMs?: number;
  /** Position input: peak and width, cm (defaults 1.2, 10). */
  readonly inputPeak?: number;
  readonly inputWidthCm?: number;
  /** Recurrent weights: peak, forward shift and width, cm (defaults 0.5, 8, 6). */
  readonly recurrentPeak?: number;
  readonly recurrentShiftCm?: number;
  readonly recurrentWidthCm?: number;
  /** Global inhibition per unit of mean rate (default 4). */
  readonly globalInhibition?: number;
  /** Theta inhibition: mean and amplitude (defaults 0.6, 0.6); maximal at theta phase 0. */
  readonly thetaInhibitionMean?: number;
  /** Recurrent weights are scaled by this offline (default 2.5: recurrent synapses released from the cholinergic suppression of active running, Hasselmo 1999). */
  readonly offlineRecurrentGain?: number;
  /**
   * Offline, brief local kicks at random places and Poisson times (spontaneous event initiation,
   * as sharp waves start at random): rate Hz, duration ms, peak (defaults 1, 10, 1.5); width = inputWidthCm.
   */
  readonly kickRateHz?: number;
  readonly kickMs?: number;
  readonly kickPeak?: number;
  /** Tonic inhibition offline, without theta (default 0.5, below the theta mean: the quieter inhibition of rest). */
  readonly offlineInhibition?: number;
  readonly thetaInhibitionAmplitude?: number;
  /** Adaptation: gain and time constant, ms (defaults 1.5, 150). */
  readonly adaptationGain?: number;
  readonly adaptationMs?: number;
  /** Input noise s.d. per step, running and offline (defaults 0.05, 0.2). */
  readonly runningNoise?: number;
  readonly offlineNoise?: number;
  /** Rate of a unit at activity 1, Hz (default 40); rate = max · tanh(activity). */
  readonly maxRateHz?: number;
  /** Step, ms (default 1). */
  readonly dtMs?: number;
}

/** Result of {@link simulateTrack}. */
export interface TrackRun {
  /** Spikes of all units (unit i has its field centre at `centresCm[i]`). */
  readonly spikes: SpikeTrains;
  /** Place-field centres, cm. */
  readonly centresCm: Float64Array;
  /** Position at each ms of the running phase, cm (NaN offline). */
  readonly positionCm: Float64Array;
  /** Times of the offline kicks, ms. */
  readonly kickTimesMs: Float64Array;
  /** End of running (start of the offline phase), ms. */
  readonly runEndMs: number;
  readonly thetaHz: number;
  /** Unit updates performed (a cost count). */
  readonly updates: number;
}

/** Runs laps on the track, then an offline period of noise only. */
export function simulateTrack(options: TrackOptions, rng: Rng): TrackRun {
  const {
    units = 100, trackCm = 200, speedCmPerS = 20, laps = 5, offlineMs = 5000, thetaHz = 8, tauMs = 10,
    inputPeak = 1.2, inputWidthCm = 10, recurrentPeak = 0.5, recurrentShiftCm = 8, recurrentWidthCm = 6,
    globalInhibition = 4, thetaInhibitionMean = 0.6, offlineInhibition = 0.5, offlineRecurrentGain = 2.5, kickRateHz = 1, kickMs = 10, kickPeak = 1.5, thetaInhibitionAmplitude = 0.6, adaptationGain = 1.5, adaptationMs = 150,
    runningNoise = 0.05, offlineNoise = 0.2, maxRateHz = 40, dtMs = 1,
  } = options;
  const problems: Problem[] = [];
  const bad = (name: string, value: unknown, expected: string): void => {
    problems.push({ ruleId: "track-bad-option", place: `thetaSequences.${name}`, reason: `${name} is ${String(value)}.`, expected });
  };
  if (!(Number.isInteger(units) && units >= 2)) bad("units", units, "a whole number ≥ 2");
  if (!(Number.isInteger(laps) && laps >= 0)) bad("laps", laps, "a whole number ≥ 0");
  for (const [name, v] of [["trackCm", trackCm], ["speedCmPerS", speedCmPerS], ["thetaHz", thetaHz], ["tauMs", tauMs], ["inputWidthCm", inputWidthCm], ["recurrentWidthCm", recurrentWidthCm], ["adaptationMs", adaptationMs], ["dtMs", dtMs]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) bad(name, v, "a finite value > 0");
  }
  if (!(offlineMs >= 0)) bad("offlineMs", offlineMs, "a time ≥ 0 ms");
  if (problems.length) throw new CajalError(problems);

  const centresCm = new Float64Array(units);
  for (let i = 0; i < units; i++) centresCm[i] = ((i + 0.5) * trackCm) / units;
  // Banded weights: unit i listens to units whose centre lies about `recurrentShiftCm` behind its own.
  const spacing = trackCm / units;
  const reach = Math.ceil((recurrentShiftCm + 3 * recurrentWidthCm) / spacing);
  const band = 2 * reach + 1;
  const w = new Float64Array(units * band);
  for (let i = 0; i < units; i++) {
    for (let k = 0; k < band; k++) {
      const j = i + k - reach;
      if (j < 0 || j >= units || j === i) continue;
      const d = centresCm[i]! - centresCm[j]! - recurrentShiftCm;
      w[i * band + k] = recurrentPeak * Math.exp((-d * d) / (2 * recurrentWidthCm * recurrentWidthCm));
    }
  }
  const lapMs = (trackCm / speedCmPerS) * 1000;
  const runEndMs = laps * lapMs;
  const durationMs = runEndMs + offlineMs;
  const steps = Math.round(durationMs / dtMs);
  const runSteps = Math.round(runEndMs / dtMs);
  const positionCm = new Float64Array(Math.round(runEndMs));
  const u = new Float64Array(units); const r = new Float64Array(units); const a = new Float64Array(units);
  const next = new Float64Array(units);
  const times: number[] = []; const neurons: number[] = [];
  const spikeScale = (maxRateHz * dtMs) / 1000;
  const kickRng = rng.stream("kicks");
  const cut2 = 25 * inputWidthCm * inputWidthCm;
  let kickUntil = -1; let kickAt = 0;
  const kicks: number[] = [];
  for (let s = 0; s < steps; s++) {
    const t = s * dtMs;
    const running = s < runSteps;
    const x = running ? ((t % lapMs) / lapMs) * trackCm : NaN;
    if (running && Math.floor(t) < positionCm.length && t === Math.floor(t)) positionCm[t] = x;
    const thetaInh = running
      ? thetaInhibitionMean + thetaInhibitionAmplitude * Math.cos((2 * Math.PI * thetaHz * t) / 1000)
      : offlineInhibition;
    let mean = 0;
    for (let i = 0; i < units; i++) mean += r[i]!;
    mean /= units;
    const noiseSd = running ? runningNoise : offlineNoise;
    if (!running && t >= kickUntil && kickRng.uniform() < (kickRateHz * dtMs) / 1000) {
      kickUntil = t + kickMs; kickAt = kickRng.uniform() * trackCm; kicks.push(t);
    }
    const kicking = !running && t < kickUntil;
    for (let i = 0; i < units; i++) {
      let input = 0;
      // Gaussian inputs cut at 5 widths (below 4·10⁻⁶ of the peak), to skip the exponentials.
      if (running) { const d = centresCm[i]! - x; if (d * d < cut2) input = inputPeak * Math.exp((-d * d) / (2 * inputWidthCm * inputWidthCm)); }
      else if (kicking) { const d = centresCm[i]! - kickAt; if (d * d < cut2) input = kickPeak * Math.exp((-d * d) / (2 * inputWidthCm * inputWidthCm)); }
      let rec = 0;
      const base = i * band;
      for (let k = 0; k < band; k++) { const j = i + k - reach; if (j >= 0 && j < units) rec += w[base + k]! * r[j]!; }
      if (!running) rec *= offlineRecurrentGain;
      const drive = input + rec - globalInhibition * mean - thetaInh - a[i]! + noiseSd * rng.normal();
      const ui = u[i]! + (dtMs / tauMs) * (Math.max(0, drive) - u[i]!);
      next[i] = ui;
      a[i] = a[i]! + (dtMs / adaptationMs) * (adaptationGain * ui - a[i]!);
      if (rng.uniform() < spikeScale * Math.tanh(ui)) { times.push(t); neurons.push(i); }
    }
    u.set(next);
    for (let i = 0; i < units; i++) r[i] = Math.tanh(u[i]!);
  }
  return {
    spikes: { label: "place units", size: units, times: Float64Array.from(times), neurons: Int32Array.from(neurons), window: [0, durationMs] },
    centresCm, positionCm, kickTimesMs: Float64Array.from(kicks), runEndMs, thetaHz, updates: units * steps,
  };
}

/** Mean spike time of each unit that fired in spikes [first, end); returns parallel arrays. */
function meanTimes(trains: SpikeTrains, first: number, end: number, sum: Float64Array, count: Float64Array): { units: number[]; timesMs: number[] } {
  sum.fill(0); count.fill(0);
  for (let k = first; k < end; k++) { sum[trains.neurons[k]!]! += trains.times[k]!; count[trains.neurons[k]!]!++; }
  const units: number[] = []; const timesMs: number[] = [];
  for (let i = 0; i < trains.size; i++) if (count[i]! > 0) { units.push(i); timesMs.push(sum[i]! / count[i]!); }
  return { units, timesMs };
}

/**
 * Rank correlation between unit order (place-field position) and mean firing time inside each
 * theta cycle of the running phase, for cycles with at least `minUnits` active units (default 5).
 * Cycles run from theta phase 0 (the peak of theta inhibition).
 */
export function thetaSequenceCorrelations(run: TrackRun, minUnits = 5): { cycleStartsMs: number[]; correlations: number[] } {
  const period = 1000 / run.thetaHz;
  const { times } = run.spikes;
  const sum = new Float64Array(run.spikes.size); const count = new Float64Array(run.spikes.size);
  const cycleStartsMs: number[] = []; const correlations: number[] = [];
  let k = 0;
  for (let start = 0; start + period <= run.runEndMs; start += period) {
    const first = k;
    while (k < times.length && times[k]! < start + period) k++;
    const m = meanTimes(run.spikes, first, k, sum, count);
    if (m.units.length < minUnits) continue;
    cycleStartsMs.push(start);
    correlations.push(spearman(m.units, m.timesMs));
  }
  return { cycleStartsMs, correlations };
}

/** For every spike while running: the animal's position relative to the unit's field centre (cm) and the theta phase (rad). */
export function precessionPoints(run: TrackRun): { offsetCm: Float64Array; phaseRad: Float64Array } {
  const { times, neurons } = run.spikes;
  let end = 0;
  while (end < times.length && times[end]! < run.runEndMs) end++;
  const offsetCm = new Float64Array(end); const phaseRad = new Float64Array(end);
  const period = 1000 / run.thetaHz;
  for (let k = 0; k < end; k++) {
    const t = times[k]!;
    offsetCm[k] = run.positionCm[Math.min(run.positionCm.length - 1, Math.floor(t))]! - run.centresCm[neurons[k]!]!;
    const x = t / period;
    phaseRad[k] = 2 * Math.PI * (x - Math.floor(x));
  }
  return { offsetCm, phaseRad };
}

/** One offline population event. */
export interface ReplayEvent {
  readonly startMs: number;
  readonly endMs: number;
  /** Units active in the event and their mean spike times. */
  readonly units: number[];
  readonly timesMs: number[];
  /** Rank correlation of unit order with firing order (+1: forward replay, −1: reverse). */
  readonly correlation: number;
}

/**
 * Offline events: `bursts` (from `phase.detectBursts` over the offline population rate) with at
 * least `minUnits` active units (default 5), and the rank correlation of each.
 */
export function replayEvents(run: TrackRun, bursts: readonly { startMs: number; endMs: number }[], minUnits = 5): ReplayEvent[] {
  const { times } = run.spikes;
  const sum = new Float64Array(run.spikes.size); const count = new Float64Array(run.spikes.size);
  const out: ReplayEvent[] = [];
  for (const b of bursts) {
    let first = 0;
    while (first < times.length && times[first]! < b.startMs) first++;
    let end = first;
    while (end < times.length && times[end]! < b.endMs) end++;
    const m = meanTimes(run.spikes, first, end, sum, count);
    if (m.units.length < minUnits) continue;
    out.push({ startMs: b.startMs, endMs: b.endMs, units: m.units, timesMs: m.timesMs, correlation: spearman(m.units, m.timesMs) });
  }
  return out;
}
