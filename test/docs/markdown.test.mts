import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { katexMath } from "../../docs/lib/katex-math.mjs";
import { markdownToHast, normaliseDisplayMath } from "../../docs/lib/markdown.mjs";
import { createMessages } from "../../docs/lib/messages.mjs";
import { rewriteLinks } from "../../docs/lib/rewrite-links.mjs";

const html = (md: string) => toHtml(markdownToHast(md));

test("GFM tables, task lists and strikethrough are rendered", () => {
  const out = html("| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~\n");
  assert.match(out, /<table>[\s\S]*<th>a<\/th>[\s\S]*<td align="right">2<\/td>/);
  assert.match(out, /<input type="checkbox" checked disabled> done/);
  assert.match(out, /<del>old<\/del>/);
});

test("math is kept as placeholders for the KaTeX step", () => {
  const out = html("Energy $E=mc^2$.\n\n$$\n\\sum_i x_i\n$$\n");
  assert.match(out, /<code class="language-math math-inline">E=mc\^2<\/code>/);
  assert.match(out, /<pre><code class="language-math math-display">\\sum_i x_i<\/code><\/pre>/);
});

test("raw HTML in markdown is sanitised: scripts, handlers and javascript: URLs go, structure stays", () => {
  const out = html('<details>\n<summary>More</summary>\n\n**bold** <script>alert(1)</script><img src="data:," onerror="alert(2)"> [x](javascript:alert(3))\n</details>\n');
  assert.match(out, /<details>\s*<summary>More<\/summary>[\s\S]*<strong>bold<\/strong>[\s\S]*<\/details>/);
  assert.doesNotMatch(out, /<script|onerror|javascript:|alert\(1\)/);
  assert.match(out, /<img src="data:,">/);
});

test("KaTeX renders inline and display math to HTML with MathML", () => {
  const tree = markdownToHast("Inline $\\alpha^2$.\n\n$$\n\\frac{1}{\\tau}\n$$\n");
  const messages = createMessages();
  katexMath({ messages })(tree);
  const out = toHtml(tree);
  assert.match(out, /<span class="math math-inline"><span class="katex">/);
  assert.match(out, /<div class="math math-display"><span class="katex-display">/);
  assert.match(out, /<annotation encoding="application\/x-tex">\\alpha\^2<\/annotation>/);
  assert.match(out, /<annotation encoding="application\/x-tex">\\frac\{1\}\{\\tau\}<\/annotation>/);
  assert.doesNotMatch(out, /math-inline">E|language-math/);
  assert.equal(messages.list.length, 0);
});

test("a TeX error is shown in place and reported as a message, not thrown", () => {
  const tree = markdownToHast("Bad $\\frac{1$ here");
  const messages = createMessages();
  katexMath({ messages, where: "page" })(tree);
  assert.match(toHtml(tree), /katex-error/);
  assert.equal(messages.list[0]?.ruleId, "katex-error");
  assert.equal(messages.list[0]?.place, "page");
});

test("links to notebooks and pages are rewritten to their HTML; external links and anchors are not", () => {
  const resolve = (stem: string, kind: "notebook" | "page", hash: string) => `${kind}/${stem}.html${hash}`;
  const out = toHtml(
    markdownToHast("[a](../notebooks/01-x.ipynb#claims) [b](install.md) [c](https://example.org/x.md) [d](#top) [e]\n\n[e]: 02-y.ipynb\n", [rewriteLinks({ resolve })]),
  );
  assert.match(out, /href="notebook\/01-x.html#claims"/);
  assert.match(out, /href="page\/install.html"/);
  assert.match(out, /href="https:\/\/example.org\/x.md"/);
  assert.match(out, /href="#top"/);
  assert.match(out, /href="notebook\/02-y.html"/);
});

test("GFM footnotes link to their targets and back after sanitising", async () => {
  const { headingIds } = await import("../../docs/lib/heading-ids.mjs");
  const tree = markdownToHast("Text[^1].\n\n[^1]: Note.\n");
  const headings: { id: string }[] = [];
  headingIds(headings as never)(tree);
  const out = toHtml(tree);
  const ids = [...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  const targets = [...out.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  assert.ok(targets.length === 2);
  for (const target of targets) assert.ok(ids.includes(target), `#${target} has a target among ${ids.join(", ")}`);
  assert.match(out, /aria-describedby="user-content-footnote-label"/);
  assert.match(out, /<h2 class="sr-only" id="user-content-footnote-label">/);
  assert.equal(headings.length, 0, "the footnote label is not a TOC entry");
});

test("display math written as in Jupyter, content on the $$ lines, renders as display math and leaves the text after it alone", () => {
  const md = "before\n\n$$a = b\n+ c,$$\n\nand $x$ after\n\n```ts\nconst s = \"$$not math$$\";\n```\n";
  assert.equal(normaliseDisplayMath(md).includes("\n$$\na = b\n+ c,\n$$\n"), true);
  const html = toHtml(markdownToHast(md));
  assert.match(html, /<code class="language-math math-display">a = b\n\+ c,<\/code>/);
  assert.match(html, /<p>and <code class="language-math math-inline">x<\/code> after<\/p>/);
  assert.match(html, /const s = "\$\$not math\$\$";/, "code blocks are left as they are");
});
