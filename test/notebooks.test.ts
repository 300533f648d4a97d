// Executing a notebook is its test: every notebook in notebooks/ runs headless through the cajal
// kernel (quick mode unless CAJAL_MODE says otherwise) and must pass all its claim checks.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(__dirname, "..");

interface NotebookResult {
  notebook: string;
  status: string;
  seconds: number;
  claims: { passed: number; failed: number; notChecked: number };
  error: { cell: number | null; ename: string; evalue: string } | null;
}

test("every notebook executes headless with its claims holding", async (t) => {
  const out = path.join(root, "build", "executed");
  const run = spawnSync(process.execPath, [path.join(root, "kernel/run-notebooks.js"), "--out", out], {
    env: { ...process.env, CAJAL_MODE: process.env["CAJAL_MODE"] ?? "quick" },
    encoding: "utf8",
    timeout: 40 * 60_000,
  });
  process.stdout.write(run.stdout.split("\n").map((l) => `# ${l}`).join("\n") + "\n");
  const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8")) as { notebooks: NotebookResult[] };
  assert.ok(summary.notebooks.length > 0, "no notebook ran");
  for (const r of summary.notebooks) {
    await t.test(r.notebook, () => {
      assert.equal(r.status, "passed", `${r.notebook}: ${r.status}${r.error ? ` in cell ${r.error.cell}: ${r.error.ename}: ${r.error.evalue}` : ""}\n${run.stderr}`);
      assert.equal(r.claims.failed, 0);
      assert.ok(r.claims.passed > 0, `${r.notebook} checks no claim`);
    });
  }
  assert.equal(run.status, 0, run.stderr);
});

// Runs after the test above, which executes the notebooks (tests in a file run in order).
test("the executed getting-started notebook keeps a vega-lite v5 object and its SVG in one output", () => {
  const executed = path.join(root, "build/executed/00-getting-started.ipynb");
  assert.ok(existsSync(executed), "the notebooks did not run");
  const notebook = JSON.parse(readFileSync(executed, "utf8")) as {
    cells: { outputs?: { data?: Record<string, unknown> }[] }[];
  };
  const outputs = notebook.cells.flatMap((c) => c.outputs ?? []);
  const chart = outputs.find((o) => o.data?.["application/vnd.vegalite.v5+json"] !== undefined);
  assert.ok(chart, "no vega-lite output");
  const spec = chart.data!["application/vnd.vegalite.v5+json"] as { $schema?: string };
  assert.equal(typeof spec, "object");
  assert.match(String(spec.$schema), /vega-lite\/v5/);
  const svg = chart.data!["image/svg+xml"];
  assert.match(Array.isArray(svg) ? svg.join("") : String(svg), /^<svg[\s\S]*<\/svg>$/);
});
