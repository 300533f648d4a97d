/**
 * Single-source shortest paths by Dijkstra's algorithm over non-negative edge lengths. The O(n²)
 * array form is used: the graphs here have at most a few hundred nodes and are often dense, where
 * it beats a heap.
 */
import { CajalError } from "../errors.js";
import type { Graph } from "./graph.js";
import { nodeOutOfRange } from "./messages.js";

/** Distances from one source and the predecessor of each node on a shortest path (−1: none). */
export interface ShortestPathTree {
  readonly source: number;
  /** Distance from the source (Infinity when unreachable). */
  readonly distance: Float64Array;
  /** Predecessor on a shortest path, −1 for the source and for unreachable nodes. */
  readonly previous: Int32Array;
  /** Number of edges on the chosen shortest path (−1 when unreachable). */
  readonly hops: Int32Array;
}

/**
 * Dijkstra from `source`. Ties between equally short paths go to the one found first (lower node
 * index settled first), so results are deterministic.
 */
export function dijkstra(graph: Graph, source: number): ShortestPathTree {
  const n = graph.nodeCount;
  if (!(Number.isInteger(source) && source >= 0 && source < n)) throw new CajalError(nodeOutOfRange("dijkstra", source, n));
  const distance = new Float64Array(n).fill(Infinity);
  const previous = new Int32Array(n).fill(-1);
  const hops = new Int32Array(n).fill(-1);
  const done = new Uint8Array(n);
  distance[source] = 0;
  hops[source] = 0;
  for (let round = 0; round < n; round++) {
    let u = -1;
    let best = Infinity;
    for (let i = 0; i < n; i++) if (!done[i] && distance[i]! < best) { best = distance[i]!; u = i; }
    if (u < 0) break;
    done[u] = 1;
    for (const [v, length] of graph.neighbours(u)) {
      const d = best + length;
      if (d < distance[v]!) {
        distance[v] = d;
        previous[v] = u;
        hops[v] = hops[u]! + 1;
      }
    }
  }
  return { source, distance, previous, hops };
}

/** The node sequence source … target of a shortest path, or an empty array when unreachable. */
export function shortestPath(graph: Graph, source: number, target: number): number[] {
  const n = graph.nodeCount;
  if (!(Number.isInteger(target) && target >= 0 && target < n)) throw new CajalError(nodeOutOfRange("shortestPath", target, n));
  return pathTo(dijkstra(graph, source), target);
}

/** Reads the path to `target` out of a shortest-path tree (empty when unreachable). */
export function pathTo(tree: ShortestPathTree, target: number): number[] {
  if (!Number.isFinite(tree.distance[target]!)) return [];
  const path: number[] = [];
  for (let v = target; v >= 0; v = tree.previous[v]!) path.push(v);
  return path.reverse();
}
