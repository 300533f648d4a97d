import { test } from "node:test";
import assert from "node:assert/strict";
import { goldenSection, gridMinimize, gridSearch, linspace, minimizeScalar } from "./scalar-search.js";
import { CajalError } from "./errors.js";

test("linspace includes both ends and is evenly spaced", () => {
  const g = linspace(-7, -1, 61);
  assert.equal(g.length, 61);
  assert.equal(g[0], -7);
  assert.equal(g[60], -1);
  assert.ok(Math.abs(g[30]! - -4) < 1e-12);
  assert.ok(Math.abs(g[1]! - g[0]! - 0.1) < 1e-12);
});

test("gridMinimize finds the grid point nearest a parabola's vertex", () => {
  const r = gridMinimize((x) => (x - 1.23) ** 2, -3, 3, 61); // step 0.1
  assert.ok(Math.abs(r.x - 1.2) < 1e-12);
  assert.equal(r.evaluations, 61);
  assert.equal(r.values.length, 61);
});

test("gridMinimize treats NaN as worse than any number", () => {
  const r = gridMinimize((x) => (x < 0 ? NaN : x), -1, 1, 5);
  assert.equal(r.x, 0);
  assert.equal(r.values[0], Infinity);
});

test("goldenSection converges to a parabola's vertex within the tolerance", () => {
  const r = goldenSection((x) => 3 * (x - 0.7) ** 2 + 2, -5, 5, { tolerance: 1e-8 });
  assert.ok(Math.abs(r.x - 0.7) < 1e-7, `x = ${r.x}`);
  assert.ok(Math.abs(r.fx - 2) < 1e-12);
});

test("goldenSection shrinks the bracket by 1/φ per evaluation", () => {
  // Width 10 → 1e-6 needs ceil(log(1e-7)/log(0.618)) = 34 shrinks, plus the two first points.
  const r = goldenSection((x) => Math.abs(x - 2.5), 0, 10, { tolerance: 1e-6 });
  assert.ok(Math.abs(r.x - 2.5) < 1e-6);
  assert.ok(r.evaluations >= 34 && r.evaluations <= 36, `evaluations = ${r.evaluations}`);
});

test("goldenSection finds the minimum of cos on [2, 4] at π", () => {
  const r = goldenSection(Math.cos, 2, 4, { tolerance: 1e-9 });
  assert.ok(Math.abs(r.x - Math.PI) < 1e-6);
});

test("minimizeScalar refines beyond the grid: exp(x) − 2x has its minimum at ln 2", () => {
  const r = minimizeScalar((x) => Math.exp(x) - 2 * x, -3, 3, { gridPoints: 13, tolerance: 1e-10 });
  assert.ok(Math.abs(r.x - Math.LN2) < 1e-7, `x = ${r.x}`);
  const grid = gridMinimize((x) => Math.exp(x) - 2 * x, -3, 3, 13);
  assert.ok(r.fx <= grid.fx);
});

test("minimizeScalar keeps a boundary minimum of a monotone function near the boundary", () => {
  const r = minimizeScalar((x) => x, -7, -1, { gridPoints: 61 });
  assert.ok(r.x - -7 < 1e-4, `x = ${r.x}`);
});

test("minimizeScalar picks the global basin of a two-well function that golden section alone misses", () => {
  // Wells at x = −2 (deeper, value −1) and x = 2 (value −0.5).
  const f = (x: number) => Math.min((x + 2) ** 2 - 1, (x - 2) ** 2 - 0.5);
  const r = minimizeScalar(f, -4, 4, { gridPoints: 41 });
  assert.ok(Math.abs(r.x + 2) < 1e-5);
  const plain = goldenSection(f, -1, 4);
  assert.ok(Math.abs(plain.x - 2) < 1e-4); // the local well: why the grid is needed
});

test("gridSearch finds the best combination of two axes", () => {
  const r = gridSearch(([a, b]) => (a! - 1) ** 2 + (b! + 2) ** 2 + a! * 0.01, [linspace(-3, 3, 7), linspace(-3, 3, 7)]);
  assert.deepEqual(r.point, [1, -2]);
  assert.equal(r.evaluations, 49);
});

test("bad intervals and counts throw CajalErrors naming the rule", () => {
  assert.throws(() => gridMinimize((x) => x, 1, 1), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "search-bad-interval");
  assert.throws(() => gridMinimize((x) => x, 0, 1, 1), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "search-bad-count");
  assert.throws(() => goldenSection((x) => x, 0, 1, { tolerance: 0 }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "search-bad-tolerance");
  assert.throws(() => gridSearch(() => 0, [[1], []]), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "search-empty-axis");
});
