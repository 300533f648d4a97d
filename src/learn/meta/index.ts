/** Meta-learning: functional (weight-normalised) MLPs and generative teaching networks. */
export { initPlainDense, initWeightNormDense, plainDense, weightNormDense } from "./weight-norm.js";
export { type MlpActivation, type MlpSpec, applyMlp, initMlp } from "./mlp.js";
export {
  type MetaLossOptions, type TeacherSpec, type TrainLearnerOptions, cosineDecay, createTeacher, generatorSpec, innerSchedule,
  metaTrainStep, mlpAccuracy, stepBatch, syntheticData, teacherLabels, teacherMetaLoss, trainLearner,
} from "./teacher.js";
