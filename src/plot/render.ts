/**
 * Server-side rendering of vega-lite specs: vega's headless view renders SVG without a canvas, and
 * resvg turns SVG into PNG. Both libraries load on first use, so importing Cajal stays fast.
 */
import type { TopLevelSpec } from "vega-lite";
import { CajalError } from "../core/errors.js";

type VegaModule = typeof import("vega");
type VegaLiteModule = typeof import("vega-lite");
let vegaModule: VegaModule | undefined;
let vegaLiteModule: VegaLiteModule | undefined;

function libraries(): { vega: VegaModule; vegaLite: VegaLiteModule } {
  vegaModule ??= require("vega") as VegaModule;
  vegaLiteModule ??= require("vega-lite") as VegaLiteModule;
  return { vega: vegaModule, vegaLite: vegaLiteModule };
}

/** Compiles a vega-lite spec to vega, collecting vega-lite's warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): { vegaSpec: unknown; warnings: string[] } {
  const { vegaLite } = libraries();
  const warnings: string[] = [];
  const logger = {
    level(): number { return 0; },
    error(...args: readonly unknown[]) { warnings.push(args.map(String).join(" ")); return this; },
    warn(...args: readonly unknown[]) { warnings.push(args.map(String).join(" ")); return this; },
    info() { return this; },
    debug() { return this; },
  };
  try {
    const compiled = vegaLite.compile(spec, { logger: logger as never });
    return { vegaSpec: compiled.spec, warnings };
  } catch (cause) {
    throw new CajalError(
      {
        ruleId: "plot-invalid-spec", place: "plot",
        reason: `vega-lite could not compile the spec: ${(cause as Error).message}`,
        fix: "check the spec's mark, encoding fields and data against the vega-lite documentation.",
      },
      { cause },
    );
  }
}

/** Renders a vega-lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = libraries();
  const { vegaSpec } = compileSpec(spec);
  const view = new vega.View(vega.parse(vegaSpec as never), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders an SVG string to PNG bytes with resvg, using the system's DejaVu fonts for text. */
export function renderPng(svg: string, scale: number): Uint8Array {
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
