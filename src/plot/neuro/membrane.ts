/**
 * Membrane-potential traces over time, with the threshold (and optionally the reset) as dashed
 * rules. Long recordings are thinned by min–max decimation, which keeps every spike's peak and
 * every reset's trough, and the subtitle says so.
 */
import type { Numbers } from "../../core/stats.js";
import { Plot } from "../plot.js";
import { isArrayLike } from "../data.js";
import { buildLine, type ExtraLayer, type LineSeries } from "../line.js";
import { badInput, badOption, lengthMismatch } from "../messages.js";
import type { FigureOptions } from "../options.js";

/** Options of `membrane`. */
export interface MembraneOptions extends FigureOptions {
  /** Firing threshold in mV, drawn as a dashed rule and labelled. */
  readonly vThreshMv?: number;
  /** Reset potential in mV, drawn as a dotted rule. */
  readonly vResetMv?: number;
  /** Show samples with from ≤ t < to ms; default all. */
  readonly timeRangeMs?: readonly [number, number];
  /** Above this many samples a trace is thinned (noted in the subtitle); default 4000. */
  readonly maxPointsPerTrace?: number;
  /** Legend title for several traces; default "neuron". */
  readonly traceTitle?: string;
  /** y-axis title; default "membrane potential (mV)". */
  readonly yTitle?: string;
}

/** One trace, several traces, or traces by name; every trace sampled at the same times. */
export type MembraneTraces = Numbers | readonly Numbers[] | Readonly<Record<string, Numbers>>;

/**
 * Membrane potential v(t) of one or more neurons.
 *
 * @example
 * plot.membrane(run.times("exc"), { "neuron 0": v0, "neuron 7": v7 }, { vThreshMv: -50, vResetMv: -60 })
 */
export function membrane(timesMs: Numbers, traces: MembraneTraces, options: MembraneOptions = {}): Plot {
  const place = "plot.membrane";
  const named = toNamedTraces(traces, place);
  const n = timesMs.length;
  for (const [name, v] of named) if (v.length !== n) throw lengthMismatch(place, `trace "${name}"`, v.length, n);
  let first = 0, end = n;
  if (options.timeRangeMs) {
    const [from, to] = options.timeRangeMs;
    if (!(to > from)) throw badOption(place, "timeRangeMs", options.timeRangeMs, "[from, to] with from < to, in ms");
    while (first < n && timesMs[first]! < from) first++;
    end = first;
    while (end < n && timesMs[end]! < to) end++;
  }
  const t = Float64Array.from(timesMs as ArrayLike<number>).slice(first, end);
  const series: LineSeries[] = named.map(([name, v]) => ({
    ...(named.length > 1 ? { name } : {}),
    x: t,
    y: Float64Array.from(v as ArrayLike<number>).subarray(first, end),
  }));
  const extraLayers: ExtraLayer[] = [];
  const rules: { v: number; label: string; dash: number[]; color: string }[] = [];
  if (options.vThreshMv !== undefined) rules.push({ v: options.vThreshMv, label: `threshold ${fmtMv(options.vThreshMv)} mV`, dash: [6, 4], color: "#c0392b" });
  if (options.vResetMv !== undefined) rules.push({ v: options.vResetMv, label: `reset ${fmtMv(options.vResetMv)} mV`, dash: [2, 3], color: "#666" });
  for (const rule of rules) {
    extraLayers.push({
      data: { values: [{ level: rule.v, label: rule.label }] },
      layer: [
        { mark: { type: "rule", strokeDash: rule.dash, color: rule.color, strokeWidth: 1.2 }, encoding: { y: { field: "level", type: "quantitative" } } },
        {
          mark: { type: "text", align: "right", baseline: "bottom", dy: -2, fontSize: 10, color: rule.color, x: { expr: "width" }, xOffset: -4 },
          encoding: { y: { field: "level", type: "quantitative" }, text: { field: "label" } },
        },
      ],
    });
  }
  return buildLine(series, {
    title: options.title, subtitle: options.subtitle, width: options.width, height: options.height,
    seriesTitle: options.traceTitle ?? "neuron",
    maxPointsPerSeries: options.maxPointsPerTrace ?? 4000,
    yTitle: options.yTitle ?? "membrane potential (mV)",
    xTitle: "time (ms)",
    ...(options.timeRangeMs ? { xDomain: options.timeRangeMs } : {}),
  }, { extraLayers, defaultTitle: "Membrane potential", label: options.title ?? `membrane potential, ${named.length} trace(s)` });
}

function toNamedTraces(traces: MembraneTraces, place: string): [string, Numbers][] {
  if (isArrayLike(traces) && (traces.length === 0 || typeof traces[0] === "number")) return [["neuron", traces as Numbers]];
  if (Array.isArray(traces)) return (traces as readonly Numbers[]).map((v, k) => [`neuron ${k}`, v]);
  if (typeof traces === "object" && traces !== null) {
    const entries = Object.entries(traces as Record<string, unknown>);
    for (const [name, v] of entries) if (!isArrayLike(v)) throw badInput(place, `an object whose trace \`${name}\` is not an array`, "named arrays of mV values");
    return entries as [string, Numbers][];
  }
  throw badInput(place, typeof traces, "an array of mV values, an array of traces, or traces by name");
}

function fmtMv(v: number): string {
  return String(v).replace("-", "−");
}
