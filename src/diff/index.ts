/**
 * The differentiable backend: a Network compiled to a tfjs computation unrolled in time with
 * surrogate gradients, registered as `"differentiable"` for `net.run`, and trained through
 * `compile(net, { trainable, signs })` with BPTT (as BrainPy does: one model, simulated and trained).
 * Importing this module registers the backend.
 */
import "./backend.js";

export { compile, DiffModel, type DiffModelOptions, type SignMode, type SimulateOptions, type Simulation } from "./model.js";
export { differentiableBackend, runDifferentiable, timeForward } from "./backend.js";
export { SUPPORTED_COMPONENTS, TRAINABLE_CELL_PARAMETERS, type TrainableCellParameter } from "./compile.js";
export { dmsTrials, leakyReadout, trainDms, type DmsBatch, type DmsLogEntry, type DmsOptions, type DmsTraining, type TrainDmsOptions } from "./dms.js";
