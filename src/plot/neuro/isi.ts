/**
 * Inter-spike-interval distribution of one or several populations, binned here, with each
 * population's mean ISI CV in the subtitle. Log-spaced bins on a log axis by default, since ISIs
 * span orders of magnitude.
 */
import { interSpikeIntervals, meanIsiCv, type RangeMs } from "../../core/spike-stats.js";
import type { SpikeTrains } from "../../core/spikes.js";
import { Plot } from "../plot.js";
import { binSeries, buildHistogram, type HistogramNormalize } from "../histogram.js";
import { badOption } from "../messages.js";
import { formatCount, type FigureOptions } from "../options.js";

/** Options of `isiDistribution`. */
export interface IsiOptions extends FigureOptions {
  /** Only spikes in [from, to) ms; default the recording window. */
  readonly timeRangeMs?: RangeMs;
  /** Number of bins; default 40. */
  readonly bins?: number;
  /** ISI range [low, high] in ms; default the data's. */
  readonly rangeMs?: readonly [number, number];
  /** Log-spaced bins on a log axis; default true. */
  readonly logScale?: boolean;
  /** Bar heights; default "probability" so populations of different sizes compare. */
  readonly normalize?: HistogramNormalize;
}

/**
 * Distribution of inter-spike intervals (ms).
 *
 * @example
 * plot.isiDistribution(run.spikes("exc"), { timeRangeMs: [200, 1000] })
 */
export function isiDistribution(trains: SpikeTrains | readonly SpikeTrains[], options: IsiOptions = {}): Plot {
  const populations: readonly SpikeTrains[] = Array.isArray(trains) ? trains : [trains as SpikeTrains];
  if (populations.length === 0) throw badOption("plot.isiDistribution", "trains", [], "at least one population's spike trains");
  const range = options.timeRangeMs ? { rangeMs: options.timeRangeMs } : {};
  const named: Record<string, Float64Array> = {};
  const notes: string[] = [];
  let intervals = 0;
  for (const p of populations) {
    const isis = interSpikeIntervals(p, range);
    named[populations.length > 1 ? p.label : ""] = isis;
    intervals += isis.length;
    const cv = meanIsiCv(p, range);
    notes.push(`${p.label}: mean ISI CV ${Number.isNaN(cv.cv) ? "n/a" : cv.cv.toFixed(2)} over ${formatCount(cv.neurons)} neurons with ≥ 3 spikes`);
  }
  const log = options.logScale ?? true;
  // With log bins, a zero interval (two spikes in one time step) has no bin: it is counted below the range.
  const histogramOptions = {
    title: options.title, subtitle: options.subtitle, width: options.width, height: options.height,
    bins: options.bins ?? 40, logBins: log, normalize: options.normalize ?? "probability",
    xTitle: "inter-spike interval (ms)", seriesTitle: "population",
    yTitle: (options.normalize ?? "probability") === "probability" ? "fraction of intervals" : (options.normalize === "count" ? "intervals" : "probability density (1/ms)"),
    ...(options.rangeMs ? { range: options.rangeMs } : {}),
  };
  const series = binSeries(populations.length > 1 ? named : named[""]!, histogramOptions, "plot.isiDistribution");
  return buildHistogram(series, histogramOptions, {
    defaultTitle: `ISI distribution: ${populations.map((p) => p.label).join(", ")}`,
    notes: [`${formatCount(intervals)} intervals`, ...notes],
    outsideNoun: "intervals",
  });
}
