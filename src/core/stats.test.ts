import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "./rng.js";
import { CajalError } from "./errors.js";
import * as stats from "./stats.js";

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

test("mean, variance, sd and sem match hand computation on a small array", () => {
  const x = Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9);
  close(stats.mean(x), 5);
  close(stats.variance(x, { ddof: 0 }), 4);
  close(stats.variance(x), 32 / 7);
  close(stats.sd(x, { ddof: 0 }), 2);
  close(stats.sem(x), Math.sqrt(32 / 7) / Math.sqrt(8));
  close(stats.cv(x), 2 / 5);
  assert.deepEqual(stats.extent(x), [2, 9]);
});

test("empty or too-short inputs give NaN rather than a number", () => {
  assert.ok(Number.isNaN(stats.mean([])));
  assert.ok(Number.isNaN(stats.sd([3])));
  assert.ok(Number.isNaN(stats.median(new Float64Array(0))));
  assert.ok(Number.isNaN(stats.isiCv([1, 2])));
});

test("variance does not lose precision to a large offset", () => {
  const x = Float64Array.of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
  close(stats.variance(x), 30, 1e-6);
});

test("median and percentiles interpolate linearly like NumPy", () => {
  close(stats.median([3, 1, 2]), 2);
  close(stats.median([4, 1, 3, 2]), 2.5);
  const x = [15, 20, 35, 40, 50];
  // numpy.percentile([15,20,35,40,50], [0, 25, 40, 100]) = [15, 20, 29, 50]
  assert.deepEqual(Array.from(stats.percentiles(x, [0, 25, 40, 100])), [15, 20, 29, 50]);
  close(stats.percentile(x, 90), 46);
  assert.throws(() => stats.percentile(x, 120), CajalError);
});

test("running averages: cumulative, trailing window and blocks", () => {
  const x = [1, 2, 3, 4, 5, 6];
  assert.deepEqual(Array.from(stats.cumulativeMean(x)), [1, 1.5, 2, 2.5, 3, 3.5]);
  assert.deepEqual(Array.from(stats.movingAverage(x, 3)), [1, 1.5, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(stats.blockMeans(x, 4)), [2.5, 5.5]);
  assert.throws(() => stats.movingAverage(x, 0), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "stats-bad-argument");
});

test("ranks give ties their average rank", () => {
  assert.deepEqual(Array.from(stats.ranks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
  assert.deepEqual(Array.from(stats.ranks([3, 3, 3])), [2, 2, 2]);
});

test("Pearson is ±1 on exact lines and matches a hand value; Spearman is 1 on monotone data", () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => i);
  close(stats.pearson(x, x.map((v) => 3 * v - 7)), 1);
  close(stats.pearson(x, x.map((v) => -0.5 * v)), -1);
  // x = 1..5, y = [2, 4, 5, 4, 5]: r = 6 / sqrt(10 * 6)
  close(stats.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 6 / Math.sqrt(60));
  const monotone = x.map((v) => Math.exp(v / 10) + v ** 3);
  close(stats.spearman(x, monotone), 1);
  assert.ok(stats.pearson(x, monotone) < 0.99, "the curve is not a line, so Pearson < 1");
  close(stats.spearman(x, monotone.map((v) => -v)), -1);
  assert.ok(Number.isNaN(stats.pearson([1, 2, 3], [4, 4, 4])));
  assert.throws(() => stats.pearson([1, 2], [1, 2, 3]), CajalError);
});

test("Kendall tau-b matches a hand count with ties", () => {
  // pairs: x=[1,2,3,4], y=[1,3,2,4]: concordant 5, discordant 1 → τ = 4/6
  close(stats.kendallTau([1, 2, 3, 4], [1, 3, 2, 4]), 4 / 6);
  // with a tie in y: x=[1,2,3], y=[1,1,2]: C=2, D=0, tiesY=1 → 2/sqrt(3*2)
  close(stats.kendallTau([1, 2, 3], [1, 1, 2]), 2 / Math.sqrt(6));
});

test("histogram counts every value: in bins, below, above or invalid", () => {
  const h = stats.histogram([0, 0.5, 1, 1.5, 2, 2, -1, 7, NaN], { bins: 4, range: [0, 2] });
  assert.deepEqual(Array.from(h.edges), [0, 0.5, 1, 1.5, 2]);
  assert.deepEqual(Array.from(h.counts), [1, 1, 1, 3]); // the last bin includes its right edge
  assert.equal(h.below, 1);
  assert.equal(h.above, 1);
  assert.equal(h.invalid, 1);
  const e = stats.histogram([1, 2, 3, 10], { bins: [0, 2, 5, 10] });
  assert.deepEqual(Array.from(e.counts), [1, 2, 1]);
  assert.throws(() => stats.histogram([1], { bins: [0, 2, 2] }), CajalError);
});

test("histogram of many uniform values puts each value in the bin its edges say", () => {
  const rng = createRng(3);
  const x = new Float64Array(20000);
  rng.fillUniform(x, -1, 0.3);
  const h = stats.histogram(x, { bins: 13 });
  assert.equal(stats.sum(h.counts), x.length);
  let direct = 0;
  for (const v of x) if (v >= h.edges[5]! && v < h.edges[6]!) direct++;
  assert.equal(h.counts[5], direct);
  const auto = stats.histogram(x);
  assert.ok(auto.counts.length > 10 && auto.counts.length <= 200);
});

test("ISI CV of a Poisson process is close to 1 and of a regular train is 0", () => {
  const rng = createRng(42);
  const times = new Float64Array(20000);
  let t = 0;
  for (let i = 0; i < times.length; i++) times[i] = t += rng.exponential(10);
  // CV of 20 000 exponential intervals: standard error ≈ 1/sqrt(20 000) ≈ 0.007
  close(stats.isiCv(times), 1, 0.03);
  close(stats.isiCv(Float64Array.from({ length: 100 }, (_, i) => 5 * i)), 0, 1e-12);
  close(stats.rateHz(50, 250), 200);
});

test("Fano factor of Poisson counts is close to 1; of constant counts 0", () => {
  const rng = createRng(7);
  const counts = Float64Array.from({ length: 20000 }, () => rng.poisson(4));
  close(stats.fanoFactor(counts), 1, 0.05);
  close(stats.fanoFactor([3, 3, 3, 3]), 0);
  close(stats.fanoFactor([1, 3]), 1); // var = 2, mean = 2
});

test("bootstrap interval of a normal mean brackets it with about the textbook width", () => {
  const rng = createRng(11);
  const x = new Float64Array(400);
  rng.fillNormal(x, 5, 2);
  const ci = stats.bootstrapCi(x, rng.stream("boot"), { resamples: 1000 });
  close(ci.estimate, stats.mean(x));
  assert.ok(ci.low < ci.estimate && ci.estimate < ci.high);
  const textbook = 2 * 1.96 * stats.sem(x);
  close(ci.high - ci.low, textbook, 0.15 * textbook);
  const same1 = stats.bootstrapCi(x, createRng(5), { resamples: 200 });
  const same2 = stats.bootstrapCi(x, createRng(5), { resamples: 200 });
  assert.deepEqual(same1, same2);
});
