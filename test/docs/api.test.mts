import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { buildSite } from "../../docs/lib/site.mjs";

const fixtures = path.join(import.meta.dirname, "fixtures");

test("the API reference is built by TypeDoc, linked from the sidebar, and links back to the site from any depth", { timeout: 120_000 }, async () => {
  const out = await mkdtemp(path.join(tmpdir(), "cajal-api-"));
  try {
    const result = await buildSite({
      executedDir: path.join(fixtures, "executed"),
      outDir: out,
      catalogueFile: path.join(import.meta.dirname, "../../docs/catalogue.json"),
      pagesDir: path.join(fixtures, "pages"),
      apiEntry: path.join(fixtures, "api", "index.ts"),
      apiTsconfig: path.join(fixtures, "api", "tsconfig.json"),
    });
    assert.equal(result.apiBuilt, true);
    const index = await readFile(path.join(out, "api", "index.html"), "utf8");
    assert.match(index, /steadyStateMv/);
    assert.match(index, /<a href="\.\.\/index.html"[^>]*>← Cajal docs/);
    const fn = path.join(out, "api", "functions", "steadyStateMv.html");
    assert.ok(existsSync(fn));
    const fnHtml = await readFile(fn, "utf8");
    assert.match(fnHtml, /<a href="\.\.\/\.\.\/index.html"[^>]*>← Cajal docs/);
    assert.match(fnHtml, /steady-state voltage/);
    assert.doesNotMatch(fnHtml, /CAJAL_SITE_ROOT/);
    assert.match(await readFile(path.join(out, "notebooks", "00-first-steps.html"), "utf8"), /<a href="\.\.\/api\/index.html">API reference<\/a>/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
