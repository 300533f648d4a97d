import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import type { Root } from "hast";
import { highlightCode, highlightCodeBlocks } from "../../docs/lib/highlight.mjs";
import { markdownToHast } from "../../docs/lib/markdown.mjs";
import { stripAnsi } from "../../docs/lib/strip-ansi.mjs";
import { headingIds, slugify, type Heading } from "../../docs/lib/heading-ids.mjs";
import { h } from "../../docs/lib/hast-util.mjs";

test("TypeScript cells are highlighted with highlight.js classes and stay escaped", () => {
  const out = toHtml(highlightCode('const x: number = 1; // a < b\nif (x) console.log("hi");'));
  assert.match(out, /^<pre class="code"><code class="hljs language-typescript">/);
  assert.match(out, /<span class="hljs-keyword">const<\/span>/);
  assert.match(out, /<span class="hljs-comment">\/\/ a &#x3C; b<\/span>/);
  assert.match(out, /<span class="hljs-string">"hi"<\/span>/);
});

test("an unknown language is shown as plain escaped text", () => {
  assert.equal(toHtml(highlightCode("<b>", "cobol")), '<pre class="code"><code class="hljs language-cobol">&#x3C;b></code></pre>');
});

test("fenced blocks in markdown are highlighted, math blocks are left for KaTeX", () => {
  const tree = markdownToHast("```ts\nlet a = 1\n```\n\n$$\nx\n$$\n");
  highlightCodeBlocks()(tree);
  const out = toHtml(tree);
  assert.match(out, /<code class="hljs language-ts"><span class="hljs-keyword">let<\/span>/);
  assert.match(out, /<code class="language-math math-display">x<\/code>/);
});

test("ANSI colour and cursor codes are stripped", () => {
  assert.equal(stripAnsi("\u001b[31mError\u001b[0m: \u001b[1;33mboom\u001b[22m\u001b[2K"), "Error: boom");
  assert.equal(stripAnsi("\u001b]8;;http://x\u0007link\u001b]8;;\u0007"), "link");
});

test("headings get unique slugs and form the table of contents", () => {
  assert.equal(slugify("Spike-timing (STDP) rule!"), "spike-timing-stdp-rule");
  assert.equal(slugify("Über größe"), "uber-große");
  const tree: Root = { type: "root", children: [h("h1", {}, ["Intro"]), h("h2", {}, ["Results"]), h("h2", {}, ["Results"]), h("h4", {}, ["deep"])] };
  const seen: Heading[] = [];
  headingIds(seen)(tree);
  assert.deepEqual(seen, [
    { depth: 1, id: "intro", text: "Intro" },
    { depth: 2, id: "results", text: "Results" },
    { depth: 2, id: "results-1", text: "Results" },
  ]);
  assert.match(toHtml(tree), /<h2 id="results-1">/);
});
