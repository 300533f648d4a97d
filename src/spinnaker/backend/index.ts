/**
 * The `spinnaker` backend of the DSL. Importing this module registers it, so that
 * `net.run(ms, { backend: "spinnaker" })` runs on an emulated SpiNN-5 board under sPyNNaker 7.x
 * semantics; `runOnSpinnaker(net, ms, { machine, profile })` chooses the board and the profile.
 */
import { backendNames, registerBackend } from "../../model/backend.js";
import { spinnakerBackend } from "./backend.js";

export {
  createSpinnakerBackend, runOnSpinnaker, spinnakerBackend, type LinkTraffic, type RealTimeEstimate, type SpinnakerEstimates,
  type SpinnakerRun, type SpinnakerRunOptions,
} from "./backend.js";
export { SPINNAKER_RECORDABLE, spinnakerKernels, translate, unsupportedProblems, type Translation } from "./translate.js";

if (!backendNames().includes("spinnaker")) registerBackend(spinnakerBackend);
export * from "./ca3Cam.js";
