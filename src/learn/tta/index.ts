/**
 * Fully test-time adaptation (paper 08, Tang et al. CVPR 2023): the small source CNN with
 * switchable batch-norm statistics, fast custom-gradient ops (im2col convolution, max pooling,
 * batch norm), soft and hard winner-take-all Hebbian learning of the first layer, the prediction
 * entropy of Tent and the neuro-modulator, and the online adapt-then-predict stream.
 */
export { type BatchMoments, type ConvOptions, type ImageShape, batchNormBatchStats, col2imAdd, conv2dValid, im2col, maxPool2 } from "./ops.js";
export { type Competition, type HebbianOptions, type HebbianUpdate, hebbianConvUpdate, hebbianDelta } from "./hebbian.js";
export { predictionEntropy } from "./entropy.js";
export {
  type CnnState, type ForwardOptions, type NormStatistics, type RunningMoments, type TtaCnn, type TtaCnnOptions, createTtaCnn,
} from "./cnn.js";
export {
  METHOD_NAMES, type MethodName, type MethodSettings, type StreamResult, type TtaMethod, type TtaStreamOptions, runTtaStream, runningError, ttaMethods,
} from "./stream.js";
