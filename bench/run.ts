// `npm run bench [-- name…]`: runs every benchmark (or those whose name contains a pattern), each
// printing one JSON line per measurement: {"name","cajal_s","peer","peer_s","ratio"}.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const patterns = process.argv.slice(2);
const suites = readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(__dirname, d.name, "bench.ts")))
  .map((d) => d.name)
  .filter((name) => patterns.length === 0 || patterns.some((p) => name.includes(p)))
  .sort();

async function main(): Promise<void> {
  for (const suite of suites) {
    console.error(`bench: ${suite}`);
    const mod = (await import(path.join(__dirname, suite, "bench.ts"))) as { run: () => unknown };
    await mod.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
