/**
 * Scatter plots: x against y, with colour, size and shape encodings, an optional identity line and
 * reference rules. Above `maxPoints` a seeded uniform sample is drawn and the subtitle says so.
 */
import { createRng } from "../core/rng.js";
import { Plot } from "./plot.js";
import { requireField, tableRows, type TableInput } from "./data.js";
import { ruleLayers, layeredSpec, type ExtraLayer, type FacetOptions, type ReferenceRules } from "./spec.js";
import { badOption } from "./messages.js";
import { defined, formatCount, scaleOf, titleBlock, type AxesOptions, type FigureOptions } from "./options.js";
import { sampleIndices } from "./sample.js";

/** Options of `scatter`. */
export interface ScatterOptions extends FigureOptions, AxesOptions, FacetOptions {
  /** x field; default "x". */
  readonly x?: string;
  /** y field; default "y". */
  readonly y?: string;
  /** Field that colours the points. */
  readonly color?: string;
  /** How the colour field is read; default nominal for strings, quantitative for numbers. */
  readonly colorType?: "nominal" | "ordinal" | "quantitative";
  /** Legend title of the colour. */
  readonly colorTitle?: string;
  /** Field that sizes the points (quantitative). */
  readonly size?: string;
  /** Field that shapes the points (nominal). */
  readonly shape?: string;
  /** Point area in px² when no size field is given; default 30. */
  readonly pointSize?: number;
  /** Point opacity; default 0.8. */
  readonly opacity?: number;
  /** Draw the line y = x (dashed). */
  readonly identityLine?: boolean;
  /** Dashed reference rules. */
  readonly rules?: ReferenceRules;
  /** Above this many points, a uniform sample of this size is drawn (noted in the subtitle); default 20 000. */
  readonly maxPoints?: number;
  /** Seed of the sample; default 0. */
  readonly seed?: number;
}

/**
 * Scatter plot from a table (rows, columns of typed arrays or a DataFrame).
 *
 * @example
 * plot.scatter({ x: predicted, y: measured }, { xTitle: "predicted rate (Hz)", yTitle: "measured rate (Hz)", identityLine: true })
 */
export function scatter(data: TableInput, options: ScatterOptions = {}): Plot {
  const place = "plot.scatter";
  const all = tableRows(data, place);
  const xField = options.x ?? "x";
  const yField = options.y ?? "y";
  requireField(all, xField, "x", place);
  requireField(all, yField, "y", place);
  for (const key of ["color", "size", "shape", "facet"] as const) {
    const f = options[key];
    if (f !== undefined) requireField(all, f, key, place);
  }
  const maxPoints = options.maxPoints ?? 20_000;
  if (!(Number.isInteger(maxPoints) && maxPoints >= 1)) throw badOption(place, "maxPoints", maxPoints, "an integer ≥ 1");
  const notes: string[] = [];
  let rows = all;
  if (all.length > maxPoints) {
    const seed = options.seed ?? 0;
    const keep = sampleIndices(all.length, maxPoints, createRng(seed).stream("plot.scatter"));
    rows = Array.from(keep, (i) => all[i]!);
    notes.push(`${formatCount(maxPoints)} of ${formatCount(all.length)} points shown (uniform random sample, seed ${seed})`);
  }
  const colorType = options.colorType ?? (options.color !== undefined && typeof all[0]?.[options.color] === "number" ? "quantitative" : "nominal");
  const x = defined({ field: xField, type: "quantitative", title: options.xTitle ?? xField, scale: scaleOf(options.xScale, options.xDomain, options.xScale && options.xScale !== "linear" ? {} : { zero: false }) });
  const y = defined({ field: yField, type: "quantitative", title: options.yTitle ?? yField, scale: scaleOf(options.yScale, options.yDomain, options.yScale && options.yScale !== "linear" ? {} : { zero: false }) });
  const layers: ExtraLayer[] = [{
    mark: defined({ type: "point", filled: true, size: options.size === undefined ? options.pointSize ?? 30 : undefined, opacity: options.opacity ?? 0.8 }),
    encoding: defined({
      x, y,
      color: options.color === undefined ? undefined : { field: options.color, type: colorType, title: options.colorTitle ?? options.color },
      size: options.size === undefined ? undefined : { field: options.size, type: "quantitative" },
      shape: options.shape === undefined ? undefined : { field: options.shape, type: "nominal" },
    }),
  }];
  if (options.identityLine) layers.push(identityLayer(rows, xField, yField));
  layers.push(...ruleLayers(options.rules));
  return new Plot(
    layeredSpec(rows, layers, {
      options, title: titleBlock(options, undefined, notes),
      ...(options.facet === undefined ? {} : {
        facet: { field: options.facet, title: options.facetTitle ?? options.facet, sort: [...new Set(all.map((r) => String(r[options.facet!])))], ...(options.columns ? { columns: options.columns } : {}) },
      }),
    }),
    options.title ?? `scatter of ${formatCount(all.length)} points`,
  );
}

/** The dashed line y = x across the range both variables share. */
function identityLayer(rows: readonly Record<string, unknown>[], xField: string, yField: string): ExtraLayer {
  let lo = Infinity, hi = -Infinity;
  for (const row of rows) {
    for (const v of [Number(row[xField]), Number(row[yField])]) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  return {
    data: { values: [{ identity: lo }, { identity: hi }] },
    mark: { type: "line", strokeDash: [4, 4], color: "#777", strokeWidth: 1 },
    encoding: { x: { field: "identity", type: "quantitative" }, y: { field: "identity", type: "quantitative" } },
  };
}
