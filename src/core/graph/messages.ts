/** Every message of the graph utilities, as functions (tests compare with these). */
import type { Problem } from "../errors.js";

/** A node index is outside 0 … nodeCount − 1. */
export function nodeOutOfRange(place: string, node: number, nodeCount: number): Problem {
  return {
    ruleId: "graph-node-out-of-range",
    place,
    reason: `node ${node} does not exist in a graph of ${nodeCount} nodes.`,
    expected: `an integer in 0 … ${nodeCount - 1}`,
  };
}

/** An option of a graph function is outside its range. */
export function badGraphOption(place: string, name: string, value: unknown, expected: string): Problem {
  return { ruleId: "graph-bad-option", place, reason: `\`${name}\` is ${String(value)}.`, expected };
}

/** An edge has a negative or non-finite length, which Dijkstra cannot handle. */
export function badEdgeLength(place: string, from: number, to: number, length: number): Problem {
  return {
    ruleId: "graph-bad-edge-length",
    place,
    reason: `edge ${from}–${to} has length ${length}.`,
    expected: "a finite length ≥ 0",
    fix: "shortest paths need non-negative edge lengths.",
  };
}
