/**
 * What a backend hands back after running: recordings as typed arrays, one plain structure for
 * every backend, turned into a `Run` by `createRun`.
 */

/** One counter a backend kept (the emulator's provenance; on `reference` only the number of threads that ran, when threads were asked for). */
export interface ProvenanceItem {
  readonly name: string;
  /** "population exc, chip (0, 1) core 5". */
  readonly where: string;
  readonly count: number;
}

/** A state variable sampled every timestep from some neurons. */
export interface TraceRecording {
  /** Population indices recorded, ascending. */
  readonly neurons: Int32Array;
  /** Samples: `values[step * neurons.length + k]` is neuron `neurons[k]` at t = step·dt. */
  readonly values: Float64Array;
  /** Number of samples per neuron. */
  readonly steps: number;
}

/** Everything recorded from one population. */
export interface PopulationRecording {
  readonly size: number;
  /** Spikes of the recorded neurons, sorted by time (then neuron). */
  readonly spikes?: { readonly recorded: Int32Array; readonly times: Float64Array; readonly neurons: Int32Array };
  readonly traces: Readonly<Record<string, TraceRecording>>;
}

/** The connections of a projection with their current weights, and any weight samples. */
export interface ProjectionRecording {
  readonly preSize: number;
  readonly postSize: number;
  readonly pre: Int32Array;
  readonly post: Int32Array;
  readonly weight: Float64Array;
  /** ms, on the timestep grid. */
  readonly delayMs: Float64Array;
  /** Weight samples (plastic projections recorded with `record("weight")`). */
  readonly history: readonly { readonly tMs: number; readonly weight: Float64Array }[];
}

/** Everything a run recorded since t = 0. */
export interface Recordings {
  readonly backend: string;
  readonly dtMs: number;
  /** Simulated time at the end of the run, ms. */
  readonly timeMs: number;
  readonly populations: Readonly<Record<string, PopulationRecording>>;
  readonly projections: Readonly<Record<string, ProjectionRecording>>;
  readonly provenance: readonly ProvenanceItem[];
}
