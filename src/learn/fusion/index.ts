/**
 * Multimodal fusion with inverse effectiveness (IEMF, paper 12): the generated AV-digits task, the
 * two-branch fusion model, IEMF and OGM-GE gradient rules, and their training loop.
 */
export { type AvDigitsOptions, type AvSet, type PrototypeOptions, audioPrototypes, avDigits, noiseSdForSnr } from "./av-digits.js";
export { inverseEffectivenessCoefficient, ogmGeCoefficients, sampleSd, scaleWithNoise, trueClassProbabilitySum } from "./iemf.js";
export { type AvFusionModel, type AvFusionOptions, type AvFusionOutputs, avFusionModel } from "./model.js";
export { type FusionRunLog, type FusionTrainer, type TrainAvFusionOptions, epochsToReach, evaluateAvFusion, trainAvFusion } from "./train.js";
