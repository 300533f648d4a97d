/**
 * The emulator runtime: fixed-point and float neuron kernels, ring buffers and weight scaling, STDP,
 * the run loop (`emulate`), and the CA3 paper fixtures (network and the raster recorded on SpiNNaker).
 */
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
export * from "./fixtures/ca3Experiment1.js";
export * from "./fixtures/ca3Network.js";
