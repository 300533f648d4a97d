import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { createSnn } from "./snn.js";
import { type SpikeTrials, spikeTask } from "./spike-tasks.js";
import { stdpCounts, trainStdp } from "./stdp.js";
import { createTempotron } from "./tempotron.js";
import { trainSnn } from "./train-snn.js";
import { softplus, inverseSoftplus, rawFromTau } from "./reparam.js";

before(async () => { await initLearn(); });

/** One trial, one channel, spikes at the given steps. */
function oneChannel(steps: number, at: number[], label = 0, classes = 2): SpikeTrials {
  const spikes = new Uint8Array(steps);
  for (const t of at) spikes[t] = 1;
  return { task: "R", trials: 1, steps, channels: 1, classes, dtMs: 1, spikes, labels: Int32Array.from([label]) };
}

test("reparametrisations invert: softplus(inverseSoftplus(y)) = y, and τ_m = 1 + softplus(rawFromTau(τ))", () => {
  for (const y of [1e-3, 0.1, 1, 4, 40]) assert.ok(Math.abs(softplus(inverseSoftplus(y)) - y) < 1e-9 * Math.max(1, y));
  assert.ok(Math.abs(1 + softplus(rawFromTau(5)) - 5) < 1e-12);
  assert.throws(() => rawFromTau(0.5));
});

test("Tempotron: one input spike of weight 1 peaks at 1 (normalised kernel); a missed target moves w, τ_m and θ the right way", () => {
  const data = oneChannel(60, [5], 0, 1);
  const tp = createTempotron({ inputs: 1, classes: 1, learnIntrinsic: true, threshold: 1.5, rng: createRng(1) });
  tp.weights[0] = 1;
  // V_max = kernel peak at the nearest step: s* = ττ_s ln(τ/τ_s)/(τ−τ_s) ≈ 6.93 ms; the step at 7 ms gives ≥ 0.999.
  const vAt = (s: number) => { const v0 = 1 / (Math.exp(-6.931 / 15) - Math.exp(-6.931 / 3.75)); return v0 * (Math.exp(-s / 15) - Math.exp(-s / 3.75)); };
  assert.ok(vAt(7) > 0.999 && vAt(7) <= 1.0001);
  assert.equal(tp.predict(data)[0], 0); // one class: always the arg-max
  const [tau0, th0, w0] = [tp.tauMs()[0]!, tp.thresholds()[0]!, tp.weights[0]!];
  tp.trainEpoch(data, createRng(2)); // should fire (label 0) but V_max ≈ 1 < θ = 1.5: potentiate, lengthen τ_m, lower θ
  assert.ok(tp.weights[0]! > w0, "weight potentiated");
  assert.ok(tp.tauMs()[0]! > tau0, "a longer τ_m raises V(t_max) for a positive weight");
  assert.ok(tp.thresholds()[0]! < th0, "threshold lowered");
  const fixed = createTempotron({ inputs: 1, classes: 1, learnIntrinsic: false, threshold: 1.5, rng: createRng(1) });
  fixed.weights[0] = 1;
  fixed.trainEpoch(data, createRng(2));
  assert.equal(fixed.tauMs()[0], 15);
  assert.ok(Math.abs(fixed.thresholds()[0]! - 1.5) < 1e-12, "fixed θ unchanged");
});

test("STDP: weights stay inside [0, w_max]; threshold homeostasis raises the thresholds of neurons firing above the target", () => {
  const data = spikeTask("R", { trials: 20, rng: createRng(3) });
  const plain = trainStdp(data, { rng: createRng(4) });
  for (const w of plain.weights) assert.ok(w >= 0 && w <= 1, `weight ${w}`);
  assert.deepEqual(Array.from(plain.thresholds), new Array(32).fill(1));
  const counts = stdpCounts(plain, data, {});
  assert.ok(counts.reduce((a, b) => a + b, 0) > 0, "the layer fires");
  const homeo = trainStdp(data, { rng: createRng(4), homeostasis: { targetHz: 10, eta: 1e-3 } });
  // WTA: at most one spike per step, so some winner exceeds 10 Hz; its threshold must have risen.
  assert.ok(Math.max(...homeo.thresholds) > 1, `max threshold ${Math.max(...homeo.thresholds)}`);
  assert.ok(homeo.trainingEvents > 0);
});

test("BPTT: intrinsic parameters are variables only when learnable, and training moves them", () => {
  const data = spikeTask("R", { trials: 20, steps: 50, rng: createRng(5) });
  const fixed = createSnn({ inputs: 40, hidden: 8, classes: 2, learnIntrinsic: false, rng: createRng(6) });
  assert.deepEqual(Object.keys(fixed.params).sort(), ["w1", "w2"]);
  const learnable = createSnn({ inputs: 40, hidden: 8, classes: 2, learnIntrinsic: true, rng: createRng(6) });
  assert.deepEqual(Object.keys(learnable.params).sort(), ["tau1", "tau2", "theta1", "theta2", "w1", "w2"]);
  const before = learnable.intrinsics().hidden;
  assert.ok(before.tauMs.every((t) => Math.abs(t - 5) < 1e-4) && before.threshold.every((t) => Math.abs(t - 1) < 1e-5));
  trainSnn(learnable, data, { epochs: 2, batchSize: 10, intrinsicLr: 0.1, rng: createRng(7) });
  trainSnn(fixed, data, { epochs: 2, batchSize: 10, rng: createRng(7) });
  const after = learnable.intrinsics().hidden;
  assert.ok(after.tauMs.some((t, i) => Math.abs(t - before.tauMs[i]!) > 1e-3), "τ_m moved");
  assert.ok(fixed.intrinsics().hidden.tauMs.every((t) => Math.abs(t - 5) < 1e-4), "fixed τ_m stayed at 5 ms");
  fixed.dispose(); learnable.dispose();
});
