/**
 * Continual learning for spiking networks: HLOP's Hebbian subspace circuits and orthogonal
 * projection (Xiao et al., ICLR 2024), EWC, a DSR-trained spiking MLP, permuted-MNIST tasks, the
 * ACC/BWT scores and the subspace check against exact PCA.
 */
export { type HebbianSubspaceOptions, HebbianSubspace, subspaceSchedule } from "./hebbian-subspace.js";
export {
  type DsrGradients, type DsrMlp, type DsrMlpOptions, type DsrWorkspace, type Presynaptic,
  createDsrMlp, dsrBackward, dsrForward, dsrGradients, dsrWorkspace, linearForward, outerSum, predictions,
} from "./dsr-mlp.js";
export { EwcPenalty, dsrFisherDiagonal } from "./ewc.js";
export { averageAccuracy, backwardTransfer, forgetting } from "./metrics.js";
export { type PermutedTask, type PermutedTasksOptions, type TaskSplit, permutedTasks } from "./pmnist.js";
export {
  type ContinualMethod, type ContinualOptions, type ContinualResult, type EwcSettings, type HlopSettings, evaluateAccuracy, runContinual,
} from "./experiment.js";
export { type CapturedVariance, capturedVariance, orthonormalRows, symmetricEigenvalues } from "./subspace-metrics.js";
