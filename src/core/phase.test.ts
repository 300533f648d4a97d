import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "./errors.js";
import { createRng } from "./rng.js";
import { circularLinearFit, cyclesOf, detectBursts, phasesOf } from "./phase.js";

test("phases and cycles of times in an 8 Hz rhythm follow t/125 ms", () => {
  const ph = phasesOf([0, 31.25, 62.5, 125, 130], { frequencyHz: 8 });
  const want = [0, Math.PI / 2, Math.PI, 0, (2 * Math.PI * 5) / 125];
  want.forEach((w, k) => assert.ok(Math.abs(ph[k]! - w) < 1e-12, `${k}: ${ph[k]} vs ${w}`));
  assert.deepEqual([...cyclesOf([-1, 0, 124.9, 125, 300], { frequencyHz: 8 })], [-1, 0, 0, 1, 2]);
  assert.ok(Math.abs(phasesOf([10], { frequencyHz: 8, zeroMs: 10 })[0]!) < 1e-12);
});

test("the circular–linear fit recovers a negative precession slope from noisy wrapped phases", () => {
  const rng = createRng(9);
  const n = 400; const slope = -0.8; // cycles per unit position
  const x = new Float64Array(n); const phi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    x[k] = rng.uniform();
    const v = 2 * Math.PI * slope * x[k]! + 2.5 + rng.normal(0, 0.4);
    phi[k] = ((v % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  }
  const fit = circularLinearFit(x, phi, -2, 2);
  assert.ok(Math.abs(fit.slope - slope) < 0.05, `slope ${fit.slope}`);
  assert.ok(Math.abs(fit.offset - 2.5) < 0.1, `offset ${fit.offset}`);
  assert.ok(Math.abs(fit.resultant - Math.exp(-0.08)) < 0.05, `R ${fit.resultant} vs e^(−σ²/2)`);
});

test("bursts are runs above threshold, merged across short gaps, short ones dropped", () => {
  const rate = [0, 5, 6, 0, 7, 0, 0, 0, 9, 0];
  const edges = rate.map((_, k) => 10 * k).concat([100]);
  assert.deepEqual(detectBursts(rate, edges, { threshold: 1 }).map((b) => [b.startMs, b.endMs, b.peak]), [[10, 30, 6], [40, 50, 7], [80, 90, 9]]);
  assert.deepEqual(detectBursts(rate, edges, { threshold: 1, mergeGapMs: 10, minDurationMs: 15 }).map((b) => [b.startMs, b.endMs]), [[10, 50]]);
  assert.throws(() => detectBursts(rate, edges.slice(1), { threshold: 1 }), CajalError);
  assert.throws(() => phasesOf([1], { frequencyHz: 0 }), CajalError);
});
