/**
 * Homeostatic learning under concept shift (Man, Damasio & Neven 2022): the paper's ELU MLP on
 * typed arrays with cheap "what-if" updates, label-swap concept-shift schedules (constant or
 * seasonal rates), learners whose learning rate is constant, randomly perturbed or regulated by
 * their own perception, prequential accuracy, and class-balanced stream subsets.
 */
export {
  type EluMlp, type EluMlpGrads, type EluMlpSizes, type SampleTrace, PAPER_SIZES, accumulate, accuracyOn, applyAndClear, cloneEluMlp, createEluMlp,
  createTrace, predictOne, sampleBackward, whatIfCorrect, zeroGrads,
} from "./elu-mlp.js";
export { type LabelSwap, type SwapScheduleOptions, LabelMap, swapSchedule } from "./label-shift.js";
export {
  type Regulation, type StreamLearnerOptions, type StreamLearnerRun, prequentialAccuracy, runStreamLearner, runningAccuracy,
} from "./stream-learner.js";
export { balancedSplit } from "./balanced-split.js";
