import assert from "node:assert/strict";
import { test } from "node:test";
import { toHtml } from "hast-util-to-html";
import { createMessages } from "../../docs/lib/messages.mjs";
import type { Output } from "../../docs/lib/notebook.mjs";
import { formatClaimValue, parseClaims, renderClaims } from "../../docs/lib/output-claims.mjs";
import { jsonForScript, renderVegaLite } from "../../docs/lib/output-vega.mjs";
import { renderOutput } from "../../docs/lib/render-output.mjs";

const render = (output: Output) => {
  const messages = createMessages();
  const element = renderOutput(output, { idPrefix: "c1-o0", where: "test", messages });
  return { html: element ? toHtml(element) : "", messages: messages.list };
};
const display = (data: Record<string, unknown>): Output => ({ output_type: "display_data", data, metadata: {} });

test("JSON for a script element cannot close it and parses back to the same value", () => {
  const value = { text: "</script><script>alert(1)</script> & <!-- \u2028", n: [1, 2] };
  const encoded = jsonForScript(value);
  assert.doesNotMatch(encoded, /<|>|&/);
  assert.deepEqual(JSON.parse(encoded), value);
});

test("a vega-lite bundle becomes an embed target, the SVG fallback as an image, and the spec as inert JSON", () => {
  const spec = { mark: "point", data: { values: [{ a: "</script>" }] } };
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  const { html } = render(display({ "application/vnd.vegalite.v5+json": spec, "image/svg+xml": svg.split(/(?<=>)/), "text/plain": "<Plot: p>" }));
  assert.match(html, /<div class="vega-target" data-spec-id="c1-o0-spec" role="img" aria-label="<Plot: p>"><\/div>/);
  const json = /<script type="application\/json" id="c1-o0-spec">(.*?)<\/script>/.exec(html)?.[1];
  assert.ok(json, "the spec script is present");
  assert.deepEqual(JSON.parse(json), spec);
  const uri = /<img class="output-svg" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)?.[1];
  assert.equal(Buffer.from(uri ?? "", "base64").toString("utf8"), svg, "the SVG is carried whole, inside an <img> where scripts cannot run");
  assert.equal((html.match(/<script/g) ?? []).length, 1, "only the JSON script element");
});

test("a vega-lite spec stored as a string is parsed; a non-object falls back with a warning", () => {
  assert.match(render(display({ "application/vnd.vegalite.v5+json": '{"mark":"bar"}' })).html, /vega-target/);
  const bad = render(display({ "application/vnd.vegalite.v5+json": "not json", "text/plain": "fallback" }));
  assert.match(bad.html, /<pre class="output output-text">fallback<\/pre>/);
  assert.equal(bad.messages[0]?.ruleId, "bad-vega-spec");
});

test("claims render as a ✓/✗ table with a count, preferred over their HTML rendering", () => {
  const claims = [
    { name: "rate rises", measured: 12.345678, expected: "> 10", holds: true },
    { name: "error falls", measured: 0.5, expected: 0.1, holds: false },
  ];
  const { html } = render(display({ "application/vnd.cajal.claims+json": claims, "text/html": "<b>html version</b>", "text/plain": "x" }));
  assert.match(html, /<caption>1 of 2 claims hold, 1 failed<\/caption>/);
  assert.match(html, /<tr class="claim-holds"><td class="claim-mark" aria-label="holds">✓<\/td><td class="claim-name">rate rises<\/td><td class="num">12.35<\/td><td>> 10<\/td><td class="claim-note"><\/td><\/tr>/);
  assert.match(html, /<tr class="claim-fails"><td class="claim-mark" aria-label="fails">✗<\/td><td class="claim-name">error falls<\/td><td class="num">0.5<\/td><td class="num">0.1<\/td><td class="claim-note"><\/td><\/tr>/);
  assert.match(html, /output-claims some-fail/);
  assert.doesNotMatch(html, /html version/);
});

test("a claim the run contradicts is a ⊘ row with its finding and does not make the table fail", () => {
  const html = toHtml(renderClaims([
    { name: "rate rises", measured: 12, expected: "> 10", holds: true },
    { name: "τm grows", measured: 4.2, expected: "> 5 ms", holds: false, contradicts: "τm shrinks in every seed" },
  ]));
  assert.match(html, /<caption>1 of 2 claims hold, 1 contradicted by this run<\/caption>/);
  assert.match(html, /<tr class="claim-contradicted"><td class="claim-mark" aria-label="contradicted by this run">⊘<\/td>/);
  assert.match(html, /contradicted by this run: τm shrinks in every seed/);
  assert.match(html, /output-claims all-hold/);
});

test("malformed claims fall back to the HTML rendering with a warning", () => {
  assert.deepEqual(parseClaims([{ name: "x" }]), { ok: false, reason: "claim 0 (x) has no `holds` (true, false, or null when not checked here)" });
  // A claim the run cannot check (holds: null) is a claim, shown with its reason, not an error.
  const notChecked = parseClaims([{ name: "paper's 97 %", measured: null, expected: "≥ 97 %", holds: null, note: "quick mode trains one epoch" }]);
  assert.equal(notChecked.ok, true);
  const notCheckedHtml = toHtml(renderClaims(notChecked.ok ? notChecked.claims : []));
  assert.match(notCheckedHtml, /0 of 1 claims hold, 1 not checked here/);
  assert.match(notCheckedHtml, /not checked here: quick mode trains one epoch/);
  assert.match(notCheckedHtml, /class="claim-not-checked"/);
  assert.deepEqual(parseClaims({}), { ok: false, reason: "claims output is not a list" });
  const { html, messages } = render(display({ "application/vnd.cajal.claims+json": [{ holds: true }], "text/html": "<b>html version</b>" }));
  assert.match(html, /<b>html version<\/b>/);
  assert.equal(messages[0]?.ruleId, "bad-claims");
  assert.equal(toHtml(renderClaims([])).includes("0 of 0 claims hold"), true);
});

test("claim values: integers as they are, other numbers to 4 significant digits, objects as JSON", () => {
  assert.equal(formatClaimValue(3), "3");
  assert.equal(formatClaimValue(0.000123456), "0.0001235");
  assert.equal(formatClaimValue(Number.NaN), "NaN");
  assert.equal(formatClaimValue(null), "—");
  assert.equal(formatClaimValue([1, 2.123456]), "[1, 2.123]");
  assert.equal(formatClaimValue([1, 2, 3, 4, 5, 6, 7, 8], 3), "[1, 2, 3, … 8 values]");
  assert.equal(formatClaimValue({ a: 1 }), '{"a":1}');
});

test("HTML outputs keep tables and progress bars but lose scripts, handlers, styles, frames and fetches", () => {
  const { html } = render(
    display({
      "text/html": [
        '<table class="dataframe evil"><thead><tr><th>a</th></tr></thead><tbody><tr><td class="col0">1</td></tr></tbody></table>',
        '<div class="cajal-progress"><progress value="3" max="10" style="width:240px"></progress></div>',
        '<script>alert(1)</script><img src="x" onerror="alert(2)"><img src="data:image/png;base64,AAAA">',
        '<a href="javascript:alert(3)">a</a><iframe src="https://example.org"></iframe><svg><script>alert(4)</script></svg>',
        '<p id="probe" onclick="alert(5)" style="color:red">ok</p>',
      ],
    }),
  );
  assert.match(html, /<table class="dataframe"><thead><tr><th>a<\/th><\/tr><\/thead><tbody><tr><td class="col0">1<\/td><\/tr><\/tbody><\/table>/);
  assert.match(html, /<div class="cajal-progress"><progress value="3" max="10"><\/progress><\/div>/);
  assert.match(html, /<img><img src="data:image\/png;base64,AAAA">/, "a non-data image source is removed so the page fetches nothing");
  assert.match(html, /<a>a<\/a>/);
  assert.match(html, /<p id="user-content-probe">ok<\/p>/, "ids are prefixed so outputs cannot clobber the page's");
  assert.doesNotMatch(html, /script|onerror|onclick|javascript|iframe|style=|alert/);
});

test("images, SVG alone, JSON and plain text each get their element", () => {
  assert.match(render(display({ "image/png": "iVBO\nRw0K", "text/plain": "a plot" })).html, /<img src="data:image\/png;base64,iVBORw0K" alt="a plot">/);
  assert.match(render(display({ "image/svg+xml": "<svg/>" })).html, /<div class="output output-image"><img class="output-svg" src="data:image\/svg\+xml;base64,PHN2Zy8\+" alt="figure"><\/div>/);
  assert.match(render(display({ "application/json": { a: 1 } })).html, /<pre class="output output-json">\{\n {2}"a": 1\n\}<\/pre>/);
  assert.equal(render({ output_type: "execute_result", data: { "text/plain": ["4", "2"] }, metadata: {}, execution_count: 1 }).html, '<pre class="output output-text">42</pre>');
});

test("streams and errors: stderr is marked, ANSI codes are stripped, the error name heads the traceback", () => {
  assert.equal(render({ output_type: "stream", name: "stderr", text: ["\u001b[33mwarn\u001b[0m\n"] }).html, '<pre class="output output-stream output-stderr">warn\n</pre>');
  const error = render({ output_type: "error", ename: "TypeError", evalue: "x is <undefined>", traceback: ["\u001b[31mat cell\u001b[0m"] }).html;
  assert.equal(error, '<pre class="output output-error" role="alert">TypeError: x is &#x3C;undefined>\nat cell</pre>');
  const dedup = render({ output_type: "error", ename: "Error", evalue: "boom", traceback: ["Error: boom", "  at x"] }).html;
  assert.equal(dedup, '<pre class="output output-error" role="alert">Error: boom\n  at x</pre>');
});

test("an unknown MIME type shows nothing and is reported", () => {
  const { html, messages } = render(display({ "application/x-weird": 1 }));
  assert.equal(html, "");
  assert.equal(messages[0]?.ruleId, "unknown-mime");
});

test("renderVegaLite without an SVG keeps a text fallback", () => {
  assert.match(toHtml(renderVegaLite({ mark: "bar" }, undefined, "id1", "chart")), /<div class="vega-static"><p>chart \(interactive chart; needs JavaScript\)<\/p><\/div>/);
});

test("markdown and LaTeX outputs are rendered, sanitised and typeset", () => {
  const markdown = render(display({ "text/markdown": "**bold** $x^2$ <script>alert(1)</script>", "text/plain": "x" })).html;
  assert.match(markdown, /^<div class="output output-markdown"><p><strong>bold<\/strong> <span class="math math-inline"><span class="katex">/);
  assert.doesNotMatch(markdown, /<script|alert/);
  const latex = render(display({ "text/latex": "$$\\frac{a}{b}$$" })).html;
  assert.match(latex, /^<div class="output output-latex"><div class="math math-display"><span class="katex-display">/);
});

test("LaTeX outputs with each delimiter style become one display formula", () => {
  for (const source of ["$$\\frac{a}{b}$$", "\\[\\frac{a}{b}\\]", "$\\frac{a}{b}$", "\\frac{a}{b}"]) {
    const html = render(display({ "text/latex": source })).html;
    assert.match(html, /<annotation encoding="application\/x-tex">\\frac\{a\}\{b\}<\/annotation>/, source);
  }
});
