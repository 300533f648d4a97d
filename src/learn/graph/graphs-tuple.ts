/**
 * A batch of graphs in one set of flat arrays (graph_nets' `GraphsTuple`): node, edge and global
 * feature matrices, sender/receiver indices (already offset into the batch), and per-graph node
 * and edge counts. `batchGraphs` concatenates graphs; `toTensors` moves a batch into tfjs with the
 * index vectors a graph network needs (which graph each node and edge belongs to).
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { tf } from "../tf.js";

/** One graph: features row-major, edges as sender → receiver node indices. */
export interface GraphData {
  /** nodes × nodeFeatures. */
  readonly nodes: ArrayLike<number>;
  /** edges × edgeFeatures. */
  readonly edges: ArrayLike<number>;
  /** globalFeatures values. */
  readonly globals: ArrayLike<number>;
  readonly senders: ArrayLike<number>;
  readonly receivers: ArrayLike<number>;
}

/** Several graphs, concatenated. */
export interface GraphsTuple {
  readonly nodeFeatures: number;
  readonly edgeFeatures: number;
  readonly globalFeatures: number;
  /** totalNodes × nodeFeatures. */
  readonly nodes: Float32Array;
  /** totalEdges × edgeFeatures. */
  readonly edges: Float32Array;
  /** graphs × globalFeatures. */
  readonly globals: Float32Array;
  /** Sender and receiver of each edge, as indices into the batch's nodes. */
  readonly senders: Int32Array;
  readonly receivers: Int32Array;
  /** Nodes and edges of each graph. */
  readonly nNode: Int32Array;
  readonly nEdge: Int32Array;
}

/** A batch as tensors, with the graph index of every node and edge. */
export interface GraphTensors {
  readonly nodes: tf.Tensor2D;
  readonly edges: tf.Tensor2D;
  readonly globals: tf.Tensor2D;
  readonly senders: tf.Tensor1D;
  readonly receivers: tf.Tensor1D;
  /** Graph of each node, [totalNodes] int32. */
  readonly nodeGraph: tf.Tensor1D;
  /** Graph of each edge, [totalEdges] int32. */
  readonly edgeGraph: tf.Tensor1D;
  readonly numGraphs: number;
  readonly numNodes: number;
  readonly numEdges: number;
}

/** Feature widths of a batch. */
export interface FeatureSizes {
  readonly nodeFeatures: number;
  readonly edgeFeatures: number;
  readonly globalFeatures: number;
}

/**
 * Concatenates graphs into one batch with the given feature widths, checked on every graph; an
 * edge index outside its graph's nodes throws.
 */
export function batchGraphs(graphs: readonly GraphData[], sizes: FeatureSizes): GraphsTuple {
  const nN = new Int32Array(graphs.length);
  const nE = new Int32Array(graphs.length);
  const { nodeFeatures, edgeFeatures, globalFeatures } = sizes;
  for (const [name, v] of Object.entries(sizes)) {
    if (!(Number.isInteger(v) && v >= 1)) throw new CajalError(badOption("batchGraphs", name, v, "an integer ≥ 1"));
  }
  let totalNodes = 0, totalEdges = 0;
  graphs.forEach((g, i) => {
    const n = g.nodes.length / nodeFeatures;
    if (!Number.isInteger(n)) throw new CajalError(badOption(`batchGraphs, graph ${i}`, "nodes.length", g.nodes.length, `a multiple of ${nodeFeatures}`));
    if (g.edges.length !== g.senders.length * edgeFeatures) throw new CajalError(badOption(`batchGraphs, graph ${i}`, "edges.length", g.edges.length, `${g.senders.length} × ${edgeFeatures}`));
    if (g.globals.length !== globalFeatures) throw new CajalError(badOption(`batchGraphs, graph ${i}`, "globals.length", g.globals.length, `${globalFeatures}`));
    if (g.receivers.length !== g.senders.length) throw new CajalError(badOption(`batchGraphs, graph ${i}`, "receivers.length", g.receivers.length, `${g.senders.length} (one per sender)`));
    nN[i] = n;
    nE[i] = g.senders.length;
    totalNodes += n;
    totalEdges += g.senders.length;
  });
  const nodes = new Float32Array(totalNodes * nodeFeatures);
  const edges = new Float32Array(totalEdges * edgeFeatures);
  const globals = new Float32Array(graphs.length * globalFeatures);
  const senders = new Int32Array(totalEdges);
  const receivers = new Int32Array(totalEdges);
  let nodeOffset = 0, edgeOffset = 0;
  graphs.forEach((g, i) => {
    const n = nN[i]!;
    nodes.set(g.nodes, nodeOffset * nodeFeatures);
    edges.set(g.edges, edgeOffset * edgeFeatures);
    globals.set(g.globals, i * globalFeatures);
    for (let e = 0; e < g.senders.length; e++) {
      const s = g.senders[e]!, r = g.receivers[e]!;
      if (!(s >= 0 && s < n && r >= 0 && r < n)) throw new CajalError(badOption(`batchGraphs, graph ${i}, edge ${e}`, "sender/receiver", `${s}→${r}`, `node indices in 0 … ${n - 1}`));
      senders[edgeOffset + e] = s + nodeOffset;
      receivers[edgeOffset + e] = r + nodeOffset;
    }
    nodeOffset += n;
    edgeOffset += g.senders.length;
  });
  return { nodeFeatures, edgeFeatures, globalFeatures, nodes, edges, globals, senders, receivers, nNode: nN, nEdge: nE };
}

/** Index of the graph each of `counts` items belongs to: counts [2, 3] → [0, 0, 1, 1, 1]. */
export function segmentIdsFromCounts(counts: ArrayLike<number>): Int32Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const ids = new Int32Array(total);
  let k = 0;
  for (let i = 0; i < counts.length; i++) for (let j = 0; j < counts[i]!; j++) ids[k++] = i;
  return ids;
}

/** Splits a row-major [total × width] array back into per-graph pieces by counts. */
export function unbatchRows(values: ArrayLike<number>, counts: ArrayLike<number>, width: number): Float32Array[] {
  const out: Float32Array[] = [];
  let offset = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]! * width;
    out.push(Float32Array.from({ length: n }, (_, k) => values[offset + k]!));
    offset += n;
  }
  return out;
}

/** The batch as tfjs tensors (the caller disposes them, or creates them inside `tf.tidy`). */
export function toTensors(batch: GraphsTuple): GraphTensors {
  const numNodes = batch.nodes.length / Math.max(1, batch.nodeFeatures);
  const numEdges = batch.senders.length;
  return {
    nodes: tf.tensor2d(batch.nodes, [numNodes, batch.nodeFeatures]),
    edges: tf.tensor2d(batch.edges, [numEdges, batch.edgeFeatures]),
    globals: tf.tensor2d(batch.globals, [batch.nNode.length, batch.globalFeatures]),
    senders: tf.tensor1d(batch.senders, "int32"),
    receivers: tf.tensor1d(batch.receivers, "int32"),
    nodeGraph: tf.tensor1d(segmentIdsFromCounts(batch.nNode), "int32"),
    edgeGraph: tf.tensor1d(segmentIdsFromCounts(batch.nEdge), "int32"),
    numGraphs: batch.nNode.length,
    numNodes,
    numEdges,
  };
}
