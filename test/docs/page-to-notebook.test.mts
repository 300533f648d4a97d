import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { asNotebook, joinText, type CodeCell } from "../../docs/lib/notebook.mjs";
import { CAJAL_KERNELSPEC, pageToNotebook, toLines, writePageNotebook } from "../../docs/lib/page-to-notebook.mjs";

const page = `# Install

Run this:

\`\`\`ts
import { createRng } from "cajal";
const rng = createRng(1);
\`\`\`

Text between, with an example that is only shown:

\`\`\`ts norun
neverRun();
\`\`\`

- a list with code inside stays markdown:

  \`\`\`ts
  nested();
  \`\`\`

\`\`\`typescript
rng.next()
\`\`\`

\`\`\`bash
npm install
\`\`\`
`;

test("top-level ts blocks become code cells in order; the rest stays markdown byte for byte", () => {
  const notebook = pageToNotebook(page, "install.md");
  const kinds = notebook.cells.map((cell) => cell.cell_type);
  assert.deepEqual(kinds, ["markdown", "code", "markdown", "code", "markdown"]);
  const code = notebook.cells.filter((cell): cell is CodeCell => cell.cell_type === "code");
  assert.equal(joinText(code[0]?.source), 'import { createRng } from "cajal";\nconst rng = createRng(1);');
  assert.equal(joinText(code[1]?.source), "rng.next()");
  assert.deepEqual(code[0]?.outputs, []);
  assert.equal(code[0]?.execution_count, null);
  const middle = joinText(notebook.cells[2]?.source);
  assert.ok(middle.startsWith("Text between"));
  assert.ok(middle.includes("```ts norun\nneverRun();\n```"), "norun blocks stay in the markdown");
  assert.ok(middle.includes("  ```ts\n  nested();\n  ```"), "nested blocks stay in the markdown");
  assert.equal(joinText(notebook.cells[4]?.source), "```bash\nnpm install\n```");
});

test("the notebook is valid nbformat 4 for the cajal kernel and records its page", () => {
  const notebook = pageToNotebook(page, "install.md");
  assert.doesNotThrow(() => asNotebook(JSON.parse(JSON.stringify(notebook)), "x"));
  assert.deepEqual(notebook.metadata.kernelspec, CAJAL_KERNELSPEC);
  assert.deepEqual(notebook.metadata.cajal, { page: "install.md" });
});

test("a page without code is one markdown cell; an empty page has no cells", () => {
  assert.deepEqual(pageToNotebook("# Only text\n", "a.md").cells.map((c) => c.cell_type), ["markdown"]);
  assert.equal(pageToNotebook("", "b.md").cells.length, 0);
});

test("lines keep their newlines as nbformat stores them", () => {
  assert.deepEqual(toLines("a\nb\n\nc"), ["a\n", "b\n", "\n", "c"]);
});

test("writePageNotebook writes NAME.ipynb into the folder", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cajal-page-"));
  try {
    const out = await writePageNotebook(path.join(import.meta.dirname, "fixtures", "pages", "unexecuted.md"), dir);
    assert.equal(path.basename(out), "unexecuted.ipynb");
    const notebook = asNotebook(JSON.parse(await readFile(out, "utf8")), out);
    assert.deepEqual(notebook.cells.map((c) => c.cell_type), ["markdown", "code", "markdown"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("the installation page converts to a runnable notebook with code cells", async () => {
  const text = await readFile(path.join(import.meta.dirname, "../../docs/pages/installation.md"), "utf8");
  const notebook = pageToNotebook(text, "installation.md");
  assert.ok(notebook.cells.some((cell) => cell.cell_type === "code"), "installation.md has ts cells to execute");
  assert.match(joinText(notebook.cells[0]?.source), /^# /);
});
