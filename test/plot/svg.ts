/** Reading rendered SVG in tests: items of a mark, texts, and warnings-free compilation. */
import assert from "node:assert/strict";
import { compileSpec } from "../../src/plot/render.js";
import type { Plot } from "../../src/plot/plot.js";

/**
 * Number of items vega drew for marks of one type (`symbol`, `rect`, `line`, `area`, `rule`,
 * `text`) with role "mark", summed over every such mark group (layers, concatenated views).
 */
export function markItems(svg: string, markType: string): number {
  let count = 0;
  const opening = new RegExp(`<g class="mark-${markType} role-mark[^"]*"[^>]*>`, "g");
  for (let m = opening.exec(svg); m !== null; m = opening.exec(svg)) {
    const start = m.index + m[0].length;
    const end = svg.indexOf("</g>", start);
    count += (svg.slice(start, end).match(/<(path|line|text)\b/g) ?? []).length;
  }
  return count;
}

/** True when the SVG contains a text element with exactly this content. */
export function hasText(svg: string, text: string): boolean {
  const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return svg.includes(`>${escaped}</text>`);
}

/** Asserts that vega-lite compiles the plot's spec without a single warning, and returns its SVG. */
export async function compileCleanly(plot: Plot): Promise<string> {
  const { warnings } = compileSpec(plot.spec);
  assert.deepEqual(warnings, [], `vega-lite warned about "${plot.label}"`);
  return plot.toSVG();
}

/** The spec's subtitle lines. */
export function subtitleOf(plot: Plot): string[] {
  const title = (plot.spec as { title?: { subtitle?: string | string[] } }).title;
  const s = title?.subtitle;
  return s === undefined ? [] : Array.isArray(s) ? s : [s];
}

/** The spec's top-level data rows. */
export function rowsOf(plot: Plot): Record<string, unknown>[] {
  return ((plot.spec as { data?: { values?: Record<string, unknown>[] } }).data?.values) ?? [];
}
