/**
 * hast plugin: renders the math left by the markdown step (`code.math-inline`, and
 * `pre > code.math-display`) with KaTeX at build time, so pages show typeset math without scripts.
 * TeX errors do not stop the build: KaTeX shows the source in red and the plugin reports a message.
 */
import type { Element, ElementContent, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import katex from "katex";
import { SKIP, visit } from "unist-util-visit";
import { classesOf, h, textOf } from "./hast-util.mjs";
import type { Messages } from "./messages.mjs";

/** Options of the KaTeX plugin. */
export interface KatexOptions {
  /** Where problems go (a TeX error is a warning with rule id `katex-error`). */
  readonly messages?: Messages;
  /** Label of the page, used in messages. */
  readonly where?: string;
}

/** Returns a transformer that replaces math placeholders by KaTeX output (HTML + MathML). */
export function katexMath(options: KatexOptions = {}): (tree: Root) => void {
  return (tree) => {
    visit(tree, "element", (node, index, parent) => {
      if (!parent || index === undefined) return;
      const display = mathSource(node);
      if (!display) return;
      const html = katex.renderToString(display.tex, { displayMode: display.displayMode, throwOnError: false, output: "htmlAndMathml" });
      const rendered = fromHtml(html, { fragment: true }).children as ElementContent[];
      if (html.includes('class="katex-error"')) {
        options.messages?.warn("katex-error", options.where ?? "markdown", `KaTeX could not render \`${display.tex}\``);
      }
      const wrapper = display.displayMode
        ? h("div", { className: ["math", "math-display"] }, rendered)
        : h("span", { className: ["math", "math-inline"] }, rendered);
      parent.children[index] = wrapper;
      return SKIP;
    });
  };
}

function mathSource(node: Element): { tex: string; displayMode: boolean } | undefined {
  if (node.tagName === "code" && classesOf(node).includes("math-inline")) return { tex: textOf(node), displayMode: false };
  if (node.tagName === "pre") {
    const only = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
    const code = only[0];
    if (only.length === 1 && code?.type === "element" && code.tagName === "code" && classesOf(code).includes("math-display")) {
      return { tex: textOf(code), displayMode: true };
    }
  }
  return undefined;
}
