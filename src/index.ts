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
export * as linalg from "./core/linalg.js";
export * as decomp from "./core/decomp.js";
export * as ising from "./sim/worlds/ising-glauber.js";
export * as meanField from "./sim/worlds/mean-field.js";
export * as associativeMemory from "./sim/worlds/associative-memory.js";
export * as hgf from "./sim/worlds/hgf/index.js";
export * as scalarSearch from "./core/scalar-search.js";
export * as stats from "./core/stats.js";
export * as plot from "./plot/index.js";
export * from "./model/index.js";
export * as sim from "./sim/index.js";
export * as learn from "./learn/index.js";
export * as data from "./data/index.js";
export * as spinnaker from "./spinnaker/index.js";
export * as fixed from "./core/fixed/index.js";
export * as sparse from "./core/sparse.js";
export * as ridge from "./core/ridge.js";
export * as reservoir from "./sim/worlds/rate-reservoir.js";
export * as reservoirTasks from "./sim/worlds/tasks.js";
export * as spikeStats from "./core/spike-stats.js";
export * as local from "./learn/local/index.js";
export * as curriculum from "./learn/curriculum/index.js";
export * as graphs from "./core/graph/index.js";
export * as graphNets from "./learn/graph/index.js";
export * as massSpring from "./sim/worlds/mass-spring.js";
export * as recurrent from "./learn/recurrent/index.js";
export * as homeostatic from "./learn/homeostatic/index.js";
export * as fusion from "./learn/fusion/index.js";
export * as results from "./results/index.js";
export * as spinnakerBackend from "./spinnaker/backend/index.js";
export * as meta from "./learn/meta/index.js";
export * as fft from "./core/fft.js";
export * as phase from "./core/phase.js";
export * as kuramoto from "./sim/worlds/kuramoto.js";
export * as willshaw from "./sim/worlds/willshaw.js";
export * as thetaGamma from "./sim/worlds/theta-gamma.js";
export * as thetaSequences from "./sim/worlds/theta-sequences.js";
export * as gen from "./learn/gen/index.js";
export * as diff from "./diff/index.js";
export * as memory from "./learn/memory/index.js";
export * as continual from "./learn/continual/index.js";
export * as intrinsic from "./learn/intrinsic/index.js";
export * as tta from "./learn/tta/index.js";
export * as corruptions from "./data/corruptions/index.js";
