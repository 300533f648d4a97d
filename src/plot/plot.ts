/**
 * A figure: a typed vega-lite spec and nothing else. It knows nothing of simulation; builders turn
 * arrays into specs, and the notebook renders a Plot through `toMimeBundle()`.
 */
import type { TopLevelSpec } from "vega-lite";
import { renderPng, renderSvg } from "./render.js";

/** The vega-lite schema that matches the `application/vnd.vegalite.v5+json` MIME type. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** The MIME type Jupyter front ends render as an interactive vega-lite chart. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** A MIME bundle as Jupyter's display_data carries it: MIME type → value. */
export type MimeBundle = Record<string, unknown>;

/** A figure. The last value of a notebook cell renders through `toMimeBundle()`. */
export class Plot {
  /** The full spec, with `$schema` set. */
  readonly spec: TopLevelSpec;
  /** A short description, used as the text/plain fallback. */
  readonly label: string;

  constructor(spec: TopLevelSpec, label?: string) {
    this.spec = { $schema: VEGA_LITE_SCHEMA, ...spec } as TopLevelSpec;
    this.label = label ?? titleOf(spec) ?? "vega-lite chart";
  }

  /** Static SVG rendered on the server by vega (no browser, no canvas). */
  toSVG(): Promise<string> {
    return renderSvg(this.spec);
  }

  /** PNG through resvg, at `scale` × the SVG's size (2 = sharp on high-density screens). */
  async toPNG(options: { scale?: number } = {}): Promise<Uint8Array> {
    return renderPng(await this.toSVG(), options.scale ?? 2);
  }

  /** The interactive spec, its SVG fallback and a text description, in one bundle. */
  async toMimeBundle(): Promise<MimeBundle> {
    return {
      [VEGA_LITE_MIME]: this.spec,
      "image/svg+xml": await this.toSVG(),
      "text/plain": `<Plot: ${this.label}>`,
    };
  }

  /** What `console.log` and tslab's plain printing show. */
  toString(): string {
    return `<Plot: ${this.label}>`;
  }
}

function titleOf(spec: TopLevelSpec): string | undefined {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && "text" in title) {
    const text = (title as { text: unknown }).text;
    return Array.isArray(text) ? text.join(" ") : typeof text === "string" ? text : undefined;
  }
  return undefined;
}
