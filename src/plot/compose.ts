/**
 * Composing figures the vega-lite way: layers share scales in one view; concatenations place views
 * side by side or stacked. The house `config` is lifted to the top, where vega-lite requires it.
 */
import type { TopLevelSpec } from "vega-lite";
import { Plot } from "./plot.js";
import { notLayerable } from "./messages.js";
import { BASE_CONFIG, defined, titleBlock, type FigureOptions } from "./options.js";

/** Options of a composed figure. */
export interface ComposeOptions extends Omit<FigureOptions, "width" | "height"> {
  /** Layers only: scales each layer keeps for itself, e.g. `["y"]` for a second y axis. */
  readonly independent?: readonly ("x" | "y" | "color")[];
  /** Concatenations only: gap between views in px; default 24. */
  readonly spacing?: number;
}

/** Several single-view plots drawn in one view with shared scales (a second y axis with `independent: ["y"]`). */
export function layer(plots: readonly Plot[], options: ComposeOptions = {}): Plot {
  const inner = plots.map((p, k) => {
    const spec = innerSpec(p);
    for (const kind of ["hconcat", "vconcat", "concat", "facet", "repeat"]) {
      if (kind in spec) throw notLayerable("plot.layer", k, kind);
    }
    return spec;
  });
  // Width and height belong to the layered view; titles of the parts are replaced by the figure's.
  const width = inner.find((s) => s.width !== undefined)?.width;
  const height = inner.find((s) => s.height !== undefined)?.height;
  const firstTitle = inner.find((s) => s.title !== undefined)?.title as { text?: string } | string | undefined;
  for (const s of inner) {
    delete s.width;
    delete s.height;
    delete s.title;
  }
  const fallbackTitle = typeof firstTitle === "string" ? firstTitle : firstTitle?.text;
  const spec = defined({
    title: titleBlock(options, fallbackTitle),
    width, height,
    config: BASE_CONFIG,
    layer: inner,
    resolve: options.independent?.length ? { scale: Object.fromEntries(options.independent.map((c) => [c, "independent"])) } : undefined,
  });
  return new Plot(spec as unknown as TopLevelSpec, options.title ?? `${plots.length} layers`);
}

/** Plots side by side. */
export function hconcat(plots: readonly Plot[], options: ComposeOptions = {}): Plot {
  return concat("hconcat", plots, options);
}

/** Plots stacked top to bottom. */
export function vconcat(plots: readonly Plot[], options: ComposeOptions = {}): Plot {
  return concat("vconcat", plots, options);
}

function concat(kind: "hconcat" | "vconcat", plots: readonly Plot[], options: ComposeOptions): Plot {
  const spec = defined({
    title: titleBlock(options, undefined),
    config: BASE_CONFIG,
    spacing: options.spacing ?? 24,
    [kind]: plots.map(innerSpec),
    // Each view keeps its own colour scale and legend: panels often colour different things.
    resolve: { scale: { color: "independent" } },
  });
  return new Plot(spec as unknown as TopLevelSpec, options.title ?? `${plots.length} plots`);
}

/** A plot's spec as a part of another: without `$schema` or `config` (top level only in vega-lite). */
function innerSpec(plot: Plot): Record<string, unknown> {
  const { $schema: _schema, config: _config, ...rest } = plot.spec as unknown as Record<string, unknown>;
  return structuredClone(rest);
}
