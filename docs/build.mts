/**
 * Builds the documentation site.
 *
 *     tsx docs/build.mts [--executed build/executed] [--out build/site] [--pages docs/pages]
 *                        [--notebooks notebooks] [--catalogue docs/catalogue.json] [--no-api]
 *
 * Prints problems (bad math, unknown output types) and exits 1 if any is an error.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatMessage } from "./lib/messages.mjs";
import { buildSite } from "./lib/site.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    executed: { type: "string", default: "build/executed" },
    out: { type: "string", default: "build/site" },
    pages: { type: "string", default: path.join(here, "pages") },
    notebooks: { type: "string", default: "notebooks" },
    catalogue: { type: "string", default: path.join(here, "catalogue.json") },
    course: { type: "string", default: path.join(here, "course.json") },
    "api-entry": { type: "string", default: "src/index.ts" },
    "no-api": { type: "boolean", default: false },
  },
});

const started = Date.now();
const result = await buildSite({
  executedDir: values.executed,
  outDir: values.out,
  pagesDir: values.pages,
  notebooksDir: values.notebooks,
  catalogueFile: values.catalogue,
  courseFile: values.course,
  ...(values["no-api"] ? {} : { apiEntry: values["api-entry"] }),
});
for (const message of result.messages.list) console.error(formatMessage(message));
console.log(`${result.pages.length} pages${result.apiBuilt ? " + API reference" : ""} → ${values.out} (${Date.now() - started} ms)`);
if (result.messages.list.some((message) => message.level === "error")) process.exitCode = 1;
