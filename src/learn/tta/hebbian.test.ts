import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { hebbianConvUpdate, hebbianDelta } from "./hebbian.js";

test("the soft Hebbian change of two kernels from two patches matches the hand computation", () => {
  // Kernels as columns of a [2 inputs × 2 kernels] matrix: w₀ = (1, 0), w₁ = (0, 0.5).
  const weights = Float32Array.from([1, 0, 0, 0.5]);
  const patches = Float32Array.from([1, 0, /* p₂ */ 1, 2]);
  const { delta } = hebbianDelta(patches, 2, weights, 2, { eta: 0.1, temperature: 1 });
  // p₁ = (1, 0): u = (1, 0), y = (e/(e+1), 1/(e+1)); p₂ = (1, 2): u = (1, 1), y = (½, ½).
  const e = Math.E;
  const y1 = [e / (e + 1), 1 / (e + 1)];
  const expected = [0, 0, 0, 0];
  const w = [[1, 0], [0, 0.5]]; // w[k] = kernel k
  const terms: Array<[number[], number[], number[]]> = [[[1, 0], [1, 0], y1], [[1, 2], [1, 1], [0.5, 0.5]]];
  for (const [p, u, y] of terms) {
    for (let k = 0; k < 2; k++) for (let d = 0; d < 2; d++) expected[d * 2 + k]! += y[k]! * (p[d]! - u[k]! * w[k]![d]!);
  }
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(delta[i]! - (0.1 / 2) * expected[i]!) < 1e-6, `entry ${i}: ${delta[i]} vs ${(0.05 * expected[i]!)}`);
  // Written out for one entry: Δw₁[1] = 0.05 · (y₁(p₁)·(0 − 0·0.5) + ½·(2 − 1·0.5)) = 0.0375.
  assert.ok(Math.abs(delta[1 * 2 + 1]! - 0.0375) < 1e-6);
});

test("hard competition moves only the winner of each patch; a low temperature approaches it", () => {
  const weights = Float32Array.from([1, 0, 0, 0.5]);
  const patches = Float32Array.from([1, 0, 0, 3]);
  const hard = hebbianDelta(patches, 2, weights, 2, { eta: 1, competition: "hard" });
  // p₁ = (1, 0) is won by kernel 0: Δw₀ += (1,0) − 1·(1,0) = 0. p₂ = (0, 3) by kernel 1 (u = 1.5): Δw₁ += (0,3) − 1.5·(0,0.5).
  assert.deepEqual(Array.from(hard.delta), [0, 0, 0, (3 - 0.75) / 2]);
  assert.deepEqual(Array.from(hard.winShare), [0.5, 0.5]);
  const cold = hebbianDelta(patches, 2, weights, 2, { eta: 1, temperature: 0.01 });
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(cold.delta[i]! - hard.delta[i]!) < 1e-6);
});

test("a kernel of unit norm along the only input pattern is a fixed point; repeated updates normalise a kernel towards it", () => {
  const pattern = [0.6, 0.8];
  const patches = Float32Array.from([...pattern, ...pattern, ...pattern]);
  const fixed = hebbianDelta(patches, 3, Float32Array.from(pattern), 1, { eta: 0.5 });
  for (const v of fixed.delta) assert.ok(Math.abs(v) < 1e-7);
  // Oja's rule with one kernel: w converges to the unit vector along the pattern.
  const w = Float32Array.from([0.1, 0.05]);
  for (let t = 0; t < 200; t++) {
    const { delta } = hebbianDelta(patches, 3, w, 1, { eta: 0.2 });
    for (let i = 0; i < 2; i++) w[i]! += delta[i]!;
  }
  assert.ok(Math.abs(w[0]! - 0.6) < 1e-4 && Math.abs(w[1]! - 0.8) < 1e-4, `w = ${Array.from(w)}`);
});

test("hebbianConvUpdate averages over every patch of the batch (zero patches included) and updates the kernel in place", () => {
  const rng = createRng(3);
  const shape = { batch: 2, height: 5, width: 5, channels: 1 };
  const images = Float32Array.from({ length: 50 }, () => (rng.uniform() < 0.3 ? 0 : rng.uniform()));
  const kernel = Float32Array.from({ length: 9 * 4 }, () => rng.normal(0, 0.3));
  const before = Float32Array.from(kernel);
  // Reference: the same rule from explicitly listed patches.
  const patches: number[] = [];
  for (let b = 0; b < 2; b++) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) patches.push(images[b * 25 + (i + dy) * 5 + j + dx]!);
  }
  const { delta } = hebbianDelta(Float32Array.from(patches), 18, before, 4, { eta: 0.3, temperature: 0.5 });
  const update = hebbianConvUpdate(kernel, 3, images, shape, { eta: 0.3, temperature: 0.5 });
  assert.equal(update.patches, 18);
  for (let i = 0; i < kernel.length; i++) assert.ok(Math.abs(kernel[i]! - (before[i]! + delta[i]!)) < 1e-6);
  assert.ok(update.relativeChange > 0);
  assert.ok(Math.abs(update.winShare.reduce((a, b) => a + b, 0) - 1) < 1e-9);
});

test("invalid Hebbian options are reported together", () => {
  assert.throws(
    () => hebbianDelta(new Float32Array(2), 1, new Float32Array(2), 1, { eta: -1, temperature: 0 }),
    (e: unknown) => e instanceof CajalError && e.problems.length === 2 && e.problems.every((p) => p.ruleId === "tta-bad-option"),
  );
});
