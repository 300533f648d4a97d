/**
 * Bar charts: one bar per category, grouped or stacked by series, with error bars and per-seed
 * points. Categories keep the order they first appear in.
 */
import { Plot } from "./plot.js";
import { requireField, tableRows, type TableInput } from "./data.js";
import { layeredSpec, type ExtraLayer, type FacetOptions, type ReferenceRules, ruleLayers } from "./spec.js";
import { badOption } from "./messages.js";
import { defined, scaleOf, titleBlock, type FigureOptions, type ScaleKind } from "./options.js";

/** Options of `bar`. */
export interface BarOptions extends FigureOptions, FacetOptions {
  /** Category field; default "label". */
  readonly x?: string;
  /** Value field; default "value". */
  readonly y?: string;
  /** Series field: bars of a category are grouped side by side (or stacked with `stack`). */
  readonly series?: string;
  /** Stack the series instead of grouping them. */
  readonly stack?: boolean;
  /** Field of a symmetric error (± sd, sem or CI half-width) drawn as an error bar. */
  readonly error?: string;
  /** Fields of an asymmetric interval [lower, upper] drawn as an error bar. */
  readonly lower?: string;
  /** Upper end of the interval. */
  readonly upper?: string;
  /** Individual values (per seed, per run) drawn as points on their bar: rows with the same category (and series) fields. */
  readonly points?: { readonly data: TableInput; readonly y?: string };
  /** x-axis title; default the category field. */
  readonly xTitle?: string;
  /** y-axis title, with units; default the value field. */
  readonly yTitle?: string;
  /** y scale; default linear from 0. */
  readonly yScale?: ScaleKind;
  /** Fixed y range. */
  readonly yDomain?: readonly [number, number];
  /** Legend title of the series. */
  readonly seriesTitle?: string;
  /** Dashed horizontal reference lines (chance level, baseline). */
  readonly rules?: Pick<ReferenceRules, "y">;
}

/**
 * Bar chart from a table.
 *
 * @example
 * plot.bar(results, { x: "method", y: "accuracy", series: "task", error: "sd", yTitle: "accuracy (%)" })
 */
export function bar(data: TableInput, options: BarOptions = {}): Plot {
  const place = "plot.bar";
  const rows = tableRows(data, place);
  const xField = options.x ?? "label";
  const yField = options.y ?? "value";
  requireField(rows, xField, "x", place);
  requireField(rows, yField, "y", place);
  for (const key of ["series", "error", "lower", "upper", "facet"] as const) {
    const f = options[key];
    if (f !== undefined) requireField(rows, f, key, place);
  }
  if ((options.lower === undefined) !== (options.upper === undefined)) {
    throw badOption(place, options.lower === undefined ? "lower" : "upper", undefined, "a field name: an interval needs both `lower` and `upper`");
  }
  const hasError = options.error !== undefined || options.lower !== undefined;
  if (options.stack && (hasError || options.points)) {
    throw badOption(place, "stack", true, "false when error bars or points are drawn (they would sit at the wrong height on a stack)");
  }
  const categories = unique(rows.map((r) => String(r[xField])));
  const seriesNames = options.series === undefined ? [] : unique(rows.map((r) => String(r[options.series!])));
  const values = rows.map((r) => {
    const out: Record<string, unknown> = { category: String(r[xField]), value: Number(r[yField]) };
    if (options.series !== undefined) out.series = String(r[options.series]);
    if (options.facet !== undefined) out.facet = String(r[options.facet]);
    if (options.error !== undefined) {
      const e = Number(r[options.error]);
      out.low = Number(r[yField]) - e;
      out.high = Number(r[yField]) + e;
    } else if (options.lower !== undefined) {
      out.low = Number(r[options.lower]);
      out.high = Number(r[options.upper!]);
    }
    return out;
  });
  const grouped = options.series !== undefined && !options.stack;
  const x = { field: "category", type: "nominal", title: options.xTitle ?? xField, sort: categories, axis: { labelAngle: categories.some((c) => c.length > 8) ? -30 : 0 } };
  const yTitle = options.yTitle ?? yField;
  const y = defined({ field: "value", type: "quantitative", title: yTitle, scale: scaleOf(options.yScale, options.yDomain), stack: options.stack ? "zero" : null });
  const color = options.series === undefined ? undefined : { field: "series", type: "nominal", sort: seriesNames, title: options.seriesTitle ?? options.series };
  const xOffset = grouped ? { field: "series", type: "nominal", sort: seriesNames } : undefined;
  // Per-seed points share the bars' data, marked by `layer`, so that panels split them too.
  const barsOnly = options.points ? { transform: [{ filter: "datum.layer === 'bar'" }] } : {};
  const layers: ExtraLayer[] = [{ ...barsOnly, mark: { type: "bar" }, encoding: defined({ x, y, color, xOffset }) }];
  if (hasError) {
    layers.push({
      ...barsOnly,
      mark: { type: "rule", color: "#222", strokeWidth: 1.5 },
      encoding: defined({ x, xOffset, y: { field: "low", type: "quantitative" }, y2: { field: "high" } }),
    });
  }
  if (options.points) {
    const pointRows = tableRows(options.points.data, `${place} (points)`);
    const py = options.points.y ?? yField;
    requireField(pointRows, xField, "x", `${place} (points)`);
    requireField(pointRows, py, "points.y", `${place} (points)`);
    if (options.series !== undefined) requireField(pointRows, options.series, "series", `${place} (points)`);
    if (options.facet !== undefined) requireField(pointRows, options.facet, "facet", `${place} (points)`);
    for (const v of values) v.layer = "bar";
    for (const r of pointRows) {
      values.push(defined({
        layer: "point", category: String(r[xField]), value: Number(r[py]),
        series: options.series === undefined ? undefined : String(r[options.series]),
        facet: options.facet === undefined ? undefined : String(r[options.facet]),
      }));
    }
    layers.push({
      transform: [{ filter: "datum.layer === 'point'" }],
      mark: { type: "point", filled: true, size: 18, color: "#222", opacity: 0.7 },
      encoding: defined({ x, xOffset, y: { field: "value", type: "quantitative" } }),
    });
  }
  layers.push(...ruleLayers(options.rules));
  return new Plot(
    layeredSpec(values, layers, {
      options, title: titleBlock(options, undefined),
      size: { width: Math.max(200, Math.min(640, categories.length * Math.max(1, seriesNames.length) * 28 + 40)) },
      ...(options.facet === undefined ? {} : {
        facet: { field: "facet", title: options.facetTitle ?? options.facet, sort: unique(values.map((v) => v.facet as string)), ...(options.columns ? { columns: options.columns } : {}) },
      }),
    }),
    options.title ?? `bar chart, ${categories.length} categories`,
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
