/**
 * Line charts: one or several series, optional bands (lower/upper), reference rules, log axes,
 * steps. Long series are thinned by min–max decimation and the subtitle says so.
 */
import { Plot } from "./plot.js";
import { isArrayLike, isDataFrameLike, requireField, tableRows, type TableInput } from "./data.js";
import { badOption, lengthMismatch } from "./messages.js";
import { DEFAULT_WIDTH, defined, formatCount, scaleOf, titleBlock, type AxesOptions, type FigureOptions } from "./options.js";
import { minMaxIndices } from "./sample.js";
import { layeredSpec, ruleLayers, type ExtraLayer, type FacetOptions, type ReferenceRules } from "./spec.js";

export type { ExtraLayer, ReferenceRules } from "./spec.js";

/** One series of a line chart as arrays. `x` defaults to 0, 1, 2, …; `lower`/`upper` draw a band. */
export interface LineSeries {
  /** Legend name. */
  readonly name?: string;
  /** x values; default the sample index. */
  readonly x?: ArrayLike<number> | readonly unknown[];
  /** y values. */
  readonly y: ArrayLike<number>;
  /** Lower edge of a band around the line (e.g. mean − sd). */
  readonly lower?: ArrayLike<number>;
  /** Upper edge of the band. */
  readonly upper?: ArrayLike<number>;
  /** Symmetric error (± sd, sem, CI half-width): the interval y − error … y + error. */
  readonly error?: ArrayLike<number>;
  /** Panel this series is drawn in, when the figure is split into panels. */
  readonly facet?: string;
}

/** Options of `line`. */
export interface LineOptions extends FigureOptions, AxesOptions, FacetOptions {
  /** Table input: the x field; default "x". */
  readonly x?: string;
  /** Table input: the y field, or several y fields (each becomes a series named after it); default "y". */
  readonly y?: string | readonly string[];
  /** Table input: the field that names each row's series. */
  readonly series?: string;
  /** Table input: fields of a band's lower and upper edges. */
  readonly lower?: string;
  /** Table input: field of the band's upper edge. */
  readonly upper?: string;
  /** Table input: field of a symmetric error (the interval y ± error). */
  readonly error?: string;
  /** How intervals are drawn: a shaded band (default) or error bars at each point. */
  readonly intervals?: "band" | "bars";
  /** Legend title; default the series field, or none. */
  readonly seriesTitle?: string;
  /** x field type; default quantitative. */
  readonly xType?: "quantitative" | "temporal" | "ordinal";
  /** How points are joined; default "linear". Use "step-after" for piecewise-constant data. */
  readonly interpolate?: "linear" | "step-after" | "step-before" | "monotone";
  /** Draw a point at each datum. */
  readonly points?: boolean;
  /** Whether a linear y scale must include 0; default false (lines show change, not magnitude). */
  readonly yZero?: boolean;
  /** Dashed reference rules. */
  readonly rules?: ReferenceRules;
  /** Above this many points a series is thinned by min–max decimation (noted in the subtitle); default 5000. */
  readonly maxPointsPerSeries?: number;
}

/**
 * Line chart from series of arrays or from a table.
 *
 * @example
 * plot.line([{ name: "exc", x: tMs, y: rateExc }, { name: "inh", x: tMs, y: rateInh }],
 *           { title: "Population rates", xTitle: "time (ms)", yTitle: "rate (Hz)" })
 * plot.line(df, { x: "epoch", y: ["train", "test"], yTitle: "accuracy (%)" })
 */
export function line(data: LineSeries | readonly LineSeries[] | TableInput, options: LineOptions = {}): Plot {
  return buildLine(toSeries(data, options, "plot.line"), options, {});
}

/** True when the input is one `LineSeries` (an object with an array `y`, read as series form). */
function isSeriesObject(value: unknown, options: LineOptions): value is LineSeries {
  if (typeof value !== "object" || value === null || isArrayLike(value) || isDataFrameLike(value)) return false;
  // Any option that names a field means the input is a table.
  const fieldOptions = [options.x, options.y, options.series, options.lower, options.upper, options.error, options.facet];
  if (fieldOptions.some((f) => f !== undefined)) return false;
  const y = (value as { y?: unknown }).y;
  return isArrayLike(y) && !Object.keys(value).some((k) => !["name", "x", "y", "lower", "upper", "error", "facet"].includes(k));
}

/** Normalises any accepted input to a list of series. */
export function toSeries(data: LineSeries | readonly LineSeries[] | TableInput, options: LineOptions, place: string): LineSeries[] {
  if (isSeriesObject(data, options)) return [data];
  if (Array.isArray(data) && data.length > 0 && data.every((d) => isSeriesObject(d, options))) return [...(data as LineSeries[])];
  const rows = tableRows(data as TableInput, place);
  const xField = options.x ?? "x";
  const yFields = typeof options.y === "string" ? [options.y] : options.y ?? ["y"];
  requireField(rows, xField, "x", place);
  for (const f of yFields) requireField(rows, f, "y", place);
  if (options.series !== undefined) requireField(rows, options.series, "series", place);
  if (options.facet !== undefined) requireField(rows, options.facet, "facet", place);
  if (options.lower !== undefined) requireField(rows, options.lower, "lower", place);
  if (options.upper !== undefined) requireField(rows, options.upper, "upper", place);
  if (options.error !== undefined) requireField(rows, options.error, "error", place);
  if (options.error !== undefined && options.lower !== undefined) throw badOption(place, "error", options.error, "either `error` or `lower`/`upper`, not both");
  if ((options.lower === undefined) !== (options.upper === undefined)) {
    throw badOption(place, options.lower === undefined ? "lower" : "upper", undefined, "a field name: a band needs both `lower` and `upper`");
  }
  const groups = new Map<string, { name: string; facet?: string; x: unknown[]; y: number[]; lower: number[]; upper: number[] }>();
  for (const row of rows) {
    for (const yField of yFields) {
      const name = options.series !== undefined ? String(row[options.series]) : yFields.length > 1 ? yField : "";
      const facet = options.facet !== undefined ? String(row[options.facet]) : undefined;
      const key = JSON.stringify([facet ?? null, name]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { name, ...(facet !== undefined ? { facet } : {}), x: [], y: [], lower: [], upper: [] }));
      g.x.push(row[xField]);
      g.y.push(toNumber(row[yField]));
      if (options.lower !== undefined) g.lower.push(toNumber(row[options.lower]));
      if (options.upper !== undefined) g.upper.push(toNumber(row[options.upper]));
      if (options.error !== undefined) {
        const y = toNumber(row[yField]);
        const e = toNumber(row[options.error]);
        g.lower.push(y - e);
        g.upper.push(y + e);
      }
    }
  }
  const named = options.series !== undefined || yFields.length > 1;
  return [...groups.values()].map((g) => ({
    ...(named ? { name: g.name } : {}),
    ...(g.facet !== undefined ? { facet: g.facet } : {}),
    x: g.x,
    y: g.y,
    ...(options.lower !== undefined || options.error !== undefined ? { lower: g.lower, upper: g.upper } : {}),
  }));
}

function toNumber(v: unknown): number {
  return v === null || v === undefined ? NaN : Number(v);
}

/** Builds the line chart spec; `extraLayers` are drawn on top (used by the membrane-trace plot). */
export function buildLine(
  seriesList: readonly LineSeries[],
  options: LineOptions,
  extra: { extraLayers?: readonly ExtraLayer[]; notes?: readonly string[]; defaultTitle?: string; label?: string; xTitle?: string; yTitle?: string },
): Plot {
  const place = "plot.line";
  const maxPoints = options.maxPointsPerSeries ?? 5000;
  if (!(Number.isInteger(maxPoints) && maxPoints >= 4)) throw badOption(place, "maxPointsPerSeries", maxPoints, "an integer ≥ 4");
  const rows: Record<string, unknown>[] = [];
  const names: string[] = [];
  let thinned = 0, thinnedFrom = 0, thinnedTo = 0;
  let band = false;
  seriesList.forEach((s, k) => {
    const name = s.name ?? (seriesList.length > 1 ? `series ${k + 1}` : "");
    names.push(name);
    const n = s.y.length;
    if (s.x !== undefined && s.x.length !== n) throw lengthMismatch(place, `series "${name}"`, n, s.x.length);
    if ((s.lower && s.lower.length !== n) || (s.upper && s.upper.length !== n) || (s.error && s.error.length !== n)) {
      throw lengthMismatch(place, `the interval of series "${name}"`, (s.lower ?? s.upper ?? s.error)!.length, n);
    }
    if (s.error !== undefined && (s.lower !== undefined || s.upper !== undefined)) {
      throw badOption(place, "error", `series "${name}"`, "either `error` or `lower`/`upper` on one series, not both");
    }
    const lower = s.error ? Float64Array.from(s.y, (y, i) => y - s.error![i]!) : s.lower;
    const upper = s.error ? Float64Array.from(s.y, (y, i) => y + s.error![i]!) : s.upper;
    const hasBand = lower !== undefined && upper !== undefined;
    band ||= hasBand;
    const keep = minMaxIndices(s.y, maxPoints);
    if (keep.length < n) {
      thinned++;
      thinnedFrom += n;
      thinnedTo += keep.length;
    }
    for (let j = 0; j < keep.length; j++) {
      const i = keep[j]!;
      const row: Record<string, unknown> = { x: s.x === undefined ? i : s.x[i], y: s.y[i] };
      if (name !== "") row.series = name;
      if (s.facet !== undefined) row.facet = s.facet;
      if (hasBand) {
        row.lower = lower![i];
        row.upper = upper![i];
      }
      rows.push(row);
    }
  });
  const notes = [...(extra.notes ?? [])];
  if (thinned > 0) {
    notes.push(`${thinned === 1 ? "1 series" : `${thinned} series`} thinned for display: ${formatCount(thinnedTo)} of ${formatCount(thinnedFrom)} points kept (min–max per bucket)`);
  }
  const colored = names.some((n) => n !== "");
  const color = colored
    ? { field: "series", type: "nominal", sort: [...new Set(names)], title: options.seriesTitle ?? options.series ?? null }
    : undefined;
  const x = defined({
    field: "x", type: options.xType ?? "quantitative", title: options.xTitle ?? extra.xTitle ?? options.x ?? "x",
    scale: scaleOf(options.xScale, options.xDomain),
    axis: wholeNumberAxis(rows, options.width ?? DEFAULT_WIDTH),
  });
  const yTitle = options.yTitle ?? extra.yTitle ?? (typeof options.y === "string" ? options.y : Array.isArray(options.y) ? "value" : "y");
  const yScale = scaleOf(options.yScale, options.yDomain, options.yScale === "log" || options.yScale === "symlog" ? {} : { zero: options.yZero ?? false });
  const layers: ExtraLayer[] = [];
  const bars = band && options.intervals === "bars";
  if (band && !bars) {
    layers.push({
      mark: { type: "area", opacity: 0.2 },
      // Only series that have a band draw one.
      transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
      encoding: defined({
        x, y: defined({ field: "lower", type: "quantitative", title: yTitle, scale: yScale }), y2: { field: "upper" },
        // A fill scale of its own (same domain order, same scheme, so the same colours) keeps the
        // band out of the legend without hiding the lines' legend.
        fill: color && { ...color, legend: null },
      }),
    });
  }
  layers.push({
    mark: defined({ type: "line", interpolate: options.interpolate, point: options.points ? { size: 20 } : undefined, strokeWidth: 1.5 }),
    encoding: defined({
      x, y: defined({ field: "y", type: "quantitative", title: yTitle, scale: yScale }),
      color: color && { ...color, legend: { symbolType: "stroke", symbolStrokeWidth: 2, symbolOpacity: 1 } },
    }),
  });
  if (bars) {
    layers.push({
      mark: { type: "rule", strokeWidth: 1.2 },
      transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
      encoding: defined({ x, y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color }),
    });
    layers.push({
      mark: { type: "point", filled: true, size: 24, opacity: 1 },
      transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
      encoding: defined({ x, y: { field: "y", type: "quantitative" }, color }),
    });
  }
  layers.push(...ruleLayers(options.rules));
  layers.push(...(extra.extraLayers ?? []));
  return new Plot(
    layeredSpec(rows, layers, {
      options, title: titleBlock(options, extra.defaultTitle, notes),
      ...facetOf(seriesList, options),
    }),
    extra.label ?? options.title ?? `line chart, ${seriesList.length} series`,
  );
}


/**
 * Whole-number x (epochs, tasks, trials) gets whole-number ticks: at most one tick per unit, so
 * d3's 1-2-5 steps never fall below 1 (vega-lite's `tickMinStep` does not reach the compiled axis).
 */
function wholeNumberAxis(rows: readonly Record<string, unknown>[], widthPx: number): { tickCount: number } | undefined {
  if (rows.length === 0) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (const r of rows) {
    const x = r.x;
    if (typeof x !== "number" || !Number.isInteger(x)) return undefined;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const span = hi - lo;
  const byWidth = Math.ceil(widthPx / 40);
  return span >= 1 && span < byWidth ? { tickCount: span } : undefined;
}

/** The facet of a line chart whose series name panels, or nothing. */
function facetOf(seriesList: readonly LineSeries[], options: LineOptions): { facet?: { field: string; title: string | null; sort: string[]; columns?: number } } {
  const panels = [...new Set(seriesList.map((s) => s.facet).filter((f): f is string => f !== undefined))];
  if (panels.length === 0) return {};
  return { facet: defined({ field: "facet", title: options.facetTitle ?? options.facet ?? null, sort: panels, columns: options.columns }) };
}
