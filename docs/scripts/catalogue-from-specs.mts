/**
 * Regenerates `docs/catalogue.json` from the paper specs: the table in `INDEX.md` (id, slug, title,
 * group) and each spec's header table (authors, year, fidelity tier). Run by hand when the specs change:
 *
 *     tsx docs/scripts/catalogue-from-specs.mts /path/to/papers docs/catalogue.json
 *
 * The output is committed; the site build only reads the JSON.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseAuthorsYear, parseIndexTable, parseTier, type CatalogueEntry } from "../lib/catalogue.mjs";

const [specDir, outFile] = process.argv.slice(2);
if (!specDir || !outFile) {
  console.error("usage: tsx docs/scripts/catalogue-from-specs.mts SPEC_DIR OUT.json");
  process.exit(2);
}
const rows = parseIndexTable(await readFile(path.join(specDir, "INDEX.md"), "utf8"));
const entries: CatalogueEntry[] = [];
for (const row of rows) {
  const spec = await readFile(path.join(specDir, `${row.id}-${row.slug}.md`), "utf8");
  const field = (name: string) => new RegExp(`^\\|\\s*${name}\\s*\\|(.*)\\|\\s*$`, "m").exec(spec)?.[1]?.trim() ?? "";
  const { authors, year } = parseAuthorsYear(field("authors, year, venue"));
  entries.push({ ...row, authors, year, tier: parseTier(field("fidelity tier")) });
}
await writeFile(outFile, JSON.stringify({ papers: entries }, null, 1) + "\n");
console.log(`${entries.length} papers → ${outFile}`);
