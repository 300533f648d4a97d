/**
 * The paper catalogue (`docs/catalogue.json`) and the latest run summary (`summary.json` written by
 * `npm run notebooks`), joined into the rows of the index page.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Fidelity tiers from the spec template: A own scale, B scaled down, C the mechanism on a toy task. */
export type Tier = "A" | "B" | "C";

/** One seed paper. */
export interface CatalogueEntry {
  /** Two-digit id, "01"…"52". */
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  /** Authors as the spec lists them (affiliations removed). */
  readonly authors: string;
  /** First year the spec names (preprint year when there is one). */
  readonly year: number | null;
  /** Group letter and name, e.g. "A spiking / neuromorphic". */
  readonly group: string;
  readonly tier: Tier | null;
}

/** One row of `build/executed/summary.json`. */
export interface RunSummaryEntry {
  /** Notebook file name or path, e.g. "01-hippocampus-cam.ipynb". */
  readonly notebook: string;
  readonly status: "passed" | "failed" | "timeout";
  readonly seconds: number;
  readonly claimsPassed: number;
  readonly claimsFailed: number;
  /** Claims of the paper that this run measured and found not to hold, reported as findings. */
  readonly claimsContradicted: number;
}

/** What the index page shows about one paper's notebook. */
export type ClaimStatus = "passed" | "failed" | "timeout" | "not run";

/** A catalogue entry with what is known about its notebook. */
export interface PaperRow extends CatalogueEntry {
  /** The notebook's stem, "NN-slug". */
  readonly stem: string;
  /** Site-relative link to the rendered notebook, or null when it is planned or has not been executed. */
  readonly href: string | null;
  /** Whether a notebook exists for the paper (source or executed); false means "planned". */
  readonly hasNotebook: boolean;
  readonly status: ClaimStatus;
  readonly run: RunSummaryEntry | null;
}

/** Parses the `| id | slug | title | group |` table of the specs' INDEX.md. */
export function parseIndexTable(markdown: string): Pick<CatalogueEntry, "id" | "slug" | "title" | "group">[] {
  const rows: Pick<CatalogueEntry, "id" | "slug" | "title" | "group">[] = [];
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    // "| 01 | slug | title | group |" splits into ["", "01", "slug", "title", "group", ""]
    const [, id, slug, title, group] = cells;
    if (cells.length === 6 && id && /^\d{2}$/.test(id) && slug && title && group) rows.push({ id, slug, title, group });
  }
  return rows;
}

/**
 * Reads authors and year from a spec's "authors, year, venue" field, whose wording varies:
 * "A, B · 2024 · venue", "A, B (Lab), 2025, arXiv", "A · arXiv Oct 2023 · journal (2024)".
 */
export function parseAuthorsYear(field: string): { authors: string; year: number | null } {
  const yearMatch = /\b(19|20)\d{2}\b/.exec(field);
  const year = yearMatch ? Number(yearMatch[0]) : null;
  let authors = field.split(" · ")[0] ?? field;
  // "Names (affiliation), 2025, venue": stop at the comma before the year or before a venue word.
  const cut = /,\s*(?:(?:19|20)\d{2}\b|arXiv|ICLR|NeurIPS|CVPR|APL)/.exec(authors);
  if (cut) authors = authors.slice(0, cut.index);
  authors = authors.replace(/\s*\([^()]*\)/g, "").replace(/\s+/g, " ").trim();
  return { authors, year };
}

/** Reads the tier letter from a spec's "fidelity tier" field ("**B** — …", "**B, with …**"). */
export function parseTier(field: string): Tier | null {
  const letter = /\*\*([ABC])\b/.exec(field)?.[1];
  return letter === "A" || letter === "B" || letter === "C" ? letter : null;
}

/** Reads `docs/catalogue.json`. */
export async function readCatalogue(file: string): Promise<CatalogueEntry[]> {
  const json = JSON.parse(await readFile(file, "utf8")) as { papers?: CatalogueEntry[] };
  if (!Array.isArray(json.papers)) throw new Error(`${file}: expected an object with a \`papers\` array`);
  return json.papers;
}

/**
 * Reads `summary.json`; a missing file means nothing has run yet (an empty list), a malformed one throws.
 * Accepts both shapes the runner has used: a bare array of entries, or
 * `{ mode, seed, finished, notebooks: [{ notebook, status, seconds, claims: { passed, failed, notChecked } }] }`.
 */
export async function readRunSummary(file: string): Promise<RunSummaryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return normaliseRunSummary(JSON.parse(text) as unknown, file);
}

/** Turns either summary shape into entries; throws naming `where` when neither fits. */
export function normaliseRunSummary(json: unknown, where: string): RunSummaryEntry[] {
  const list = Array.isArray(json) ? json : (json as { notebooks?: unknown } | null)?.notebooks;
  if (!Array.isArray(list)) throw new Error(`${where}: expected an array of { notebook, status, … } or an object with a \`notebooks\` array`);
  return list.map((raw, i) => {
    const item = raw as Record<string, unknown>;
    const claims = (item.claims ?? {}) as Record<string, unknown>;
    const status = item.status;
    if (typeof item.notebook !== "string" || (status !== "passed" && status !== "failed" && status !== "timeout")) {
      throw new Error(`${where}: entry ${i} needs a string \`notebook\` and a status passed|failed|timeout`);
    }
    const count = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
    return {
      notebook: item.notebook,
      status,
      seconds: count(item.seconds),
      claimsPassed: count(item.claimsPassed ?? claims.passed),
      claimsFailed: count(item.claimsFailed ?? claims.failed),
      claimsContradicted: count(item.claimsContradicted ?? claims.contradicted),
    };
  });
}

/** "notebooks/01-x.ipynb" → "01-x". */
export function notebookStem(file: string): string {
  return path.basename(file).replace(/\.ipynb$/, "");
}

/**
 * Joins the catalogue with the run summary and the set of notebooks that exist.
 * @param executedStems stems of executed notebooks that the site renders (they get a link)
 * @param sourceStems stems of notebooks present in `notebooks/` (they exist even if not run)
 */
export function paperRows(
  catalogue: readonly CatalogueEntry[],
  summary: readonly RunSummaryEntry[],
  executedStems: ReadonlySet<string>,
  sourceStems: ReadonlySet<string>,
): PaperRow[] {
  const runs = new Map(summary.map((entry) => [notebookStem(entry.notebook), entry]));
  return catalogue.map((paper) => {
    const stem = `${paper.id}-${paper.slug}`;
    const run = runs.get(stem) ?? null;
    const executed = executedStems.has(stem);
    return {
      ...paper,
      stem,
      href: executed ? `notebooks/${stem}.html` : null,
      hasNotebook: executed || sourceStems.has(stem) || run !== null,
      status: run ? run.status : "not run",
      run,
    };
  });
}
