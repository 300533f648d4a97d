// Weights, delays, cell parameters and initial values given as functions of the indices (PyNN's
// index-based expressions): evaluated once per element with the indices the docs promise, checked
// like any other value, and exported to PyNN as the values Cajal used.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cellParameters, cells, connect, expandProjection, initialValues, network } from "../../src/model/index.js";

test("a weight function gets each connection's (pre, post) indices within the projection's groups", () => {
  const net = network({ dt: 0.1, seed: 4 });
  const pre = net.population("pre", 6, cells.lifCurrExp());
  const post = net.population("post", 5, cells.lifCurrExp());
  // Views: indices are within the view, as in a pre × post matrix.
  net.project(pre.slice(2, 6), post.view([1, 3, 4]), connect.fixedProbability(0.7),
    { weight: (i, j) => 0.1 * i + 0.01 * j + 0.001, delay: (i, j) => 1 + 0.1 * (i + j) }, { label: "p" });
  const spec = net.spec();
  const { connections: c, problems } = expandProjection(spec, spec.projections[0]!);
  assert.deepEqual(problems, []);
  assert.ok(c.pre.length > 0);
  const postIds = [1, 3, 4];
  for (let k = 0; k < c.pre.length; k++) {
    const i = c.pre[k]! - 2;
    const j = postIds.indexOf(c.post[k]!);
    assert.ok(j >= 0);
    assert.ok(Math.abs(c.weight[k]! - (0.1 * i + 0.01 * j + 0.001)) < 1e-15);
    assert.ok(Math.abs(c.delayMs[k]! - (1 + 0.1 * (i + j))) < 1e-12);
  }
});

test("a weight function returning NaN or a wrongly signed weight is reported with the connection that got it", async () => {
  const net = network({ dt: 0.1, seed: 4 });
  const a = net.population("a", 3, cells.lifCurrExp());
  net.project(a, a, connect.allToAll(), { weight: (i, j) => (i === 2 && j === 1 ? Number.NaN : 0.1) }, { label: "nan" });
  const spec = net.spec();
  const { problems } = expandProjection(spec, spec.projections[0]!);
  assert.equal(problems[0]?.ruleId, "value-function-not-finite");
  assert.match(problems[0]!.place, /\[pre 2, post 1\]/);
  await assert.rejects(net.run(1), CajalError);

  const signed = network({ dt: 0.1, seed: 4 });
  const b = signed.population("b", 3, cells.lifCurrExp());
  signed.project(b, b, connect.allToAll(), { weight: (i) => 0.1 - 0.1 * i }, { label: "neg", receptor: "excitatory" });
  const s2 = signed.spec();
  assert.ok(expandProjection(s2, s2.projections[0]!).problems.some((p) => /weight/.test(p.place)));
});

test("a function of more than two arguments is refused where it is given", () => {
  const net = network({ dt: 0.1, seed: 4 });
  const a = net.population("a", 3, cells.lifCurrExp());
  assert.throws(
    () => net.project(a, a, connect.allToAll(), { weight: ((i: number, j: number, k: number) => i + j + k) as unknown as number }),
    (e: unknown) => e instanceof CajalError && /3 arguments/.test(e.message),
  );
});

test("cell parameters and initial values as functions of the neuron index", () => {
  const net = network({ dt: 0.1, seed: 4 });
  const exc = net.population("exc", 8, cells.lifCurrExp({ tauM: (i) => 10 + i }));
  exc.slice(4, 8).initialize({ v: (i) => -70 + i });
  const spec = net.spec();
  const pop = spec.populations[0]!;
  assert.deepEqual(Array.from(cellParameters(spec, pop).values.tauM!), [10, 11, 12, 13, 14, 15, 16, 17]);
  // The view's index: neuron 4 is the view's 0.
  assert.deepEqual(Array.from(initialValues(spec, pop).v!).slice(4), [-70, -69, -68, -67]);
});

test("a per-neuron function is evaluated when given: a bad value names the neuron, a value out of range too", () => {
  const net = network({ dt: 0.1, seed: 4 });
  const exc = net.population("exc", 5, cells.lifCurrExp());
  assert.throws(() => exc.initialize({ v: (i) => (i === 3 ? Number.POSITIVE_INFINITY : -65) }),
    (e: unknown) => e instanceof CajalError && e.problems[0]!.ruleId === "value-function-not-finite" && /\[3\]/.test(e.problems[0]!.place));
  const bad = network({ dt: 0.1, seed: 4 });
  const pop = bad.population("p", 5, cells.lifCurrExp({ tauM: (i) => 10 - 3 * i }));
  const spec = bad.spec();
  const { problems } = cellParameters(spec, spec.populations.find((p) => p.label === pop.label)!);
  assert.ok(problems.some((p) => p.ruleId === "param-out-of-range" && /tauM\[4\]/.test(p.place)), JSON.stringify(problems));
});

test("toPyNN writes function-given weights and drawn, listed or computed initial values as the values Cajal uses", () => {
  const net = network({ dt: 0.1, seed: 9 });
  const exc = net.population("exc", 4, cells.lifCurrExp());
  exc.initialize({ v: { distribution: "uniform", low: -70, high: -60 } });
  const inh = net.population("inh", 3, cells.lifCurrExp());
  inh.view([0, 2]).initialize({ v: (i) => -66 - i });
  net.project(exc, inh, connect.allToAll(), { weight: (i, j) => 0.01 * (1 + i + j) }, { label: "ei" });
  const script = net.toPyNN();
  const spec = net.spec();
  const drawn = initialValues(spec, spec.populations[0]!).v!;
  assert.ok(drawn.every((v) => v >= -70 && v <= -60));
  assert.ok(script.includes(`exc.initialize(v=[${Array.from(drawn).join(", ")}])`), script);
  // Neuron 1 keeps its default v (v_rest = −65 mV).
  assert.ok(script.includes("inh.initialize(v=[-66.0, -65.0, -67.0])"), script);
  assert.ok(script.includes("(3, 2, 0.06, 0.1)"), script);
  assert.doesNotMatch(script, /not exported/);
});

test("toPyNN refuses a model Cajal refuses (a negative excitatory weight from a list)", () => {
  const net = network({ dt: 0.1, seed: 9 });
  const a = net.population("a", 2, cells.lifCurrExp());
  net.project(a, a, connect.fromList([[0, 1, -0.5, 1]]), { weight: 0.1 }, { receptor: "excitatory" });
  assert.throws(() => net.toPyNN(), CajalError);
});
