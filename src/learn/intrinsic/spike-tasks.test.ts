import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { TASK_T, meanRateHz, spikeTask, timeMajorBatch } from "./spike-tasks.js";

function channelRates(d: ReturnType<typeof spikeTask>, label: number): Float64Array {
  const out = new Float64Array(d.channels);
  let n = 0;
  for (let r = 0; r < d.trials; r++) {
    if (d.labels[r] !== label) continue;
    n++;
    for (let t = 0; t < d.steps; t++) for (let c = 0; c < d.channels; c++) out[c]! += d.spikes[(r * d.steps + t) * d.channels + c]!;
  }
  return out.map((v) => (v / (n * d.steps)) * 1000);
}

test("spike tasks are deterministic for a seed (the encoder of the inputs) and differ between seeds", () => {
  const a = spikeTask("T", { trials: 20, rng: createRng(0) }), b = spikeTask("T", { trials: 20, rng: createRng(0) });
  assert.deepEqual(a.spikes, b.spikes);
  assert.deepEqual(a.labels, b.labels);
  assert.notDeepEqual(spikeTask("T", { trials: 20, rng: createRng(1) }).spikes, a.spikes);
});

test("task R: channel halves at 20 and 10 Hz, swapped between the classes, classes balanced", () => {
  const d = spikeTask("R", { trials: 400, rng: createRng(3) });
  assert.equal(d.labels.reduce((s, l) => s + l, 0), 200);
  const r0 = channelRates(d, 0), r1 = channelRates(d, 1);
  const avg = (x: Float64Array, from: number, to: number) => x.slice(from, to).reduce((s, v) => s + v, 0) / (to - from);
  // 200 trials × 200 ms × 20 channels at 20 Hz: 16 000 expected spikes, sd ≈ 126, i.e. ±0.16 Hz.
  assert.ok(Math.abs(avg(r0, 0, 20) - 20) < 0.8 && Math.abs(avg(r0, 20, 40) - 10) < 0.8);
  assert.ok(Math.abs(avg(r1, 0, 20) - 10) < 0.8 && Math.abs(avg(r1, 20, 40) - 20) < 0.8);
});

test("task T: both classes at 15 Hz on average, the modulated class with excess count variance (Fano factor > 1)", () => {
  for (const modulation of ["shared", "independent"] as const) {
    const d = spikeTask("T", { trials: 400, rng: createRng(5), modulation });
    const rates = [0, 1].map((k) => channelRates(d, k).reduce((s, v) => s + v, 0) / d.channels);
    assert.ok(Math.abs(meanRateHz(d) - TASK_T.meanHz) < 0.6, `${modulation}: mean ${meanRateHz(d)}`);
    assert.ok(Math.abs(rates[0]! - 15) < 0.6 && Math.abs(rates[1]! - 15) < 1.2, `${modulation}: ${rates}`);
    // Fano factor of the count per trial, averaged over channels: 1 − p ≈ 0.985 for the Bernoulli-per-bin
    // Poisson class; for the switching class 1 + Var(∫rate)/mean ≈ 1 + 2·144 Hz²·12.5 ms·0.2 s / 3 ≈ 1.24.
    const fano = (label: number) => {
      let total = 0;
      for (let c = 0; c < d.channels; c++) {
        const counts: number[] = [];
        for (let r = 0; r < d.trials; r++) if (d.labels[r] === label) { let n = 0; for (let t = 0; t < d.steps; t++) n += d.spikes[(r * d.steps + t) * d.channels + c]!; counts.push(n); }
        const m = counts.reduce((s, v) => s + v, 0) / counts.length;
        total += counts.reduce((s, v) => s + (v - m) ** 2, 0) / (counts.length - 1) / m;
      }
      return total / d.channels;
    };
    assert.ok(fano(0) < 1.07, `${modulation}: homogeneous Fano ${fano(0)}`);
    assert.ok(fano(1) > 1.15, `${modulation}: modulated Fano ${fano(1)}`);
  }
});

test("task M: class c raises channels 10c…10c+9 to 30 Hz; a wrong trial count is refused", () => {
  const d = spikeTask("M", { trials: 200, rng: createRng(2) });
  const r2 = channelRates(d, 2);
  for (let c = 0; c < 40; c++) assert.ok(Math.abs(r2[c]! - (c >= 20 && c < 30 ? 30 : 5)) < 4, `channel ${c}: ${r2[c]}`);
  assert.throws(() => spikeTask("M", { trials: 10, rng: createRng(2) }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "learn-bad-option");
});

test("timeMajorBatch lays trials out [step, batch, channel]", () => {
  const d = spikeTask("R", { trials: 4, steps: 5, rng: createRng(1) });
  const x = timeMajorBatch(d, 1, 3);
  for (let t = 0; t < 5; t++) for (let b = 0; b < 2; b++) for (let c = 0; c < 40; c++) assert.equal(x[(t * 2 + b) * 40 + c], d.spikes[((1 + b) * 5 + t) * 40 + c]);
});
