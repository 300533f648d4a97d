/**
 * An undirected graph with weighted edges ("length") over nodes 0 … n−1, stored as adjacency lists.
 * Edges can be added and removed while it is used; parallel edges are merged (the last length wins).
 */
import { CajalError } from "../errors.js";
import { badEdgeLength, nodeOutOfRange } from "./messages.js";

/** One undirected edge `a`–`b` with a ≤ b as listed by `edges()`. */
export interface Edge {
  readonly a: number;
  readonly b: number;
  readonly length: number;
}

/** An undirected graph with non-negative edge lengths. */
export class Graph {
  private readonly adjacency: Map<number, number>[];

  /** A graph of `nodeCount` isolated nodes. */
  constructor(readonly nodeCount: number) {
    this.adjacency = Array.from({ length: nodeCount }, () => new Map<number, number>());
  }

  private check(place: string, node: number): void {
    if (!(Number.isInteger(node) && node >= 0 && node < this.nodeCount)) throw new CajalError(nodeOutOfRange(place, node, this.nodeCount));
  }

  /** Adds (or replaces) the edge a–b with the given length (default 1). Self-loops are allowed. */
  addEdge(a: number, b: number, length = 1): void {
    this.check("graph.addEdge", a);
    this.check("graph.addEdge", b);
    if (!(length >= 0 && Number.isFinite(length))) throw new CajalError(badEdgeLength("graph.addEdge", a, b, length));
    this.adjacency[a]!.set(b, length);
    this.adjacency[b]!.set(a, length);
  }

  /** Removes the edge a–b; returns whether it existed. */
  removeEdge(a: number, b: number): boolean {
    this.check("graph.removeEdge", a);
    this.check("graph.removeEdge", b);
    const had = this.adjacency[a]!.delete(b);
    this.adjacency[b]!.delete(a);
    return had;
  }

  /** Whether a–b is an edge. */
  hasEdge(a: number, b: number): boolean {
    this.check("graph.hasEdge", a);
    this.check("graph.hasEdge", b);
    return this.adjacency[a]!.has(b);
  }

  /** Length of a–b, or undefined when there is no such edge. */
  length(a: number, b: number): number | undefined {
    this.check("graph.length", a);
    return this.adjacency[a]!.get(b);
  }

  /** Neighbours of `node` with the edge lengths, in insertion order. */
  neighbours(node: number): ReadonlyMap<number, number> {
    this.check("graph.neighbours", node);
    return this.adjacency[node]!;
  }

  /** Number of neighbours of `node`. */
  degree(node: number): number {
    return this.neighbours(node).size;
  }

  /** Every undirected edge once (a ≤ b), ordered by a then b. */
  edges(): Edge[] {
    const out: Edge[] = [];
    for (let a = 0; a < this.nodeCount; a++) {
      const row = [...this.adjacency[a]!].filter(([b]) => b >= a).sort((x, y) => x[0] - y[0]);
      for (const [b, length] of row) out.push({ a, b, length });
    }
    return out;
  }

  /** Number of undirected edges. */
  edgeCount(): number {
    let twice = 0;
    for (let a = 0; a < this.nodeCount; a++) twice += this.adjacency[a]!.size + (this.adjacency[a]!.has(a) ? 1 : 0);
    return twice / 2;
  }

  /**
   * Both directions of every edge as sender/receiver arrays (a→b and b→a, self-loops once), in the
   * order of `edges()`: the form graph networks consume.
   */
  directedEdges(): { senders: Int32Array; receivers: Int32Array; lengths: Float64Array } {
    const list = this.edges();
    const count = list.reduce((n, e) => n + (e.a === e.b ? 1 : 2), 0);
    const senders = new Int32Array(count);
    const receivers = new Int32Array(count);
    const lengths = new Float64Array(count);
    let k = 0;
    for (const e of list) {
      senders[k] = e.a; receivers[k] = e.b; lengths[k] = e.length; k++;
      if (e.a !== e.b) { senders[k] = e.b; receivers[k] = e.a; lengths[k] = e.length; k++; }
    }
    return { senders, receivers, lengths };
  }

  /** Whether every node can reach every other. */
  isConnected(): boolean {
    if (this.nodeCount === 0) return true;
    const seen = new Uint8Array(this.nodeCount);
    const stack = [0];
    seen[0] = 1;
    let reached = 1;
    while (stack.length) {
      const u = stack.pop()!;
      for (const v of this.adjacency[u]!.keys()) {
        if (!seen[v]) { seen[v] = 1; reached++; stack.push(v); }
      }
    }
    return reached === this.nodeCount;
  }
}
