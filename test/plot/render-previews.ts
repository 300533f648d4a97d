/**
 * Renders a few figures to build/plot-previews/*.png for a person to look at (not a test):
 *   node --import tsx test/plot/render-previews.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRng } from "../../src/core/rng.js";
import * as plot from "../../src/plot/index.js";
import { lifTrace, poissonTrains } from "./fixtures.js";

async function main(): Promise<void> {
  mkdirSync("build/plot-previews", { recursive: true });
  const exc = poissonTrains("exc", 800, 12, 1000, 1);
  const inh = poissonTrains("inh", 200, 30, 1000, 1);
  const a = lifTrace(300, 0.1);
  const b = lifTrace(300, 0.1);
  const rng = createRng(5);
  const w = Array.from({ length: 60 }, (_, i) => Array.from({ length: 80 }, (_, j) => (i < 48 ? 0.3 : -1.2) * rng.uniform() * (rng.bernoulli(0.3) ? 1 : NaN) + 0 * j));
  const figures: Record<string, plot.Plot> = {
    raster: plot.raster([exc, inh], { title: "Poisson populations", markersMs: [250, 500] }),
    "raster-1e5": plot.raster([poissonTrains("exc", 4000, 20, 1000, 2), poissonTrains("inh", 1000, 20, 1000, 2)], { title: "10⁵ spikes, sampled", timeRangeMs: [0, 500] }),
    "weights-large": plot.weightMatrix({ values: Float64Array.from({ length: 1000 * 800 }, (_, k) => Math.sin(k / 800 / 40) * Math.cos((k % 800) / 50)), rows: 1000, cols: 800 }, { unit: "µS", title: "A 1000 × 800 weight matrix" }),
    "raster-rate": plot.vconcat([plot.raster([exc, inh], { title: "E/I network", height: 220 }), plot.rateHistogram([exc, inh], { binMs: 5, title: "Population rate", height: 120 })]),
    "line-errorbars": plot.line({ epoch: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5], acc: [52, 63, 70, 74, 76, 40, 47, 55, 58, 60], sd: [4, 3, 3, 2, 2, 3, 3, 2, 2, 1], method: ["EWC", "EWC", "EWC", "EWC", "EWC", "SGD", "SGD", "SGD", "SGD", "SGD"] }, { x: "epoch", y: "acc", series: "method", error: "sd", intervals: "bars", yTitle: "accuracy (%)", title: "Mean ± sd over 5 seeds", seriesTitle: "method" }),
    facets: plot.line(["A", "B", "C"].flatMap((task, k) => ["EWC", "SGD"].flatMap((method, m) => [1, 2, 3, 4, 5].map((epoch) => ({ task, method, epoch, acc: 90 - 10 * k - 15 * m * (epoch / 5) - 2 * epoch })))), { x: "epoch", y: "acc", series: "method", facet: "task", yTitle: "accuracy (%)", title: "Accuracy per task", rules: { y: [50] } }),
    membrane: plot.membrane(a.t, { "neuron 0": a.v, "neuron 1": b.v.map((x) => x - 3) }, { vThreshMv: -50, vResetMv: -65 }),
    rate: plot.rateHistogram([exc, inh], { binMs: 10 }),
    isi: plot.isiDistribution([exc, inh]),
    weights: plot.hconcat([plot.weightMatrix(w, { unit: "nA" }), plot.weightHistogram(w, { unit: "nA" })], { title: "Weights" }),
    heatmap: plot.heatmap([[50, 2, 3], [4, 40, 6], [1, 8, 45]], { rowLabels: ["cat", "dog", "eel"], colLabels: ["cat", "dog", "eel"], annotate: true, xTitle: "predicted", yTitle: "true", colorTitle: "count", title: "Confusion matrix" }),
    bar: plot.bar([{ m: "EWC", task: "A", acc: 91, sd: 2 }, { m: "EWC", task: "B", acc: 85, sd: 3 }, { m: "SI", task: "A", acc: 89, sd: 1 }, { m: "SI", task: "B", acc: 80, sd: 4 }], { x: "m", y: "acc", series: "task", error: "sd", yTitle: "accuracy (%)", xTitle: "method", title: "Grouped bars ± sd" }),
    scatter: plot.scatter({ x: Float64Array.from({ length: 300 }, () => rng.normal()), y: Float64Array.from({ length: 300 }, () => rng.normal()) }, { identityLine: true, xTitle: "predicted (Hz)", yTitle: "measured (Hz)", title: "Scatter" }),
    histogram: plot.histogram(Float64Array.from({ length: 100_000 }, () => rng.normal()), { normalize: "density", curve: { pdf: (x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI), label: "standard normal density" }, xTitle: "z", title: "10⁵ normal draws" }),
  };
  for (const [name, figure] of Object.entries(figures)) {
    writeFileSync(`build/plot-previews/${name}.png`, await figure.toPNG({ scale: 1.5 }));
    console.log(`build/plot-previews/${name}.png`);
  }
}

void main();
