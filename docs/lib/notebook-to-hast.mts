/**
 * A notebook → the hast of its page body. Markdown cells go through the markdown step (GFM, math,
 * sanitising) and the hast plugins (code highlighting, KaTeX); code cells are highlighted as
 * TypeScript and followed by their outputs. Jupyter Book's cell tags `remove-cell`, `remove-input`
 * and `remove-output` are honoured.
 */
import type { Element, Root } from "hast";
import { h } from "./hast-util.mjs";
import { headingIds, type Heading } from "./heading-ids.mjs";
import { highlightCode, highlightCodeBlocks } from "./highlight.mjs";
import { katexMath } from "./katex-math.mjs";
import { markdownToHast, type MdastTransformer } from "./markdown.mjs";
import type { Messages } from "./messages.mjs";
import { joinText, type Cell, type MimeBundle, type Notebook } from "./notebook.mjs";
import { visit } from "unist-util-visit";
import { renderOutput } from "./render-output.mjs";

/** Options for rendering one notebook. */
export interface NotebookRenderOptions {
  /** Page label for messages, e.g. "notebooks/01-x". */
  readonly where: string;
  readonly messages: Messages;
  /** mdast transformers for markdown cells (link rewriting). */
  readonly markdownTransformers?: readonly MdastTransformer[];
}

/** The rendered body and what the page shell and search need to know about it. */
export interface RenderedNotebook {
  readonly body: Root;
  readonly headings: readonly Heading[];
  /** Number of interactive charts (the page then loads vega). */
  readonly charts: number;
  /** Whether any code cell had outputs (an executed notebook). */
  readonly executed: boolean;
}

/** Renders a notebook's cells. */
export function notebookToHast(notebook: Notebook, options: NotebookRenderOptions): RenderedNotebook {
  const sections: Element[] = [];
  let charts = 0;
  let executed = false;
  notebook.cells.forEach((cell, cellIndex) => {
    const tags = tagsOf(cell);
    if (tags.has("remove-cell")) return;
    const where = `${options.where} cell ${cellIndex + 1}`;
    if (cell.cell_type === "markdown") {
      const transformers = [...(options.markdownTransformers ?? []), ...(cell.attachments ? [inlineAttachments(cell.attachments)] : [])];
      const tree = markdownToHast(joinText(cell.source), transformers);
      highlightCodeBlocks()(tree);
      katexMath({ messages: options.messages, where })(tree);
      sections.push(h("section", { className: ["cell", "cell-markdown"] }, tree.children as Element[]));
      return;
    }
    if (cell.cell_type === "raw") {
      sections.push(h("section", { className: ["cell", "cell-raw"] }, [h("pre", {}, [joinText(cell.source)])]));
      return;
    }
    const source = joinText(cell.source);
    const children: Element[] = [];
    if (!tags.has("remove-input") && source.trim() !== "") {
      const prompt = cell.execution_count == null ? " " : String(cell.execution_count);
      children.push(h("div", { className: ["cell-input"] }, [h("span", { className: ["prompt"], ariaHidden: "true" }, [`[${prompt}]`]), highlightCode(source)]));
    }
    if (!tags.has("remove-output") && cell.outputs.length > 0) {
      executed = true;
      const outputs: Element[] = [];
      cell.outputs.forEach((output, outputIndex) => {
        const rendered = renderOutput(output, { idPrefix: `c${cellIndex}-o${outputIndex}`, where, messages: options.messages });
        if (!rendered) return;
        if ((rendered.properties.className as string[] | undefined)?.includes("output-vega")) charts++;
        outputs.push(rendered);
      });
      if (outputs.length > 0) children.push(h("div", { className: ["cell-outputs"] }, outputs));
    }
    if (children.length > 0) sections.push(h("section", { className: ["cell", "cell-code"] }, children));
  });
  const body: Root = { type: "root", children: sections };
  const headings: Heading[] = [];
  headingIds(headings)(body);
  return { body, headings, charts, executed };
}

/** mdast transformer: `![x](attachment:name.png)` → a data URI from the cell's attachments. */
function inlineAttachments(attachments: Readonly<Record<string, MimeBundle>>): MdastTransformer {
  return (tree) => {
    visit(tree, "image", (node) => {
      if (!node.url.startsWith("attachment:")) return;
      const bundle = attachments[decodeURIComponent(node.url.slice("attachment:".length))];
      const mime = bundle ? Object.keys(bundle).find((type) => type.startsWith("image/")) : undefined;
      if (bundle && mime) node.url = `data:${mime};base64,${joinText(bundle[mime]).replace(/\s+/g, "")}`;
    });
  };
}

function tagsOf(cell: Cell): Set<string> {
  const tags = (cell.metadata as { tags?: unknown } | undefined)?.tags;
  return new Set(Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : []);
}
