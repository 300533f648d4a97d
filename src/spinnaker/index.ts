/**
 * The SpiNNaker emulator (spinnaker.md): machine model, mapper, per-core runtime and provenance.
 * Fixed-point arithmetic lives in `src/core/fixed`.
 */
export * from "./bits.js";
export * from "./machine/index.js";
export * from "./mapping/index.js";
export * from "./runtime/index.js";
export * from "./provenance/index.js";
