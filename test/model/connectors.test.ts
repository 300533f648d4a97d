import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, expandProjection, network, structure } from "../../src/model/index.js";
import type { Connector } from "../../src/model/index.js";

function draw(connector: Connector, nPre: number, nPost: number, options: { same?: boolean; seed?: number; positions?: boolean } = {}) {
  const net = network({ dt: 0.1, seed: options.seed ?? 1 });
  const s = options.positions ? { structure: structure.grid2d({ columns: 10, dx: 1, dy: 1 }) } : {};
  const pre = net.population("pre", nPre, cells.lifCurrExp(), s);
  const post = options.same ? pre : net.population("post", nPost, cells.lifCurrExp(), s);
  net.project(pre, post, connector, { weight: 0.1, delay: 1 }, { label: "p" });
  const spec = net.spec();
  const { connections, problems } = expandProjection(spec, spec.projections[0]!);
  assert.deepEqual(problems, []);
  return connections;
}

const pairsOf = (c: { pre: Int32Array; post: Int32Array }) => Array.from(c.pre, (i, k) => `${i},${c.post[k]}`);

test("allToAll connects every pair, and leaves out i → i without allowSelf", () => {
  assert.equal(draw(connect.allToAll(), 7, 5).pre.length, 35);
  const c = draw(connect.allToAll({ allowSelf: false }), 6, 6, { same: true });
  assert.equal(c.pre.length, 30);
  assert.ok(pairsOf(c).every((p) => { const [i, j] = p.split(","); return i !== j; }));
});

test("oneToOne connects i → i", () => {
  const c = draw(connect.oneToOne(), 8, 8);
  assert.deepEqual(Array.from(c.pre), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(Array.from(c.post), [0, 1, 2, 3, 4, 5, 6, 7]);
});

test("fixedProbability draws about p·N² distinct pairs (binomial bounds), never repeating one", () => {
  const n = 300;
  const p = 0.05;
  const c = draw(connect.fixedProbability(p), n, n);
  const mean = n * n * p;
  const sd = Math.sqrt(n * n * p * (1 - p));
  assert.ok(Math.abs(c.pre.length - mean) < 5 * sd, `${c.pre.length} connections, expected ${mean} ± ${5 * sd}`);
  assert.equal(new Set(pairsOf(c)).size, c.pre.length);
  // Each post neuron's in-degree is Binomial(n, p): its variance checks that pairs are independent.
  const inDegree = new Float64Array(n);
  for (const j of c.post) inDegree[j]!++;
  const m = inDegree.reduce((s, x) => s + x, 0) / n;
  const v = inDegree.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
  assert.ok(Math.abs(v / (n * p * (1 - p)) - 1) < 0.3, `in-degree variance ${v}, binomial ${n * p * (1 - p)}`);
});

test("fixedProbability(1) is all-to-all and (0) is empty", () => {
  assert.equal(draw(connect.fixedProbability(1), 4, 6).pre.length, 24);
  assert.equal(draw(connect.fixedProbability(0), 4, 6).pre.length, 0);
});

test("fixedNumberPre gives every post neuron exactly n distinct pre neurons", () => {
  const c = draw(connect.fixedNumberPre(7, { allowSelf: false }), 20, 20, { same: true });
  assert.equal(c.pre.length, 20 * 7);
  for (let j = 0; j < 20; j++) {
    const pres = Array.from(c.pre).filter((_, k) => c.post[k] === j);
    assert.equal(new Set(pres).size, 7);
    assert.ok(!pres.includes(j));
  }
});

test("fixedNumberPost gives every pre neuron exactly n distinct post neurons", () => {
  const c = draw(connect.fixedNumberPost(3), 10, 50);
  for (let i = 0; i < 10; i++) {
    const posts = Array.from(c.post).filter((_, k) => c.pre[k] === i);
    assert.equal(new Set(posts).size, 3);
  }
});

test("fromList keeps entries, with their own weights and delays", () => {
  const c = draw(connect.fromList([[0, 1], [2, 0, 0.7, 3.5]]), 3, 3);
  assert.deepEqual(Array.from(c.pre), [0, 2]);
  assert.deepEqual(Array.from(c.post), [1, 0]);
  assert.deepEqual(Array.from(c.weight), [0.1, 0.7]);
  assert.deepEqual(Array.from(c.delayMs), [1, 3.5]);
});

test("distanceDependent with a step profile connects exactly the pairs within the scale", () => {
  const c = draw(connect.distanceDependent({ profile: "step", scale: 1.5, allowSelf: false }), 100, 100, { same: true, positions: true });
  const expected: string[] = [];
  for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) {
    const d = Math.hypot((i % 10) - (j % 10), Math.floor(i / 10) - Math.floor(j / 10));
    if (i !== j && d <= 1.5) expected.push(`${i},${j}`);
  }
  assert.deepEqual(pairsOf(c).sort(), expected.sort());
});

test("distanceDependent with an exponential profile connects near pairs more often", () => {
  const c = draw(connect.distanceDependent({ profile: "exponential", scale: 2 }), 100, 100, { same: true, positions: true });
  let near = 0; let far = 0;
  for (let k = 0; k < c.pre.length; k++) {
    const i = c.pre[k]!; const j = c.post[k]!;
    const d = Math.hypot((i % 10) - (j % 10), Math.floor(i / 10) - Math.floor(j / 10));
    if (d <= 2) near++; else if (d >= 6) far++;
  }
  assert.ok(near > 0 && far < near / 4, `${near} near, ${far} far connections`);
});

test("views map connector indices to population indices", () => {
  const net = network({ dt: 0.1, seed: 1 });
  const a = net.population("a", 10, cells.lifCurrExp());
  net.project(a.slice(2, 5), a.view([9, 0, 4]), connect.oneToOne(), { weight: 0.1 }, { label: "p" });
  const spec = net.spec();
  const { connections: c } = expandProjection(spec, spec.projections[0]!);
  assert.deepEqual(Array.from(c.pre), [2, 3, 4]);
  assert.deepEqual(Array.from(c.post), [9, 0, 4]);
});

test("weight distributions and matrices are drawn per connection", () => {
  const net = network({ dt: 0.1, seed: 4 });
  const a = net.population("a", 40, cells.lifCurrExp());
  net.project(a, a, connect.allToAll(), { weight: { distribution: "uniform", low: 0.2, high: 0.4 }, delay: { distribution: "normalClipped", mean: 2, sd: 1, low: 0.5, high: 3 } }, { label: "u" });
  const m = Array.from({ length: 2 }, (_, i) => [i + 1, 10 * (i + 1)]);
  const b = net.population("b", 2, cells.lifCurrExp());
  net.project(b, b, connect.allToAll(), { weight: m }, { label: "m" });
  const spec = net.spec();
  const u = expandProjection(spec, spec.projections[0]!).connections;
  assert.ok(u.weight.every((w) => w >= 0.2 && w < 0.4) && u.delayMs.every((d) => d >= 0.5 && d <= 3));
  const mean = u.weight.reduce((s, x) => s + x, 0) / u.weight.length;
  assert.ok(Math.abs(mean - 0.3) < 0.005, `mean weight ${mean}`);
  const mm = expandProjection(spec, spec.projections[1]!).connections;
  assert.deepEqual(Array.from(mm.weight), [1, 10, 2, 20]);
});

test("fromList weights are checked entry by entry against the receptor's sign", () => {
  const net = network({ dt: 0.1, seed: 1 });
  const a = net.population("a", 3, cells.lifCurrExp());
  net.project(a, a, connect.fromList([[0, 1, 0.2, 1], [1, 2, -0.3, 1]]), { weight: 0.1 }, { label: "p" });
  const spec = net.spec();
  const { problems } = expandProjection(spec, spec.projections[0]!);
  assert.deepEqual(problems.map((p) => p.ruleId), ["bad-weight-sign"]);
});
