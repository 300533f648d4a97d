/**
 * Builds the fixture site into a temporary folder, serves it on 127.0.0.1, and loads every page in
 * Debian's Chromium through playwright-core: no console errors, no failed requests, every chart
 * embedded by vega-embed (SVG marks present, the static fallback hidden), math typeset, the XSS probes
 * inert, and the search box answering offline. Screenshots go to build/screenshots/.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium, type Browser } from "playwright-core";
import { buildSite } from "../../docs/lib/site.mjs";
import { startStaticServer, type StaticServer } from "../../docs/lib/static-server.mjs";

const CHROMIUM = "/usr/bin/chromium";
const fixtures = path.join(import.meta.dirname, "fixtures");
const screenshots = path.resolve("build", "screenshots");

let outDir = "";
let server: StaticServer | undefined;
let browser: Browser | undefined;
let pages: readonly string[] = [];

before(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "cajal-site-"));
  const result = await buildSite({
    executedDir: path.join(fixtures, "executed"),
    outDir,
    catalogueFile: path.join(import.meta.dirname, "../../docs/catalogue.json"),
    pagesDir: path.join(fixtures, "pages"),
    notebooksDir: path.join(fixtures, "notebooks"),
  });
  pages = result.pages;
  server = await startStaticServer(outDir);
  await mkdir(screenshots, { recursive: true });
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

test("every page loads in Chromium with no console errors or failed requests, charts embedded, math typeset, probes inert", { timeout: 120_000 }, async (t) => {
  if (!browser) {
    t.skip(`${CHROMIUM} is not installed`);
    return;
  }
  assert.ok(pages.length >= 6, `expected the fixture site's pages, got ${pages.join(", ")}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    for (const sitePath of pages) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`));
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      page.on("request", (request) => {
        if (!request.url().startsWith(server!.url) && !request.url().startsWith("data:")) problems.push(`request left the site: ${request.url()}`);
      });

      await page.goto(server!.url + sitePath, { waitUntil: "load" });
      await page.waitForFunction(() => document.body.dataset.plots !== "0", undefined, { timeout: 30_000 });
      const state = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          plots: document.body.dataset.plots,
          charts: document.querySelectorAll(".output-vega").length,
          embedded: document.querySelectorAll(".output-vega.embedded .vega-target svg").length,
          marks: document.querySelectorAll(".vega-target svg .mark-line path, .vega-target svg .mark-rect path").length,
          visibleFallbacks: Array.from(document.querySelectorAll(".output-vega .vega-static")).filter((el) => (el as HTMLElement).offsetParent !== null).length,
          mathSources: document.querySelectorAll(".math").length,
          katex: document.querySelectorAll(".math .katex").length,
          xss: [w.__xss, w.__xssMarkdown, w.__xssSvg],
          title: document.title,
          probe: document.getElementById("user-content-xss-probe")?.textContent ?? null,
        };
      });
      const name = sitePath.replace(/\//g, "_").replace(/\.html$/, "");
      await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
      assert.deepEqual(problems, [], `${sitePath}: ${problems.join("\n")}`);
      assert.equal(state.plots, "1", `${sitePath}: charts did not all embed`);
      assert.equal(state.embedded, state.charts, `${sitePath}: every chart has its vega-embed SVG`);
      if (state.charts > 0) assert.ok(state.marks >= state.charts, `${sitePath}: the embedded SVGs draw marks`);
      assert.equal(state.visibleFallbacks, 0, `${sitePath}: static fallbacks are hidden once embedded`);
      assert.equal(state.katex, state.mathSources, `${sitePath}: every formula is typeset`);
      assert.deepEqual(state.xss, [undefined, undefined, undefined], `${sitePath}: XSS probes must stay inert`);
      assert.ok(!state.title.includes("pwned"), `${sitePath}: title untouched`);
      if (sitePath === "notebooks/01-hippocampus-cam.html") assert.equal(state.probe, "XSS probe", "the probe's harmless part is shown");
      if (sitePath === "notebooks/00-first-steps.html") assert.ok(state.katex >= 2, "inline and display math on the tutorial");
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test("the search box finds a paper offline and links to it", { timeout: 60_000 }, async (t) => {
  if (!browser) {
    t.skip(`${CHROMIUM} is not installed`);
    return;
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(server!.url + "notebooks/00-first-steps.html");
    await page.fill("#search-input", "hippocampus");
    await page.waitForSelector("#search-results a");
    const first = await page.$eval("#search-results a", (a) => (a as HTMLAnchorElement).getAttribute("href"));
    assert.equal(first, "../notebooks/01-hippocampus-cam.html");
    await page.fill("#search-input", "Bresa");
    await page.waitForFunction(() => document.querySelector("#search-results a")?.getAttribute("href")?.includes("paper-02"));
    await page.screenshot({ path: path.join(screenshots, "search.png") });
  } finally {
    await page.close();
  }
});

test("a viewport screenshot of the index for review", { timeout: 60_000 }, async (t) => {
  if (!browser) {
    t.skip(`${CHROMIUM} is not installed`);
    return;
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(server!.url + "index.html");
    await page.screenshot({ path: path.join(screenshots, "index-top.png") });
    const rows = await page.$$eval("table.papers tbody tr", (trs) => trs.length);
    assert.equal(rows, 52);
  } finally {
    await page.close();
  }
});
