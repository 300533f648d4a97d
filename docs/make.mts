/**
 * The main job: build the library, execute the notebooks and the literate pages through the cajal
 * kernel (quick mode unless CAJAL_MODE=full; cached by content hash), build the site, and with
 * `--serve` serve it on 127.0.0.1 and print the URL.
 *
 *     node --import tsx docs/make.mts [--serve] [--port N]
 *
 * Failing notebooks do not stop the site: their pages show the failure and the index marks them failed.
 */
import { spawnSync } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writePageNotebook } from "./lib/page-to-notebook.mjs";
import { startStaticServer } from "./lib/static-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { serve: { type: "boolean", default: false }, port: { type: "string", default: process.env["PORT"] ?? "0" } } });

function step(title: string, command: string, args: string[]): void {
  console.log(`\n▶ ${title}`);
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`✗ ${title} failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
  }
}

const node = process.execPath;
const tsx = ["--import", "tsx"];
step("building the library", node, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
step("executing notebooks", node, [...tsx, "kernel/run-notebooks.js", "--cache", "--keep-going"]);

const pagesDir = path.join(root, "docs", "pages");
const pages = (await readdir(pagesDir)).filter((f) => f.endsWith(".md")).sort();
if (pages.length) {
  // Pages run inside the repository, where cells can resolve "cajal".
  const converted = path.join(root, "build", "pages");
  await mkdir(converted, { recursive: true });
  for (const page of pages) await writePageNotebook(path.join(pagesDir, page), converted);
  step("executing literate pages", node, [...tsx, "kernel/run-notebooks.js", "--cache", "--keep-going", "--dir", converted, "--out", path.join(root, "build", "executed", "pages")]);
}
step("building the site", node, [...tsx, "docs/build.mts"]);

if (values.serve) {
  const server = await startStaticServer(path.join(root, "build", "site"), Number(values.port));
  console.log(`\nCajal docs: ${server.url}index.html  (Ctrl-C to stop)`);
}
