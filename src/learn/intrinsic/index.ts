/**
 * Learning intrinsic neuron parameters with the weights, and Lempel–Ziv complexity of spike trains
 * (notebook 34, Rudnicka, Szczepanski & Pregowska 2025): a fused LIF op with per-neuron trainable
 * τ_m and θ (and an escape-noise variant), their positivity-preserving reparametrisations, a
 * surrogate-gradient spiking classifier, pair STDP with WTA and threshold homeostasis, the
 * Tempotron with learnable τ_m and θ, Poisson / doubly stochastic spike tasks, LZ76 and the
 * per-neuron LZC feature encoder with a nearest-centroid classifier.
 */
export { type EscapeNoise, type LifSequenceOptions, type LifSequenceRun, lifSequence } from "./lif-sequence.js";
export { TAU_MIN_MS, decayFromRaw, inverseSoftplus, rawFromProbability, rawFromTau, softplus, tauFromRaw } from "./reparam.js";
export { type LayerIntrinsics, type NeuronModel, type Snn, type SnnOptions, type SnnRun, createSnn } from "./snn.js";
export { type SnnTraining, type TrainSnnOptions, evaluateSnn, trainSnn } from "./train-snn.js";
export { type SpikeTaskName, type SpikeTaskOptions, type SpikeTrials, TASK_CLASSES, TASK_T, meanRateHz, spikeTask, timeMajorBatch } from "./spike-tasks.js";
export { type StdpLayer, type StdpOptions, ridgeClassifier, stdpCounts, trainStdp } from "./stdp.js";
export { type Tempotron, type TempotronOptions, createTempotron } from "./tempotron.js";
export { type CentroidClassifier, fitCentroids, lz76Complexity, lzFeatures, normalisedLz } from "./lz.js";
