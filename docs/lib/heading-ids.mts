/**
 * hast plugin: gives headings h1–h3 stable ids (GitHub-style slugs, made unique on the page) and
 * collects them as the page's table of contents and search headings.
 */
import type { Root } from "hast";
import { visit } from "unist-util-visit";
import { classesOf, textOf } from "./hast-util.mjs";

/** One heading of a page. */
export interface Heading {
  readonly depth: number;
  readonly id: string;
  readonly text: string;
}

/** "Spike-timing (STDP) rule!" → "spike-timing-stdp-rule". */
export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{Letter}\p{Number}\s-]/gu, "")
      .trim()
      .replace(/\s+/g, "-") || "section"
  );
}

/** Returns a transformer that sets ids and pushes the headings it saw into `into`. */
export function headingIds(into: Heading[]): (tree: Root) => void {
  return (tree) => {
    const used = new Map<string, number>();
    visit(tree, "element", (node) => {
      const depth = /^h([1-3])$/.exec(node.tagName)?.[1];
      // The screen-reader-only label of GFM footnotes keeps its id (aria-describedby points at it) and stays out of the TOC.
      if (!depth || classesOf(node).includes("sr-only")) return;
      // Math inside headings renders twice (HTML + MathML); the annotation holds the TeX, which is fine for a slug.
      const text = textOf(node).replace(/\s+/g, " ").trim();
      const base = slugify(text);
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      const id = seen === 0 ? base : `${base}-${seen}`;
      node.properties.id = id;
      into.push({ depth: Number(depth), id, text });
    });
  };
}
