import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import * as k from "./kuramoto.js";

test("two oscillators lock with phase difference asin(Δω/K), so r = cos(φ/2), and drift apart when K < Δω", () => {
  // Two oscillators: φ = θ2 − θ1 obeys dφ/dt = Δω − K sin φ (the mean-field form with N = 2).
  const rng = createRng(1);
  const dOmega = 10; const coupling = 20;
  const run = k.simulateKuramoto({ frequenciesRadPerS: Float64Array.of(-dOmega / 2, dOmega / 2), coupling, dtMs: 0.01, durationMs: 2000, initialPhases: Float64Array.of(0, 0) }, rng);
  const phi = Math.asin(dOmega / coupling);
  assert.ok(Math.abs(run.meanOrder - Math.cos(phi / 2)) < 1e-3, `r ${run.meanOrder} vs ${Math.cos(phi / 2)}`);
  // Below locking, r(t) = |cos(φ(t)/2)| sweeps through 0 and 1; its time average is well below 1.
  const drift = k.simulateKuramoto({ frequenciesRadPerS: Float64Array.of(-15, 15), coupling: 10, dtMs: 0.01, durationMs: 4000, initialPhases: Float64Array.of(0, 0) }, rng);
  let minR = 1; for (const r of drift.order) minR = Math.min(minR, r);
  assert.ok(minR < 0.05, `phase slips make r pass near 0 (min ${minR})`);
});

test("the self-consistency solver gives r = √(1 − K_c/K) for a Lorentzian and 0 below K_c", () => {
  const gamma = 5; const kc = k.lorentzianCriticalCoupling(gamma);
  for (const ratio of [1.5, 2, 4]) {
    const r = k.steadyOrderParameter(ratio * kc, k.lorentzianDensity(gamma));
    assert.ok(Math.abs(r - Math.sqrt(1 - 1 / ratio)) < 2e-3, `K/Kc ${ratio}: ${r}`);
  }
  assert.equal(k.steadyOrderParameter(0.9 * kc, k.lorentzianDensity(gamma)), 0);
  assert.equal(k.steadyOrderParameter(0.99 * k.gaussianCriticalCoupling(3), k.gaussianDensity(3)), 0);
  assert.ok(k.steadyOrderParameter(1.05 * k.gaussianCriticalCoupling(3), k.gaussianDensity(3)) > 0);
});

test("a large population with Lorentzian quantile frequencies reaches the analytic r above K_c and stays incoherent below", () => {
  const n = 2000; const gamma = 2 * Math.PI; // 1 Hz half-width
  const omega = new Float64Array(n);
  for (let i = 0; i < n; i++) omega[i] = gamma * Math.tan(Math.PI * ((i + 0.5) / n - 0.5));
  const kc = k.lorentzianCriticalCoupling(gamma);
  const rng = createRng(5);
  const above = k.simulateKuramoto({ frequenciesRadPerS: omega, coupling: 2 * kc, dtMs: 0.5, durationMs: 3000 }, rng);
  assert.ok(Math.abs(above.meanOrder - Math.SQRT1_2) < 0.05, `r at 2Kc ${above.meanOrder} vs 0.707`);
  const below = k.simulateKuramoto({ frequenciesRadPerS: omega, coupling: 0.5 * kc, dtMs: 0.5, durationMs: 3000 }, rng);
  assert.ok(below.meanOrder < 0.1, `r at Kc/2 ${below.meanOrder}`);
});

test("the Gaussian critical coupling is 2√(2π)σ/π and bad options are reported together", () => {
  assert.ok(Math.abs(k.gaussianCriticalCoupling(1) - 2 / (Math.PI * (1 / Math.sqrt(2 * Math.PI)))) < 1e-12);
  assert.throws(() => k.simulateKuramoto({ frequenciesRadPerS: new Float64Array(3), coupling: NaN, dtMs: -1 }, createRng(1)),
    (e: unknown) => e instanceof CajalError && e.problems.length >= 2);
});
