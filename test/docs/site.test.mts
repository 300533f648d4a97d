/**
 * The builder on the fixture notebooks: every output kind is rendered, the XSS probes are removed,
 * math is typeset, the index lists all 52 papers with their status, the teaching path and the literate
 * pages are built, and the search index and local assets are written.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { after, before, test } from "node:test";
import MiniSearch from "minisearch";
import { buildSite, shortAuthors, shortTitle, type SiteResult } from "../../docs/lib/site.mjs";

const fixtures = path.join(import.meta.dirname, "fixtures");
let out = "";
let result: SiteResult;
const read = (file: string) => readFile(path.join(out, file), "utf8");

before(async () => {
  out = await mkdtemp(path.join(tmpdir(), "cajal-site-"));
  result = await buildSite({
    executedDir: path.join(fixtures, "executed"),
    outDir: out,
    catalogueFile: path.join(import.meta.dirname, "../../docs/catalogue.json"),
    pagesDir: path.join(fixtures, "pages"),
    notebooksDir: path.join(fixtures, "notebooks"),
  });
});
after(() => rm(out, { recursive: true, force: true }));

test("every fixture notebook and page is written, with no build messages", () => {
  assert.deepEqual([...result.pages].sort(), [
    "course.html",
    "index.html",
    "notebooks/00-first-steps.html",
    "notebooks/01-hippocampus-cam.html",
    "pages/literate.html",
    "pages/unexecuted.html",
  ]);
  assert.deepEqual(result.messages.list, []);
  assert.equal(result.apiBuilt, false);
});

test("the paper notebook renders every output kind", async () => {
  const html = await read("notebooks/01-hippocampus-cam.html");
  for (const marker of [
    'class="output output-vega"',
    'class="vega-target" data-spec-id="c3-o0-spec"',
    '<script type="application/json" id="c3-o0-spec">',
    'class="output output-html"><div class="cajal-progress">',
    '<table class="dataframe"',
    'class="output output-claims some-fail"',
    "<caption>2 of 3 claims hold, 1 failed</caption>",
    '<img src="data:image/png;base64,iVBOR',
    'class="output-svg" src="data:image/svg+xml;base64,',
    '<pre class="output output-stream output-stderr">warning: slow\n</pre>',
    '<pre class="output output-error" role="alert">Error: boom\n    at &#x3C;cell>:1:7\n    at runCell (kernel.js:10:3)</pre>',
    '<span class="badge badge-failed">failed · 2/3 claims</span>',
    "<script src=\"../assets/vendor/vega-embed.min.js\"></script>",
  ]) {
    assert.ok(html.includes(marker), `missing ${marker}`);
  }
  assert.doesNotMatch(html, /\u001b/, "no ANSI escape codes");
});

test("the XSS probes are removed: no foreign scripts, handlers, javascript: URLs or frames", async () => {
  const html = await read("notebooks/01-hippocampus-cam.html");
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  for (const tag of scripts) assert.match(tag, /^<script (src="\.\.\/assets\/|type="application\/json" id="c\d+-o\d+-spec")/, `unexpected ${tag}`);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.doesNotMatch(html, /javascript:/i);
  assert.doesNotMatch(html, /<iframe|__xss|pwned|style="position/);
  assert.match(html, /<p id="user-content-xss-probe">XSS probe<\/p>/, "the harmless part stays");
});

test("math is typeset at build time on the tutorial, tables and task lists render, links point at HTML", async () => {
  const html = await read("notebooks/00-first-steps.html");
  assert.equal((html.match(/<span class="math math-inline"><span class="katex">/g) ?? []).length, 1);
  assert.equal((html.match(/<div class="math math-display"><span class="katex-display">/g) ?? []).length, 1);
  assert.match(html, /<annotation encoding="application\/x-tex">V\(t\) = E_L/);
  assert.match(html, /<th align="right">value<\/th>/);
  assert.match(html, /<input type="checkbox" checked disabled> build a neuron/);
  assert.match(html, /href="\.\.\/notebooks\/01-hippocampus-cam.html#claims"/);
  assert.match(html, /<code class="hljs language-typescript"><span class="hljs-keyword">import<\/span>/);
  assert.match(html, /<nav class="toc" aria-label="On this page">[\s\S]*href="#parameters"/);
  assert.doesNotMatch(html, /language-math/);
});

test("the index lists all 52 papers with link or planned, tier and claim status from the summary", async () => {
  const html = await read("index.html");
  assert.equal((html.match(/<tr id="paper-\d\d">/g) ?? []).length, 52);
  const row = (id: string) => new RegExp(`<tr id="paper-${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "";
  assert.match(row("01"), /<a href="notebooks\/01-hippocampus-cam.html">Bio-inspired computational memory model/);
  assert.match(row("01"), /badge-failed">failed · 2\/3 claims/);
  assert.match(row("01"), /<td class="tier">A<\/td>/);
  assert.match(row("02"), /badge-timeout">timeout</);
  assert.doesNotMatch(row("02"), /<a /);
  assert.match(row("03"), /badge-not-run">not run</);
  assert.match(row("04"), /badge-planned">planned</);
  assert.match(row("36"), /et al\. · 2018/);
  assert.match(html, /<strong>49<\/strong> planned/);
  assert.match(html, /<strong>2\/3<\/strong> claims hold/);
});

test("the teaching path orders the 00- tutorials and marks sources that have not run", async () => {
  const html = await read("course.html");
  const first = html.indexOf("First steps with Cajal");
  const second = html.indexOf("00-second-tutorial");
  assert.ok(first > 0 && second > first, "executed tutorial first, then the unexecuted one by name");
  assert.match(html, /<a href="notebooks\/00-first-steps.html" class="step-title">First steps with Cajal<\/a>/);
  assert.match(html, /A leaky integrate-and-fire neuron integrates its input/);
  assert.match(html, /badge-not-run">not run/);
});

test("literate pages: executed ones show outputs, others show their code with a notice", async () => {
  const executed = await read("pages/literate.html");
  assert.match(executed, /<pre class="output output-stream output-stdout">42\n<\/pre>/);
  assert.doesNotMatch(executed, /has not been executed/);
  const pending = await read("pages/unexecuted.html");
  assert.match(pending, /has not been executed in this build/);
  assert.match(pending, /<span class="prompt" aria-hidden="true">\[ \]<\/span>/);
  assert.match(pending, /href="\.\.\/pages\/literate.html"/);
  assert.match(pending, /href="\.\.\/notebooks\/00-first-steps.html"/);
  assert.match(pending, /language-ts"><span class="hljs-title function_">shownOnly<\/span>/, "a norun block is shown highlighted");
});

test("assets are local: vega, vega-lite, vega-embed, KaTeX CSS and fonts, MiniSearch; no CDN URL in any page", async () => {
  for (const file of ["vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js", "vendor/minisearch.js", "vendor/katex/katex.min.css", "vendor/katex/fonts/KaTeX_Main-Regular.woff2", "vendor/highlight-github.css", "site.css", "site.js"]) {
    assert.ok(existsSync(path.join(out, "assets", file)), file);
  }
  for (const page of result.pages) {
    const html = await read(page);
    const urls = [...html.matchAll(/(?:src|href)="(https?:[^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls, [], `${page} loads nothing remote`);
  }
  assert.doesNotMatch(await read("assets/vendor/vega.min.js"), /sourceMappingURL/);
});

test("the search index loads in a browser-like context and finds pages, headings and planned papers", async () => {
  const context: { window: { CAJAL_SEARCH?: { options: object; index: object } } } = { window: {} };
  vm.runInNewContext(await read("search-index.js"), context);
  const data = context.window.CAJAL_SEARCH;
  assert.ok(data);
  const search = MiniSearch.loadJS(data.index as never, data.options as never);
  assert.equal(search.search("hippocampus")[0]?.id, "notebooks/01-hippocampus-cam.html");
  assert.equal(search.search("Bresa")[0]?.id, "index.html#paper-02");
  assert.equal(search.search("Parameters")[0]?.id, "notebooks/00-first-steps.html");
  assert.equal(search.search("Casanueva")[0]?.id, "notebooks/01-hippocampus-cam.html", "authors are searchable");
});

test("long author lists are shortened on the index only", () => {
  assert.equal(shortAuthors("A, B, C, D"), "A, B, C, D");
  assert.equal(shortAuthors("A, B, C, D, E"), "A, B, C et al.");
  assert.equal(shortAuthors("A, B, … , Z"), "A, B, … , Z");
});

test("each rendered notebook is downloadable beside its page", async () => {
  const copy = JSON.parse(await read("notebooks/01-hippocampus-cam.ipynb")) as { cells: unknown[] };
  assert.equal(copy.cells.length, 11);
  assert.match(await read("notebooks/01-hippocampus-cam.html"), /<a class="download" href="01-hippocampus-cam.ipynb" download="01-hippocampus-cam.ipynb">Download notebook \(.ipynb\)<\/a>/);
  const page = JSON.parse(await read("pages/unexecuted.ipynb")) as { metadata: { kernelspec: { name: string } } };
  assert.equal(page.metadata.kernelspec.name, "cajal");
});

test("sidebar titles are cut at a word boundary", () => {
  assert.equal(shortTitle("Bio-inspired computational memory model of the Hippocampus: an approach"), "Bio-inspired computational memory…");
  assert.equal(shortTitle("Bresa: Bio-inspired Reflexive Safe RL"), "Bresa");
  assert.equal(shortTitle("Supercalifragilisticexpialidociousnesses-and-more-words", 10), "Supercalif…");
});
