import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { mackeyGlass, memoryCapacity, narma, narma10, regressionScore, timeSplit, uniformInput } from "./tasks.js";

test("uniform input is seeded and lies in [−1, 1)", () => {
  const a = uniformInput(1000, createRng(1));
  assert.deepEqual(a, uniformInput(1000, createRng(1)));
  assert.ok(a.every((u) => u >= -1 && u < 1));
  assert.ok(Math.abs(a.reduce((s, u) => s + u, 0) / 1000) < 0.1);
});

test("NARMA-10 follows its recursion, aligned so target[t] = y(t+1)", () => {
  const { input: u, target } = narma10(500, createRng(2));
  assert.ok(u.every((v) => v >= 0 && v < 0.5));
  const y = (t: number) => (t <= 0 ? 0 : target[t - 1]!);
  for (let t = 0; t < 500; t++) {
    let window = 0;
    for (let i = 0; i < 10; i++) window += y(t - i);
    const uLag = t >= 9 ? u[t - 9]! : 0;
    const expected = 0.3 * y(t) + 0.05 * y(t) * window + 1.5 * uLag * u[t]! + 0.1;
    assert.ok(Math.abs(target[t]! - expected) < 1e-14, `step ${t}`);
  }
});

test("NARMA-10 under a constant input settles on the closed-form fixed point", () => {
  // y* = 0.3 y* + 0.5 y*² + 1.5 c² + 0.1  →  y* = 0.7 − √(0.49 − 2(1.5c² + 0.1))
  const c = 0.25;
  const { target } = narma(new Float64Array(400).fill(c));
  const fixed = 0.7 - Math.sqrt(0.49 - 2 * (1.5 * c * c + 0.1));
  assert.ok(Math.abs(target[399]! - fixed) < 1e-9, `${target[399]} vs ${fixed}`);
  assert.throws(() => narma(new Float64Array(200).fill(2)), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "narma-diverged");
});

test("Mackey–Glass on its first delay interval matches the linear ODE's closed form", () => {
  // For 0 ≤ t ≤ τ the delayed value is the constant history x0, so x' = a·x0/(1 + x0ⁿ) − b·x.
  const x0 = 1.2, tau = 17;
  const xs = mackeyGlass(18, createRng(1), { initial: x0, transient: 0, sampleInterval: 1 });
  const p = (0.2 * x0) / (1 + x0 ** 10);
  for (let t = 0; t <= tau; t++) {
    const exact = p / 0.1 + (x0 - p / 0.1) * Math.exp(-0.1 * t);
    assert.ok(Math.abs(xs[t]! - exact) < 1e-10, `t = ${t}: ${xs[t]} vs ${exact}`);
  }
});

test("Mackey–Glass: x = 1 is an equilibrium, and RK4 converges as the step halves beyond the first delay", () => {
  const eq = mackeyGlass(50, createRng(1), { initial: 1, transient: 0 });
  assert.ok(eq.every((x) => Math.abs(x - 1) < 1e-14));
  const opts = { initial: 1.2, transient: 0, sampleInterval: 1 } as const;
  const coarse = mackeyGlass(101, createRng(1), { ...opts, step: 0.2 });
  const fine = mackeyGlass(101, createRng(1), { ...opts, step: 0.1 });
  const finer = mackeyGlass(101, createRng(1), { ...opts, step: 0.05 });
  const e1 = Math.abs(coarse[100]! - finer[100]!);
  const e2 = Math.abs(fine[100]! - finer[100]!);
  // The history's kink at t = 0 (x' jumps from 0) costs RK4 its fourth order after τ; it still converges.
  assert.ok(e2 < 1e-4, `step 0.1 differs by ${e2}`);
  assert.ok(e2 < e1 / 3, `no convergence: ${e1} then ${e2}`);
});

test("Mackey–Glass with τ = 17 stays on its bounded, aperiodic attractor and is seeded", () => {
  const a = mackeyGlass(1500, createRng(3));
  assert.deepEqual(a, mackeyGlass(1500, createRng(3)));
  assert.notDeepEqual(a, mackeyGlass(1500, createRng(4)));
  assert.ok(a.every((x) => x > 0.2 && x < 1.5));
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  const sd = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length);
  assert.ok(sd > 0.1, `sd ${sd}`); // not a fixed point
  assert.throws(() => mackeyGlass(10, createRng(1), { tau: 17.05 }), CajalError);
});

test("memory capacity of a perfect delay line of depth K is K (and no more)", () => {
  // States that hold u(t−1) … u(t−K) exactly: the readout recovers delays ≤ K with r² = 1, later ones ≈ 0.
  const steps = 1500, K = 8;
  const u = uniformInput(steps, createRng(4));
  const data = new Float64Array(steps * K);
  for (let t = 0; t < steps; t++) for (let j = 1; j <= K; j++) data[t * K + j - 1] = t - j >= 0 ? u[t - j]! : 0;
  const mc = memoryCapacity({ data, rows: steps, cols: K }, u, { maxDelay: 20, washout: 50 });
  for (let k = 1; k <= K; k++) assert.ok(Math.abs(mc.perDelay[k - 1]! - 1) < 1e-9, `delay ${k}`);
  for (let k = K + 1; k <= 20; k++) assert.ok(mc.perDelay[k - 1]! < 0.03, `delay ${k}: ${mc.perDelay[k - 1]}`);
  assert.ok(mc.total > K && mc.total < K + 0.3);
});

test("regressionScore is 0 on a target the states hold and ≈ 1 on independent noise", () => {
  const steps = 1000;
  const u = uniformInput(steps, createRng(5));
  const data = new Float64Array(steps * 2);
  for (let t = 0; t < steps; t++) { data[2 * t] = u[t]!; data[2 * t + 1] = u[t]! ** 2; }
  const states = { data, rows: steps, cols: 2 };
  const target = Array.from(u, (v) => 3 * v - 2 * v * v + 0.5);
  assert.ok(regressionScore(states, target, { lambda: 0 }).nrmse < 1e-9);
  const noise = uniformInput(steps, createRng(6));
  const s = regressionScore(states, noise);
  assert.ok(s.nrmse > 0.95 && s.nrmse < 1.1, `${s.nrmse}`);
  assert.equal(s.prediction.length, steps - timeSplit(steps).trainEnd);
});

test("splits: washout 200 and 70 % of the rest for training", () => {
  assert.deepEqual(timeSplit(2500), { trainStart: 200, trainEnd: 1810, end: 2500 });
  assert.throws(() => timeSplit(100), CajalError);
  const states = { data: new Float64Array(300), rows: 300, cols: 1 };
  assert.throws(() => memoryCapacity(states, new Float64Array(300), { washout: 20, maxDelay: 60 }), CajalError);
});
