/**
 * Learning rules without weight transport and the tools to study them: feedback alignment,
 * counter-current learning (forward and feedback networks with layer-local losses), training of
 * several parameter groups from one loss, and representation measures (linear CKA, matrix cosine,
 * 2-D PCA).
 */
export { type Pca2, fitPca2, projectPca2 } from "./pca.js";
export { cosineSimilarity, linearCka, linearCkaTensor, transpose } from "./cka.js";
export { type FeedbackAlignmentDenseOptions, type FeedbackAlignmentLayer, feedbackAlignmentDense, feedbackAlignmentMatMul } from "./feedback-alignment.js";
export { type TrainGroupsOptions, type TrainGroupsResult, stepGroups, trainGroups } from "./groups.js";
export {
  type CounterCurrentNet, type CounterCurrentOptions, type CounterCurrentParts, classPairLoss, counterCurrentAutoencoderLoss,
  counterCurrentClassifierLoss, counterCurrentNet, flopsPerSample,
} from "./counter-current.js";
