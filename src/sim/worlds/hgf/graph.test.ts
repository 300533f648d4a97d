import { test } from "node:test";
import assert from "node:assert/strict";
import { PredictiveGraph } from "./graph.js";
import { CajalError } from "../../../core/errors.js";

const ruleOf = (rule: string) => (e: unknown) => e instanceof CajalError && e.problems.some((p) => p.ruleId === rule);

function chain() {
  const g = new PredictiveGraph();
  const top = g.addNode({ kind: "continuous-state", tonicVolatility: -2 });
  const x = g.addNode({ kind: "continuous-state", tonicVolatility: -1, precision: 2 }, { volatilityParents: [top] });
  const u = g.addNode({ kind: "continuous-input", inputPrecision: 5 }, { valueParents: [x] });
  return { g, top, x, u };
}

test("the default sequence predicts parents before children and updates children before parents", () => {
  const { g, top, x, u } = chain();
  assert.deepEqual(g.updateSequence.predictions, [
    { node: top, update: "continuousPrediction" }, { node: x, update: "continuousPrediction" }, { node: u, update: "continuousInputPrediction" },
  ]);
  assert.deepEqual(g.updateSequence.posteriors, [{ node: x, update: "continuousPosterior" }, { node: top, update: "continuousPosterior" }]);
});

test("prediction of a node without parents: μ̂ = λμ + Δt·ρ and π̂ = 1/(1/π + Δt·e^ω)", () => {
  const g = new PredictiveGraph();
  const x = g.addNode({ kind: "continuous-state", mean: 2, precision: 4, tonicVolatility: -1, tonicDrift: 0.3, autoconnection: 0.5 });
  g.predict(2);
  const n = g.nodeAt(x);
  assert.ok(Math.abs(n.expectedMean - (0.5 * 2 + 2 * 0.3)) < 1e-15);
  assert.ok(Math.abs(n.expectedPrecision - 1 / (1 / 4 + 2 * Math.exp(-1))) < 1e-15);
  assert.ok(Math.abs(n.predictedVolatility - 2 * Math.exp(-1)) < 1e-15);
});

test("an unobserved input leaves its parent at its prediction: the belief only widens", () => {
  const { g, x } = chain();
  const before = g.nodeAt(x).precision;
  g.update();
  const n = g.nodeAt(x);
  assert.equal(n.informed, false);
  assert.equal(n.mean, n.expectedMean);
  assert.equal(n.precision, n.expectedPrecision);
  assert.ok(n.precision < before);
});

test("nodes can be added and removed during a run; the sequence follows the structure", () => {
  const { g, top, x, u } = chain();
  g.observe(u, 1);
  g.update();
  // Add a second input to x mid-run; both observations now inform x.
  const u2 = g.addNode({ kind: "continuous-input", inputPrecision: 5 }, { valueParents: [x] });
  assert.ok(g.updateSequence.predictions.some((s) => s.node === u2));
  g.predict();
  const pihat = g.nodeAt(x).expectedPrecision;
  g.observe(u, 1);
  g.observe(u2, 1);
  g.updatePosterior();
  assert.ok(Math.abs(g.nodeAt(x).precision - (pihat + 10)) < 1e-12); // two inputs of precision 5
  // Remove the volatility parent: x's prediction now uses its tonic volatility alone.
  g.removeNode(top);
  assert.equal(g.has(top), false);
  assert.deepEqual(g.nodeAt(x).volatilityParents, []);
  assert.ok(!g.updateSequence.predictions.some((s) => s.node === top));
  g.predict();
  const n = g.nodeAt(x);
  assert.ok(Math.abs(n.expectedPrecision - 1 / (1 / n.precision + Math.exp(-1))) < 1e-12);
  assert.throws(() => g.nodeAt(top), ruleOf("hgf-unknown-node"));
  // Ids are not reused.
  const again = g.addNode({ kind: "continuous-state" });
  assert.equal(again, u2 + 1);
});

test("connect and disconnect change the couplings both ends see", () => {
  const g = new PredictiveGraph();
  const a = g.addNode({ kind: "continuous-state" });
  const b = g.addNode({ kind: "continuous-state" });
  g.connect(a, b, "volatility", 0.5);
  assert.deepEqual(g.nodeAt(a).volatilityChildren, [{ node: b, strength: 0.5 }]);
  assert.throws(() => g.connect(a, b, "volatility"), ruleOf("hgf-bad-edge"));
  g.disconnect(a, b, "volatility");
  assert.deepEqual(g.nodeAt(a).volatilityChildren, []);
  assert.deepEqual(g.nodeAt(b).volatilityParents, []);
});

test("a cycle is refused and leaves the graph unchanged", () => {
  const g = new PredictiveGraph();
  const a = g.addNode({ kind: "continuous-state" });
  const b = g.addNode({ kind: "continuous-state" }, { valueParents: [a] });
  assert.throws(() => g.connect(b, a, "volatility"), ruleOf("hgf-cycle"));
  assert.deepEqual(g.nodeAt(a).volatilityParents, []);
  assert.deepEqual(g.nodeAt(b).volatilityChildren, []);
  g.update(); // still runs
});

test("inputs cannot be parents, inputs have no volatility, and bad attributes are all reported", () => {
  const g = new PredictiveGraph();
  const x = g.addNode({ kind: "continuous-state" });
  const u = g.addNode({ kind: "binary-input" }, { valueParents: [x] });
  assert.throws(() => g.addNode({ kind: "continuous-state" }, { valueParents: [u] }), ruleOf("hgf-bad-edge"));
  assert.throws(() => g.addNode({ kind: "continuous-input" }, { volatilityParents: [x] }), ruleOf("hgf-bad-edge"));
  assert.throws(() => g.addNode({ kind: "continuous-state", precision: 0, mean: NaN }), (e: unknown) => e instanceof CajalError && e.problems.length === 2);
  assert.equal(g.ids.length, 2); // failed calls added nothing
});

test("observations are checked: only inputs, 0/1 for binary inputs, finite values", () => {
  const g = new PredictiveGraph();
  const x = g.addNode({ kind: "continuous-state" });
  const b = g.addNode({ kind: "binary-input" }, { valueParents: [x] });
  const c = g.addNode({ kind: "continuous-input" }, { valueParents: [x] });
  assert.throws(() => g.observe(x, 1), ruleOf("hgf-bad-observation"));
  assert.throws(() => g.observe(b, 0.5), ruleOf("hgf-bad-observation"));
  assert.throws(() => g.observe(c, Infinity), ruleOf("hgf-bad-observation"));
  assert.throws(() => g.updatePosterior(), ruleOf("hgf-no-prediction"));
});

test("a binary input's parent receives precision μ̂(1−μ̂) and mean step δ/π", () => {
  const g = new PredictiveGraph();
  const x = g.addNode({ kind: "continuous-state", mean: 0.4, precision: 2, tonicVolatility: -3 });
  const u = g.addNode({ kind: "binary-input" }, { valueParents: [x] });
  g.observe(u, 0);
  g.update();
  const m1 = 1 / (1 + Math.exp(-0.4));
  const pihat = 1 / (1 / 2 + Math.exp(-3));
  const pi = pihat + m1 * (1 - m1);
  assert.ok(Math.abs(g.nodeAt(x).precision - pi) < 1e-14);
  assert.ok(Math.abs(g.nodeAt(x).mean - (0.4 + (0 - m1) / pi)) < 1e-14);
  assert.ok(Math.abs(g.nodeAt(u).surprise + Math.log(1 - m1)) < 1e-14);
});

test("value coupling with strength κ weights the child's precision by κ² and its error by κ", () => {
  const g = new PredictiveGraph();
  const x = g.addNode({ kind: "continuous-state", mean: 1, precision: 1, tonicVolatility: -2 });
  const u = g.addNode({ kind: "continuous-input", inputPrecision: 3 }, { valueParents: [[x, 2]] });
  g.observe(u, 5);
  g.update();
  const pihat = 1 / (1 + Math.exp(-2));
  const pi = pihat + 4 * 3;
  assert.ok(Math.abs(g.nodeAt(u).expectedMean - 2) < 1e-15); // μ̂_u = κ·μ̂_x
  assert.ok(Math.abs(g.nodeAt(x).precision - pi) < 1e-12);
  assert.ok(Math.abs(g.nodeAt(x).mean - (1 + (2 * 3 * (5 - 2)) / pi)) < 1e-12);
});

test("a custom sequence is validated, used, and dropped when the structure changes", () => {
  const { g, top, x, u } = chain();
  assert.throws(() => g.setUpdateSequence({ predictions: [{ node: u, update: "continuousPrediction" }], posteriors: [] }), ruleOf("hgf-bad-sequence"));
  assert.throws(() => g.setUpdateSequence({ predictions: [], posteriors: [{ node: 99, update: "continuousPosterior" }] }), ruleOf("hgf-unknown-node"));
  // Skip x's posterior: an observation then changes nothing above the input.
  g.setUpdateSequence({ predictions: g.updateSequence.predictions, posteriors: [{ node: top, update: "continuousPosterior" }] });
  assert.equal(g.hasCustomSequence, true);
  const before = g.nodeAt(x).mean;
  g.observe(u, 10);
  g.update();
  assert.equal(g.nodeAt(x).mean, before);
  g.addNode({ kind: "continuous-state" });
  assert.equal(g.hasCustomSequence, false);
  g.observe(u, 10);
  g.update();
  assert.ok(g.nodeAt(x).mean > before + 1);
});

test("a graph shows itself as text", () => {
  const { g } = chain();
  const text = g.toMimeBundle()["text/plain"]!;
  assert.match(text, /PredictiveGraph: 3 nodes/);
  assert.match(text, /volatility←0/);
});
