import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/rng.js";
import * as stats from "../../src/core/stats.js";
import * as plot from "../../src/plot/index.js";
import { compileCleanly, hasText, markItems, rowsOf, subtitleOf } from "./svg.js";

const isRule = (ruleId: string) => (e: unknown) => e instanceof CajalError && e.problem.ruleId === ruleId;

test("line: several series draw one line each, with a legend, axis titles, a band and rules", async () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => i);
  const p = plot.line(
    [
      { name: "exc", x, y: x.map((v) => Math.sin(v / 5)), lower: x.map((v) => Math.sin(v / 5) - 0.1), upper: x.map((v) => Math.sin(v / 5) + 0.1) },
      { name: "inh", x, y: x.map((v) => Math.cos(v / 5)) },
      { name: "ext", x, y: x.map(() => 0.5) },
    ],
    { title: "Rates", xTitle: "time (ms)", yTitle: "rate (Hz)", rules: { y: [0, 1], x: [10] } },
  );
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "line"), 3);
  assert.equal(markItems(svg, "area"), 1, "only the series with lower/upper gets a band");
  assert.equal(markItems(svg, "rule"), 3);
  for (const text of ["Rates", "time (ms)", "rate (Hz)", "exc", "inh", "ext"]) assert.ok(hasText(svg, text), text);
  assert.equal(rowsOf(p).length, 150);
});

test("line: table input by field names, y columns as series, and DataFrame-shaped input agree", async () => {
  const columns = { epoch: [1, 2, 3, 4], train: [50, 70, 80, 85], test: [45, 60, 66, 70] };
  const fromColumns = plot.line(columns, { x: "epoch", y: ["train", "test"], yTitle: "accuracy (%)" });
  const frame = { columns: ["epoch", "train", "test"], values: [[1, 50, 45], [2, 70, 60], [3, 80, 66], [4, 85, 70]] };
  const fromFrame = plot.line(frame, { x: "epoch", y: ["train", "test"], yTitle: "accuracy (%)" });
  assert.deepEqual(fromFrame.spec, fromColumns.spec);
  const svg = await compileCleanly(fromFrame);
  assert.equal(markItems(svg, "line"), 2);
  assert.ok(hasText(svg, "accuracy (%)") && hasText(svg, "epoch") && hasText(svg, "train"));
  const long = plot.line([{ t: 0, v: 1, run: "a" }, { t: 1, v: 2, run: "a" }, { t: 0, v: 3, run: "b" }, { t: 1, v: 1, run: "b" }], { x: "t", y: "v", series: "run" });
  assert.equal(markItems(await compileCleanly(long), "line"), 2);
});

test("line: a symmetric error draws a band by default or error bars on request, at y ± error", async () => {
  const table = { epoch: [1, 2, 3, 1, 2, 3], acc: [50, 60, 70, 40, 45, 55], sd: [5, 4, 3, 2, 2, 1], method: ["a", "a", "a", "b", "b", "b"] };
  const banded = plot.line(table, { x: "epoch", y: "acc", series: "method", error: "sd" });
  assert.deepEqual(rowsOf(banded).map((r) => [r.lower, r.upper]), [[45, 55], [56, 64], [67, 73], [38, 42], [43, 47], [54, 56]]);
  assert.equal(markItems(await compileCleanly(banded), "area"), 2);
  const barred = plot.line(table, { x: "epoch", y: "acc", series: "method", error: "sd", intervals: "bars", yTitle: "accuracy (%)" });
  const svg = await compileCleanly(barred);
  assert.equal(markItems(svg, "area"), 0);
  assert.equal(markItems(svg, "rule"), 6);
  assert.equal(markItems(svg, "symbol"), 6);
  assert.equal(markItems(svg, "line"), 2);
  const fromArrays = plot.line({ x: [1, 2, 3], y: [50, 60, 70], error: [5, 4, 3] });
  assert.deepEqual(rowsOf(fromArrays).map((r) => r.upper), [55, 64, 73]);
  assert.throws(() => plot.line(table, { x: "epoch", y: "acc", error: "sd", lower: "acc", upper: "acc" }), isRule("plot-bad-option"));
});

test("line: a field that is not in the data names the fields that are", () => {
  assert.throws(() => plot.line({ t: [1, 2], v: [3, 4] }, { x: "time", y: "v" }), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "plot-missing-field" && /`t`, `v`/.test(e.problem.expected ?? ""));
  assert.throws(() => plot.line({ t: [1, 2], v: [3] }, { x: "t", y: "v" }), isRule("plot-ragged-columns"));
  assert.throws(() => plot.line({ x: [1, 2, 3], y: [1, 2] }), isRule("plot-length-mismatch"));
});

test("line: a long series is thinned to the limit, keeps its extremes, and the subtitle says so", async () => {
  const n = 100_000;
  const x = Float64Array.from({ length: n }, (_, i) => i * 0.1);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 300));
  y[54_321] = 40; // a spike that plain subsampling would likely miss
  const p = plot.line({ x, y }, { maxPointsPerSeries: 2000 });
  const rows = rowsOf(p);
  assert.ok(rows.length <= 2000 && rows.length > 1900, `${rows.length} rows`);
  assert.ok(rows.some((r) => r.y === 40 && r.x === x[54_321]));
  assert.ok(rows.some((r) => r.x === 0) && rows.some((r) => r.x === x[n - 1]));
  assert.deepEqual(subtitleOf(p), [`1 series thinned for display: ${rows.length.toLocaleString("en-US")} of 100,000 points kept (min–max per bucket)`]);
  await compileCleanly(p);
});

test("scatter: one symbol per point; above the limit a seeded sample of exactly the limit, said in the subtitle", async () => {
  const rng = createRng(1);
  const small = { x: Float64Array.from({ length: 120 }, () => rng.normal()), y: Float64Array.from({ length: 120 }, () => rng.normal()) };
  const svg = await compileCleanly(plot.scatter(small, { xTitle: "predicted (Hz)", yTitle: "measured (Hz)", identityLine: true }));
  assert.equal(markItems(svg, "symbol"), 120);
  assert.equal(markItems(svg, "line"), 1, "the identity line");
  assert.ok(hasText(svg, "predicted (Hz)") && hasText(svg, "measured (Hz)"));

  const big = { x: Float64Array.from({ length: 50_000 }, (_, i) => i), y: Float64Array.from({ length: 50_000 }, () => rng.uniform()) };
  const sampled = plot.scatter(big, { maxPoints: 3000, seed: 9 });
  const rows = rowsOf(sampled);
  assert.equal(rows.length, 3000);
  assert.equal(new Set(rows.map((r) => r.x)).size, 3000, "no point drawn twice");
  assert.deepEqual(subtitleOf(sampled), ["3,000 of 50,000 points shown (uniform random sample, seed 9)"]);
  assert.deepEqual(rowsOf(plot.scatter(big, { maxPoints: 3000, seed: 9 })), rows, "same seed, same sample");
  assert.notDeepEqual(rowsOf(plot.scatter(big, { maxPoints: 3000, seed: 10 })), rows);
  // Uniform: the first half of the indices holds about half the sample (binomial sd ≈ 27).
  const firstHalf = rows.filter((r) => (r.x as number) < 25_000).length;
  assert.ok(Math.abs(firstHalf - 1500) < 150, `${firstHalf}`);
  assert.equal(markItems(await compileCleanly(sampled), "symbol"), 3000);
});

test("scatter: colour by a category gives a legend entry per category", async () => {
  const rows = [{ x: 1, y: 2, kind: "a" }, { x: 2, y: 3, kind: "b" }, { x: 3, y: 1, kind: "c" }];
  const svg = await compileCleanly(plot.scatter(rows, { color: "kind", colorTitle: "kind of cell" }));
  assert.ok(["a", "b", "c", "kind of cell"].every((t) => hasText(svg, t)));
});

test("heatmap: one rect per cell, labels, a colour legend and annotations", async () => {
  const m = [[50, 2, 3, 0], [4, 40, 6, 1], [1, 8, 45, 2]];
  const p = plot.heatmap(m, { rowLabels: ["cat", "dog", "eel"], colLabels: ["cat", "dog", "eel", "fox"], annotate: true, colorTitle: "count", xTitle: "predicted", yTitle: "true" });
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), 12);
  assert.equal(markItems(svg, "text"), 12);
  assert.ok(svg.includes('class="mark-rect role-legend-gradient'), "a gradient legend");
  assert.ok(["fox", "eel", "count", "predicted", "true", "45"].every((t) => hasText(svg, t)));
  // Row 0 is drawn at the top: the y-axis label "cat" (right-aligned) sits above "eel".
  const yOf = (label: string) => Number(new RegExp(`text-anchor="end" transform="translate\\(-?[\\d.]+,([\\d.]+)\\)"[^>]*>${label}</text>`).exec(svg)?.[1]);
  assert.ok(yOf("cat") < yOf("eel"));
  assert.throws(() => plot.heatmap(m, { rowLabels: ["a"] }), isRule("plot-bad-option"));
});

test("heatmap: a flat matrix with its shape equals the same matrix as rows; both signs get a centred diverging scale", async () => {
  const rowsForm = plot.heatmap([[1, -2], [3, -4]]);
  const flatForm = plot.heatmap({ values: Float64Array.of(1, -2, 3, -4), rows: 2, cols: 2 });
  assert.deepEqual(flatForm.spec, rowsForm.spec);
  const color = (rowsForm.spec as { encoding: { color: { scale: { domain: number[]; domainMid: number } } } }).encoding.color;
  assert.deepEqual(color.scale.domain, [-4, 4]);
  assert.equal(color.scale.domainMid, 0);
  await compileCleanly(rowsForm);
  assert.throws(() => plot.heatmap({ values: [1, 2, 3], rows: 2, cols: 2 }), isRule("plot-bad-input"));
});

test("heatmap: a large matrix becomes block means (checked against a direct mean), said in the subtitle", async () => {
  const rows = 300, cols = 250;
  const rng = createRng(4);
  const values = new Float64Array(rows * cols);
  rng.fillUniform(values);
  const p = plot.heatmap({ values, rows, cols }, { maxCells: 5000 });
  const data = rowsOf(p);
  const block = Math.ceil(Math.sqrt((rows * cols) / 5000)); // 4
  assert.equal(data.length, Math.ceil(rows / block) * Math.ceil(cols / block));
  const cell = data.find((d) => d.row === 8 && d.col === 12)!;
  let s = 0;
  for (let r = 8; r < 12; r++) for (let c = 12; c < 16; c++) s += values[r * cols + c]!;
  assert.ok(Math.abs((cell.value as number) - s / 16) < 1e-12);
  assert.deepEqual(subtitleOf(p), [`300 × 250 matrix shown as means over 4 × 4 blocks (${data.length.toLocaleString("en-US")} cells)`]);
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), data.length);
});

test("heatmap: cells overlap only into drawn neighbours, so a blank (NaN) cell stays fully blank", async () => {
  const values = Float64Array.from({ length: 50 * 60 }, (_, k) => k % 7);
  values[10 * 60 + 20] = NaN;
  const p = plot.heatmap({ values, rows: 50, cols: 60 });
  const cell = (row: number, col: number) => rowsOf(p).find((d) => d.row === row && d.col === col)!;
  assert.equal(cell(10, 19).col2Drawn, 20, "left of the blank: no overlap to the right");
  assert.equal(cell(9, 20).row2Drawn, 10, "above the blank: no overlap downwards");
  assert.ok((cell(9, 19).row2Drawn as number) === 10, "diagonal: no corner into the blank");
  assert.ok((cell(3, 3).col2Drawn as number) > 4 && (cell(3, 3).row2Drawn as number) > 4);
  assert.equal(cell(49, 59).col2Drawn, 60);
  assert.deepEqual(subtitleOf(p), ["blank: 1 missing (NaN) entries"]);
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), 50 * 60 - 1);
});

test("histogram: 10⁵ values become one row per bin whose counts sum to the values", async () => {
  const rng = createRng(8);
  const x = Float64Array.from({ length: 100_000 }, () => rng.normal(0, 1));
  const p = plot.histogram(x, { bins: 40, xTitle: "z (sd)" });
  const rows = rowsOf(p);
  assert.equal(rows.length, 40);
  assert.equal(rows.reduce((s, r) => s + (r.value as number), 0), 100_000);
  assert.ok(JSON.stringify(p.spec).length < 20_000, "the spec carries bins, not values");
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), 40);
  assert.ok(hasText(svg, "z (sd)") && hasText(svg, "count"));
});

test("histogram: values outside the range and NaN are counted and reported, not dropped silently", async () => {
  const p = plot.histogram([0.1, 0.2, 0.5, 0.7, 5, -3, NaN], { bins: 4, range: [0, 1] });
  assert.deepEqual(rowsOf(p).map((r) => r.value), [2, 0, 2, 0]); // 0.5 opens the third bin [0.5, 0.75)
  assert.deepEqual(subtitleOf(p), ["2 values outside [0, 1] not shown", "1 NaN values not counted"]);
  await compileCleanly(p);
});

test("histogram: overlaid series share edges; density integrates to 1; the analytic curve is drawn", async () => {
  const rng = createRng(2);
  const a = Float64Array.from({ length: 5000 }, () => rng.exponential(10));
  const b = Float64Array.from({ length: 3000 }, () => rng.exponential(20));
  const p = plot.histogram({ short: a, long: b }, { normalize: "density", bins: 30, xTitle: "ISI (ms)", curve: { pdf: (t) => Math.exp(-t / 10) / 10, label: "exponential, mean 10 ms" } });
  const rows = rowsOf(p);
  for (const name of ["short", "long"]) {
    const series = rows.filter((r) => r.series === name);
    assert.equal(series.length, 30);
    const integral = series.reduce((s, r) => s + (r.value as number) * ((r.end as number) - (r.start as number)), 0);
    assert.ok(Math.abs(integral - 1) < 1e-12, `${integral}`);
  }
  assert.deepEqual(rows.filter((r) => r.series === "short").map((r) => r.start), rows.filter((r) => r.series === "long").map((r) => r.start));
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), 60);
  assert.equal(markItems(svg, "line"), 1);
  assert.ok(hasText(svg, "short") && hasText(svg, "long") && hasText(svg, "probability density"));
  // A stats.histogram result plots as is.
  const h = stats.histogram(a, { bins: 12 });
  assert.deepEqual(rowsOf(plot.histogram(h)).map((r) => r.value), Array.from(h.counts));
});

test("bar: grouped bars with error bars and per-seed points; stacking with error bars is refused", async () => {
  const rows = [
    { method: "EWC", task: "A", acc: 91, sd: 2 }, { method: "EWC", task: "B", acc: 85, sd: 3 },
    { method: "SI", task: "A", acc: 89, sd: 1 }, { method: "SI", task: "B", acc: 80, sd: 4 },
  ];
  const seeds = rows.flatMap((r) => [r.acc - 1, r.acc + 1].map((acc) => ({ method: r.method, task: r.task, acc })));
  const p = plot.bar(rows, { x: "method", y: "acc", series: "task", error: "sd", points: { data: seeds }, yTitle: "accuracy (%)", rules: { y: [50] } });
  const svg = await compileCleanly(p);
  assert.equal(markItems(svg, "rect"), 4);
  assert.equal(markItems(svg, "rule"), 5, "four error bars and the reference rule");
  assert.equal(markItems(svg, "symbol"), 8);
  assert.ok(["accuracy (%)", "method", "EWC", "SI", "task"].every((t) => hasText(svg, t)));
  const bars = rowsOf(p).filter((r) => r.layer === "bar");
  assert.deepEqual(bars.map((b) => [b.low, b.high]), [[89, 93], [82, 88], [88, 90], [76, 84]]);
  assert.throws(() => plot.bar(rows, { x: "method", y: "acc", series: "task", stack: true, error: "sd" }), isRule("plot-bad-option"));
  const stacked = plot.bar(rows, { x: "method", y: "acc", series: "task", stack: true });
  assert.equal(markItems(await compileCleanly(stacked), "rect"), 4);
});

test("compose: layer, hconcat and vconcat compile cleanly and keep every part", async () => {
  const a = plot.line({ x: [0, 1, 2], y: [1, 3, 2] }, { title: "A", yTitle: "rate (Hz)" });
  const b = plot.scatter({ x: [0, 1, 2], y: [2, 1, 3] }, { title: "B" });
  const c = plot.histogram([1, 2, 2, 3, 3, 3], { bins: 3, title: "C" });
  const layered = plot.layer([a, b], { title: "A over B" });
  const svgLayer = await compileCleanly(layered);
  assert.equal(markItems(svgLayer, "line"), 1);
  assert.equal(markItems(svgLayer, "symbol"), 3);
  assert.ok(hasText(svgLayer, "A over B"));
  const dual = plot.layer([a, c], { independent: ["y"] });
  await compileCleanly(dual);
  const row = plot.hconcat([a, b, c], { title: "Three panels" });
  const svgRow = await compileCleanly(row);
  assert.ok(["A", "B", "C", "Three panels"].every((t) => hasText(svgRow, t)));
  assert.equal(markItems(svgRow, "rect"), 3);
  const column = plot.vconcat([row, layered]);
  const svgColumn = await compileCleanly(column);
  assert.equal(markItems(svgColumn, "symbol"), 6);
  assert.ok(!("config" in ((column.spec as unknown as { vconcat: Record<string, unknown>[] }).vconcat[0]!)), "config only at the top");
  assert.throws(() => plot.layer([row, a]), isRule("plot-not-layerable"));
});

test("facets: line, scatter and bar split into one panel per value, each panel drawing only its rows", async () => {
  const runs = [
    { task: "A", method: "EWC", epoch: 1, acc: 50 }, { task: "A", method: "EWC", epoch: 2, acc: 60 },
    { task: "A", method: "SGD", epoch: 1, acc: 40 }, { task: "A", method: "SGD", epoch: 2, acc: 45 },
    { task: "B", method: "EWC", epoch: 1, acc: 30 }, { task: "B", method: "EWC", epoch: 2, acc: 35 },
    { task: "C", method: "SGD", epoch: 1, acc: 20 }, { task: "C", method: "SGD", epoch: 2, acc: 22 },
  ];
  const lines = plot.line(runs, { x: "epoch", y: "acc", series: "method", facet: "task", yTitle: "accuracy (%)", rules: { y: [50] } });
  const svgLines = await compileCleanly(lines);
  assert.equal(markItems(svgLines, "line"), 4, "A: two methods, B: one, C: one");
  assert.equal(markItems(svgLines, "rule"), 3, "the reference rule in each of the three panels");
  assert.ok(["A", "B", "C", "task"].every((t) => hasText(svgLines, t)));

  const points = plot.scatter(runs, { x: "epoch", y: "acc", facet: "task", columns: 2 });
  assert.equal(markItems(await compileCleanly(points), "symbol"), 8);

  const seeds = runs.map((r) => ({ ...r, acc: r.acc + 1 }));
  const bars = plot.bar(runs.filter((r) => r.epoch === 2), { x: "method", y: "acc", facet: "task", points: { data: seeds.filter((r) => r.epoch === 2) } });
  const svgBars = await compileCleanly(bars);
  // Panel sets of categories: the method axis is shared, but each panel has only its own bars and points.
  assert.equal(markItems(svgBars, "rect"), 4);
  assert.equal(markItems(svgBars, "symbol"), 4);
});
