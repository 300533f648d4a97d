/**
 * Curriculum learning: per-epoch subset-size schedules (cyclical, growing, vanilla), score-
 * weighted sampling without replacement, training on a schedule with two reporting protocols,
 * mean ranks over tasks, and the generated spirals task.
 */
export { type SizeScheduleOptions, cumulativeEpochs, cyclicalSizes, growingSizes, vanillaSizes } from "./schedule.js";
export { type ScoreKind, scoresFromLosses, weightedSampleWithoutReplacement } from "./sampling.js";
export { type Examples, examplesFromImages, pickExamples } from "./examples.js";
export { type SpiralOptions, flipLabels, spirals } from "./spirals.js";
export {
  type FeatureClassifier, type ScheduleTrainingOptions, type ScheduleTrainingResult, accuracyOn, meanRanks, perExampleLosses, trainOnSchedule,
} from "./train.js";
