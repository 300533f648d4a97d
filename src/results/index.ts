/** Results of runs: recordings → Run (spike trains, traces, rates, weights, DataFrames, CSV). */
export { createRun, type Run, type Trace, type Weights } from "./run.js";
export type { Recordings, PopulationRecording, ProjectionRecording, TraceRecording, ProvenanceItem } from "./recordings.js";
export { spikesCsv, traceCsv } from "./csv.js";
