/**
 * The graph_nets demos' tasks as graphs for a graph network: feature layouts of the shortest-path
 * and mass–spring problems, and the demos' metrics (fraction of correctly labelled nodes, fraction
 * of graphs solved exactly).
 */
import type { ShortestPathProblem, SortProblem } from "../../core/graph/generators.js";
import type { GraphData } from "./graphs-tuple.js";

/** Feature widths of the shortest-path graphs: nodes [x, y, weight, start, end], edges [length], globals [0]. */
export const SHORTEST_PATH_SIZES = { nodeFeatures: 5, edgeFeatures: 1, globalFeatures: 1 } as const;

/** A shortest-path problem as GN input with its node and edge targets (1 = on the path). */
export function shortestPathGraph(p: ShortestPathProblem): { graph: GraphData; nodeTargets: Uint8Array; edgeTargets: Uint8Array } {
  const n = p.graph.nodeCount;
  const nodes = new Float32Array(n * 5);
  for (let i = 0; i < n; i++) {
    nodes[i * 5] = p.positions[2 * i]!;
    nodes[i * 5 + 1] = p.positions[2 * i + 1]!;
    nodes[i * 5 + 2] = p.weights[i]!;
    nodes[i * 5 + 3] = i === p.start ? 1 : 0;
    nodes[i * 5 + 4] = i === p.end ? 1 : 0;
  }
  return {
    graph: { nodes, edges: Float32Array.from(p.lengths), globals: [0], senders: p.senders, receivers: p.receivers },
    nodeTargets: p.onPathNode,
    edgeTargets: p.onPathEdge,
  };
}

/** Feature widths of the sorting graphs: nodes [value], edges [0], globals [0]. */
export const SORT_SIZES = { nodeFeatures: 1, edgeFeatures: 1, globalFeatures: 1 } as const;

/** A sorting problem as GN input with its targets (node: is first; edge: points to the next larger). */
export function sortGraph(p: SortProblem): { graph: GraphData; nodeTargets: Uint8Array; edgeTargets: Uint8Array } {
  return {
    graph: { nodes: Float32Array.from(p.values), edges: new Float32Array(p.senders.length), globals: [0], senders: p.senders, receivers: p.receivers },
    nodeTargets: p.isFirst,
    edgeTargets: p.isNext,
  };
}

/** Feature widths of mass–spring graphs: nodes [x, y, vx, vy, fixed], edges [k, rest], globals [gx, gy]. */
export const MASS_SPRING_SIZES = { nodeFeatures: 5, edgeFeatures: 2, globalFeatures: 2 } as const;

/** A mass–spring state as GN input (structural type of `massSpring.MassSpringSystem`). */
export function massSpringGraph(
  system: { readonly edges: ArrayLike<number>; readonly senders: ArrayLike<number>; readonly receivers: ArrayLike<number>; readonly gravity: readonly [number, number] },
  state: ArrayLike<number>,
): GraphData {
  return { nodes: Float32Array.from(state), edges: Float32Array.from(system.edges), globals: [system.gravity[0], system.gravity[1]], senders: system.senders, receivers: system.receivers };
}

/**
 * The demos' `compute_accuracy` on nodes: two-class logits [totalNodes × 2] (row-major) against
 * 0/1 targets; `accuracy` is the fraction of nodes labelled correctly, `solved` the fraction of
 * graphs whose every node is correct.
 */
export function labellingAccuracy(logits: ArrayLike<number>, targets: ArrayLike<number>, counts: ArrayLike<number>): { accuracy: number; solved: number } {
  let correct = 0, solved = 0, offset = 0;
  for (let g = 0; g < counts.length; g++) {
    let all = true;
    for (let i = offset; i < offset + counts[g]!; i++) {
      const predicted = logits[2 * i + 1]! > logits[2 * i]! ? 1 : 0;
      if (predicted === targets[i]) correct++;
      else all = false;
    }
    if (all) solved++;
    offset += counts[g]!;
  }
  return { accuracy: correct / offset, solved: solved / counts.length };
}
