/**
 * Predictive coding with Hierarchical Gaussian Filters (after pyhgf, Legrand et al. 2024): a
 * mutable graph of Gaussian beliefs with value and volatility coupling, the standard binary and
 * continuous HGFs built on it, response models, a Rescorla–Wagner reference learner, likelihood
 * fits, empirical-Bayes pooling and surprise-driven structure learning.
 *
 * Meant to be imported as a namespace: `import { hgf } from "cajal"; hgf.filterBinaryHgf(u, { omega2: -4 })`.
 */
export { PredictiveGraph, type UpdateStep, type UpdateSequence, type CouplingKind, type NodeParents } from "./graph.js";
export { createNode, isInput, NODE_DEFAULTS, type NodeAttributes, type NodeKind, type NodeSpec, type Coupling } from "./node.js";
export {
  UPDATE_FUNCTIONS, sigmoid, continuousPrediction, continuousInputPrediction, binaryInputPrediction, continuousPosterior,
  observeContinuousInput, observeBinaryInput, continuousInputSurprise, continuousInputPredictiveVariance,
  type UpdateName, type UpdateFunction, type NodeLookup,
} from "./updates.js";
export {
  binaryHgf, filterBinaryHgf, binaryHgfPredictions, continuousHgf, filterContinuousHgf,
  type BinaryHgf, type BinaryHgfParams, type BinaryHgfTrajectories, type ContinuousHgf, type ContinuousHgfParams, type ContinuousHgfTrajectories,
} from "./hgf.js";
export { binarySoftmax, binarySoftmaxSurprise, binarySoftmaxTotalSurprise, simulateBinaryChoices } from "./response.js";
export { rescorlaWagner, type RescorlaWagnerParams } from "./rescorla-wagner.js";
export {
  binaryHgfNegLogLikelihood, fitBinaryHgfOmega2, rescorlaWagnerNegLogLikelihood, fitRescorlaWagner, curvatureStandardError,
  type ScalarFit, type FitOptions,
} from "./fit.js";
export { empiricalBayesNormal, type EmpiricalBayesResult } from "./group.js";
export { learnSourcesOnline, type SourceLearningOptions, type SourceLearningResult } from "./structure-learning.js";
