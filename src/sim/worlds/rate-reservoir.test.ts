import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { blockRowSums, toDense } from "../../core/sparse.js";
import { homeostaticInhibition, oneStepBeta, RateReservoir } from "./rate-reservoir.js";

const sigmoid = (h: number) => 1 / (1 + Math.exp(-h));

test("the weights obey Dale's law layout: 320 E and 80 I, no self-connections, each block with mean row sum 1", () => {
  const res = new RateReservoir({}, createRng(1));
  assert.equal(res.nExc, 320);
  assert.equal(res.nInh, 80);
  const sums = blockRowSums(res.weights, [0, 320, 400]);
  let e = 0, i = 0;
  for (let r = 0; r < 400; r++) { e += sums[2 * r]!; i += sums[2 * r + 1]!; }
  assert.ok(Math.abs(e / 400 - 1) < 1e-12 && Math.abs(i / 400 - 1) < 1e-12);
  for (const w of res.weights.values) assert.ok(w >= 0);
  const d = toDense(res.weights);
  for (let r = 0; r < 400; r++) assert.equal(d[r * 400 + r], 0);
  for (const w of res.inputWeights) assert.ok(w > -1 && w < 1);
});

test("one step equals the dense formula x' = σ(g(W_E x − β ∘ W_I x) + s w_in u)", () => {
  const n = 50;
  const rng = createRng(2);
  const beta = rng.stream("beta").fillUniform(new Float64Array(n), 0, 3);
  const res = new RateReservoir({ size: n, gain: 4, inputScaling: 0.7, beta }, rng);
  const x0 = rng.stream("x").fillUniform(new Float64Array(n), 0, 1);
  res.rates.set(x0);
  const u = 0.37;
  const d = toDense(res.weights);
  const expected = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let exc = 0, inh = 0;
    for (let j = 0; j < n; j++) {
      if (j < res.nExc) exc += d[i * n + j]! * x0[j]!;
      else inh += d[i * n + j]! * x0[j]!;
    }
    expected[i] = sigmoid(4 * (exc - beta[i]! * inh) + 0.7 * res.inputWeights[i]! * u);
  }
  const got = res.step(u);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(got[i]! - expected[i]!) < 1e-14);
});

test("run records row t = state after u(t), and reset returns to the initial rate", () => {
  const res = new RateReservoir({ size: 30 }, createRng(3));
  const input = [0.5, -0.2, 0.9];
  const states = res.run(input);
  res.reset();
  assert.ok(res.rates.every((x) => x === 0.2));
  for (let t = 0; t < 3; t++) {
    const x = res.step(input[t]!);
    assert.deepEqual(Array.from(states.subarray(t * 30, (t + 1) * 30)), Array.from(x));
  }
});

test("the same seed gives the same reservoir; another seed a different one", () => {
  const a = new RateReservoir({ size: 60 }, createRng(5));
  const b = new RateReservoir({ size: 60 }, createRng(5));
  const c = new RateReservoir({ size: 60 }, createRng(6));
  assert.deepEqual(a.weights.values, b.weights.values);
  assert.deepEqual(a.inputWeights, b.inputWeights);
  assert.notDeepEqual(a.weights.values, c.weights.values);
});

test("homeostatic inhibition applies β ← max(0, β + η(x − r*)) after each step and traces it", () => {
  const res = new RateReservoir({ size: 40, beta: 1 }, createRng(4));
  const rule = homeostaticInhibition(res, { targets: 0.3, learningRate: 0.02, traceSteps: 2 });
  const x1 = Float64Array.from(res.step(0.1));
  res.reset();
  res.run([0.1], { record: false, afterStep: rule.afterStep });
  for (let i = 0; i < 40; i++) assert.ok(Math.abs(res.beta[i]! - Math.max(0, 1 + 0.02 * (x1[i]! - 0.3))) < 1e-15);
  const meanAbs = x1.reduce((s, x) => s + Math.abs(x - 0.3), 0) / 40;
  assert.ok(Math.abs(rule.trace.meanAbsError[0]! - meanAbs) < 1e-15);
  assert.ok(Math.abs(rule.trace.meanBeta[0]! - res.beta.reduce((s, b) => s + b, 0) / 40) < 1e-15);
  // The bound at 0: a unit far below a high target loses inhibition until β = 0, never below.
  const low = new RateReservoir({ size: 40, beta: 0.001, gain: 5 }, createRng(4));
  const strong = homeostaticInhibition(low, { targets: 0.99, learningRate: 1 });
  low.run(new Float64Array(5), { record: false, afterStep: strong.afterStep });
  assert.ok(low.beta.every((b) => b >= 0));
  assert.ok(low.beta.some((b) => b === 0));
});

test("adaptation without input brings the time-averaged rate to a homogeneous target", () => {
  const res = new RateReservoir({ size: 200, gain: 5 }, createRng(8));
  const rule = homeostaticInhibition(res, { targets: 0.3, learningRate: 0.02 });
  res.run(new Float64Array(3000), { record: false, afterStep: rule.afterStep });
  // Without input the units keep fluctuating around their targets, so average over time and units.
  const states = res.run(new Float64Array(500));
  const meanRate = states.reduce((s, x) => s + x, 0) / states.length;
  assert.ok(Math.abs(meanRate - 0.3) < 0.03, `mean rate ${meanRate}`);
});

test("one-step β makes heterogeneous targets an exact fixed point of the input-free dynamics", () => {
  const n = 120;
  const rng = createRng(9);
  const res = new RateReservoir({ size: n, gain: 5 }, rng);
  const targets = rng.stream("targets").fillUniform(new Float64Array(n), 0.1, 0.3);
  oneStepBeta(res, targets);
  res.rates.set(targets);
  const x = res.step(0);
  // Units whose closed form gave β < 0 are bounded at 0 and cannot reach their target, and units with
  // no inhibitory input keep their β; the rest sit exactly on target.
  const inhibited = blockRowSums(res.weights, [0, res.nExc, n]);
  let exact = 0;
  for (let i = 0; i < n; i++) {
    if (res.beta[i]! > 0 && inhibited[2 * i + 1]! > 0) { assert.ok(Math.abs(x[i]! - targets[i]!) < 1e-12, `unit ${i}`); exact++; }
  }
  assert.ok(exact > n / 2);
});

test("bad parameters are reported together", () => {
  assert.throws(() => new RateReservoir({ size: 1.5, connectionProbability: 0, beta: -1 }, createRng(1)),
    (e: unknown) => e instanceof CajalError && e.problems.length >= 3);
  const res = new RateReservoir({ size: 40 }, createRng(1));
  assert.throws(() => homeostaticInhibition(res, { targets: 1.2 }), CajalError);
  assert.throws(() => res.run([1, 2], { states: new Float64Array(5) }), CajalError);
});
