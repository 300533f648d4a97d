/**
 * Differentiable segment reductions: rows of `data` [items, width] are pooled into `segments`
 * groups by an int32 id per row. These are a graph network's aggregations (edges → receiving
 * node, edges or nodes → their graph), and gather (`tf.gather`) is their adjoint broadcast.
 * An empty segment pools to zeros, as graph_nets' `unsorted_segment_sum` does.
 */
import { tf } from "../tf.js";

/** How a graph network pools a set of rows. */
export type Aggregation = "sum" | "mean" | "max";

/** Sum of the rows of each segment: [segments, width]. */
export function segmentSum(data: tf.Tensor2D, ids: tf.Tensor1D, segments: number): tf.Tensor2D {
  return tf.unsortedSegmentSum(data, ids, segments);
}

/** Number of rows in each segment (a constant, read from the ids). */
export function segmentCounts(ids: tf.Tensor1D, segments: number): Float32Array {
  const counts = new Float32Array(segments);
  const values = ids.dataSync();
  for (let i = 0; i < values.length; i++) counts[values[i]!]! += 1;
  return counts;
}

/** Mean of the rows of each segment (zeros for an empty segment). */
export function segmentMean(data: tf.Tensor2D, ids: tf.Tensor1D, segments: number): tf.Tensor2D {
  const counts = segmentCounts(ids, segments);
  for (let i = 0; i < segments; i++) counts[i] = 1 / Math.max(1, counts[i]!);
  return tf.mul(segmentSum(data, ids, segments), tf.tensor2d(counts, [segments, 1]));
}

/**
 * Element-wise maximum over the rows of each segment (zeros for an empty segment). The winners
 * are found on the host and gathered, so the gradient flows to the arg-max row of each column,
 * as for a max-pool.
 */
export function segmentMax(data: tf.Tensor2D, ids: tf.Tensor1D, segments: number): tf.Tensor2D {
  const [rows, width] = data.shape;
  const values = data.dataSync();
  const idValues = ids.dataSync();
  const best = new Float32Array(segments * width).fill(-Infinity);
  const winner = new Int32Array(segments * width).fill(-1);
  for (let r = 0; r < rows; r++) {
    const s = idValues[r]!;
    for (let c = 0; c < width; c++) {
      const v = values[r * width + c]!;
      if (v > best[s * width + c]!) { best[s * width + c] = v; winner[s * width + c] = r * width + c; }
    }
  }
  const mask = new Float32Array(segments * width);
  for (let k = 0; k < winner.length; k++) {
    if (winner[k]! >= 0) mask[k] = 1;
    else winner[k] = 0; // empty segment: gather anything, then zero it
  }
  const picked = tf.reshape(tf.gather(tf.reshape(data, [-1]), tf.tensor1d(winner, "int32")), [segments, width]);
  return tf.mul(picked, tf.tensor2d(mask, [segments, width])) as tf.Tensor2D;
}

/** The reduction named by `aggregation`. */
export function aggregate(aggregation: Aggregation, data: tf.Tensor2D, ids: tf.Tensor1D, segments: number): tf.Tensor2D {
  return aggregation === "sum" ? segmentSum(data, ids, segments) : aggregation === "mean" ? segmentMean(data, ids, segments) : segmentMax(data, ids, segments);
}
