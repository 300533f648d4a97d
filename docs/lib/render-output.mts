/**
 * One notebook output → hast. Picks the richest MIME type the site knows, in this order:
 * vega-lite (+ SVG fallback), claims, HTML (sanitised), markdown, LaTeX, SVG, PNG, JPEG, GIF, JSON, plain text.
 * Streams and errors have their own shapes; ANSI codes are stripped.
 */
import type { Element, ElementContent, Nodes, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { sanitize } from "hast-util-sanitize";
import { visit } from "unist-util-visit";
import { h } from "./hast-util.mjs";
import { katexMath } from "./katex-math.mjs";
import { markdownToHast } from "./markdown.mjs";
import type { Messages } from "./messages.mjs";
import { joinText, type MimeBundle, type Output } from "./notebook.mjs";
import { CLAIMS_MIME, parseClaims, renderClaims } from "./output-claims.mjs";
import { renderVegaLite, svgImage, VEGA_LITE_MIME } from "./output-vega.mjs";
import { outputHtmlSchema } from "./sanitize-schemas.mjs";
import { stripAnsi } from "./strip-ansi.mjs";

/** What a renderer needs besides the output. */
export interface OutputContext {
  /** Unique prefix for element ids on the page, e.g. "c3-o1". */
  readonly idPrefix: string;
  /** Where (page, cell) — for messages. */
  readonly where: string;
  readonly messages: Messages;
}

/** Renders one output; returns undefined for outputs that show nothing (an empty bundle). */
export function renderOutput(output: Output, context: OutputContext): Element | undefined {
  switch (output.output_type) {
    case "stream": {
      const text = stripAnsi(joinText(output.text));
      return h("pre", { className: ["output", "output-stream", `output-${output.name}`] }, [text]);
    }
    case "error": {
      const traceback = output.traceback.map((line) => stripAnsi(line)).join("\n");
      const head = `${output.ename}: ${stripAnsi(output.evalue)}`;
      const body = traceback.includes(head) || traceback.trim() === "" ? traceback || head : `${head}\n${traceback}`;
      return h("pre", { className: ["output", "output-error"], role: "alert" }, [body]);
    }
    default:
      return renderBundle(output.data ?? {}, context);
  }
}

/** Renders a display bundle by its richest known MIME type. */
export function renderBundle(data: MimeBundle, context: OutputContext): Element | undefined {
  const text = "text/plain" in data ? stripAnsi(joinText(data["text/plain"])) : undefined;
  const svg = "image/svg+xml" in data ? joinText(data["image/svg+xml"]) : undefined;

  const spec = data[VEGA_LITE_MIME];
  if (spec !== undefined) {
    const specObject = typeof spec === "string" ? safeJson(spec) : spec;
    if (specObject && typeof specObject === "object") {
      return renderVegaLite(specObject, svg, `${context.idPrefix}-spec`, text ?? "vega-lite chart");
    }
    context.messages.warn("bad-vega-spec", context.where, "vega-lite output is not a JSON object; showing its fallback");
  }

  if (CLAIMS_MIME in data) {
    const parsed = parseClaims(data[CLAIMS_MIME]);
    if (parsed.ok) return renderClaims(parsed.claims);
    context.messages.warn("bad-claims", context.where, `${parsed.reason}; showing its fallback`);
  }

  if ("text/html" in data) {
    const tree = sanitize(fromHtml(joinText(data["text/html"]), { fragment: true }), outputHtmlSchema);
    dropNonDataSources(tree);
    const children = "children" in tree ? (tree.children as ElementContent[]) : [];
    return h("div", { className: ["output", "output-html"] }, children);
  }
  if ("text/markdown" in data) {
    const tree = markdownToHast(joinText(data["text/markdown"]));
    katexMath({ messages: context.messages, where: context.where })(tree);
    return h("div", { className: ["output", "output-markdown"] }, tree.children as ElementContent[]);
  }
  if ("text/latex" in data) {
    // A LaTeX output is one formula, with or without its $…$, $$…$$ or \[…\] delimiters: show it as display math.
    const tex = joinText(data["text/latex"]).trim().replace(/^\$\$([\s\S]*)\$\$$|^\\\[([\s\S]*)\\\]$|^\$([\s\S]*)\$$/, (_m, a, b, c) => a ?? b ?? c ?? "");
    const tree: Root = { type: "root", children: [h("pre", {}, [h("code", { className: ["math-display"] }, [tex])])] };
    katexMath({ messages: context.messages, where: context.where })(tree);
    return h("div", { className: ["output", "output-latex"] }, tree.children as ElementContent[]);
  }
  if (svg !== undefined) return h("div", { className: ["output", "output-image"] }, [svgImage(svg, text ?? "figure")]);
  for (const mime of ["image/png", "image/jpeg", "image/gif"] as const) {
    if (mime in data) {
      const base64 = joinText(data[mime]).replace(/\s+/g, "");
      return h("div", { className: ["output", "output-image"] }, [h("img", { src: `data:${mime};base64,${base64}`, alt: text ?? "figure" })]);
    }
  }
  if ("application/json" in data) {
    return h("pre", { className: ["output", "output-json"] }, [JSON.stringify(data["application/json"], null, 2)]);
  }
  if (text !== undefined) return h("pre", { className: ["output", "output-text"] }, [text]);
  const kinds = Object.keys(data);
  if (kinds.length > 0) context.messages.warn("unknown-mime", context.where, `no renderer for ${kinds.join(", ")}`);
  return undefined;
}

/** Output HTML may embed images only as `data:image/…` URIs: relative or remote sources would make the page fetch. */
function dropNonDataSources(tree: Nodes): void {
  visit(tree, "element", (node) => {
    const src = node.properties.src;
    if (src !== undefined && !(typeof src === "string" && src.startsWith("data:image/"))) delete node.properties.src;
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
