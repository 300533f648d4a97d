/**
 * The learning core: tfjs (one copy, `tf`), its backend choice, layers with named parameters,
 * losses, optimisers, gradient tools (second order, taps, stop-gradient, per-sample), surrogate-
 * gradient spiking layers, a training loop and its figures.
 */
export { tf } from "./tf.js";
export { type InitLearnOptions, type LearnBackendInfo, type LearnBackendName, initLearn, learnBackend, timeMlpStep } from "./backend.js";
export { type ActivationName, activate, elu, gelu, leakyRelu, logSoftmax, silu } from "./activations.js";
export { type InitKind, type InitOptions, initTensor, initVariable } from "./init.js";
export {
  type Layer, type Tensors, type Variables, collectParams, countParams, disposeParams, flatten, restore, scope, snapshot,
} from "./params.js";
export { type DenseOptions, dense } from "./layers/dense.js";
export { type Conv2dOptions, avgPool2d, conv2d, flatten as flattenImages, globalMaxPool2d, maxPool2d } from "./layers/conv.js";
export { type Embedding, type EmbeddingOptions, embedding } from "./layers/embedding.js";
export { type LayerNormOptions, layerNorm } from "./layers/norm.js";
export { dropout } from "./layers/dropout.js";
export { type GruCell, type LstmCell, type LstmState, type RecurrentOptions, gruCell, lstmCell } from "./layers/recurrent.js";
export { type AttentionOptions, type SequenceLayer, type TransformerBlockOptions, causalSelfAttention, transformerBlock } from "./layers/attention.js";
export { type LoraLayer, type LoraOptions, lora } from "./layers/lora.js";
export {
  type LifLayer, type LifLayerOptions, type LifRun, type SurrogateName, type SurrogateOptions, lifLayer, spike, surrogateDerivative,
} from "./layers/spiking.js";
export { type CrossEntropyOptions, type InfoNceOptions, type Reduction, binaryCrossEntropy, crossEntropy, infoNce, mse } from "./losses.js";
export {
  type AdamOptions, type LearningRate, type Optimizer, type OptimizerOptions, type SgdOptions, adam, clipByGlobalNorm, sgd, sgdUpdate,
} from "./optimisers.js";
export { type ValueAndGrads, fisherDiagonal, gradTap, perSampleGrads, stopGradient, valueAndGrads } from "./grad.js";
export { type GradCheckEntry, type GradCheckOptions, type GradCheckResult, gradCheck } from "./grad-check.js";
export { accuracy, confusionMatrix, perClassAccuracy } from "./metrics.js";
export {
  type Classifier, type TrainLog, type TrainOptions, type TrainResult, evaluate, logToDataFrames, predict, trainClassifier, trainStep,
} from "./train.js";
export { type ConfusionMatrixOptions, type LearningCurveOptions, confusionMatrixPlot, learningCurvePlot } from "./plots.js";
export { type CrossEntropyReduction, softmaxCrossEntropy } from "./kernels/softmax-cross-entropy.js";
export { type GemmChoice, type GemmPreference, gemmChoice, setGemmPreference } from "./kernels/matmul-wasm.js";
