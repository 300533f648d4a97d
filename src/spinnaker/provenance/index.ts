/** Provenance counters (exact, under the stack's names) and the energy and cycle estimates. */
export * from "./counters.js";
export * from "./energy.js";
export * from "./cycleModel.js";
export * from "./nocLoad.js";
