/**
 * Graph networks (Battaglia et al. 2018): batches of graphs, differentiable segment reductions,
 * the configurable GN block with its named special cases, and the encode–process–decode model.
 */
export {
  type FeatureSizes, type GraphData, type GraphTensors, type GraphsTuple, batchGraphs, segmentIdsFromCounts, toTensors, unbatchRows,
} from "./graphs-tuple.js";
export { type Aggregation, aggregate, segmentCounts, segmentMax, segmentMean, segmentSum } from "./segments.js";
export { type MlpOptions, mlp } from "./mlp.js";
export {
  type GnBlock, type GnBlockConfig, type GnBlockOptions, type GnVariant, type GraphState, type GraphWidths, gnBlock, gnVariant,
} from "./gn-block.js";
export { type EncodeProcessDecode, type EncodeProcessDecodeOptions, type GraphOutput, type OutputSizes, encodeProcessDecode } from "./encode-process-decode.js";
export { stepAllowingUnused } from "./train-step.js";
export {
  MASS_SPRING_SIZES, SHORTEST_PATH_SIZES, SORT_SIZES, labellingAccuracy, massSpringGraph, shortestPathGraph, sortGraph,
} from "./demo-tasks.js";
export { fastLayerNorm, layerNorm2d } from "./fast-layer-norm.js";
