/**
 * Cajal: one modelling DSL for bio-inspired learning models, a reference simulator, a SpiNNaker
 * emulator and a learning core, with vega-lite plots and notebook helpers.
 *
 * @packageDocumentation
 */
export { CajalError, formatProblem, throwIfProblems, type Problem } from "./core/errors.js";
export { createRng, Rng } from "./core/rng.js";
export type { SpikeTrains } from "./core/spikes.js";
export * from "./notebook/index.js";
export { Plot, VEGA_LITE_MIME, VEGA_LITE_SCHEMA, type MimeBundle } from "./plot/plot.js";
