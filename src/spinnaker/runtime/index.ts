/** Per-core runtime of the emulator: fixed-point neuron kernels, ring buffers and weight scaling. */
export * from "./profile.js";
export * from "./lifCurrExp.js";
export * from "./ringBuffer.js";
export * from "./weightScaling.js";
export * from "./stdp.js";
export * from "./lifCondExp.js";
export * from "./izhikevich.js";
export * from "./floatKernels.js";
export * from "./stdpFloat.js";
export * from "./network.js";
export * from "./emulator.js";
export * from "./neuronSlice.js";
export * from "./runEnergy.js";
export * from "./messages.js";
