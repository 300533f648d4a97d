/**
 * Syntax highlighting of code cells at build time with lowlight (highlight.js grammars → hast).
 * Classes are highlight.js's (`hljs-keyword`, …), styled by the local copy of its GitHub theme.
 */
import type { Element } from "hast";
import { createLowlight } from "lowlight";
import typescript from "highlight.js/lib/languages/typescript";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import bash from "highlight.js/lib/languages/bash";
import { h } from "./hast-util.mjs";

const lowlight = createLowlight({ typescript, javascript, json, bash });
lowlight.registerAlias({ typescript: ["ts", "tsx", "mts"], javascript: ["js", "mjs"], bash: ["sh", "shell"] });

/**
 * Highlights `source` as `language` (default TypeScript) and returns `<pre><code class="hljs language-…">`.
 * An unknown language gives plain, escaped text rather than an error.
 */
export function highlightCode(source: string, language = "typescript"): Element {
  const known = lowlight.registered(language);
  const children = known ? lowlight.highlight(language, source).children : [{ type: "text" as const, value: source }];
  return h("pre", { className: ["code"] }, [h("code", { className: ["hljs", `language-${language}`] }, children as Element["children"])]);
}

/** Whether the highlighter knows a language name or alias. */
export function isKnownLanguage(language: string): boolean {
  return lowlight.registered(language);
}

/**
 * hast plugin: highlights fenced code blocks of markdown (`pre > code.language-x`) with a known language.
 * Math blocks (`language-math`) are left for the KaTeX step.
 */
export function highlightCodeBlocks(): (tree: import("hast").Root) => void {
  return (tree) => {
    const walk = (node: import("hast").Root | Element) => {
      node.children.forEach((child, index) => {
        if (child.type !== "element") return;
        const code = child.tagName === "pre" ? child.children.find((c): c is Element => c.type === "element" && c.tagName === "code") : undefined;
        const language = code ? languageOf(code) : undefined;
        if (code && language && language !== "math" && isKnownLanguage(language)) {
          node.children[index] = highlightCode(textOfCode(code), language);
        } else {
          walk(child);
        }
      });
    };
    walk(tree);
  };
}

function languageOf(code: Element): string | undefined {
  const classes = code.properties.className;
  const list = Array.isArray(classes) ? classes.map(String) : [];
  return list.find((name) => name.startsWith("language-"))?.slice("language-".length);
}

function textOfCode(code: Element): string {
  return code.children.map((child) => (child.type === "text" ? child.value : "")).join("").replace(/\n$/, "");
}
