/**
 * mdast plugin: links between notebooks and pages point at their rendered HTML. `../notebooks/01-x.ipynb`
 * and `01-x.ipynb` become `01-x.html` next to the current page's folder logic; `installation.md` becomes
 * `installation.html`. External links (with a scheme) and anchors are left alone.
 */
import type { Root } from "mdast";
import { visit } from "unist-util-visit";

/** Options: how to map a local `.ipynb`/`.md` target to a site URL. */
export interface RewriteLinksOptions {
  /** Maps a file name stem and kind to a site-relative href from the current page. */
  readonly resolve: (stem: string, kind: "notebook" | "page", hash: string) => string;
}

/** Returns the transformer. */
export function rewriteLinks(options: RewriteLinksOptions): (tree: Root) => void {
  return (tree) => {
    visit(tree, (node) => {
      if (node.type !== "link" && node.type !== "definition") return;
      const url = node.url;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("#") || url.startsWith("//")) return;
      const match = /^(?:.*\/)?([^/#?]+)\.(ipynb|md)(#.*)?$/.exec(url);
      if (!match?.[1]) return;
      node.url = options.resolve(match[1], match[2] === "ipynb" ? "notebook" : "page", match[3] ?? "");
    });
  };
}
