import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { notebookStem, paperRows, parseAuthorsYear, parseIndexTable, parseTier, readCatalogue, readRunSummary } from "../../docs/lib/catalogue.mjs";
import { asNotebook, joinText, notebookTitle } from "../../docs/lib/notebook.mjs";

const catalogueFile = path.join(import.meta.dirname, "../../docs/catalogue.json");

test("the catalogue holds the 52 seed papers with ids 01–52, slugs, titles, authors, years, groups and tiers", async () => {
  const papers = await readCatalogue(catalogueFile);
  assert.equal(papers.length, 52);
  assert.deepEqual(papers.map((p) => p.id), Array.from({ length: 52 }, (_, i) => String(i + 1).padStart(2, "0")));
  assert.equal(new Set(papers.map((p) => p.slug)).size, 52);
  for (const paper of papers) {
    assert.match(paper.slug, /^[a-z0-9-]+$/, paper.id);
    assert.ok(paper.title.length > 10, paper.id);
    assert.ok(paper.authors.length > 2 && !paper.authors.includes("("), `${paper.id} authors: ${paper.authors}`);
    assert.ok(paper.year !== null && paper.year >= 2010 && paper.year <= 2026, `${paper.id} year ${paper.year}`);
    assert.match(paper.group, /^[A-E] /, paper.id);
    assert.ok(paper.tier === "A" || paper.tier === "B" || paper.tier === "C", paper.id);
  }
  const first = papers[0];
  assert.equal(first?.slug, "hippocampus-cam");
  assert.equal(first?.tier, "A");
  assert.equal(papers[45]?.year, 2015);
});

test("spec header parsing handles the field's several wordings", () => {
  assert.deepEqual(parseAuthorsYear("A. B, C. D · arXiv Oct 2023 · Neural Networks (2024)"), { authors: "A. B, C. D", year: 2023 });
  assert.deepEqual(parseAuthorsYear("Heng Zhang, Arash Ajoudani (IIT), 2025, arXiv preprint"), { authors: "Heng Zhang, Arash Ajoudani", year: 2025 });
  assert.deepEqual(parseAuthorsYear("M. Xiao, Z. Lin · ICLR 2024"), { authors: "M. Xiao, Z. Lin", year: 2024 });
  assert.deepEqual(parseAuthorsYear("Z. R, A. P, 2024 preprint; ICLR 2025"), { authors: "Z. R, A. P", year: 2024 });
  assert.equal(parseTier("**B** — scaled"), "B");
  assert.equal(parseTier("**B, with a dataset substitution**"), "B");
  assert.equal(parseTier("unknown"), null);
  assert.deepEqual(parseIndexTable("| id | slug | title | group |\n|---|---|---|---|\n| 07 | x-y | T: sub | C continual |\n"), [{ id: "07", slug: "x-y", title: "T: sub", group: "C continual" }]);
});

test("rows join the run summary: linked when executed, not run when only a source exists, planned otherwise", async () => {
  const papers = (await readCatalogue(catalogueFile)).slice(0, 4);
  const summary = await readRunSummary(path.join(import.meta.dirname, "fixtures", "executed", "summary.json"));
  const rows = paperRows(papers, summary, new Set(["01-hippocampus-cam"]), new Set(["03-counter-current-learning"]));
  assert.deepEqual(
    rows.map((r) => [r.id, r.status, r.href, r.hasNotebook]),
    [
      ["01", "failed", "notebooks/01-hippocampus-cam.html", true],
      ["02", "timeout", null, true],
      ["03", "not run", null, true],
      ["04", "not run", null, false],
    ],
  );
  assert.equal(rows[0]?.run?.claimsFailed, 1);
  assert.equal(notebookStem("build/executed/01-x.ipynb"), "01-x");
  assert.deepEqual(await readRunSummary("/nonexistent/summary.json"), []);
});

test("notebooks: multiline text joins, titles come from the first heading, bad files are named", () => {
  assert.equal(joinText(["a\n", "b"]), "a\nb");
  assert.equal(joinText(undefined), "");
  const notebook = asNotebook({ nbformat: 4, cells: [{ cell_type: "code", source: "# not a title" }, { cell_type: "markdown", source: ["intro\n", "# The *title*\n"] }] }, "x");
  assert.equal(notebookTitle(notebook), "The title");
  assert.throws(() => asNotebook({}, "a.ipynb"), /a.ipynb: not a Jupyter notebook/);
  assert.throws(() => asNotebook({ nbformat: 3, cells: [] }, "b.ipynb"), /nbformat 3 is not supported/);
  assert.throws(() => asNotebook({ nbformat: 4, cells: [{ cell_type: "widget" }] }, "c.ipynb"), /cell 0 has unknown cell_type "widget"/);
});

test("both run-summary shapes are read: a bare array and the runner's { notebooks: [...] } object", async () => {
  const { normaliseRunSummary } = await import("../../docs/lib/catalogue.mjs");
  const entry = { notebook: "01-x.ipynb", status: "passed", seconds: 2, claimsPassed: 3, claimsFailed: 1, claimsContradicted: 1 };
  assert.deepEqual(normaliseRunSummary([entry], "a"), [entry]);
  assert.deepEqual(
    normaliseRunSummary({ mode: "quick", notebooks: [{ notebook: "01-x.ipynb", status: "passed", seconds: 2, claims: { passed: 3, failed: 1, contradicted: 1, notChecked: 2 } }] }, "b"),
    [entry],
  );
  // Summaries written before contradicted claims existed read as none.
  assert.equal(normaliseRunSummary([{ notebook: "x", status: "passed", seconds: 1, claimsPassed: 1, claimsFailed: 0 }], "e")[0]!.claimsContradicted, 0);
  assert.throws(() => normaliseRunSummary({ runs: [] }, "c.json"), /c.json: expected an array/);
  assert.throws(() => normaliseRunSummary([{ notebook: "x", status: "ok" }], "d.json"), /d.json: entry 0 needs/);
});
