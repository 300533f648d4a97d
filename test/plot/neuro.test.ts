import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../src/core/errors.js";
import * as spikeStats from "../../src/core/spike-stats.js";
import type { SpikeTrains } from "../../src/core/spikes.js";
import * as plot from "../../src/plot/index.js";
import { lifTrace, poissonTrains } from "./fixtures.js";
import { compileCleanly, hasText, markItems, rowsOf, subtitleOf } from "./svg.js";

const exc = poissonTrains("exc", 400, 20, 1000, 1);
const inh = poissonTrains("inh", 100, 40, 1000, 1);

test("raster: every spike drawn when under the limit, populations stacked and coloured", async () => {
  const total = exc.times.length + inh.times.length;
  const p = plot.raster([exc, inh], { maxSpikes: 20_000, markersMs: [100, 300] });
  const rows = rowsOf(p);
  assert.equal(rows.length, total);
  assert.deepEqual(subtitleOf(p), [`${total.toLocaleString("en-US")} spikes`]);
  // inh neurons sit above exc's 400 rows
  assert.ok(rows.filter((r) => r.population === "inh").every((r) => (r.neuron as number) >= 400 && (r.neuron as number) < 500));
  assert.ok(rows.filter((r) => r.population === "exc").every((r) => (r.neuron as number) < 400));
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "symbol"), total);
  assert.equal(markItems(svg, "rule"), 3, "two markers and one population boundary");
  assert.ok(["time (ms)", "neuron", "exc", "inh", "Spike raster: exc, inh"].every((t) => hasText(svg, t)));
});

test("raster: 10⁵ spikes are sampled to exactly the limit with a seeded rng, and the subtitle says so", async () => {
  const big = poissonTrains("big", 1000, 100, 1000, 3); // ≈ 100 000 spikes
  const n = big.times.length;
  assert.ok(n > 95_000);
  const p = plot.raster([big, inh], { maxSpikes: 5000, seed: 17 });
  const rows = rowsOf(p);
  assert.equal(rows.length, 5000);
  const total = n + inh.times.length;
  assert.deepEqual(subtitleOf(p), [`5,000 of ${total.toLocaleString("en-US")} spikes shown (uniform random sample, seed 17)`]);
  // Uniform over spikes: inh's share of the sample matches its share of spikes (binomial, 4 sd).
  const expected = (5000 * inh.times.length) / total;
  const got = rows.filter((r) => r.population === "inh").length;
  assert.ok(Math.abs(got - expected) < 4 * Math.sqrt(expected), `${got} vs ${expected}`);
  // Every drawn spike is a real spike.
  const real = new Set(Array.from(big.times, (t, k) => `${Math.round(t * 1e4) / 1e4}:${big.neurons[k]}`));
  assert.ok(rows.filter((r) => r.population === "big").every((r) => real.has(`${r.t}:${r.neuron}`)));
  assert.deepEqual(rowsOf(plot.raster([big, inh], { maxSpikes: 5000, seed: 17 })), rows, "same seed, same sample");
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "symbol"), 5000);
});

test("raster: a time range keeps exactly the spikes inside it and fixes the axis", async () => {
  const p = plot.raster(exc, { timeRangeMs: [200, 300] });
  let inside = 0;
  for (const t of exc.times) if (t >= 200 && t < 300) inside++;
  assert.equal(rowsOf(p).length, inside);
  assert.deepEqual((p.spec as { encoding: { x: { scale: { domain: number[] } } } }).encoding.x.scale.domain, [200, 300]);
  await compileCleanly(p);
  assert.throws(() => plot.raster(exc, { timeRangeMs: [2000, 3000] }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "spike-stats-bad-range");
});

test("membrane: traces with the threshold as a dashed, labelled rule and the reset dotted", async () => {
  const a = lifTrace(200, 0.1);
  const p = plot.membrane(a.t, { "neuron 0": a.v, "neuron 1": a.v.map((v) => v - 2) }, { vThreshMv: -50, vResetMv: -65 });
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "line"), 2);
  assert.equal(markItems(svg, "rule"), 2);
  assert.ok(svg.includes('stroke-dasharray="6,4"'), "threshold is dashed");
  assert.ok(svg.includes('stroke-dasharray="2,3"'), "reset is dotted");
  assert.ok(["threshold −50 mV", "reset −65 mV", "membrane potential (mV)", "time (ms)", "neuron 1", "Membrane potential"].every((t) => hasText(svg, t)));
});

test("membrane: a long trace is thinned but keeps every spike peak, and says so", async () => {
  const a = lifTrace(2000, 0.1); // 20 000 samples, a reset every ~36 ms
  const peaks = a.v.filter((v, i) => i + 1 < a.v.length && a.v[i + 1]! < v - 5).length;
  const p = plot.membrane(a.t, a.v, { vThreshMv: -50, maxPointsPerTrace: 1000 });
  const rows = rowsOf(p);
  assert.ok(rows.length <= 1000);
  const kept = rows.filter((r, i) => i + 1 < rows.length && (rows[i + 1]!.y as number) < (r.y as number) - 5).length;
  assert.equal(kept, peaks, "every pre-reset peak survives thinning");
  assert.match(subtitleOf(p)[0] ?? "", /^1 series thinned for display: [\d,]+ of 20,000 points kept/);
  await compileCleanly(p);
  assert.throws(() => plot.membrane(a.t, a.v.subarray(0, 10)), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "plot-length-mismatch");
});

test("rate histogram: step lines whose mean is the population's mean rate", async () => {
  const p = plot.rateHistogram([exc, inh], { binMs: 10 });
  for (const pop of [exc, inh]) {
    const rows = rowsOf(p).filter((r) => r.series === pop.label);
    assert.equal(rows.length, 101, "100 bins and the closing point of the last step");
    const mean = rows.slice(0, 100).reduce((s, r) => s + (r.y as number), 0) / 100;
    assert.ok(Math.abs(mean - spikeStats.meanRateHz(pop)) < 1e-9);
  }
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "line"), 2);
  assert.ok(["rate (Hz)", "time (ms)", "exc", "inh"].every((t) => hasText(svg, t)));
});

test("PSTH: mean over trials aligned to onsets, with the standard error band", async () => {
  // Trial k has one neuron spiking at onset + 5 ms and, on odd trials, again at onset + 15 ms.
  const trials: SpikeTrains[] = [0, 1, 2, 3].map((k) => {
    const onset = 50 + 100 * k;
    const times = k % 2 === 1 ? [onset + 5, onset + 15] : [onset + 5];
    return { label: "cell", size: 1, window: [0, 400], times: Float64Array.from(times), neurons: new Int32Array(times.length) };
  });
  const p = plot.psth(trials, { onsetsMs: [50, 150, 250, 350], windowMs: [-10, 30], binMs: 10 });
  const rows = rowsOf(p);
  // bins [-10,0) [0,10) [10,20) [20,30): rates 0, 100 Hz, 50 Hz mean (100 on half the trials), 0
  assert.deepEqual(rows.slice(0, 4).map((r) => r.y), [0, 100, 50, 0]);
  const sem = Math.sqrt((2 * 50 ** 2 + 2 * 50 ** 2) / 3 / 4);
  assert.ok(Math.abs((rows[2]!.upper as number) - (50 + sem)) < 1e-9);
  assert.deepEqual(subtitleOf(p), ["mean over 4 trials ± s.e.m., 6 spikes, 10 ms bins"]);
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "area"), 1);
  // A window reaching before the recording is refused, not silently cut.
  assert.throws(() => plot.psth(trials, { onsetsMs: [0, 100, 200, 300], windowMs: [-10, 30] }), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "spike-stats-bad-range");
  assert.ok(hasText(svg, "time from onset (ms)"));
});

test("ISI distribution: counts every interval, on log bins, with each population's CV", async () => {
  const p = plot.isiDistribution([exc, inh], { normalize: "count" });
  const rows = rowsOf(p);
  for (const pop of [exc, inh]) {
    const isis = spikeStats.interSpikeIntervals(pop);
    assert.equal(rows.filter((r) => r.series === pop.label).reduce((s, r) => s + (r.value as number), 0), isis.length);
  }
  const cv = spikeStats.meanIsiCv(exc);
  assert.ok(subtitleOf(p).includes(`exc: mean ISI CV ${cv.cv.toFixed(2)} over ${cv.neurons} neurons with ≥ 3 spikes`));
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), 80);
  assert.ok(hasText(svg, "inter-spike interval (ms)") && hasText(svg, "intervals"));
});

test("weights: matrix with absent connections blank and said; histogram counts only present synapses", async () => {
  const w = [[0.5, NaN, -1], [NaN, 0.25, 0.75]];
  const m = plot.weightMatrix(w, { unit: "nA" });
  assert.deepEqual(subtitleOf(m), ["blank: 2 absent connections (NaN)"]);
  const svgM = await compileCleanly(m);
  assert.ok(hasText(svgM, "weight (nA)") && hasText(svgM, "presynaptic neuron") && hasText(svgM, "postsynaptic neuron"));
  const h = plot.weightHistogram(w, { unit: "µS", bins: 4 });
  assert.equal(rowsOf(h).reduce((s, r) => s + (r.value as number), 0), 4);
  assert.deepEqual(subtitleOf(h), ["4 synapses (2 absent connections not counted)"]);
  const svgH = await compileCleanly(h);
  assert.equal(markItems(svgH, "rect"), 4);
  assert.ok(hasText(svgH, "weight (µS)"));
});
