/**
 * A run's results: spike trains, traces, rates and weights as typed arrays, and DataFrame / CSV
 * views of them. danfojs is loaded on first use, so importing Cajal stays fast.
 */
import type { DataFrame } from "danfojs-node";
import { CajalError } from "../core/errors.js";
import type { SpikeTrains } from "../core/spikes.js";
import * as msg from "../model/messages.js";
import type { PopulationRecording, ProjectionRecording, ProvenanceItem, Recordings } from "./recordings.js";
import { spikesCsv, traceCsv } from "./csv.js";

/** A membrane potential or other variable of one neuron over time. */
export interface Trace {
  /** ms, one sample per timestep from 0. */
  readonly t: Float64Array;
  readonly values: Float64Array;
}

/** The connections of a projection and their weights (population indices). */
export interface Weights {
  readonly pre: Int32Array;
  readonly post: Int32Array;
  /** nA or µS. */
  readonly weight: Float64Array;
  /** ms. */
  readonly delayMs: Float64Array;
}

/** What `net.run()` returns: everything recorded since t = 0. */
export interface Run {
  readonly backend: string;
  /** Simulated time at the end of this run, ms. */
  readonly timeMs: number;
  /** Spikes of a population's recorded neurons (population indices), window [0, timeMs). */
  spikes(population: string): SpikeTrains;
  /** A recorded variable ("v", "gsyn_exc", …) of one neuron (population index). */
  trace(population: string, variable: string, neuron: number): Trace;
  /** Mean firing rate of the recorded neurons, Hz, over [fromMs, toMs) (default: the whole run). */
  rate(population: string, window?: { fromMs?: number; toMs?: number }): number;
  /** Current connections and weights of a projection. */
  weights(projection: string): Weights;
  /** Weights as a pre × post matrix (row-major); NaN where there is no connection, the sum where several. */
  weightMatrix(projection: string): { readonly rows: number; readonly columns: number; readonly values: Float64Array };
  /** Weight samples of a projection recorded with `record("weight", { everyMs })`. */
  weightHistory(projection: string): readonly { readonly tMs: number; readonly weight: Float64Array }[];
  /** Spikes as a DataFrame with columns t (ms) and neuron. */
  spikesFrame(population: string): DataFrame;
  /** A variable of every recorded neuron as a DataFrame: column t (ms), then one column per neuron. */
  traceFrame(population: string, variable: string): DataFrame;
  /** CSV text of the spikes ("spikes") or of a recorded variable. */
  toCSV(population: string, variable?: string): string;
  /** Counters for everything that was dropped, clipped or approximated (the emulator's provenance); on `reference`, only `threads` when threads were asked for. */
  readonly provenance: readonly ProvenanceItem[];
  /** A one-line-per-population summary, for notebooks. */
  toMimeBundle(): Record<string, unknown>;
}

let danfo: typeof import("danfojs-node") | undefined;
function loadDanfo(): typeof import("danfojs-node") {
  // Loading danfojs costs about a second; only runs that ask for frames pay it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (danfo ??= require("danfojs-node") as typeof import("danfojs-node"));
}

/** Turns a backend's recordings into a Run. */
export function createRun(rec: Recordings): Run {
  const population = (label: string, place: string): PopulationRecording => {
    const p = rec.populations[label];
    if (!p) throw new CajalError(msg.unknownPopulation(place, label, Object.keys(rec.populations)));
    return p;
  };
  const projection = (label: string, place: string): ProjectionRecording => {
    const p = rec.projections[label];
    if (!p) throw new CajalError(msg.unknownProjection(place, label, Object.keys(rec.projections)));
    return p;
  };
  const spikesOf = (label: string, place: string) => {
    const s = population(label, place).spikes;
    if (!s) throw new CajalError(msg.notRecorded(place, "spikes", label));
    return s;
  };
  const traceOf = (label: string, variable: string, place: string) => {
    const t = population(label, place).traces[variable];
    if (!t) throw new CajalError(msg.notRecorded(place, variable, label));
    return t;
  };
  const times = (steps: number) => {
    const t = new Float64Array(steps);
    for (let k = 0; k < steps; k++) t[k] = k * rec.dtMs;
    return t;
  };

  const run: Run = {
    backend: rec.backend,
    timeMs: rec.timeMs,
    provenance: rec.provenance,
    spikes(label) {
      const s = spikesOf(label, "run.spikes");
      return { label, size: population(label, "run.spikes").size, times: s.times, neurons: s.neurons, window: [0, rec.timeMs] };
    },
    trace(label, variable, neuron) {
      const tr = traceOf(label, variable, "run.trace");
      const k = tr.neurons.indexOf(neuron);
      if (k < 0) throw new CajalError(msg.notRecorded("run.trace", `${variable} of neuron ${neuron}`, label));
      const n = tr.neurons.length;
      const values = new Float64Array(tr.steps);
      for (let s = 0; s < tr.steps; s++) values[s] = tr.values[s * n + k]!;
      return { t: times(tr.steps), values };
    },
    rate(label, window = {}) {
      const s = spikesOf(label, "run.rate");
      const from = window.fromMs ?? 0;
      const to = window.toMs ?? rec.timeMs;
      if (!(to > from)) throw new CajalError(msg.badSetup("run.rate", "the window", [from, to], "fromMs < toMs"));
      let count = 0;
      for (let k = 0; k < s.times.length; k++) if (s.times[k]! >= from && s.times[k]! < to) count++;
      return s.recorded.length === 0 ? 0 : count / s.recorded.length / ((to - from) / 1000);
    },
    weights(label) {
      const p = projection(label, "run.weights");
      return { pre: p.pre, post: p.post, weight: p.weight, delayMs: p.delayMs };
    },
    weightMatrix(label) {
      const p = projection(label, "run.weightMatrix");
      const values = new Float64Array(p.preSize * p.postSize).fill(NaN);
      for (let k = 0; k < p.pre.length; k++) {
        const at = p.pre[k]! * p.postSize + p.post[k]!;
        values[at] = Number.isNaN(values[at]!) ? p.weight[k]! : values[at]! + p.weight[k]!;
      }
      return { rows: p.preSize, columns: p.postSize, values };
    },
    weightHistory(label) {
      return projection(label, "run.weightHistory").history;
    },
    spikesFrame(label) {
      const s = spikesOf(label, "run.spikesFrame");
      const { DataFrame } = loadDanfo();
      return new DataFrame({ t: Array.from(s.times), neuron: Array.from(s.neurons) });
    },
    traceFrame(label, variable) {
      const tr = traceOf(label, variable, "run.traceFrame");
      const { DataFrame } = loadDanfo();
      const columns: Record<string, number[]> = { t: Array.from(times(tr.steps)) };
      const n = tr.neurons.length;
      tr.neurons.forEach((neuron, k) => {
        const col = new Array<number>(tr.steps);
        for (let s = 0; s < tr.steps; s++) col[s] = tr.values[s * n + k]!;
        columns[String(neuron)] = col;
      });
      return new DataFrame(columns);
    },
    toCSV(label, variable = "spikes") {
      if (variable === "spikes") {
        const s = spikesOf(label, "run.toCSV");
        return spikesCsv(s.times, s.neurons);
      }
      const tr = traceOf(label, variable, "run.toCSV");
      return traceCsv(variable, rec.dtMs, tr.neurons, tr.values, tr.steps);
    },
    toMimeBundle() {
      const lines = [`Run on ${rec.backend}: ${rec.timeMs} ms`];
      for (const [label, p] of Object.entries(rec.populations)) {
        const parts: string[] = [];
        if (p.spikes) parts.push(`${p.spikes.times.length} spikes from ${p.spikes.recorded.length} neurons (${run.rate(label).toFixed(2)} Hz)`);
        for (const [variable, tr] of Object.entries(p.traces)) parts.push(`${variable} of ${tr.neurons.length} neurons`);
        if (parts.length) lines.push(`  ${label}: ${parts.join("; ")}`);
      }
      if (rec.provenance.some((p) => p.count > 0)) lines.push(`  provenance: ${rec.provenance.filter((p) => p.count > 0).length} non-zero counters`);
      return { "text/plain": lines.join("\n") };
    },
  };
  return run;
}
