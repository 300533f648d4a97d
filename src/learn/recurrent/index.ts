/**
 * Recurrent networks for sequence learning: simple (Elman) RNN and LSTM encoders over whole
 * sequences, a bidirectional wrapper, exact float64 measurement of how gradients flow back through
 * time, and random orthogonal recurrent weights.
 */
export { type EncodedSequence, type EncoderOptions, type SequenceEncoder, bidirectional, lstm, simpleRnn } from "./encoders.js";
export {
  type LstmWeights, type SimpleRnnWeights, type StateGradients, lstmCellStateGradients, lstmForward, meanNormByLag, simpleRnnStateGradients,
} from "./gradient-flow.js";
export { scaledOrthogonal } from "./orthogonal.js";
export { delayedRecall, neighbourSum, rowSequences, type DelayedRecallBatch, type NeighbourSumBatch, type SequenceBatch } from "../../data/sequence-tasks.js";
