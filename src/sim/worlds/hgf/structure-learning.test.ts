import { test } from "node:test";
import assert from "node:assert/strict";
import { learnSourcesOnline } from "./structure-learning.js";
import { createRng } from "../../../core/rng.js";
import { CajalError } from "../../../core/errors.js";

function stream(n: number, means: number[], sd: number, seed: number) {
  const rng = createRng(seed);
  const labels: number[] = [];
  const x: number[] = [];
  for (let t = 0; t < n; t++) {
    const k = rng.int(means.length);
    labels.push(k);
    x.push(rng.normal(means[k]!, sd));
  }
  return { x, labels };
}

test("three well-separated sources grow exactly three value parents, each explaining its own source", () => {
  const { x, labels } = stream(300, [-5, 0, 5], 0.5, 7);
  const r = learnSourcesOnline(x);
  assert.equal(r.createdAt.length, 3);
  assert.equal(r.graph.nodes.length, 6); // a state and an input per source
  const labelOf = r.createdAt.map((t) => labels[t]!);
  assert.equal(new Set(labelOf).size, 3);
  let agree = 0;
  for (let t = 0; t < x.length; t++) if (labelOf[r.assignment[t]!] === labels[t]) agree++;
  assert.ok(agree / x.length > 0.95, `${agree}`);
  // Each source's belief ends near its mean.
  r.sources.forEach((s, i) => assert.ok(Math.abs(r.graph.nodeAt(s.state).mean - [-5, 0, 5][labelOf[i]!]!) < 0.5));
});

test("one source grows one node; a lower threshold splits it", () => {
  const { x } = stream(200, [1], 0.5, 3);
  assert.equal(learnSourcesOnline(x).createdAt.length, 1);
  assert.ok(learnSourcesOnline(x, { surpriseThreshold: 0.5 }).createdAt.length > 1);
});

test("the first observation always creates a node, with infinite surprise recorded", () => {
  const r = learnSourcesOnline([2.5]);
  assert.deepEqual(r.createdAt, [0]);
  assert.equal(r.minSurprise[0], Infinity);
  assert.equal(r.graph.nodeAt(r.sources[0]!.state).expectedMean, 2.5);
});

test("bad options and values are reported", () => {
  assert.throws(() => learnSourcesOnline([1, NaN], { inputPrecision: -1, initialPrecision: 1 }), (e: unknown) =>
    e instanceof CajalError && e.problems.length === 2 &&
    e.problems[0]!.ruleId === "hgf-bad-parameter" && e.problems[1]!.ruleId === "hgf-bad-observation");
});
