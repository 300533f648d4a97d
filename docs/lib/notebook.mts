/**
 * The parts of the Jupyter notebook format (nbformat 4) the site builder reads, and helpers to read them.
 * nbformat stores multi-line strings either as one string or as a list of lines; `joinText` undoes that.
 */
import { readFile } from "node:fs/promises";

/** A value nbformat may store as one string or as a list of lines (to be concatenated as they are). */
export type MultilineString = string | readonly string[];

/** A MIME bundle: MIME type → value (a string, a list of lines, or JSON for `+json` types). */
export type MimeBundle = Readonly<Record<string, unknown>>;

/** `display_data` and `execute_result` outputs. */
export interface DisplayOutput {
  readonly output_type: "display_data" | "execute_result" | "update_display_data";
  readonly data: MimeBundle;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly execution_count?: number | null;
}

/** Text written to stdout or stderr while a cell ran. */
export interface StreamOutput {
  readonly output_type: "stream";
  readonly name: "stdout" | "stderr";
  readonly text: MultilineString;
}

/** An exception that ended a cell. The traceback lines may hold ANSI colour codes. */
export interface ErrorOutput {
  readonly output_type: "error";
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
}

/** One output of a code cell. */
export type Output = DisplayOutput | StreamOutput | ErrorOutput;

/** A markdown cell. */
export interface MarkdownCell {
  readonly cell_type: "markdown";
  readonly source: MultilineString;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly attachments?: Readonly<Record<string, MimeBundle>>;
}

/** A code cell with its outputs (empty before execution). */
export interface CodeCell {
  readonly cell_type: "code";
  readonly source: MultilineString;
  readonly outputs: readonly Output[];
  readonly execution_count: number | null;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** A raw cell: shown as preformatted text. */
export interface RawCell {
  readonly cell_type: "raw";
  readonly source: MultilineString;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Any cell. */
export type Cell = MarkdownCell | CodeCell | RawCell;

/** A whole notebook. */
export interface Notebook {
  readonly nbformat: number;
  readonly nbformat_minor: number;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly cells: readonly Cell[];
}

/** Joins a multiline string as nbformat stores it (the lines keep their own newlines). */
export function joinText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((line) => (typeof line === "string" ? line : String(line))).join("");
  return "";
}

/**
 * Checks the shape of parsed JSON and returns it as a notebook. Throws an `Error` naming `where`
 * when it is not an nbformat-4 notebook, so a broken file fails the build instead of rendering blank.
 */
export function asNotebook(json: unknown, where: string): Notebook {
  const value = json as Partial<Notebook> | null;
  if (!value || typeof value !== "object" || !Array.isArray(value.cells)) {
    throw new Error(`${where}: not a Jupyter notebook (no \`cells\` array)`);
  }
  if (value.nbformat !== 4) throw new Error(`${where}: nbformat ${String(value.nbformat)} is not supported; expected 4`);
  for (const [i, cell] of value.cells.entries()) {
    const kind = (cell as { cell_type?: unknown }).cell_type;
    if (kind !== "markdown" && kind !== "code" && kind !== "raw") {
      throw new Error(`${where}: cell ${i} has unknown cell_type ${JSON.stringify(kind)}`);
    }
  }
  return { nbformat: 4, nbformat_minor: value.nbformat_minor ?? 0, metadata: value.metadata ?? {}, cells: value.cells };
}

/** Reads and checks a `.ipynb` file. */
export async function readNotebook(file: string): Promise<Notebook> {
  const text = await readFile(file, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return asNotebook(json, file);
}

/** The first level-1 heading of the first markdown cell that has one, without markup; else undefined. */
export function notebookTitle(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const match = /^#\s+(.+?)\s*#*\s*$/m.exec(joinText(cell.source));
    if (match?.[1]) return match[1].replace(/[*_`]/g, "");
  }
  return undefined;
}
