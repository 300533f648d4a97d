/**
 * Copies the site's own assets (`docs/assets/`) and local copies of the vendor files it needs into the
 * output, so the site works offline with no CDN: vega, vega-lite, vega-embed (UMD builds), KaTeX's CSS
 * and fonts, MiniSearch (UMD) and highlight.js's GitHub theme. Source-map comments are removed from the
 * copies so browsers do not request maps that are not shipped.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The folder of an installed package (its main entry's package root). */
function packageDir(name: string): string {
  const main = require.resolve(name);
  const marker = `${path.sep}node_modules${path.sep}${name.split("/").join(path.sep)}${path.sep}`;
  const at = main.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot locate package folder of ${name} from ${main}`);
  return main.slice(0, at + marker.length);
}

/** Vendor files: [package, file inside it, destination under assets/vendor]. */
export const VENDOR_FILES: readonly (readonly [string, string, string])[] = [
  ["vega", "build/vega.min.js", "vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js", "vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js", "vega-embed.min.js"],
  ["minisearch", "dist/umd/index.js", "minisearch.js"],
  ["katex", "dist/katex.min.css", "katex/katex.min.css"],
  ["highlight.js", "styles/github.css", "highlight-github.css"],
];

/** Copies every asset into `<outDir>/assets`. */
export async function copyAssets(outDir: string): Promise<void> {
  const assets = path.join(outDir, "assets");
  const vendor = path.join(assets, "vendor");
  await mkdir(path.join(vendor, "katex"), { recursive: true });
  const own = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "assets");
  await cp(own, assets, { recursive: true });
  for (const [pkg, file, dest] of VENDOR_FILES) {
    const text = await readFile(path.join(packageDir(pkg), file), "utf8");
    await writeFile(path.join(vendor, dest), text.replace(/\n?\/[/*][#@] sourceMappingURL=[^\n]*$/gm, "\n"));
  }
  await cp(path.join(packageDir("katex"), "dist", "fonts"), path.join(vendor, "katex", "fonts"), { recursive: true });
  // Browsers ask for /favicon.ico on pages without an icon link (the TypeDoc pages): answer with a PNG of ours.
  const { Resvg } = await import("@resvg/resvg-js");
  const png = new Resvg(await readFile(path.join(own, "favicon.svg"), "utf8"), { fitTo: { mode: "width", value: 32 } }).render().asPng();
  await writeFile(path.join(outDir, "favicon.ico"), png);
}
