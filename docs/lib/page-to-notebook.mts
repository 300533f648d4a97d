/**
 * A literate page (`docs/pages/*.md`) → a notebook the Cajal kernel can execute. Top-level fenced
 * blocks marked `ts` (or `typescript`) become code cells, in order; everything between them stays
 * markdown, byte for byte. A block marked `ts norun` stays in the markdown as an example that is shown
 * but not run. The executed notebook is then rendered like any other.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseMarkdown } from "./markdown.mjs";
import type { Cell, Notebook } from "./notebook.mjs";

/** Kernel metadata of the converted notebook: the project's `cajal` kernel. */
export const CAJAL_KERNELSPEC = { name: "cajal", display_name: "Cajal (TypeScript)", language: "typescript" } as const;

/** Splits text into nbformat's list-of-lines form (each line keeps its newline). */
export function toLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}

/**
 * Converts page markdown to a notebook.
 * @param markdown the page text
 * @param pageName file name recorded in `metadata.cajal.page` (e.g. "installation.md")
 */
export function pageToNotebook(markdown: string, pageName: string): Notebook {
  const tree = parseMarkdown(markdown);
  const cells: Cell[] = [];
  let cursor = 0;
  const pushMarkdown = (text: string) => {
    const trimmed = text.replace(/^\s*\n/, "").replace(/\s+$/, "");
    if (trimmed.trim() !== "") cells.push({ cell_type: "markdown", metadata: {}, source: toLines(trimmed) });
  };
  for (const node of tree.children) {
    if (node.type !== "code") continue;
    const lang = (node.lang ?? "").toLowerCase();
    if (lang !== "ts" && lang !== "typescript") continue;
    if (/\bnorun\b/.test(node.meta ?? "")) continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) throw new Error(`${pageName}: code block without position`);
    pushMarkdown(markdown.slice(cursor, start));
    cells.push({ cell_type: "code", metadata: {}, source: toLines(node.value), outputs: [], execution_count: null });
    cursor = end;
  }
  pushMarkdown(markdown.slice(cursor));
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: CAJAL_KERNELSPEC,
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
      cajal: { page: pageName },
    },
    cells,
  };
}

/**
 * Converts `pageFile` and writes `<outDir>/<name>.ipynb`; returns the notebook's path.
 * The runner executes that file like any notebook and the site renders the executed copy.
 */
export async function writePageNotebook(pageFile: string, outDir: string): Promise<string> {
  const name = path.basename(pageFile);
  const notebook = pageToNotebook(await readFile(pageFile, "utf8"), name);
  const out = path.join(outDir, name.replace(/\.md$/, ".ipynb"));
  await writeFile(out, JSON.stringify(notebook, null, 1) + "\n");
  return out;
}

// CLI: tsx docs/lib/page-to-notebook.mts OUT_DIR docs/pages/*.md
if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, ...pages] = process.argv.slice(2);
  if (!outDir || pages.length === 0) {
    console.error("usage: tsx docs/lib/page-to-notebook.mts OUT_DIR PAGE.md…");
    process.exit(2);
  }
  const { mkdir } = await import("node:fs/promises");
  await mkdir(outDir, { recursive: true });
  for (const page of pages) console.log(await writePageNotebook(page, outDir));
}
