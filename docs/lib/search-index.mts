/**
 * The client-side search index: one MiniSearch document per page (title, headings, text) plus one per
 * catalogue paper, serialised at build time into `search-index.js`, which the page script loads on the
 * first use of the search box (a script, not a fetch, so it also works from `file://`).
 */
import type { Element, Root } from "hast";
import MiniSearch, { type Options } from "minisearch";
import { classesOf } from "./hast-util.mjs";

/** One searchable document. */
export interface SearchDocument {
  /** Site-relative URL (with an anchor for catalogue entries). */
  readonly id: string;
  readonly title: string;
  readonly kind: "paper" | "tutorial" | "page" | "catalogue";
  readonly headings: string;
  readonly text: string;
}

/** The MiniSearch options, shared by the build and the browser (which must load with the same ones). */
export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ["title", "headings", "text"],
  storeFields: ["title", "kind"],
};

/** Text of a page body for indexing: skips scripts, images, and KaTeX's visual copy (the MathML copy stays). */
export function searchableText(tree: Root | Element): string {
  const parts: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === "text") parts.push(child.value);
      else if (child.type === "element") {
        if (child.tagName === "script" || child.tagName === "style" || child.tagName === "img") continue;
        if (classesOf(child).includes("katex-html")) continue;
        walk(child);
        if (/^(p|li|h\d|pre|td|th|tr|div|section|figure)$/.test(child.tagName)) parts.push(" ");
      }
    }
  };
  walk(tree);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** Builds the index and returns the `search-index.js` file content. */
export function buildSearchScript(documents: readonly SearchDocument[], maxTextChars = 20000): string {
  const search = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  search.addAll(documents.map((doc) => ({ ...doc, text: doc.text.slice(0, maxTextChars) })));
  const payload = { options: { fields: SEARCH_OPTIONS.fields, storeFields: SEARCH_OPTIONS.storeFields }, index: search.toJSON() };
  return `window.CAJAL_SEARCH = ${JSON.stringify(payload).replace(/</g, "\\u003c")};\n`;
}
