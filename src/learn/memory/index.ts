/**
 * Memory-augmented networks with fast and slow learning: an LRUA external memory (Santoro et al.
 * 2016), an LSTM controller with per-episode fast weights driven by a synthetic-gradient module
 * (Jaderberg et al. 2017), its slow-learning update, and the episodic tasks (few-shot
 * classification, sinusoid regression) the fast/slow memory notebook trains on.
 */
export { type ClassPools, type ClassificationEpisodeOptions, type ClassificationEpisodes, type SinusoidEpisodeOptions, type SinusoidEpisodes, classPools, classificationEpisodes, sinusoidEpisodes } from "./episodes.js";
export { type LruaStep, type MemoryState, cosineAddress, emptyMemory, leastUsedSlot, lruaStep, readMemory } from "./lrua.js";
export { type FastLstmStep, type FastWeights, type LstmGates, type LstmWeights, addFastUpdate, fastContribution, fastLstmStep, lstmStepVjp } from "./fast-weights.js";
export { type SyntheticGradientModule, type SyntheticGradientOptions, meanRowCosine, syntheticGradientLoss, syntheticGradientModule } from "./synthetic-gradient.js";
export { type FastPath, type Mann, type MannInputs, type MannOptions, type MannUnroll, type UnrollOptions, mann } from "./mann.js";
export {
  type MannBatch, type MannOptimizers, type MannStepStats, type MannTargets, classificationBatch, disposeBatch, episodeLoss, mannPredict, mannTrainStep, mseByPosition, perInstanceAccuracy, sinusoidBatch,
} from "./train.js";
