// Rate populations and the rate-based rules on the reference backend, against closed forms:
// exact exponential relaxation, delays to the step, Oja's principal component and subspace,
// BCM's fixed point, Hebbian growth with decay, and the errors a user meets.
import assert from "node:assert/strict";
import { test } from "node:test";
import { symmetricEigen } from "../../src/core/decomp.js";
import { CajalError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/rng.js";
import { cells, connect, network, plasticity } from "../../src/model/index.js";
import "../../src/sim/index.js";

const ruleOf = (e: unknown) => (e instanceof CajalError ? e.problems.map((p) => p.ruleId) : []);

test("a rate unit relaxes exactly: r(t) = w·x·(1 − e^(−t/τ)) at every step", async () => {
  const net = network({ dt: 0.5, seed: 1 });
  const src = net.population("src", 1, cells.rateSource({ patterns: [[1.5]] }));
  const unit = net.population("unit", 1, cells.rateUnit({ tauMs: 10 }));
  unit.record("rate");
  net.project(src, unit, connect.oneToOne(), { weight: 2, delay: 0.5 });
  const first = await net.run(20);
  const run = await net.run(30); // continues from where the first run stopped
  assert.equal(first.trace("unit", "rate", 0).values.length, 40);
  const { t, values } = run.trace("unit", "rate", 0);
  assert.equal(values.length, 100);
  for (let k = 0; k < values.length; k++) {
    const expected = 3 * (1 - Math.exp(-t[k]! / 10));
    assert.ok(Math.abs(values[k]! - expected) <= 1e-12 * Math.max(1, expected), `t=${t[k]}: ${values[k]} vs ${expected}`);
  }
});

test("activations, gain and bias: r = f(gain·I + bias) for a unit with τ = 0", async () => {
  for (const [activation, f] of [["relu", (u: number) => Math.max(0, u)], ["tanh", Math.tanh], ["sigmoid", (u: number) => 1 / (1 + Math.exp(-u))]] as const) {
    const net = network({ dt: 1, seed: 1 });
    const src = net.population("src", 3, cells.rateSource({ patterns: [[-2, 0.5, 3]] }));
    const unit = net.population("unit", 3, cells.rateUnit({ tauMs: 0, activation, gain: 1.5, bias: -0.25 }));
    unit.record("rate");
    net.project(src, unit, connect.oneToOne(), { weight: 1 });
    const run = await net.run(3);
    [-2, 0.5, 3].forEach((x, i) => assert.ok(Math.abs(run.trace("unit", "rate", i).values[2]! - f(1.5 * x - 0.25)) < 1e-15, activation));
  }
});

test("delays are exact to the step: a pulse arrives d steps later", async () => {
  const net = network({ dt: 1, seed: 1 });
  const pattern = [[1], [0], [0], [0], [0], [0], [0], [0]];
  const src = net.population("src", 1, cells.rateSource({ patterns: pattern, presentMs: 1 }));
  const out = net.population("out", 1, cells.rateUnit({ tauMs: 0 }));
  src.record("rate");
  out.record("rate");
  net.project(src, out, connect.oneToOne(), { weight: 0.5, delay: 3 });
  const run = await net.run(16);
  const x = run.trace("src", "rate", 0).values;
  const y = run.trace("out", "rate", 0).values;
  assert.deepEqual(Array.from(x), [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  for (let s = 3; s < 16; s++) assert.equal(y[s], 0.5 * x[s - 3]!);
});

/** Samples of a correlated Gaussian in `dim` dimensions, and their second-moment matrix E[x·xᵀ]. */
function correlatedPatterns(n: number, dim: number, seed: number) {
  const rng = createRng(seed);
  const mix = Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? 1 : 0) + 0.6 * (j === 0 ? 1 : 0) * (i + 1) / dim + 0.3 * rng.normal()));
  const patterns = Array.from({ length: n }, () => {
    const z = Array.from({ length: dim }, (_, k) => rng.normal() * (k === 0 ? 2 : 1));
    return mix.map((row) => row.reduce((s, m, j) => s + m * z[j]!, 0));
  });
  const c = new Float64Array(dim * dim);
  for (const p of patterns) for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) c[i * dim + j]! += (p[i]! * p[j]!) / n;
  const { values, vectors } = symmetricEigen(c, dim);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!);
  const eigvec = (k: number) => Array.from({ length: dim }, (_, i) => vectors[i * dim + order[k]!]!);
  return { patterns, eigvec };
}

test("Oja's rule turns a linear unit's weights to the first principal direction, at unit length", async () => {
  for (const seed of [1, 2]) {
    const dim = 4;
    const { patterns, eigvec } = correlatedPatterns(200, dim, seed);
    const net = network({ dt: 1, seed });
    const src = net.population("src", dim, cells.rateSource({ patterns, presentMs: 1, order: "random" }));
    const unit = net.population("unit", 1, cells.rateUnit({ tauMs: 0 }));
    net.project(src, unit, connect.allToAll(), { weight: { distribution: "uniform", low: -0.3, high: 0.3 }, plasticity: plasticity.oja({ rate: 0.002 }) }, { label: "w" });
    const run = await net.run(20_000);
    const w = Array.from(run.weights("w").weight);
    const norm = Math.hypot(...w);
    const cosine = Math.abs(w.reduce((s, wi, i) => s + wi * eigvec(0)[i]!, 0)) / norm;
    assert.ok(Math.abs(norm - 1) < 0.05, `seed ${seed}: |w| = ${norm}`);
    assert.ok(cosine > 0.99, `seed ${seed}: |cos(w, e1)| = ${cosine}`);
  }
});

test("Oja's subspace rule: two units' weights become orthonormal and span the leading two-dimensional subspace", async () => {
  const dim = 5;
  const { patterns, eigvec } = correlatedPatterns(300, dim, 3);
  const net = network({ dt: 1, seed: 3 });
  const src = net.population("src", dim, cells.rateSource({ patterns, presentMs: 1, order: "random" }));
  const units = net.population("units", 2, cells.rateUnit({ tauMs: 0 }));
  net.project(src, units, connect.allToAll(), { weight: { distribution: "uniform", low: -0.3, high: 0.3 }, plasticity: plasticity.oja({ rate: 0.002, subspace: true }) }, { label: "w" });
  const run = await net.run(30_000);
  const m = run.weightMatrix("w"); // pre × post
  const row = (k: number) => Array.from({ length: dim }, (_, i) => m.values[i * 2 + k]!);
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  const [w0, w1] = [row(0), row(1)];
  assert.ok(Math.abs(dot(w0, w0) - 1) < 0.06 && Math.abs(dot(w1, w1) - 1) < 0.06, `norms ${dot(w0, w0)}, ${dot(w1, w1)}`);
  assert.ok(Math.abs(dot(w0, w1)) < 0.06, `w0·w1 = ${dot(w0, w1)}`);
  // Each weight vector lies in span(e1, e2): its projection keeps nearly all its length.
  for (const w of [w0, w1]) {
    const inside = dot(w, eigvec(0)) ** 2 + dot(w, eigvec(1)) ** 2;
    assert.ok(inside / dot(w, w) > 0.97, `fraction in the leading subspace ${inside / dot(w, w)}`);
  }
});

test("BCM under constant input settles where y = θ = 1", async () => {
  const net = network({ dt: 1, seed: 1 });
  const src = net.population("src", 1, cells.rateSource({ patterns: [[0.5]] }));
  const unit = net.population("unit", 1, cells.rateUnit({ tauMs: 0 }));
  unit.record("rate");
  net.project(src, unit, connect.oneToOne(), { weight: 0.4, plasticity: plasticity.bcm({ rate: 0.05, tauTheta: 20 }) }, { label: "w" });
  const run = await net.run(5000);
  const y = run.trace("unit", "rate", 0).values;
  assert.ok(Math.abs(y[y.length - 1]! - 1) < 1e-3, `y = ${y[y.length - 1]}`);
  assert.ok(Math.abs(run.weights("w").weight[0]! - 2) < 2e-3);
});

test("Hebbian learning with decay follows w(n) = w0·(1 + (η·x² − decay)·dt)ⁿ", async () => {
  for (const [eta, decay] of [[0.01, 0.002], [0.001, 0.004]] as const) {
    const net = network({ dt: 0.5, seed: 1 });
    const src = net.population("src", 1, cells.rateSource({ patterns: [[0.8]] }));
    const unit = net.population("unit", 1, cells.rateUnit({ tauMs: 0 }));
    net.project(src, unit, connect.oneToOne(), { weight: 0.3, delay: 0.5, plasticity: plasticity.hebbian({ rate: eta, decay }) }, { label: "w" });
    const run = await net.run(200);
    const expected = 0.3 * (1 + (eta * 0.64 - decay) * 0.5) ** 400;
    assert.ok(Math.abs(run.weights("w").weight[0]! - expected) < 1e-12 * expected, `${run.weights("w").weight[0]} vs ${expected}`);
  }
});

test("weight samples: record(\"weight\", { everyMs }) on a rate projection", async () => {
  const net = network({ dt: 1, seed: 1 });
  const src = net.population("src", 1, cells.rateSource({ patterns: [[1]] }));
  const unit = net.population("unit", 1, cells.rateUnit({ tauMs: 0 }));
  net.project(src, unit, connect.oneToOne(), { weight: 0.5, plasticity: plasticity.oja({ rate: 0.01 }) }, { label: "w" }).record("weight", { everyMs: 10 });
  const run = await net.run(50);
  assert.deepEqual(run.weightHistory("w").map((h) => h.tMs), [10, 20, 30, 40, 50]);
  assert.ok(run.weightHistory("w")[4]!.weight[0]! > run.weightHistory("w")[0]!.weight[0]!);
});

test("rate and spiking populations do not meet: projections, STDP, rate rules and injections are refused with their fix", () => {
  const net = network({ dt: 1, seed: 1 });
  const rates = net.population("rates", 2, cells.rateUnit());
  const src = net.population("src", 2, cells.rateSource({ patterns: [[1, 2]] }));
  const lif = net.population("lif", 2, cells.lifCurrExp());
  const caught = (f: () => unknown) => { try { f(); } catch (e) { return ruleOf(e); } return []; };
  assert.deepEqual(caught(() => net.project(rates, lif, connect.oneToOne(), { weight: 1 })), ["rate-meets-spikes"]);
  assert.deepEqual(caught(() => net.project(lif, rates, connect.oneToOne(), { weight: 1 })), ["rate-meets-spikes"]);
  assert.deepEqual(caught(() => net.project(rates, src, connect.oneToOne(), { weight: 1 })), ["projection-onto-source"]);
  assert.deepEqual(caught(() => net.project(src, rates, connect.oneToOne(), {
    weight: 0.1, plasticity: plasticity.stdp({ timing: plasticity.spikePair(), weight: plasticity.additive() }),
  })), ["stdp-needs-spikes"]);
  assert.deepEqual(caught(() => net.project(lif, lif, connect.oneToOne(), { weight: 0.1, plasticity: plasticity.bcm({ rate: 0.1 }) })), ["plasticity-needs-rates"]);
  assert.deepEqual(caught(() => rates.inject({ kind: "dc", amplitude: 1, start: 0, stop: 10 } as never)), ["inject-into-rate"]);
  assert.deepEqual(caught(() => rates.record("spikes")), ["not-recordable"]);
  assert.deepEqual(caught(() => net.population("bad", 3, cells.rateSource({ patterns: [[1, 2]] }))), ["wrong-size"]);
  assert.deepEqual(caught(() => cells.rateSource({ patterns: [[1, 2], [1]] })), ["bad-patterns"]);
  assert.deepEqual(caught(() => cells.rateUnit({ activation: "softplus" as never, tauMs: -1 })).sort(), ["bad-activation", "param-out-of-range"]);
  assert.deepEqual(caught(() => plasticity.bcm({ rate: 0.1, tauTheta: 0 })), ["bad-setup"]);
});

test("a network holding both kinds is refused when run; toPyNN refuses rate populations", async () => {
  const net = network({ dt: 1, seed: 1 });
  net.population("rates", 2, cells.rateUnit());
  net.population("lif", 2, cells.lifCurrExp());
  await assert.rejects(net.run(5), (e: unknown) => ruleOf(e).includes("rate-meets-spikes"));
  assert.throws(() => net.toPyNN(), (e: unknown) => ruleOf(e).includes("pynn-no-rate-units"));
});

test("a runaway rate and a runaway Hebbian weight stop the run with the time and the fix", async () => {
  const net = network({ dt: 1, seed: 1 });
  const unit = net.population("unit", 1, cells.rateUnit({ tauMs: 0, bias: 1 }));
  net.project(unit, unit, connect.oneToOne(), { weight: 1.5 });
  await assert.rejects(net.run(3000), (e: unknown) => ruleOf(e).includes("rate-not-finite") && /t = \d+ ms/.test((e as Error).message) && /tanh/.test((e as Error).message));

  const hebb = network({ dt: 1, seed: 1 });
  const src = hebb.population("src", 1, cells.rateSource({ patterns: [[1]] }));
  const out = hebb.population("out", 1, cells.rateUnit({ tauMs: 0 }));
  hebb.project(src, out, connect.oneToOne(), { weight: 0.5, plasticity: plasticity.hebbian({ rate: 0.5 }) });
  await assert.rejects(hebb.run(5000), (e: unknown) => ruleOf(e).includes("weight-not-finite") && /decay/.test((e as Error).message));
});

test("same seed, same rates: random pattern order is drawn from the population's own stream", async () => {
  const build = (extra: boolean) => {
    const net = network({ dt: 1, seed: 7 });
    if (extra) net.population("other", 3, cells.rateSource({ patterns: [[1, 1, 1], [0, 0, 0]], order: "random" }));
    const src = net.population("src", 2, cells.rateSource({ patterns: [[1, 0], [0, 1], [1, 1]], order: "random" }));
    src.record("rate");
    return net;
  };
  const a = (await build(false).run(50)).trace("src", "rate", 0).values;
  const b = (await build(true).run(50)).trace("src", "rate", 0).values;
  assert.deepEqual(Array.from(a), Array.from(b));
  assert.ok(new Set(a).size === 2, "both values of unit 0 occur");
});

test("the emulator and the differentiable backend refuse rate populations and name the reference backend", async () => {
  await import("../../src/spinnaker/backend/index.js");
  await import("../../src/diff/index.js");
  const net = network({ dt: 1, seed: 1 });
  const src = net.population("src", 2, cells.rateSource({ patterns: [[1, 2]] }));
  const unit = net.population("unit", 2, cells.rateUnit());
  net.project(src, unit, connect.oneToOne(), { weight: 1 });
  for (const backend of ["spinnaker", "differentiable"]) {
    await assert.rejects(net.run(5, { backend }), (e: unknown) => ruleOf(e).includes("backend-unsupported") && /reference/.test((e as Error).message), backend);
  }
});
