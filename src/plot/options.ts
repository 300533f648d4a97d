/**
 * Options every builder shares (title, size, axes) and the pieces of spec they become: the title
 * block with its notes, axis scales, and the house look in `config`.
 */

/** Size and titles of a figure. */
export interface FigureOptions {
  /** Figure title. */
  readonly title?: string;
  /** A line under the title. Notes about sampling or aggregation are added below it. */
  readonly subtitle?: string;
  /** Width of the plotting area in px; default 560. */
  readonly width?: number;
  /** Height of the plotting area in px; default 280. */
  readonly height?: number;
}

/** Scale kinds an axis can take. */
export type ScaleKind = "linear" | "log" | "symlog" | "sqrt";

/** Titles, scales and ranges of the x and y axes. Put units in titles: "time (ms)". */
export interface AxesOptions {
  /** x-axis title, with units. */
  readonly xTitle?: string;
  /** y-axis title, with units. */
  readonly yTitle?: string;
  /** x scale; default linear. */
  readonly xScale?: ScaleKind;
  /** y scale; default linear. */
  readonly yScale?: ScaleKind;
  /** Fixed x range [min, max]; default: the data's. */
  readonly xDomain?: readonly [number, number];
  /** Fixed y range [min, max]; default: the data's (including 0 for linear scales unless `yZero` is false). */
  readonly yDomain?: readonly [number, number];
}

/** Default plotting-area width in px. */
export const DEFAULT_WIDTH = 560;
/** Default plotting-area height in px. */
export const DEFAULT_HEIGHT = 280;

/** The house look: readable fonts, a left-aligned title with a grey subtitle. Top level only. */
export const BASE_CONFIG = {
  font: "DejaVu Sans",
  title: { anchor: "start", frame: "group", fontSize: 14, subtitleFontSize: 11, subtitleColor: "#555", offset: 8 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" },
  header: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal" },
  view: { stroke: "#ccc" },
} as const;

/** The `title` of a spec: the user's title (or a default), with subtitle lines for the user's subtitle and any notes. */
export function titleBlock(
  options: FigureOptions,
  defaultTitle: string | undefined,
  notes: readonly string[] = [],
): { text: string; subtitle?: string | string[] } | undefined {
  const text = options.title ?? defaultTitle;
  const lines = [options.subtitle, ...notes].filter((s): s is string => typeof s === "string" && s.length > 0);
  if (text === undefined && lines.length === 0) return undefined;
  return {
    text: text ?? "",
    ...(lines.length === 1 ? { subtitle: lines[0]! } : lines.length > 1 ? { subtitle: lines } : {}),
  };
}

/** Width and height with defaults. */
export function sizeOf(options: FigureOptions, defaults: { width?: number; height?: number } = {}): { width: number; height: number } {
  return {
    width: options.width ?? defaults.width ?? DEFAULT_WIDTH,
    height: options.height ?? defaults.height ?? DEFAULT_HEIGHT,
  };
}

/** A vega-lite `scale` for a kind and domain, or undefined when both are defaults. */
export function scaleOf(kind: ScaleKind | undefined, domain: readonly [number, number] | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const scale: Record<string, unknown> = { ...extra };
  if (kind !== undefined && kind !== "linear") scale.type = kind;
  if (domain !== undefined) scale.domain = [domain[0], domain[1]];
  return Object.keys(scale).length > 0 ? scale : undefined;
}

/** Formats a count with thousands separators, for notes: 100000 → "100,000". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Removes undefined values so specs stay free of `"key": undefined`. */
export function defined<T extends Record<string, unknown>>(object: T): T {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}
