/** Every problem the predictive-coding graph and its models can report, one function each. */
import type { Problem } from "../../../core/errors.js";

/** A node id that is not (or no longer) in the graph. */
export function unknownNode(place: string, id: number, known: readonly number[]): Problem {
  return {
    ruleId: "hgf-unknown-node", place, reason: `there is no node ${id} in the graph.`,
    expected: known.length ? `one of ${known.join(", ")}` : "a node added with addNode()",
    fix: "use the id addNode() returned; removed nodes' ids are not reused.",
  };
}

/** An attribute that must be a finite number (or a positive one) is not. */
export function badAttribute(place: string, name: string, value: number, expected: string): Problem {
  return { ruleId: "hgf-bad-attribute", place: `${place}.${name}`, reason: `${value} is not a valid ${name}.`, expected };
}

/** An edge that the engine cannot update (e.g. an input node as a parent). */
export function badEdge(place: string, reason: string, expected: string): Problem {
  return { ruleId: "hgf-bad-edge", place, reason, expected };
}

/** An observation given to a node that is not an input, or an invalid value. */
export function badObservation(place: string, reason: string, expected: string): Problem {
  return { ruleId: "hgf-bad-observation", place, reason, expected };
}

/** A custom update sequence that names a missing node or a function that does not fit the node. */
export function badSequence(place: string, reason: string, expected: string): Problem {
  return { ruleId: "hgf-bad-sequence", place, reason, expected, fix: "call useDefaultSequence() or list (node, update) pairs that fit each node's kind." };
}

/** A value-coupling cycle: predictions would have no top-down order. */
export function couplingCycle(place: string, ids: readonly number[]): Problem {
  return {
    ruleId: "hgf-cycle", place, reason: `the couplings among nodes ${ids.join(", ")} form a cycle.`,
    expected: "a directed acyclic graph (parents above children)", fix: "remove one of the edges of the cycle.",
  };
}

/** A model parameter out of its allowed range. */
export function badParameter(place: string, name: string, value: number, expected: string, fix?: string): Problem {
  return { ruleId: "hgf-bad-parameter", place: `${place}.${name}`, reason: `${value} is not a valid ${name}.`, expected, ...(fix ? { fix } : {}) };
}

/** Two arrays that must have the same length do not. */
export function lengthMismatch(place: string, what: string, a: number, b: number): Problem {
  return { ruleId: "hgf-length-mismatch", place, reason: `${what} have different lengths (${a} and ${b}).`, expected: "one entry per trial in each" };
}
