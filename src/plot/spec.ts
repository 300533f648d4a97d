/**
 * Assembling a top-level spec from layers: shared data, the house config, the title block, and —
 * when the data is split into panels — a facet around the layers.
 */
import type { TopLevelSpec } from "vega-lite";
import { BASE_CONFIG, defined, sizeOf, titleBlock, type FigureOptions } from "./options.js";

/** One layer of a figure: a unit or layer spec fragment (its own `data` if it does not use the shared rows). */
export type ExtraLayer = Record<string, unknown>;

/** Dashed reference lines at fixed values, in data units. */
export interface ReferenceRules {
  /** Vertical rules at these x values. */
  readonly x?: readonly number[];
  /** Horizontal rules at these y values. */
  readonly y?: readonly number[];
}

/** Options that split a figure into panels, one per value of a field. */
export interface FacetOptions {
  /** Field whose values each get a panel (small multiples), sharing scales. */
  readonly facet?: string;
  /** Title over the panels' names; default the field name. */
  readonly facetTitle?: string;
  /** Panels per row; default: all in one row up to 4, then wrapping. */
  readonly columns?: number;
}

/** Default width and height of one panel of a faceted figure, in px. */
export const PANEL_SIZE = { width: 260, height: 180 } as const;

/** Dashed grey rules at fixed x and y values, each layer with its own data. */
export function ruleLayers(rules: ReferenceRules | undefined): ExtraLayer[] {
  const out: ExtraLayer[] = [];
  if (rules?.x?.length) {
    out.push({
      data: { values: rules.x.map((v) => ({ rule: v })) },
      mark: { type: "rule", strokeDash: [4, 4], color: "#777" },
      encoding: { x: { field: "rule", type: "quantitative" } },
    });
  }
  if (rules?.y?.length) {
    out.push({
      data: { values: rules.y.map((v) => ({ rule: v })) },
      mark: { type: "rule", strokeDash: [4, 4], color: "#777" },
      encoding: { y: { field: "rule", type: "quantitative" } },
    });
  }
  return out;
}

/**
 * A top-level spec with shared data and these layers; a single layer becomes a unit spec so the
 * spec a user reads stays as small as it can be. With `facet`, the layers are drawn once per
 * distinct value of that field (in `facet.sort` order), each panel `PANEL_SIZE` unless sized.
 */
export function layeredSpec(
  rows: readonly unknown[],
  layers: readonly ExtraLayer[],
  context: {
    options: FigureOptions;
    title: ReturnType<typeof titleBlock>;
    size?: { width?: number; height?: number };
    facet?: { field: string; title?: string | null; sort?: readonly string[]; columns?: number };
  },
): TopLevelSpec {
  const body = layers.length === 1 ? { ...layers[0] } : { layer: layers };
  if (context.facet) {
    const panels = context.facet.sort?.length ?? 1;
    return defined({
      title: context.title,
      config: BASE_CONFIG,
      data: { values: rows },
      facet: defined({ field: context.facet.field, type: "nominal", title: context.facet.title, sort: context.facet.sort }),
      columns: context.facet.columns ?? (panels <= 4 ? panels : 3),
      spec: { ...sizeOf(context.options, PANEL_SIZE), ...body },
    }) as unknown as TopLevelSpec;
  }
  const top = defined({
    title: context.title,
    ...sizeOf(context.options, context.size),
    config: BASE_CONFIG,
    data: { values: rows },
  });
  return { ...top, ...body } as unknown as TopLevelSpec;
}
