/**
 * Population rate over time (a rate histogram) for one or several populations, and the
 * peri-stimulus time histogram (PSTH) over repeated trials with its standard error. Spikes are
 * counted into bins here, so 10⁶ spikes cost one row per bin.
 */
import { populationRate, type RangeMs } from "../../core/spike-stats.js";
import type { SpikeTrains } from "../../core/spikes.js";
import { Plot } from "../plot.js";
import { buildLine, type LineSeries } from "../line.js";
import { badOption } from "../messages.js";
import { formatCount, type FigureOptions } from "../options.js";

/** Options of `rateHistogram`. */
export interface RateHistogramOptions extends FigureOptions {
  /** Bin width in ms; default 5. */
  readonly binMs?: number;
  /** Count spikes in [from, to) ms; default each population's recording window. */
  readonly timeRangeMs?: RangeMs;
  /** Dashed vertical rules at these times in ms. */
  readonly markersMs?: readonly number[];
}

/**
 * Population rate (Hz per neuron) in bins of `binMs`, one step line per population.
 *
 * @example
 * plot.rateHistogram([run.spikes("exc"), run.spikes("inh")], { binMs: 2 })
 */
export function rateHistogram(trains: SpikeTrains | readonly SpikeTrains[], options: RateHistogramOptions = {}): Plot {
  const populations: readonly SpikeTrains[] = Array.isArray(trains) ? trains : [trains as SpikeTrains];
  if (populations.length === 0) throw badOption("plot.rateHistogram", "trains", [], "at least one population's spike trains");
  const binMs = options.binMs ?? 5;
  let spikes = 0;
  const series: LineSeries[] = populations.map((p) => {
    const rate = populationRate(p, { binMs, ...(options.timeRangeMs ? { rangeMs: options.timeRangeMs } : {}) });
    spikes += rate.counts.reduce((a, b) => a + b, 0);
    return { ...(populations.length > 1 ? { name: p.label } : {}), ...stepPoints(rate.edgesMs, rate.rateHz) };
  });
  return buildLine(series, {
    title: options.title, subtitle: options.subtitle, width: options.width, height: options.height,
    interpolate: "step-after", yZero: true, seriesTitle: "population",
    xTitle: "time (ms)", yTitle: "rate (Hz)",
    ...(options.markersMs ? { rules: { x: options.markersMs } } : {}),
    ...(options.timeRangeMs ? { xDomain: options.timeRangeMs } : {}),
    maxPointsPerSeries: 100_000,
  }, {
    defaultTitle: `Population rate: ${populations.map((p) => p.label).join(", ")}`,
    notes: [`${formatCount(spikes)} spikes in ${binMs} ms bins`],
  });
}

/** Options of `psth`. */
export interface PsthOptions extends FigureOptions {
  /** Bin width in ms; default 10. */
  readonly binMs?: number;
  /** Stimulus onset of each trial in ms (one per trial); default each trial's window start. */
  readonly onsetsMs?: readonly number[];
  /** Window around the onset, [before, after] in ms relative to it (before ≤ 0); default [0, the shortest trial]. */
  readonly windowMs?: readonly [number, number];
}

/**
 * Peri-stimulus time histogram: the population rate of each trial aligned to its onset, averaged
 * over trials, with a band of ± one standard error across trials.
 *
 * @example
 * plot.psth(trials, { onsetsMs: onsets, windowMs: [-50, 200], binMs: 5 })
 */
export function psth(trials: readonly SpikeTrains[], options: PsthOptions = {}): Plot {
  const place = "plot.psth";
  if (trials.length === 0) throw badOption(place, "trials", [], "at least one trial's spike trains");
  if (options.onsetsMs && options.onsetsMs.length !== trials.length) {
    throw badOption(place, "onsetsMs", `${options.onsetsMs.length} onsets`, `${trials.length} onsets, one per trial`);
  }
  const binMs = options.binMs ?? 10;
  if (!(binMs > 0)) throw badOption(place, "binMs", binMs, "a bin width > 0 ms");
  const onsets = trials.map((t, k) => options.onsetsMs?.[k] ?? t.window[0]);
  const [before, after] = options.windowMs ?? [0, Math.min(...trials.map((t, k) => t.window[1] - onsets[k]!))];
  if (!(after > before)) throw badOption(place, "windowMs", [before, after], "[before, after] ms around the onset with before < after");
  const bins = Math.round((after - before) / binMs);
  if (Math.abs(bins * binMs - (after - before)) > 1e-9 * binMs || bins < 1) {
    throw badOption(place, "binMs", binMs, `a width that divides the ${after - before} ms window`);
  }
  const sum = new Float64Array(bins);
  const sumSq = new Float64Array(bins);
  let spikes = 0;
  trials.forEach((trial, k) => {
    const rate = populationRate(trial, { binMs, rangeMs: [onsets[k]! + before, onsets[k]! + after] });
    spikes += rate.counts.reduce((a, b) => a + b, 0);
    for (let b = 0; b < bins; b++) {
      sum[b]! += rate.rateHz[b]!;
      sumSq[b]! += rate.rateHz[b]! ** 2;
    }
  });
  const n = trials.length;
  const meanRate = sum.map((s) => s / n);
  const semRate = sumSq.map((s, b) => (n > 1 ? Math.sqrt(Math.max(0, (s - n * meanRate[b]! ** 2) / (n - 1)) / n) : 0));
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => before + b * binMs);
  const mean = stepPoints(edges, meanRate);
  const lower = stepPoints(edges, meanRate.map((m, b) => m - semRate[b]!)).y;
  const upper = stepPoints(edges, meanRate.map((m, b) => m + semRate[b]!)).y;
  return buildLine([{ ...mean, ...(n > 1 ? { lower, upper } : {}) }], {
    title: options.title, subtitle: options.subtitle, width: options.width, height: options.height,
    interpolate: "step-after", yZero: true,
    xTitle: "time from onset (ms)", yTitle: "rate (Hz)", rules: { x: [0] },
    maxPointsPerSeries: 100_000,
  }, {
    defaultTitle: `PSTH: ${trials[0]!.label}`,
    notes: [`mean over ${n} trial${n === 1 ? "" : "s"}${n > 1 ? " ± s.e.m." : ""}, ${formatCount(spikes)} spikes, ${binMs} ms bins`],
  });
}

/** Points of a step-after line that draws every bin, including the last one to its right edge. */
function stepPoints(edges: Float64Array, values: Float64Array): { x: Float64Array; y: Float64Array } {
  const bins = values.length;
  const x = new Float64Array(bins + 1);
  const y = new Float64Array(bins + 1);
  x.set(edges.subarray(0, bins + 1));
  y.set(values);
  y[bins] = values[bins - 1] ?? 0;
  return { x, y };
}
