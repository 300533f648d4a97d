/**
 * The page shell: head with local assets, a top bar with the search box, a sidebar with the site
 * navigation and the page's table of contents, and the main column. Returns a complete HTML document.
 */
import type { Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { Heading } from "./heading-ids.mjs";

/** One link of the sidebar. `href` is relative to the site root. */
export interface NavItem {
  readonly title: string;
  readonly href: string;
  /** Small label after the title (e.g. a status). */
  readonly badge?: string;
}

/** A titled group of links in the sidebar. */
export interface NavSection {
  readonly title: string;
  readonly items: readonly NavItem[];
}

/** What one page needs from the shell. */
export interface PageShell {
  readonly title: string;
  /** This page's path from the site root, e.g. "notebooks/01-x.html". */
  readonly path: string;
  readonly nav: readonly NavSection[];
  readonly headings?: readonly Heading[];
  readonly body: Root;
  /** Load vega, vega-lite and vega-embed (pages with charts). */
  readonly charts?: boolean;
  /** Use the wide main column (tables that need room). */
  readonly wide?: boolean;
  /** A short line under the title in the head's description. */
  readonly description?: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The prefix that leads from a page back to the site root ("" or "../"…). */
export function rootPrefix(pagePath: string): string {
  const depth = pagePath.split("/").length - 1;
  return "../".repeat(depth);
}

/** Renders a whole page. */
export function renderPage(page: PageShell): string {
  const root = rootPrefix(page.path);
  const asset = (file: string) => `${root}assets/${file}`;
  const navHtml = page.nav
    .map((section) => {
      const items = section.items
        .map((item) => {
          const current = item.href === page.path ? ' aria-current="page" class="current"' : "";
          const badge = item.badge ? ` <span class="badge badge-${escapeHtml(item.badge.replace(/\s+/g, "-"))}">${escapeHtml(item.badge)}</span>` : "";
          return `<li><a href="${escapeHtml(root + item.href)}"${current}>${escapeHtml(item.title)}</a>${badge}</li>`;
        })
        .join("");
      return `<section><h2>${escapeHtml(section.title)}</h2><ul>${items}</ul></section>`;
    })
    .join("\n");
  const toc = (page.headings ?? []).filter((heading) => heading.depth >= 2 && heading.depth <= 3);
  const tocHtml =
    toc.length > 1
      ? `<nav class="toc" aria-label="On this page"><h2>On this page</h2><ul>${toc
          .map((heading) => `<li class="toc-${heading.depth}"><a href="#${escapeHtml(heading.id)}">${escapeHtml(heading.text)}</a></li>`)
          .join("")}</ul></nav>`
      : "";
  const chartScripts = page.charts
    ? ["vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js"].map((file) => `<script src="${asset(file)}"></script>`).join("\n")
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Cajal</title>
${page.description ? `<meta name="description" content="${escapeHtml(page.description)}">\n` : ""}<link rel="icon" href="${asset("favicon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="${asset("vendor/katex/katex.min.css")}">
<link rel="stylesheet" href="${asset("vendor/highlight-github.css")}">
<link rel="stylesheet" href="${asset("site.css")}">
</head>
<body data-root="${escapeHtml(root)}" data-plots="0"${page.wide ? ' class="wide"' : ""}>
<a class="skip" href="#content">Skip to content</a>
<header class="topbar">
<a class="brand" href="${escapeHtml(root)}index.html"><span class="logo" aria-hidden="true">◉</span> Cajal</a>
<div class="search" role="search">
<input id="search-input" type="search" placeholder="Search papers, tutorials, pages…" aria-label="Search the site" autocomplete="off">
<ol id="search-results" hidden></ol>
</div>
</header>
<div class="layout">
<aside class="sidebar">
<nav aria-label="Site">
${navHtml}
</nav>
${tocHtml}
</aside>
<main id="content">
${toHtml(page.body)}
</main>
</div>
${chartScripts}
<script src="${asset("site.js")}"></script>
</body>
</html>
`;
}
