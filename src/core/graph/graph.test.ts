import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../rng.js";
import { CajalError } from "../errors.js";
import { Graph } from "./graph.js";
import { dijkstra, shortestPath } from "./shortest-paths.js";
import { distance2d, euclideanMst, geographicThresholdGraph, shortestPathProblem, sortProblem } from "./generators.js";

function floydWarshall(g: Graph): number[][] {
  const n = g.nodeCount;
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : g.length(i, j) ?? Infinity)));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
  return d;
}

test("Graph: edges are undirected, listed once, removable; a bad node or length throws CajalError", () => {
  const g = new Graph(4);
  g.addEdge(0, 1, 2);
  g.addEdge(2, 1, 0.5);
  assert.equal(g.hasEdge(1, 0), true);
  assert.deepEqual(g.edges(), [{ a: 0, b: 1, length: 2 }, { a: 1, b: 2, length: 0.5 }]);
  assert.equal(g.edgeCount(), 2);
  assert.equal(g.isConnected(), false);
  g.addEdge(3, 2);
  assert.equal(g.isConnected(), true);
  const d = g.directedEdges();
  assert.deepEqual(Array.from(d.senders), [0, 1, 1, 2, 2, 3]);
  assert.deepEqual(Array.from(d.receivers), [1, 0, 2, 1, 3, 2]);
  assert.equal(g.removeEdge(1, 2), true);
  assert.equal(g.hasEdge(2, 1), false);
  assert.throws(() => g.addEdge(0, 4), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "graph-node-out-of-range");
  assert.throws(() => g.addEdge(0, 1, -1), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "graph-bad-edge-length");
});

test("dijkstra: distances equal Floyd–Warshall's on random weighted graphs, and paths add up to them", () => {
  const rng = createRng(7);
  for (let trial = 0; trial < 20; trial++) {
    const n = 3 + rng.int(15);
    const g = new Graph(n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rng.bernoulli(0.3)) g.addEdge(i, j, rng.uniformIn(0.1, 2));
    const fw = floydWarshall(g);
    for (let s = 0; s < n; s++) {
      const tree = dijkstra(g, s);
      for (let t = 0; t < n; t++) {
        assert.ok(Math.abs(tree.distance[t]! - fw[s]![t]!) < 1e-12 || tree.distance[t] === fw[s]![t], `${s}→${t}`);
        const path = shortestPath(g, s, t);
        if (!Number.isFinite(fw[s]![t]!)) { assert.deepEqual(path, []); continue; }
        assert.equal(path[0], s);
        assert.equal(path[path.length - 1], t);
        assert.equal(tree.hops[t], path.length - 1);
        let total = 0;
        for (let k = 0; k + 1 < path.length; k++) total += g.length(path[k]!, path[k + 1]!)!;
        assert.ok(Math.abs(total - fw[s]![t]!) < 1e-12);
      }
    }
  }
});

test("euclideanMst: a spanning tree whose total length equals Kruskal's on the complete graph", () => {
  const rng = createRng(3);
  for (let trial = 0; trial < 10; trial++) {
    const n = 2 + rng.int(30);
    const pos = Float64Array.from({ length: 2 * n }, () => rng.uniform());
    const mst = euclideanMst(pos);
    assert.equal(mst.length, n - 1);
    const g = new Graph(n);
    for (const [a, b] of mst) g.addEdge(a, b, distance2d(pos, a, b));
    assert.ok(g.isConnected());
    // Independent Kruskal with union–find.
    const pairs: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([distance2d(pos, i, j), i, j]);
    pairs.sort((x, y) => x[0] - y[0]);
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    let kruskal = 0;
    for (const [d, i, j] of pairs) { const a = find(i), b = find(j); if (a !== b) { parent[a] = b; kruskal += d; } }
    const prim = mst.reduce((s, [a, b]) => s + distance2d(pos, a, b), 0);
    assert.ok(Math.abs(prim - kruskal) < 1e-9);
  }
});

test("geographicThresholdGraph: every edge obeys the threshold rule or belongs to the MST, every qualifying pair is an edge, and it is connected", () => {
  const rng = createRng(11);
  for (let trial = 0; trial < 10; trial++) {
    const { graph, positions, weights } = geographicThresholdGraph({ nodes: 8 + trial, theta: 20, rng: rng.stream(`g${trial}`) });
    assert.ok(graph.isConnected());
    const mst = new Set(euclideanMst(positions).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
    for (let i = 0; i < graph.nodeCount; i++) {
      for (let j = i + 1; j < graph.nodeCount; j++) {
        const d = distance2d(positions, i, j);
        const rule = (weights[i]! + weights[j]!) / (d * d) >= 20;
        assert.equal(graph.hasEdge(i, j), rule || mst.has(`${i}-${j}`));
        if (graph.hasEdge(i, j)) assert.ok(Math.abs(graph.length(i, j)! - d) < 1e-15);
      }
    }
  }
  // The same seed gives the same graph.
  const a = geographicThresholdGraph({ nodes: 12, rng: createRng(5) });
  const b = geographicThresholdGraph({ nodes: 12, rng: createRng(5) });
  assert.deepEqual(a.graph.edges(), b.graph.edges());
});

test("shortestPathProblem: the labelled path is a shortest path, its edges are labelled start→end, and sizes fall in [min, max)", () => {
  const rng = createRng(2);
  for (let trial = 0; trial < 30; trial++) {
    const p = shortestPathProblem({ nodes: [8, 17], rng: rng.stream(`p${trial}`) });
    const n = p.graph.nodeCount;
    assert.ok(n >= 8 && n < 17);
    assert.equal(p.path[0], p.start);
    assert.equal(p.path[p.path.length - 1], p.end);
    assert.ok(p.path.length >= 2);
    const best = dijkstra(p.graph, p.start).distance[p.end]!;
    let total = 0;
    for (let k = 0; k + 1 < p.path.length; k++) total += p.graph.length(p.path[k]!, p.path[k + 1]!)!;
    assert.ok(Math.abs(total - best) < 1e-12);
    assert.equal(p.onPathNode.reduce((s, v) => s + v, 0), p.path.length);
    assert.equal(p.onPathEdge.reduce((s, v) => s + v, 0), p.path.length - 1);
    for (let e = 0; e < p.senders.length; e++) {
      if (!p.onPathEdge[e]) continue;
      const k = p.path.indexOf(p.senders[e]!);
      assert.equal(p.path[k + 1], p.receivers[e]);
    }
    assert.equal(p.senders.length, 2 * p.graph.edgeCount());
  }
});

test("sortProblem: following the 'next' edges from the first element visits the values in increasing order", () => {
  const p = sortProblem({ elements: 10, rng: createRng(4) });
  const n = p.values.length;
  let current = p.isFirst.indexOf(1);
  const visited = [p.values[current]!];
  for (let step = 1; step < n; step++) {
    let next = -1;
    for (let j = 0; j < n; j++) if (p.isNext[current * n + j]) next = j;
    current = next;
    visited.push(p.values[current]!);
  }
  assert.deepEqual(visited, Array.from(p.values).sort((a, b) => a - b));
  assert.equal(p.isNext.reduce((s, v) => s + v, 0), n);
});
