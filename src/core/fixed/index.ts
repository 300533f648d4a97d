/**
 * Bit-exact fixed-point arithmetic of the SpiNNaker software stack (spinnaker.md §3): s16.15 accums,
 * u0.32 decays, the divisions and the exponential of `spinn_common`, the host's parameter encoding
 * and STDP's 16-bit arithmetic. Functions on plain integers, for typed-array code.
 */
export * from "./s1615.js";
export * from "./u032.js";
export * from "./div.js";
export * from "./exp.js";
export * from "./hostEncode.js";
export * from "./stdp16.js";
export * from "./messages.js";
