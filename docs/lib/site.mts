/**
 * Builds the whole site: executed notebooks, literate pages, the paper index, the teaching path,
 * the search index, the assets and (optionally) the TypeDoc API reference.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Element, Root } from "hast";
import { copyAssets } from "./assets.mjs";
import { paperRows, readCatalogue, readRunSummary, type PaperRow, type RunSummaryEntry } from "./catalogue.mjs";
import { h } from "./hast-util.mjs";
import { renderPage, type NavSection } from "./layout.mjs";
import { createMessages, type Messages } from "./messages.mjs";
import { joinText, notebookTitle, readNotebook, type Notebook } from "./notebook.mjs";
import { notebookToHast } from "./notebook-to-hast.mjs";
import { pageToNotebook } from "./page-to-notebook.mjs";
import { rewriteLinks } from "./rewrite-links.mjs";
import { buildSearchScript, searchableText, type SearchDocument } from "./search-index.mjs";

/** Where things are and what to build. */
export interface SiteOptions {
  /** Executed notebooks (`*.ipynb`), `summary.json`, and executed pages under `pages/`. */
  readonly executedDir: string;
  /** Output folder (its `notebooks/`, `pages/` and `assets/` are replaced). */
  readonly outDir: string;
  /** `docs/catalogue.json`. */
  readonly catalogueFile: string;
  /** Literate pages (`*.md`). */
  readonly pagesDir: string;
  /** Notebook sources (to tell "not run" from "planned"); optional. */
  readonly notebooksDir?: string;
  /** Optional `course.json` ({ steps: [{ stem, note? }] }) ordering the tutorials; default: by file name. */
  readonly courseFile?: string;
  /** Build the API reference with TypeDoc from this entry point (e.g. "src/index.ts"); skipped when undefined. */
  readonly apiEntry?: string;
  /** tsconfig for TypeDoc (default "tsconfig.json"). */
  readonly apiTsconfig?: string;
  readonly messages?: Messages;
}

/** What was built. */
export interface SiteResult {
  /** Site-relative paths of every HTML page written (API pages excluded). */
  readonly pages: readonly string[];
  readonly messages: Messages;
  readonly apiBuilt: boolean;
}

interface RenderedEntry {
  readonly stem: string;
  readonly kind: "paper" | "tutorial" | "page" | "notebook";
  readonly path: string;
  readonly title: string;
  readonly notebook: Notebook;
  /** False for pages whose code has not been executed by the runner. */
  readonly executed: boolean;
}

/** Builds the site; throws on unreadable inputs, reports content problems as messages. */
export async function buildSite(options: SiteOptions): Promise<SiteResult> {
  const messages = options.messages ?? createMessages();
  const out = options.outDir;
  for (const sub of ["notebooks", "pages", "assets"]) await rm(path.join(out, sub), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await copyAssets(out);

  const catalogue = await readCatalogue(options.catalogueFile);
  const summary = await readRunSummary(path.join(options.executedDir, "summary.json"));
  const executedFiles = await listFiles(options.executedDir, ".ipynb");
  const sourceFiles = options.notebooksDir ? await listFiles(options.notebooksDir, ".ipynb") : [];
  const stem = (file: string) => path.basename(file, ".ipynb");
  const rows = paperRows(catalogue, summary, new Set(executedFiles.map(stem)), new Set(sourceFiles.map(stem)));
  const rowByStem = new Map(rows.map((row) => [row.stem, row]));

  // Collect everything to render first, so the sidebar can list it all.
  const entries: RenderedEntry[] = [];
  for (const file of executedFiles) {
    const notebook = await readNotebook(path.join(options.executedDir, file));
    const s = stem(file);
    const kind = s.startsWith("00-") ? "tutorial" : rowByStem.has(s) ? "paper" : "notebook";
    const title = rowByStem.get(s)?.title ?? notebookTitle(notebook) ?? s;
    entries.push({ stem: s, kind, path: `notebooks/${s}.html`, title, notebook, executed: true });
  }
  // Tutorials that exist as sources but were not executed still appear in the course as "not run".
  const tutorialSources = sourceFiles.map(stem).filter((s) => s.startsWith("00-"));
  for (const file of await listFiles(options.pagesDir, ".md")) {
    const s = path.basename(file, ".md");
    const executedPage = path.join(options.executedDir, "pages", `${s}.ipynb`);
    const executed = existsSync(executedPage);
    const notebook = executed ? await readNotebook(executedPage) : pageToNotebook(await readFile(path.join(options.pagesDir, file), "utf8"), file);
    entries.push({ stem: s, kind: "page", path: `pages/${s}.html`, title: notebookTitle(notebook) ?? s, notebook, executed });
  }

  const apiBuilt = options.apiEntry ? await buildApi(options.apiEntry, options.apiTsconfig ?? "tsconfig.json", path.join(out, "api"), messages) : existsSync(path.join(out, "api", "index.html"));
  const nav = siteNav(entries, rowByStem, apiBuilt);
  const written: string[] = [];
  const search: SearchDocument[] = [];

  for (const entry of entries) {
    const where = entry.path.replace(/\.html$/, "");
    const rendered = notebookToHast(entry.notebook, {
      where,
      messages,
      markdownTransformers: [
        rewriteLinks({ resolve: (target, kind, hash) => (kind === "notebook" ? `../notebooks/${target}.html${hash}` : `../pages/${target}.html${hash}`) }),
      ],
    });
    // The notebook itself sits beside its page, so readers can open it in Jupyter.
    const notebookFile = entry.path.replace(/\.html$/, ".ipynb");
    await mkdir(path.dirname(path.join(out, notebookFile)), { recursive: true });
    await writeFile(path.join(out, notebookFile), JSON.stringify(entry.notebook, null, 1) + "\n");
    const header = entryHeader(entry, rowByStem.get(entry.stem), path.basename(notebookFile));
    const body: Root = { type: "root", children: [...header, h("article", { className: ["notebook", `kind-${entry.kind}`] }, rendered.body.children as Element[])] };
    await writePage(out, entry.path, renderPage({ title: entry.title, path: entry.path, nav, headings: rendered.headings, body, charts: rendered.charts > 0 }));
    written.push(entry.path);
    search.push({
      id: entry.path,
      title: entry.title,
      kind: entry.kind === "notebook" ? "paper" : entry.kind,
      headings: [...rendered.headings.map((heading) => heading.text), rowByStem.get(entry.stem)?.authors ?? ""].join(" · "),
      text: searchableText(rendered.body),
    });
  }

  const course = coursePage(entries, tutorialSources, options.courseFile ? await readCourse(options.courseFile) : undefined);
  await writePage(out, "course.html", renderPage({ title: "Teaching path", path: "course.html", nav, body: course }));
  written.push("course.html");
  search.push({ id: "course.html", title: "Teaching path", kind: "page", headings: "", text: searchableText(course) });

  const index = indexPage(rows, summary);
  await writePage(out, "index.html", renderPage({ title: "Papers", path: "index.html", nav, body: index, wide: true, description: "Bio-inspired learning papers as executable TypeScript notebooks" }));
  written.push("index.html");
  // Papers with a rendered notebook are found through it; the rest through their catalogue row.
  for (const row of rows.filter((r) => r.href === null)) {
    search.push({ id: `index.html#paper-${row.id}`, title: `${row.id} · ${row.title}`, kind: "catalogue", headings: row.group, text: `${row.authors} ${row.year ?? ""} tier ${row.tier ?? ""}` });
  }
  await writeFile(path.join(out, "search-index.js"), buildSearchScript(search));
  return { pages: written, messages, apiBuilt };
}

async function listFiles(dir: string, extension: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => entry.name)
    .sort();
}

async function writePage(out: string, sitePath: string, html: string): Promise<void> {
  const file = path.join(out, sitePath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, html);
}

function siteNav(entries: readonly RenderedEntry[], rows: ReadonlyMap<string, PaperRow>, apiBuilt: boolean): NavSection[] {
  const start = [
    { title: "Papers", href: "index.html" },
    { title: "Teaching path", href: "course.html" },
    ...entries.filter((e) => e.kind === "page").map((e) => ({ title: e.title, href: e.path })),
    ...(apiBuilt ? [{ title: "API reference", href: "api/index.html" }] : []),
  ];
  const sections: NavSection[] = [{ title: "Cajal", items: start }];
  const tutorials = entries.filter((e) => e.kind === "tutorial");
  if (tutorials.length > 0) sections.push({ title: "Tutorials", items: tutorials.map((e) => ({ title: e.title, href: e.path })) });
  const papers = entries.filter((e) => e.kind === "paper" || e.kind === "notebook");
  if (papers.length > 0) {
    sections.push({
      title: "Paper notebooks",
      items: papers.map((e) => {
        const row = rows.get(e.stem);
        return { title: row ? `${row.id} · ${shortTitle(row.title)}` : e.title, href: e.path, ...(row ? { badge: row.status } : {}) };
      }),
    });
  }
  return sections;
}

/** "A, B, C, D, E" → "A, B, C et al." (the paper's page lists them all). */
export function shortAuthors(authors: string): string {
  const names = authors.split(/,\s*/).filter((name) => name && name !== "…");
  return names.length > 4 ? `${names.slice(0, 3).join(", ")} et al.` : authors;
}

/** The part before a colon, cut at a word boundary to about 36 characters (the sidebar is narrow). */
export function shortTitle(title: string, maxChars = 36): string {
  const head = title.split(/:\s/)[0] ?? title;
  if (head.length <= maxChars) return head;
  const prefix = head.slice(0, maxChars + 1);
  const lastSpace = prefix.search(/\s+\S*$/);
  return `${lastSpace > 0 ? prefix.slice(0, lastSpace) : head.slice(0, maxChars)}…`;
}

function statusBadge(status: string, detail?: string): Element {
  return h("span", { className: ["badge", `badge-${status.replace(/\s+/g, "-")}`] }, [detail ? `${status} · ${detail}` : status]);
}

function claimsDetail(run: RunSummaryEntry | null): string | undefined {
  if (!run) return undefined;
  const total = run.claimsPassed + run.claimsFailed + run.claimsContradicted;
  return total > 0 ? `${run.claimsPassed}/${total} claims${run.claimsContradicted ? ` (${run.claimsContradicted} contradicted)` : ""}` : undefined;
}

function entryHeader(entry: RenderedEntry, row: PaperRow | undefined, notebookHref: string): Element[] {
  const download = h("a", { className: ["download"], href: notebookHref, download: notebookHref }, [entry.executed ? "Download notebook (.ipynb)" : "Download as notebook (.ipynb)"]);
  if (row) {
    const facts: (Element | string)[] = [
      h("span", {}, [`${row.authors}${row.year ? ` · ${row.year}` : ""}`]),
      h("span", {}, [`group ${row.group}`]),
      h("span", {}, [`tier ${row.tier ?? "?"}`]),
      statusBadge(row.status, claimsDetail(row.run)),
    ];
    if (row.run) facts.push(h("span", {}, [`${row.run.seconds.toFixed(1)} s`]));
    facts.push(download);
    return [
      h("div", { className: ["paper-meta"] }, [
        h("div", { className: ["paper-title"] }, [h("span", { className: ["paper-id"] }, [`Paper ${row.id}`]), ` ${row.title}`]),
        ...facts,
      ]),
    ];
  }
  const tools = h("div", { className: ["page-tools"] }, [download]);
  if (entry.kind === "page" && !entry.executed) {
    return [h("div", { className: ["notice"] }, ["The code on this page has not been executed in this build; outputs will appear once the notebook runner has run it."]), tools];
  }
  return [tools];
}

function indexPage(rows: readonly PaperRow[], summary: readonly RunSummaryEntry[]): Root {
  const count = (status: string) => rows.filter((row) => row.hasNotebook && row.status === status).length;
  const planned = rows.filter((row) => !row.hasNotebook).length;
  const claimsPassed = summary.reduce((sum, run) => sum + run.claimsPassed, 0);
  const claimsFailed = summary.reduce((sum, run) => sum + run.claimsFailed, 0);
  const claimsContradicted = summary.reduce((sum, run) => sum + run.claimsContradicted, 0);
  const tableRows = rows.map((row) =>
    h("tr", { id: `paper-${row.id}` }, [
      h("td", { className: ["num"] }, [row.id]),
      h("td", {}, [
        row.href ? h("a", { href: row.href }, [row.title]) : h("span", {}, [row.title]),
        h("div", { className: ["authors"] }, [`${shortAuthors(row.authors)}${row.year ? ` · ${row.year}` : ""}`]),
      ]),
      h("td", {}, [row.group]),
      h("td", { className: ["tier"] }, [row.tier ?? "?"]),
      h("td", {}, [row.hasNotebook ? statusBadge(row.status, claimsDetail(row.run)) : statusBadge("planned")]),
    ]),
  );
  return {
    type: "root",
    children: [
      h("h1", {}, ["Papers as executable notebooks"]),
      h("p", { className: ["lead"] }, [
        "Each seed paper becomes one TypeScript notebook that builds the model with Cajal's DSL, runs it, plots the results with vega-lite, and checks the paper's claims. ",
        "Fidelity tiers: ",
        h("strong", {}, ["A"]),
        " the paper's own experiment at its scale, ",
        h("strong", {}, ["B"]),
        " scaled down to two CPU cores, ",
        h("strong", {}, ["C"]),
        " the mechanism alone on a toy task.",
      ]),
      h("ul", { className: ["stats"] }, [
        h("li", {}, [h("strong", {}, [String(rows.length)]), " papers"]),
        h("li", {}, [h("strong", {}, [String(count("passed"))]), " passed"]),
        h("li", {}, [h("strong", {}, [String(count("failed") + count("timeout"))]), " failed"]),
        h("li", {}, [h("strong", {}, [String(count("not run"))]), " not run"]),
        h("li", {}, [h("strong", {}, [String(planned)]), " planned"]),
        h("li", {}, [h("strong", {}, [`${claimsPassed}/${claimsPassed + claimsFailed + claimsContradicted}`]), " claims hold"]),
        ...(claimsContradicted ? [h("li", {}, [h("strong", {}, [String(claimsContradicted)]), " contradicted by our runs"])] : []),
      ]),
      h("div", { className: ["table-wrap"] }, [
        h("table", { className: ["papers"] }, [
          h("thead", {}, [h("tr", {}, ["#", "Paper", "Group", "Tier", "Status"].map((name) => h("th", {}, [name])))]),
          h("tbody", {}, tableRows),
        ]),
      ]),
    ],
  };
}

interface CourseStep {
  readonly stem: string;
  readonly note?: string;
}

async function readCourse(file: string): Promise<CourseStep[]> {
  if (!existsSync(file)) return [];
  const json = JSON.parse(await readFile(file, "utf8")) as { steps?: CourseStep[] };
  return json.steps ?? [];
}

/** First paragraph of the first markdown cell after its heading: the tutorial's one-line summary. */
function summaryOf(notebook: Notebook): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const paragraphs = joinText(cell.source)
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith("#"));
    if (paragraphs[0]) return paragraphs[0].replace(/[*_`]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s+/g, " ");
  }
  return "";
}

function coursePage(entries: readonly RenderedEntry[], tutorialSources: readonly string[], order: readonly CourseStep[] | undefined): Root {
  const tutorials = new Map(entries.filter((e) => e.kind === "tutorial").map((e) => [e.stem, e]));
  const stems = [...new Set([...tutorials.keys(), ...tutorialSources])].sort();
  const ordered = [...(order ?? []).map((step) => step.stem).filter((s) => stems.includes(s)), ...stems.filter((s) => !(order ?? []).some((step) => step.stem === s))];
  const notes = new Map((order ?? []).map((step) => [step.stem, step.note]));
  const items = ordered.map((s, i) => {
    const entry = tutorials.get(s);
    const note = notes.get(s);
    return h("li", { className: ["step"] }, [
      h("span", { className: ["step-number"] }, [String(i + 1)]),
      h("div", {}, [
        entry ? h("a", { href: entry.path, className: ["step-title"] }, [entry.title]) : h("span", { className: ["step-title"] }, [s]),
        entry ? "" : statusBadge("not run"),
        h("p", {}, [note ?? (entry ? summaryOf(entry.notebook) : "Not executed in this build.")]),
      ]),
    ]);
  });
  return {
    type: "root",
    children: [
      h("h1", {}, ["Teaching path"]),
      h("p", { className: ["lead"] }, [
        "A course in order: each tutorial builds on the one before, from a single neuron to learning networks on the emulated SpiNNaker machine. ",
        "Every tutorial is an executed notebook; its code ran for this build.",
      ]),
      items.length > 0 ? h("ol", { className: ["course"] }, items) : h("p", { className: ["notice"] }, ["No tutorials have been executed yet."]),
    ],
  };
}

async function buildApi(entry: string, tsconfig: string, outDir: string, messages: Messages): Promise<boolean> {
  const { Application } = await import("typedoc");
  const app = await Application.bootstrapWithPlugins({
    entryPoints: [entry],
    tsconfig,
    name: "Cajal API",
    readme: "none",
    excludePrivate: true,
    githubPages: false,
    hideGenerator: true,
    disableSources: true,
    // Other modules may be mid-change; the reference documents what is there (tsc checks types separately).
    skipErrorChecking: true,
    // TypeDoc writes navigation links verbatim on every page; the placeholder is made relative below.
    navigationLinks: { "← Cajal docs": `${SITE_ROOT_PLACEHOLDER}index.html`, Papers: `${SITE_ROOT_PLACEHOLDER}index.html`, "Teaching path": `${SITE_ROOT_PLACEHOLDER}course.html` },
    logLevel: "Warn",
  });
  const project = await app.convert();
  if (!project) {
    messages.error("typedoc", entry, "TypeDoc could not convert the project; the API reference was not built");
    return false;
  }
  await app.generateDocs(project, outDir);
  await relativiseSiteLinks(outDir);
  return true;
}

const SITE_ROOT_PLACEHOLDER = "CAJAL_SITE_ROOT/";

/** Replaces the placeholder in every API page by the path back to the site root ("../", "../../"). */
async function relativiseSiteLinks(apiDir: string): Promise<void> {
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file, depth + 1);
      else if (entry.name.endsWith(".html")) {
        const html = await readFile(file, "utf8");
        if (html.includes(SITE_ROOT_PLACEHOLDER)) await writeFile(file, html.split(SITE_ROOT_PLACEHOLDER).join("../".repeat(depth + 1)));
      }
    }
  };
  await walk(apiDir, 0);
}
