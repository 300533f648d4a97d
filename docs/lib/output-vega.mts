/**
 * A vega-lite output (`application/vnd.vegalite.v5+json` with the server-rendered `image/svg+xml`):
 * a target the page script fills with an interactive vega-embed chart, the static SVG as the
 * no-script fallback, and the spec as inert JSON. The SVG is shown through an `<img>` data URI, so
 * nothing inside it can run even if a notebook produced a hostile SVG.
 */
import type { Element } from "hast";
import { h } from "./hast-util.mjs";

/** The vega-lite MIME type this renderer reads. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

/** JSON that is safe inside `<script type="application/json">`: no `</script>`, no `<!--`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** An `<img>` showing an SVG document from a data URI. */
export function svgImage(svg: string, alt: string): Element {
  const uri = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  return h("img", { className: ["output-svg"], src: uri, alt });
}

/**
 * Renders a chart figure.
 * @param spec the vega-lite spec (a JSON object)
 * @param svg the static SVG rendered by the kernel, or undefined when the bundle has none
 * @param id unique id on the page, used to link the target with its spec
 * @param label text alternative (the bundle's `text/plain`)
 */
export function renderVegaLite(spec: object, svg: string | undefined, id: string, label: string): Element {
  const fallback = svg
    ? h("div", { className: ["vega-static"] }, [svgImage(svg, label)])
    : h("div", { className: ["vega-static"] }, [h("p", {}, [`${label} (interactive chart; needs JavaScript)`])]);
  return h("figure", { className: ["output", "output-vega"] }, [
    h("div", { className: ["vega-target"], dataSpecId: id, role: "img", ariaLabel: label }),
    fallback,
    h("script", { type: "application/json", id }, [jsonForScript(spec)]),
  ]);
}
