import { test } from "node:test";
import assert from "node:assert/strict";
import { binaryHgf, filterBinaryHgf, filterContinuousHgf } from "./hgf.js";
import { PredictiveGraph } from "./graph.js";
import { createRng } from "../../../core/rng.js";
import { CajalError } from "../../../core/errors.js";

const close = (a: number, b: number, tol = 1e-12, what = "") =>
  assert.ok(Math.abs(a - b) <= tol * (1 + Math.abs(b)), `${what} ${a} vs ${b}`);

const s = (x: number) => 1 / (1 + Math.exp(-x));

test("a continuous state with no parent and one input reduces to the Kalman filter of a random walk", () => {
  const omega = -2;
  const inputPrecision = 4;
  const rng = createRng(3);
  const u = Array.from({ length: 50 }, (_, t) => Math.sin(t / 5) + rng.normal(0, 0.5));
  const run = filterContinuousHgf(u, { levels: 1, omega1: omega, inputPrecision, mean1: 0.3, precision1: 2 });
  // Kalman recursion for x_t = x_{t−1} + N(0, q), u_t = x_t + N(0, r): P⁻ = P + q, K = P⁻/(P⁻ + r).
  const q = Math.exp(omega);
  const r = 1 / inputPrecision;
  let m = 0.3;
  let P = 1 / 2;
  for (let t = 0; t < u.length; t++) {
    const Pminus = P + q;
    const K = Pminus / (Pminus + r);
    m = m + K * (u[t]! - m);
    P = (1 - K) * Pminus;
    close(run.mean1[t]!, m, 1e-12, `mean at ${t}`);
    close(run.precision1[t]!, 1 / P, 1e-12, `precision at ${t}`);
    close(run.learningRate[t]!, K, 1e-9, `learning rate at ${t}`);
    // Predictive surprise −log N(u; m⁻, P⁻ + r).
    const mPrev = t === 0 ? 0.3 : run.mean1[t - 1]!;
    const v = Pminus + r;
    close(run.surprise[t]!, 0.5 * Math.log(2 * Math.PI * v) + (u[t]! - mPrev) ** 2 / (2 * v), 1e-12, `surprise at ${t}`);
  }
});

test("the 3-level binary HGF matches Mathys et al. (2011) update equations on a hand-worked sequence", () => {
  const p = { omega2: -3.5, omega3: -5, kappa: 1.3, mean2: 0.2, precision2: 1.5, mean3: 0.8, precision3: 2 };
  const u = [1, 1, 0, 1, 0, 0];
  const run = filterBinaryHgf(u, p);
  // Mathys et al. 2011, eqs. 23–33, written in their notation (r₂ form, independent of pyhgf's γ form).
  let mu2 = p.mean2, pi2 = p.precision2, mu3 = p.mean3, pi3 = p.precision3;
  for (let t = 0; t < u.length; t++) {
    const muhat1 = s(mu2);
    close(run.expectedMean1[t]!, muhat1, 1e-12, `μ̂₁ at ${t}`);
    const v2 = Math.exp(p.kappa * mu3 + p.omega2);
    const pihat2 = 1 / (1 / pi2 + v2);
    const delta1 = u[t]! - muhat1;
    const pi2new = pihat2 + muhat1 * (1 - muhat1);
    const mu2new = mu2 + delta1 / pi2new;
    const pihat3 = 1 / (1 / pi3 + Math.exp(p.omega3));
    const w2 = v2 * pihat2; // = v2 / (1/π₂ + v2)
    const r2 = (v2 - 1 / pi2) / (v2 + 1 / pi2);
    const delta2 = (1 / pi2new + (mu2new - mu2) ** 2) / (1 / pi2 + v2) - 1;
    const pi3new = pihat3 + ((p.kappa ** 2) / 2) * w2 * (w2 + r2 * delta2);
    const mu3new = mu3 + (p.kappa / 2) * w2 * delta2 / pi3new;
    mu2 = mu2new; pi2 = pi2new; mu3 = mu3new; pi3 = pi3new;
    close(run.mean2[t]!, mu2, 1e-12, `μ₂ at ${t}`);
    close(run.precision2[t]!, pi2, 1e-12, `π₂ at ${t}`);
    close(run.mean3[t]!, mu3, 1e-12, `μ₃ at ${t}`);
    close(run.precision3[t]!, pi3, 1e-12, `π₃ at ${t}`);
    close(run.surprise[t]!, -Math.log(u[t] === 1 ? muhat1 : 1 - muhat1), 1e-12, `surprise at ${t}`);
  }
  assert.equal(run.brokeDownAt, -1);
});

test("the 2-level binary HGF has no volatility level and a fixed step variance exp(ω₂)", () => {
  const run = filterBinaryHgf([1, 0, 1], { levels: 2, omega2: -2, mean2: 0, precision2: 1 });
  let mu2 = 0, pi2 = 1;
  for (const [t, ut] of [1, 0, 1].entries()) {
    const m1 = s(mu2);
    const pihat = 1 / (1 / pi2 + Math.exp(-2));
    pi2 = pihat + m1 * (1 - m1);
    mu2 = mu2 + (ut - m1) / pi2;
    close(run.mean2[t]!, mu2);
    close(run.precision2[t]!, pi2);
    assert.ok(Number.isNaN(run.mean3[t]!));
  }
});

test("volatility coupling between continuous states follows the posterior-precision form of Mathys et al. (2014)", () => {
  const p = { omega1: -3, omega2: -4, kappa: 0.8, inputPrecision: 10, mean1: 0.1, precision1: 3, mean2: -0.5, precision2: 2 };
  const u = [0.5, -0.2, 1.4, 1.1];
  const run = filterContinuousHgf(u, p);
  let mu1 = p.mean1, pi1 = p.precision1, mu2 = p.mean2, pi2 = p.precision2;
  for (let t = 0; t < u.length; t++) {
    const pihat2 = 1 / (1 / pi2 + Math.exp(p.omega2));
    const v1 = Math.exp(p.kappa * mu2 + p.omega1);
    const pihat1 = 1 / (1 / pi1 + v1);
    const pi1new = pihat1 + p.inputPrecision;
    const mu1new = mu1 + (p.inputPrecision / pi1new) * (u[t]! - mu1);
    const w1 = v1 * pihat1;
    const delta1 = pihat1 / pi1new + pihat1 * (mu1new - mu1) ** 2 - 1;
    const pi2new = pihat2 + 0.5 * (p.kappa * w1) ** 2 + (p.kappa * w1) ** 2 * delta1 - 0.5 * p.kappa ** 2 * w1 * delta1;
    const mu2new = mu2 + 0.5 * p.kappa * w1 * delta1 / pi2new;
    mu1 = mu1new; pi1 = pi1new; mu2 = mu2new; pi2 = pi2new;
    close(run.mean1[t]!, mu1, 1e-12, `μ₁ at ${t}`);
    close(run.precision1[t]!, pi1, 1e-12, `π₁ at ${t}`);
    close(run.mean2[t]!, mu2, 1e-12, `μ₂ at ${t}`);
    close(run.precision2[t]!, pi2, 1e-12, `π₂ at ${t}`);
  }
});

test("the continuous HGF raises its learning rate when the walk becomes volatile", () => {
  const rng = createRng(11);
  const u: number[] = [];
  let x = 0;
  for (let t = 0; t < 400; t++) {
    x += rng.normal(0, t < 200 ? 0.05 : 0.5);
    u.push(x + rng.normal(0, 0.2));
  }
  const run = filterContinuousHgf(u);
  const avg = (a: number, b: number) => run.learningRate.slice(a, b).reduce((s, v) => s + v, 0) / (b - a);
  assert.ok(avg(250, 400) > 2 * avg(100, 200), `${avg(250, 400)} vs ${avg(100, 200)}`);
  assert.ok(run.mean2[399]! > run.mean2[199]! + 1);
});

test("the binary HGF's belief follows a change of the outcome probability", () => {
  const rng = createRng(5);
  const u = Array.from({ length: 200 }, (_, t) => (rng.uniform() < (t < 100 ? 0.9 : 0.1) ? 1 : 0));
  const run = filterBinaryHgf(u, { omega2: -3 });
  const avg = (a: number, b: number) => run.expectedMean1.slice(a, b).reduce((s, v) => s + v, 0) / (b - a);
  assert.ok(avg(50, 100) > 0.75, `first block ${avg(50, 100)}`);
  assert.ok(avg(150, 200) < 0.25, `second block ${avg(150, 200)}`);
});

test("a filter whose beliefs break down reports the step instead of hiding it", () => {
  // A high tonic volatility makes volatility prediction errors large and negative: π₃ turns negative.
  const u = Array.from({ length: 100 }, (_, t) => (t % 7 < 3 ? 1 : 0));
  const run = filterBinaryHgf(u, { omega2: 0 });
  assert.ok(run.brokeDownAt >= 0);
  assert.ok(!(run.precision3[run.brokeDownAt]! > 0 && Number.isFinite(run.mean3[run.brokeDownAt]!)));
  for (let t = 0; t < run.brokeDownAt; t++) assert.ok(run.precision3[t]! > 0);
});

test("bad model parameters are reported together", () => {
  assert.throws(() => binaryHgf({ omega2: NaN, precision2: -1 }), (e: unknown) =>
    e instanceof CajalError && e.problems.length === 2 && e.problems.every((p) => p.ruleId === "hgf-bad-parameter"));
});

test("the binary HGF is an ordinary graph: three nodes, volatility above value", () => {
  const m = binaryHgf();
  assert.ok(m.graph instanceof PredictiveGraph);
  assert.deepEqual(m.graph.nodeAt(m.level2).volatilityParents.map((c) => c.node), [m.level3]);
  assert.deepEqual(m.graph.nodeAt(m.input).valueParents.map((c) => c.node), [m.level2]);
  assert.deepEqual(m.graph.updateSequence.predictions.map((s) => s.node), [m.level3, m.level2, m.input]);
  assert.deepEqual(m.graph.updateSequence.posteriors.map((s) => s.node), [m.level2, m.level3]);
});
