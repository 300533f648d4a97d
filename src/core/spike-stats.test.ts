import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "./rng.js";
import { CajalError } from "./errors.js";
import type { SpikeTrains } from "./spikes.js";
import * as spikeStats from "./spike-stats.js";

const close = (actual: number, expected: number, tol: number) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

/** Independent Poisson trains, merged and sorted by time, as a backend would return them. */
function poissonTrains(size: number, rateHz: number, durationMs: number, seed: number): SpikeTrains {
  const rng = createRng(seed);
  const spikes: [number, number][] = [];
  for (let i = 0; i < size; i++) {
    let t = rng.exponential(1000 / rateHz);
    while (t < durationMs) {
      spikes.push([t, i]);
      t += rng.exponential(1000 / rateHz);
    }
  }
  spikes.sort((a, b) => a[0] - b[0]);
  return {
    label: "poisson", size, window: [0, durationMs],
    times: Float64Array.from(spikes, (s) => s[0]), neurons: Int32Array.from(spikes, (s) => s[1]),
  };
}

const tiny: SpikeTrains = {
  label: "tiny", size: 3, window: [0, 100],
  times: Float64Array.of(10, 20, 30, 40, 50, 70, 90),
  neurons: Int32Array.of(0, 1, 0, 1, 0, 1, 1),
};

test("rates on a small hand-made train are exact", () => {
  // 7 spikes, 3 neurons, 100 ms → 7 / (3 × 0.1 s)
  close(spikeStats.meanRateHz(tiny), 7 / 0.3, 1e-12);
  assert.deepEqual(Array.from(spikeStats.ratesHz(tiny)), [30, 40, 0]);
  // range [25, 75): spikes at 30, 40, 50, 70
  assert.deepEqual(Array.from(spikeStats.ratesHz(tiny, { rangeMs: [25, 75] })), [40, 40, 0]);
  close(spikeStats.meanRateHz(tiny, { rangeMs: [25, 75] }), 4 / (3 * 0.05), 1e-12);
});

test("ISI CV per neuron: regular train 0, too few spikes NaN", () => {
  const cvs = spikeStats.isiCvs(tiny);
  close(cvs[0]!, 0, 1e-12); // 10, 30, 50
  // neuron 1: 20, 40, 70, 90 → ISIs 20, 30, 20: mean 70/3, population sd sqrt(200/9)
  close(cvs[1]!, Math.sqrt(200 / 9) / (70 / 3), 1e-12);
  assert.ok(Number.isNaN(cvs[2]!));
  const m = spikeStats.meanIsiCv(tiny);
  assert.equal(m.neurons, 2);
  close(m.cv, (cvs[0]! + cvs[1]!) / 2, 1e-12);
  assert.deepEqual(Array.from(spikeStats.interSpikeIntervals(tiny)).sort((a, b) => a - b), [20, 20, 20, 20, 30]);
});

test("Poisson trains: rate, ISI CV ≈ 1 and Fano factor ≈ 1", () => {
  const trains = poissonTrains(100, 20, 10_000, 1);
  // 100 neurons × 10 s × 20 Hz = 20 000 spikes expected; sd of the count ≈ 141 → rate within ±0.6 Hz
  close(spikeStats.meanRateHz(trains), 20, 0.6);
  const cv = spikeStats.meanIsiCv(trains);
  assert.equal(cv.neurons, 100);
  close(cv.cv, 1, 0.05);
  const fano = spikeStats.meanFanoFactor(trains, { windowMs: 100 });
  close(fano.fano, 1, 0.08);
  const rates = spikeStats.ratesHz(trains);
  close(rates.reduce((a, b) => a + b, 0) / 100, spikeStats.meanRateHz(trains), 1e-9);
});

test("population rate histogram: counts sum to the spikes, rates in Hz per neuron", () => {
  const trains = poissonTrains(50, 10, 1000, 2);
  const pop = spikeStats.populationRate(trains, { binMs: 10 });
  assert.equal(pop.counts.length, 100);
  assert.equal(pop.counts.reduce((a, b) => a + b, 0), trains.times.length);
  close(pop.rateHz[3]!, (pop.counts[3]! * 1000) / (50 * 10), 1e-12);
  const mean = pop.rateHz.reduce((a, b) => a + b, 0) / pop.rateHz.length;
  close(mean, spikeStats.meanRateHz(trains), 1e-9);
  // A bin that does not divide the range keeps a short last bin with its own length.
  const odd = spikeStats.populationRate(tiny, { binMs: 30 });
  assert.deepEqual(Array.from(odd.edgesMs), [0, 30, 60, 90, 100]);
  assert.deepEqual(Array.from(odd.counts), [2, 3, 1, 1]);
  close(odd.rateHz[3]!, 1000 / (3 * 10), 1e-12);
});

test("a range outside the window or a zero bin is a user error", () => {
  assert.throws(() => spikeStats.meanRateHz(tiny, { rangeMs: [50, 150] }), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "spike-stats-bad-range");
  assert.throws(() => spikeStats.populationRate(tiny, { binMs: 0 }), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "spike-stats-bad-bin");
});
