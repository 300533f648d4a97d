import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { initLearn } from "../backend.js";
import { crossEntropy } from "../losses.js";
import { adam } from "../optimisers.js";
import type { Layer } from "../params.js";
import { tf } from "../tf.js";
import { encodeProcessDecode } from "./encode-process-decode.js";
import { gnBlock, gnVariant } from "./gn-block.js";
import { batchGraphs, toTensors, unbatchRows } from "./graphs-tuple.js";
import { stepAllowingUnused } from "./train-step.js";
import { MASS_SPRING_SIZES, labellingAccuracy, massSpringGraph, shortestPathGraph } from "./demo-tasks.js";
import { shortestPathProblem } from "../../core/graph/generators.js";
import { chain } from "../../sim/worlds/mass-spring.js";
import { fastLayerNorm } from "./fast-layer-norm.js";
import { layerNorm } from "../layers/norm.js";
import { segmentMax, segmentMean, segmentSum } from "./segments.js";

before(async () => { await initLearn(); });

const sizes = { nodeFeatures: 1, edgeFeatures: 1, globalFeatures: 1 };
// Graph A: 3 nodes, edges 0→1, 1→2, 2→0. Graph B: 2 nodes, edges 0→1, 1→0, 0→0.
const A = { nodes: [1, 2, 3], edges: [10, 20, 30], globals: [100], senders: [0, 1, 2], receivers: [1, 2, 0] };
const B = { nodes: [4, 5], edges: [40, 50, 60], globals: [200], senders: [0, 1, 0], receivers: [1, 0, 0] };

test("batchGraphs: offsets indices into the batch and unbatchRows splits by counts; bad indices throw", () => {
  const b = batchGraphs([A, B], sizes);
  assert.deepEqual(Array.from(b.senders), [0, 1, 2, 3, 4, 3]);
  assert.deepEqual(Array.from(b.receivers), [1, 2, 0, 4, 3, 3]);
  assert.deepEqual(Array.from(b.nNode), [3, 2]);
  assert.deepEqual(Array.from(b.nEdge), [3, 3]);
  assert.deepEqual(unbatchRows(b.nodes, b.nNode, 1).map((x) => Array.from(x)), [[1, 2, 3], [4, 5]]);
  assert.throws(() => batchGraphs([{ ...A, senders: [0, 1, 3] }], sizes), CajalError);
  assert.throws(() => batchGraphs([{ ...A, edges: [1, 2] }], sizes), CajalError);
});

test("segment sum, mean and max pool rows by id, empty segments give zeros, and max sends its gradient to the arg-max row", () => {
  const data = tf.tensor2d([[1, 5], [3, 2], [2, 7], [9, 0]]);
  const ids = tf.tensor1d([0, 0, 2, 0], "int32");
  assert.deepEqual(Array.from(segmentSum(data, ids, 3).dataSync()), [13, 7, 0, 0, 2, 7]);
  const mean = Array.from(segmentMean(data, ids, 3).dataSync());
  [13 / 3, 7 / 3, 0, 0, 2, 7].forEach((v, k) => assert.ok(Math.abs(mean[k]! - v) < 1e-6));
  assert.deepEqual(Array.from(segmentMax(data, ids, 3).dataSync()), [9, 5, 0, 0, 2, 7]);
  const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(segmentMax(x as tf.Tensor2D, ids, 3), tf.tensor2d([[1, 2], [3, 4], [5, 6]]))))(data);
  assert.deepEqual(Array.from(grad.dataSync()), [0, 2, 0, 0, 5, 6, 1, 0]);
});

/** A "model" that sums its inputs: lets the test follow Algorithm 1 by hand. */
function summing(inputs: number): Layer & { outputs: number } {
  return { params: {}, outputs: 1, apply: (x) => tf.sum(x, 1, true) as tf.Tensor2D };
}

test("gnBlock (full): edge, node and global updates follow Algorithm 1 with sum aggregation", () => {
  const g = toTensors(batchGraphs([A, B], sizes));
  const block = gnBlock({ inputs: { node: 1, edge: 1, global: 1 }, config: gnVariant("full"), makeModel: (w) => summing(w), rng: createRng(1) });
  const out = block.apply({ nodes: g.nodes, edges: g.edges, globals: g.globals }, g);
  // e' = e + v_r + v_s + u.
  const nodes = [1, 2, 3, 4, 5], edges = [10, 20, 30, 40, 50, 60], s = [0, 1, 2, 3, 4, 3], r = [1, 2, 0, 4, 3, 3], graphOfNode = [0, 0, 0, 1, 1], graphOfEdge = [0, 0, 0, 1, 1, 1], u = [100, 200];
  const e2 = edges.map((e, k) => e + nodes[r[k]!]! + nodes[s[k]!]! + u[graphOfEdge[k]!]!);
  const v2 = nodes.map((v, i) => e2.reduce((acc, e, k) => acc + (r[k] === i ? e : 0), 0) + v + u[graphOfNode[i]!]!);
  const u2 = u.map((x, gi) => e2.reduce((a, e, k) => a + (graphOfEdge[k] === gi ? e : 0), 0) + v2.reduce((a, v, i) => a + (graphOfNode[i] === gi ? v : 0), 0) + x);
  assert.deepEqual(Array.from(out.edges.dataSync()), e2);
  assert.deepEqual(Array.from(out.nodes.dataSync()), v2);
  assert.deepEqual(Array.from(out.globals.dataSync()), u2);
});

test("gnVariant: deep sets skip edges, message passing ignores globals, and the block builds only the functions it uses", () => {
  const g = toTensors(batchGraphs([A, B], sizes));
  const deep = gnBlock({ inputs: { node: 1, edge: 1, global: 1 }, config: gnVariant("deepSets"), makeModel: (w) => summing(w), rng: createRng(1) });
  const o = deep.apply({ nodes: g.nodes, edges: g.edges, globals: g.globals }, g);
  assert.deepEqual(Array.from(o.edges.dataSync()), [10, 20, 30, 40, 50, 60]);
  assert.deepEqual(Array.from(o.nodes.dataSync()), [101, 102, 103, 204, 205]);
  assert.deepEqual(Array.from(o.globals.dataSync()), [306 + 100, 409 + 200]);
  assert.deepEqual(deep.functions, ["φᵛ", "φᵘ"]);
  const mp = gnBlock({ inputs: { node: 1, edge: 1, global: 1 }, config: gnVariant("messagePassing"), makeModel: (w) => summing(w), rng: createRng(1) });
  const m = mp.apply({ nodes: g.nodes, edges: g.edges, globals: g.globals }, g);
  assert.deepEqual(Array.from(m.edges.dataSync()), [13, 25, 34, 49, 59, 68]);
  assert.deepEqual(Array.from(m.globals.dataSync()), [100, 200]);
  assert.deepEqual(mp.functions, ["φᵉ", "φᵛ"]);
});

test("encodeProcessDecode: relabelling the nodes of a graph permutes its node and edge outputs the same way", () => {
  const model = encodeProcessDecode({ inputs: { node: 1, edge: 1, global: 1 }, outputs: { node: 2, edge: 3 }, core: gnVariant("full"), rng: createRng(5) });
  const perm = [2, 0, 1]; // new index of old node i
  const Ap = {
    nodes: [0, 0, 0].map((_, j) => A.nodes[perm.indexOf(j)]!),
    edges: A.edges, globals: A.globals,
    senders: A.senders.map((x) => perm[x]!), receivers: A.receivers.map((x) => perm[x]!),
  };
  const run = (graph: typeof A) => tf.tidy(() => {
    const out = model.apply(toTensors(batchGraphs([graph], sizes)), 3);
    assert.equal(out.length, 3);
    return { nodes: Array.from(out[2]!.nodes!.dataSync()), edges: Array.from(out[2]!.edges!.dataSync()) };
  });
  const base = run(A), permuted = run(Ap);
  for (let i = 0; i < 3; i++) for (let c = 0; c < 2; c++) assert.ok(Math.abs(base.nodes[i * 2 + c]! - permuted.nodes[perm[i]! * 2 + c]!) < 1e-5);
  assert.ok(base.edges.every((v, k) => Math.abs(v - permuted.edges[k]!) < 1e-5));
  assert.throws(() => model.apply(toTensors(batchGraphs([A], sizes)), -1), CajalError);
});

test("encodeProcessDecode learns to mark nodes two hops from a flagged node, which the zero-step baseline cannot", () => {
  // Chains of 6 nodes, one flagged node; target: nodes within 2 hops. Needs message passing.
  const rng = createRng(3);
  const make = () => {
    const n = 6, flag = rng.int(n);
    const nodes = Array.from({ length: n }, (_, i) => (i === flag ? 1 : 0));
    const senders: number[] = [], receivers: number[] = [];
    for (let i = 0; i + 1 < n; i++) { senders.push(i, i + 1); receivers.push(i + 1, i); }
    const target = Array.from({ length: n }, (_, i) => (Math.abs(i - flag) <= 2 ? 1 : 0));
    return { graph: { nodes, edges: senders.map(() => 1), globals: [0], senders, receivers }, target };
  };
  const train = (steps: number) => {
    const model = encodeProcessDecode({ inputs: { node: 1, edge: 1, global: 1 }, outputs: { node: 2 }, core: gnVariant("full"), rng: createRng(8) });
    const opt = adam({ params: model.params, lr: 3e-3 });
    let last = 0;
    for (let it = 0; it < 150; it++) {
      const items = Array.from({ length: 8 }, make);
      last = tf.tidy(() => {
        const g = toTensors(batchGraphs(items.map((x) => x.graph), sizes));
        const labels = tf.tensor1d(items.flatMap((x) => x.target), "int32");
        const { loss, unused } = stepAllowingUnused(opt, () => {
          const outs = model.apply(g, steps);
          return tf.addN(outs.map((o) => crossEntropy(o.nodes!, labels))).div(outs.length) as tf.Scalar;
        });
        // Only node outputs are trained: the edge and global decoders get no gradient.
        assert.ok(unused.some((n) => n.startsWith("decoder/edge")));
        assert.ok(!unused.some((n) => n.startsWith("core/")) || steps === 0);
        return loss;
      });
    }
    return last;
  };
  const withMessages = train(3);
  const baseline = train(0);
  assert.ok(withMessages < 0.25, `GN loss ${withMessages}`);
  assert.ok(baseline > 0.4, `baseline loss ${baseline}`);
});

test("labellingAccuracy: counts correct nodes and graphs whose every node is correct", () => {
  // Graph 1 (2 nodes) fully right, graph 2 (3 nodes) one wrong.
  const logits = [1, 0, 0, 2, 3, 1, 0, 1, 0, -1];
  const targets = [0, 1, 0, 1, 1];
  const r = labellingAccuracy(logits, targets, [2, 3]);
  assert.equal(r.accuracy, 4 / 5);
  assert.equal(r.solved, 1 / 2);
});

test("shortestPathGraph and massSpringGraph lay out features as the demos do", () => {
  const p = shortestPathProblem({ nodes: 10, rng: createRng(1) });
  const { graph, nodeTargets } = shortestPathGraph(p);
  assert.equal(graph.nodes.length, 50);
  assert.equal(graph.nodes[p.start * 5 + 3], 1);
  assert.equal(graph.nodes[p.end * 5 + 4], 1);
  assert.ok(Math.abs(graph.nodes[2 * 5 + 2]! - p.weights[2]!) < 1e-6);
  assert.equal(nodeTargets, p.onPathNode);
  const sys = chain({ masses: 4, spacingM: 1 });
  const mg = massSpringGraph(sys, sys.nodes);
  assert.deepEqual(Array.from(mg.globals), [0, -10]);
  assert.equal(batchGraphs([mg], MASS_SPRING_SIZES).nodes.length, 20);
});

test("fastLayerNorm matches learn.layerNorm in values and in gradients for input, gain and shift", () => {
  const rng = createRng(12);
  const x = tf.tensor2d(Float32Array.from({ length: 5 * 7 }, () => rng.normal(1, 3)), [5, 7]);
  const gain = tf.tensor1d(Float32Array.from({ length: 7 }, () => rng.normal(1, 0.5)));
  const shift = tf.tensor1d(Float32Array.from({ length: 7 }, () => rng.normal()));
  const weights = tf.tensor2d(Float32Array.from({ length: 35 }, () => rng.normal()), [5, 7]);
  const reference = layerNorm({ dim: 7, rng: createRng(1) });
  const fast = fastLayerNorm({ dim: 7, rng: createRng(1) });
  const run = (layer: typeof fast) => {
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(layer.apply(a, { gain: g, shift: b }), weights));
    const grads = tf.grads(f as (...xs: tf.Tensor[]) => tf.Tensor)([x, gain, shift]);
    return [layer.apply(x, { gain, shift }), ...grads].map((t) => Array.from(t.dataSync()));
  };
  const want = run(reference), got = run(fast);
  want.forEach((w, k) => w.forEach((v, i) => assert.ok(Math.abs(v - got[k]![i]!) < 1e-4 * (1 + Math.abs(v)), `output ${k}[${i}]: ${got[k]![i]} vs ${v}`)));
});
