/**
 * Histograms binned on the server: the spec carries one row per bin, never the raw values, so 10⁶
 * values cost the same as 50. Several series overlay on shared bins; an analytic density can be
 * drawn on top. Values outside the range or NaN are counted and the subtitle says how many.
 */
import { binEdges, histogram as countBins, type Histogram, type Numbers } from "../core/stats.js";
import { Plot } from "./plot.js";
import { isArrayLike } from "./data.js";
import { layeredSpec, type ExtraLayer } from "./spec.js";
import { badInput, badOption } from "./messages.js";
import { defined, formatCount, scaleOf, titleBlock, type FigureOptions, type ScaleKind } from "./options.js";

/** Values to bin: one array, several named arrays, or counts already binned (`stats.histogram`'s result). */
export type HistogramInput = Numbers | Readonly<Record<string, Numbers>> | Histogram | { readonly edges: Numbers; readonly counts: Numbers };

/** What the bar heights are: raw counts, fractions of the values in range, or a probability density. */
export type HistogramNormalize = "count" | "probability" | "density";

/** Options of `histogram`. */
export interface HistogramOptions extends FigureOptions {
  /** Number of equal bins or the edges; default: Freedman–Diaconis (see `stats.histogram`). Shared by all series. */
  readonly bins?: number | Numbers;
  /** Binned range [low, high]; default: the extent of all series. */
  readonly range?: readonly [number, number];
  /** Geometric (log-spaced) bins over the range, for a log x axis; values must be > 0. */
  readonly logBins?: boolean;
  /** Bar heights; default "count". Probability and density divide by the values in range. */
  readonly normalize?: HistogramNormalize;
  /** x-axis title with units; default "value". */
  readonly xTitle?: string;
  /** y-axis title; default from `normalize`. */
  readonly yTitle?: string;
  /** x scale; default linear ("log" with `logBins`). */
  readonly xScale?: ScaleKind;
  /** Legend title for several series. */
  readonly seriesTitle?: string;
  /** An analytic density drawn over the bars, scaled to the bars' normalisation. */
  readonly curve?: { readonly pdf: (x: number) => number; readonly label?: string; readonly points?: number };
}

/** One binned series, as the builders draw it. */
export interface BinnedSeries {
  /** Legend name; "" for a single unnamed series. */
  readonly name: string;
  /** Counts over the shared edges. */
  readonly histogram: Histogram;
}

/**
 * Histogram of values, counted here rather than in the browser.
 *
 * @example
 * plot.histogram(weights, { bins: 40, xTitle: "weight (nA)", title: "Weights after learning" })
 * plot.histogram({ before, after }, { normalize: "density", xTitle: "ISI (ms)" })
 */
export function histogram(data: HistogramInput, options: HistogramOptions = {}): Plot {
  return buildHistogram(binSeries(data, options, "plot.histogram"), options, {});
}

/** Bins every series on shared edges. */
export function binSeries(data: HistogramInput, options: HistogramOptions, place: string): BinnedSeries[] {
  if (isArrayLike(data)) return binNamed([["", data as Numbers]], options, place);
  if (typeof data !== "object" || data === null) throw badInput(place, typeof data, "an array of numbers, named arrays, or { edges, counts }");
  const maybe = data as { edges?: unknown; counts?: unknown };
  if (isArrayLike(maybe.edges) && isArrayLike(maybe.counts)) {
    const edges = Float64Array.from(maybe.edges as Numbers);
    const counts = Float64Array.from(maybe.counts as Numbers);
    if (edges.length !== counts.length + 1) throw badInput(place, `${edges.length} edges for ${counts.length} counts`, "one more edge than counts");
    const h = data as Partial<Histogram>;
    return [{ name: "", histogram: { edges, counts, below: h.below ?? 0, above: h.above ?? 0, invalid: h.invalid ?? 0 } }];
  }
  const entries = Object.entries(data as Record<string, unknown>);
  for (const [name, values] of entries) {
    if (!isArrayLike(values)) throw badInput(place, `an object whose entry \`${name}\` is not an array`, "named arrays of numbers");
  }
  if (entries.length === 0) throw badInput(place, "an empty object", "at least one named array of numbers");
  return binNamed(entries as [string, Numbers][], options, place);
}

function binNamed(entries: readonly [string, Numbers][], options: HistogramOptions, place: string): BinnedSeries[] {
  let edges: Float64Array;
  if (options.logBins) {
    if (typeof options.bins === "object") throw badOption(place, "logBins", true, "false when edges are given (they set the spacing)");
    let [lo, hi] = options.range ?? [Infinity, -Infinity];
    if (!options.range) {
      for (const [, values] of entries) for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v > 0 && v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(lo < hi)) [lo, hi] = lo === hi && lo > 0 ? [lo / 2, hi * 2] : [1, 10];
    }
    if (!(lo > 0 && hi > lo)) throw badOption(place, "range", options.range, "a range [low, high] with 0 < low < high for log-spaced bins");
    const bins = options.bins ?? 30;
    if (!Number.isInteger(bins) || bins < 1) throw badOption(place, "bins", bins, "a whole number ≥ 1");
    edges = new Float64Array(bins + 1);
    for (let k = 0; k <= bins; k++) edges[k] = lo * (hi / lo) ** (k / bins);
    edges[0] = lo;
    edges[bins] = hi;
  } else {
    // Shared edges come from all series together, so overlaid bars line up.
    const total = entries.reduce((n, [, v]) => n + v.length, 0);
    const pooled = new Float64Array(total);
    let offset = 0;
    for (const [, values] of entries) {
      pooled.set(values as ArrayLike<number>, offset);
      offset += values.length;
    }
    edges = binEdges(pooled, options);
  }
  return entries.map(([name, values]) => ({ name, histogram: countBins(values, { bins: edges }) }));
}

/** Builds the spec of binned series: one rect per bin, overlaid series, notes about uncounted values. */
export function buildHistogram(
  series: readonly BinnedSeries[],
  options: HistogramOptions,
  extra: { notes?: readonly string[]; defaultTitle?: string; xTitle?: string; label?: string; outsideNoun?: string },
): Plot {
  const place = "plot.histogram";
  const normalize = options.normalize ?? "count";
  const rows: Record<string, unknown>[] = [];
  const notes = [...(extra.notes ?? [])];
  let outside = 0, invalid = 0, binCount = 0;
  const named = series.length > 1 || series.some((s) => s.name !== "");
  for (const { name, histogram: h } of series) {
    const inRange = h.counts.reduce((a, b) => a + b, 0);
    outside += h.below + h.above;
    invalid += h.invalid;
    binCount = Math.max(binCount, h.counts.length);
    for (let k = 0; k < h.counts.length; k++) {
      const start = h.edges[k]!;
      const end = h.edges[k + 1]!;
      const count = h.counts[k]!;
      const value = normalize === "count" ? count
        : inRange === 0 ? 0
        : normalize === "probability" ? count / inRange : count / (inRange * (end - start));
      rows.push(named ? { start, end, value, count, series: name } : { start, end, value, count });
    }
  }
  const noun = extra.outsideNoun ?? "values";
  if (outside > 0) {
    const first = series[0]!.histogram.edges;
    notes.push(`${formatCount(outside)} ${noun} outside [${fmt(first[0]!)}, ${fmt(first[first.length - 1]!)}] not shown`);
  }
  if (invalid > 0) notes.push(`${formatCount(invalid)} NaN ${noun} not counted`);
  const xScaleKind = options.xScale ?? (options.logBins ? "log" : undefined);
  const names = series.map((s) => s.name);
  const layers: ExtraLayer[] = [{
    mark: defined({
      type: "rect", opacity: named && series.length > 1 ? 0.55 : 0.9,
      ...(binCount <= 60 ? { stroke: "white", strokeWidth: 0.5 } : {}),
      color: named ? undefined : "#4c78a8",
    }),
    encoding: defined({
      x: defined({ field: "start", type: "quantitative", title: options.xTitle ?? extra.xTitle ?? "value", scale: scaleOf(xScaleKind, undefined, xScaleKind && xScaleKind !== "linear" ? {} : { zero: false }) }),
      x2: { field: "end" },
      y: { field: "value", type: "quantitative", title: options.yTitle ?? defaultYTitle(normalize) },
      y2: { datum: 0 },
      color: named ? { field: "series", type: "nominal", sort: names, title: options.seriesTitle ?? null } : undefined,
    }),
  }];
  if (options.curve) {
    layers.push(curveLayer(options.curve, series, normalize, place));
    if (options.curve.label) notes.push(`line: ${options.curve.label}`);
  }
  return new Plot(
    layeredSpec(rows, layers, { options, title: titleBlock(options, extra.defaultTitle, notes) }),
    extra.label ?? options.title ?? `histogram, ${binCount} bins`,
  );
}

function defaultYTitle(normalize: HistogramNormalize): string {
  return normalize === "count" ? "count" : normalize === "probability" ? "fraction of values" : "probability density";
}

/** The analytic curve, scaled to counts or fractions by the (uniform) bin width. */
function curveLayer(curve: NonNullable<HistogramOptions["curve"]>, series: readonly BinnedSeries[], normalize: HistogramNormalize, place: string): ExtraLayer {
  const h = series[0]!.histogram;
  const edges = h.edges;
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  const width = edges[1]! - edges[0]!;
  const uniform = Array.from(edges).every((e, k) => k === 0 || Math.abs(e - edges[k - 1]! - width) <= 1e-9 * Math.abs(width) + 1e-12);
  if (normalize !== "density" && !uniform) throw badOption(place, "normalize", normalize, `"density" when bins are not of equal width and a curve is drawn`);
  if (normalize !== "density" && series.length > 1) throw badOption(place, "normalize", normalize, `"density" when a curve is drawn over several series`);
  const n = h.counts.reduce((a, b) => a + b, 0);
  const scale = normalize === "density" ? 1 : normalize === "probability" ? width : n * width;
  const points = curve.points ?? 200;
  const values = Array.from({ length: points }, (_, k) => {
    const x = lo + ((hi - lo) * k) / (points - 1);
    return { curveX: x, curveY: scale * curve.pdf(x) };
  });
  return {
    data: { values },
    mark: { type: "line", color: "#222", strokeWidth: 1.5 },
    encoding: { x: { field: "curveX", type: "quantitative" }, y: { field: "curveY", type: "quantitative" } },
  };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, "");
}
