/**
 * Markdown (GFM + `$…$`/`$$…$$` math) → a sanitised hast fragment. Raw HTML in the markdown is parsed
 * as a whole (so `<details>` … `</details>` spanning several blocks keeps its nesting) and then
 * sanitised; math stays as `code.math-inline` / `code.math-display` for the KaTeX step.
 */
import type { Root as HastRoot } from "hast";
import type { Root as MdastRoot } from "mdast";
import { fromHtml } from "hast-util-from-html";
import { sanitize } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mathFromMarkdown } from "mdast-util-math";
import { toHast } from "mdast-util-to-hast";
import { gfm } from "micromark-extension-gfm";
import { math } from "micromark-extension-math";
import { visit } from "unist-util-visit";
import { markdownSchema } from "./sanitize-schemas.mjs";

/** A transformer over a markdown tree (runs before conversion to hast). */
export type MdastTransformer = (tree: MdastRoot) => void;

/**
 * Jupyter (MathJax) reads `$$…$$` as display math wherever it stands, also when the content begins on
 * the opening `$$`'s line (`$$\tau \frac{dV}{dt} = …$$`); micromark's math wants each `$$` fence on a
 * line of its own and otherwise swallows the following text. This puts such display math on fence
 * lines of its own, outside fenced code blocks, so notebooks render as they do in Jupyter.
 */
export function normaliseDisplayMath(markdown: string): string {
  const parts = markdown.split(/(^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[^\S\n]*$)/m);
  return parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\$\$([\s\S]+?)\$\$/g, (match, body: string) =>
      body.startsWith("\n") && body.endsWith("\n") ? match : `\n$$\n${body.trim()}\n$$\n`)))
    .join("");
}

/** Parses markdown with GFM (tables, task lists, strikethrough, autolinks, footnotes) and math. */
export function parseMarkdown(markdown: string): MdastRoot {
  return fromMarkdown(normaliseDisplayMath(markdown), {
    extensions: [gfm(), math()],
    mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown()],
  });
}

/**
 * Converts markdown to a sanitised hast fragment.
 * @param transformers mdast transformers applied in order before conversion (optional)
 */
export function markdownToHast(markdown: string, transformers: readonly MdastTransformer[] = []): HastRoot {
  const mdast = parseMarkdown(markdown);
  for (const transform of transformers) transform(mdast);
  const withRaw = toHast(mdast, { allowDangerousHtml: true });
  // Serialise and re-parse so raw HTML split across markdown blocks becomes one well-nested tree.
  const reparsed = fromHtml(toHtml(withRaw, { allowDangerousHtml: true }), { fragment: true });
  const safe = sanitize(reparsed, markdownSchema) as HastRoot;
  undoDoublePrefix(safe);
  return safe;
}

const PREFIX = "user-content-";

/**
 * GFM footnotes already carry the `user-content-` prefix that the sanitiser adds to every id, so their
 * ids come out prefixed twice while their links are not: drop the second prefix so links and targets match.
 */
function undoDoublePrefix(tree: HastRoot): void {
  visit(tree, "element", (node) => {
    const id = node.properties.id;
    if (typeof id === "string" && id.startsWith(PREFIX + PREFIX)) node.properties.id = id.slice(PREFIX.length);
  });
}
