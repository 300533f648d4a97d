/**
 * Random graphs for the graph-network notebook (paper 36, after `deepmind/graph_nets` demos):
 * geographic threshold graphs (Waxman-like, as networkx's `geographical_threshold_graph`), the
 * Euclidean minimum spanning tree that makes them connected, the shortest-path task built on
 * them, and fully connected "list" graphs for sorting.
 */
import type { Rng } from "../rng.js";
import { CajalError } from "../errors.js";
import { Graph } from "./graph.js";
import { badGraphOption } from "./messages.js";
import { dijkstra, pathTo } from "./shortest-paths.js";

/** Euclidean distance between points i and j of a flat [x0, y0, x1, y1, …] array. */
export function distance2d(positions: ArrayLike<number>, i: number, j: number): number {
  const dx = positions[2 * i]! - positions[2 * j]!;
  const dy = positions[2 * i + 1]! - positions[2 * j + 1]!;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Euclidean minimum spanning tree of points in the plane (Prim's algorithm on the complete graph,
 * O(n²)). Returns the n − 1 edges as [a, b] pairs.
 */
export function euclideanMst(positions: ArrayLike<number>): Array<[number, number]> {
  const n = positions.length / 2;
  if (!Number.isInteger(n)) throw new CajalError(badGraphOption("euclideanMst", "positions.length", positions.length, "an even number (x, y pairs)"));
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const parent = new Int32Array(n).fill(-1);
  const edges: Array<[number, number]> = [];
  if (n === 0) return edges;
  best[0] = 0;
  for (let round = 0; round < n; round++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = 1;
    if (parent[u]! >= 0) edges.push([parent[u]!, u]);
    for (let v = 0; v < n; v++) {
      if (inTree[v]) continue;
      const d = distance2d(positions, u, v);
      if (d < best[v]!) { best[v] = d; parent[v] = u; }
    }
  }
  return edges;
}

/** A graph with node positions in the unit square and node weights. */
export interface GeometricGraph {
  readonly graph: Graph;
  /** Node positions [x0, y0, x1, y1, …] in [0, 1)². */
  readonly positions: Float64Array;
  /** Node weights (Exp(1) draws). */
  readonly weights: Float64Array;
}

/** Options of `geographicThresholdGraph`. */
export interface GeographicThresholdOptions {
  /** Number of nodes (≥ 2). */
  readonly nodes: number;
  /** Threshold θ of the rule (w_i + w_j)·d⁻² ≥ θ; default 20 (the demo's "good non-trees"). */
  readonly theta?: number;
  /** Mean of the exponential node weights; default 1. */
  readonly weightMean?: number;
  /** Add the Euclidean MST so the graph is connected (default true, as the demo). */
  readonly connect?: boolean;
  readonly rng: Rng;
}

/**
 * Geographic threshold graph: positions U[0,1)², weights Exp(1), edge i–j when
 * (w_i + w_j)·dist(i, j)⁻² ≥ θ; unioned with the Euclidean MST so it is connected. Edge lengths
 * are Euclidean distances.
 */
export function geographicThresholdGraph(options: GeographicThresholdOptions): GeometricGraph {
  const n = options.nodes;
  if (!(Number.isInteger(n) && n >= 2)) throw new CajalError(badGraphOption("geographicThresholdGraph", "nodes", n, "an integer ≥ 2"));
  const theta = options.theta ?? 20;
  if (!(theta > 0)) throw new CajalError(badGraphOption("geographicThresholdGraph", "theta", theta, "θ > 0"));
  const rng = options.rng;
  const positions = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) positions[i] = rng.uniform();
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = rng.exponential(options.weightMean ?? 1);
  const graph = new Graph(n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = distance2d(positions, i, j);
      if ((weights[i]! + weights[j]!) >= theta * d * d) graph.addEdge(i, j, d);
    }
  }
  if (options.connect ?? true) for (const [a, b] of euclideanMst(positions)) graph.addEdge(a, b, distance2d(positions, a, b));
  return { graph, positions, weights };
}

/** One shortest-path problem: a connected geometric graph, two end nodes and the path between them. */
export interface ShortestPathProblem extends GeometricGraph {
  readonly start: number;
  readonly end: number;
  /** Nodes of the shortest path (by Euclidean length), start … end. */
  readonly path: number[];
  /** 1 for nodes on the path. */
  readonly onPathNode: Uint8Array;
  /** Directed edges (both directions of each undirected edge, `Graph.directedEdges` order). */
  readonly senders: Int32Array;
  readonly receivers: Int32Array;
  readonly lengths: Float64Array;
  /** 1 for the directed edges along the path, in the direction start → end. */
  readonly onPathEdge: Uint8Array;
}

/** Options of `shortestPathProblem`. */
export interface ShortestPathProblemOptions {
  /** Number of nodes, or [min, max) drawn uniformly (the demo's `num_nodes_min_max`). */
  readonly nodes: number | readonly [number, number];
  /** Threshold θ; default 20. */
  readonly theta?: number;
  /** Fewest hops between start and end; default 1. */
  readonly minHops?: number;
  readonly rng: Rng;
}

/**
 * A shortest-path task as in the graph_nets demo: a geographic threshold graph unioned with its
 * MST, a (start, end) pair drawn uniformly among pairs at least `minHops` hops apart on the
 * shortest path, and the shortest path by Euclidean edge length.
 */
export function shortestPathProblem(options: ShortestPathProblemOptions): ShortestPathProblem {
  const { rng } = options;
  const n = typeof options.nodes === "number" ? options.nodes : options.nodes[0] + rng.int(options.nodes[1] - options.nodes[0]);
  const minHops = options.minHops ?? 1;
  const geo = geographicThresholdGraph({ nodes: n, theta: options.theta ?? 20, rng });
  const trees = Array.from({ length: n }, (_, s) => dijkstra(geo.graph, s));
  const pairs: Array<[number, number]> = [];
  for (let s = 0; s < n; s++) for (let t = 0; t < n; t++) if (s !== t && trees[s]!.hops[t]! >= minHops) pairs.push([s, t]);
  if (pairs.length === 0) throw new CajalError(badGraphOption("shortestPathProblem", "minHops", minHops, "at most the graph's diameter in hops"));
  const [start, end] = pairs[rng.int(pairs.length)]!;
  const path = pathTo(trees[start]!, end);
  const onPathNode = new Uint8Array(n);
  for (const v of path) onPathNode[v] = 1;
  const { senders, receivers, lengths } = geo.graph.directedEdges();
  const onPathEdge = new Uint8Array(senders.length);
  const next = new Int32Array(n).fill(-1);
  for (let k = 0; k + 1 < path.length; k++) next[path[k]!] = path[k + 1]!;
  for (let e = 0; e < senders.length; e++) if (next[senders[e]!] === receivers[e]!) onPathEdge[e] = 1;
  return { ...geo, start, end, path, onPathNode, senders, receivers, lengths, onPathEdge };
}

/** A sorting task as a graph: every ordered pair of list elements is a directed edge. */
export interface SortProblem {
  /** The values, U[0, 1). */
  readonly values: Float64Array;
  readonly senders: Int32Array;
  readonly receivers: Int32Array;
  /** 1 for the smallest element (the head of the sorted list). */
  readonly isFirst: Uint8Array;
  /** 1 for edge i→j when j is the next larger element after i (the last element points to itself). */
  readonly isNext: Uint8Array;
}

/**
 * A random list as a fully connected directed graph with self-loops (the demo's sorting task):
 * targets mark the first element and, for each element, the edge to the next larger one.
 */
export function sortProblem(options: { readonly elements: number | readonly [number, number]; readonly rng: Rng }): SortProblem {
  const { rng } = options;
  const n = typeof options.elements === "number" ? options.elements : options.elements[0] + rng.int(options.elements[1] - options.elements[0]);
  if (!(Number.isInteger(n) && n >= 2)) throw new CajalError(badGraphOption("sortProblem", "elements", n, "an integer ≥ 2"));
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = rng.uniform();
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const nextOf = new Int32Array(n);
  for (let r = 0; r < n; r++) nextOf[order[r]!] = order[Math.min(r + 1, n - 1)]!;
  const senders = new Int32Array(n * n);
  const receivers = new Int32Array(n * n);
  const isNext = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const e = i * n + j;
      senders[e] = i;
      receivers[e] = j;
      if (nextOf[i] === j) isNext[e] = 1;
    }
  }
  const isFirst = new Uint8Array(n);
  isFirst[order[0]!] = 1;
  return { values, senders, receivers, isFirst, isNext };
}
