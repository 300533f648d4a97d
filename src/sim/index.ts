/**
 * The reference simulator. Importing this module registers the "reference" backend, so that
 * `net.run(ms, { backend: "reference" })` finds it.
 */
export { referenceBackend } from "./reference.js";
export { referenceKernels } from "./kernels/index.js";
export { ReferenceSession } from "./engine.js";
export type { CellState, KernelContext, KernelFactory } from "./state.js";
