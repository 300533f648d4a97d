import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { identity, norm2, maxAbsDiff } from "../../core/linalg.js";
import * as am from "./associative-memory.js";

const close = (actual: number, expected: number, tol: number, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);

test("random unit vectors have unit length and pairwise squared overlaps of mean 1/d", () => {
  const d = 32;
  const count = 200;
  const x = am.randomUnitVectors(count, d, createRng(1));
  for (let i = 0; i < count; i++) close(norm2(x, d, i * d), 1, 1e-12);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += x[i * d + r]! * x[j * d + r]!;
    sum += s * s;
    pairs++;
  }
  close(sum / pairs, 1 / d, 0.1 / d);
});

test("a Hebbian read is Σ_i v_i (k_i·q), computed independently", () => {
  const rng = createRng(2);
  const [dk, dv, n] = [8, 5, 6];
  const keys = rng.fillNormal(new Float64Array(n * dk));
  const values = rng.fillNormal(new Float64Array(n * dv));
  const q = rng.fillNormal(new Float64Array(dk));
  const mem = am.hebbianMemory(keys, values, n, dk, dv);
  const y = mem.read(q);
  const expected = new Float64Array(dv);
  for (let i = 0; i < n; i++) {
    let kq = 0;
    for (let r = 0; r < dk; r++) kq += keys[i * dk + r]! * q[r]!;
    for (let r = 0; r < dv; r++) expected[r]! += kq * values[i * dv + r]!;
  }
  close(maxAbsDiff(y, expected), 0, 1e-12);
  const many = mem.readMany(q, 1);
  close(maxAbsDiff(many, expected), 0, 1e-12);
});

test("orthonormal keys are recalled perfectly by a Hebbian memory, up to N = d_k", () => {
  const d = 16;
  const keys = identity(d);
  const values = am.randomUnitVectors(d, d, createRng(3));
  const mem = am.hebbianMemory(keys, values, d, d, d);
  close(am.meanRecallCosine(mem, keys, values, Array.from({ length: d }, (_, i) => i)), 1, 1e-12);
});

test("the delta rule stores correlated keys that Hebbian storage confuses", () => {
  // Keys with overlap 0.8: Hebbian recall mixes the two values; the delta rule converges to the
  // exact associations (the keys are independent, so M k_i = v_i has a solution).
  const keys = Float64Array.of(1, 0, 0.8, 0.6);
  const values = Float64Array.of(1, 0, 0, 1);
  const hebb = am.hebbianMemory(keys, values, 2, 2, 2);
  const delta = am.deltaRuleMemory(keys, values, 2, 2, 2, { passes: 200 });
  const probes = [0, 1];
  assert.ok(am.meanRecallCosine(hebb, keys, values, probes) < 0.9);
  close(am.meanRecallCosine(delta, keys, values, probes), 1, 1e-9);
  const y = delta.read(keys, undefined, 1);
  close(y[0]!, 0, 1e-9);
  close(y[1]!, 1, 1e-9);
});

test("one delta-rule pass over orthonormal keys writes exactly what Hebbian storage writes", () => {
  const d = 6;
  const keys = identity(d);
  const values = am.randomUnitVectors(d, d, createRng(4));
  const hebb = am.hebbianMemory(keys, values, d, d, d);
  const delta = am.deltaRuleMemory(keys, values, d, d, d, { passes: 1 });
  close(maxAbsDiff(hebb.weights, delta.weights), 0, 1e-15);
});

test("fidelity of random keys follows 1/√(1 + N/d_k), and the incremental curve equals fresh builds", () => {
  const rng = createRng(5);
  const d = 64;
  const maxN = 256;
  const keys = am.randomUnitVectors(maxN, d, rng);
  const values = am.randomUnitVectors(maxN, d, rng);
  const grid = [16, 64, 256];
  const curve = am.hebbianFidelityCurve(keys, values, d, d, grid);
  grid.forEach((n, g) => {
    close(curve[g]!, am.hebbianCosineTheory(n / d), 0.04, `N = ${n}`);
    const fresh = am.hebbianMemory(keys, values, n, d, d);
    close(curve[g]!, am.meanRecallCosine(fresh, keys, values, Array.from({ length: n }, (_, i) => i)), 1e-12);
  });
  const sampled = am.hebbianFidelityCurve(keys, values, d, d, grid, { maxProbes: 32 });
  close(sampled[2]!, curve[2]!, 0.05);
  assert.notEqual(sampled[2], curve[2]);
});

test("softmax read-out: β = 0 averages the values; a large β picks the best-matching key's value", () => {
  const keys = Float64Array.of(1, 0, 0, 1, Math.SQRT1_2, Math.SQRT1_2);
  const values = Float64Array.of(3, 0, 0, 3, 3, 3);
  const flat = am.softmaxRead(keys, values, 3, 2, 2, Float64Array.of(1, 0), 0);
  close(flat[0]!, 2, 1e-12);
  close(flat[1]!, 2, 1e-12);
  const sharp = am.softmaxRead(keys, values, 3, 2, 2, Float64Array.of(1, 0), 200);
  close(sharp[0]!, 3, 1e-12);
  close(sharp[1]!, 0, 1e-12);
  close(am.softmaxRecallCosine(keys, values, 3, 2, 2, 200), 1, 1e-12);
});

test("error-free capacity stops before the interference bound (N − 1)·max|k_i·k_j| reaches 1", () => {
  const s = Math.SQRT1_2;
  const keys = Float64Array.of(1, 0, 0, 0, 1, 0, s, s, 0, 0, 0, 1);
  // N = 2: overlap 0 → fine; N = 3: 2 × 0.707 ≥ 1 → stop at 2.
  assert.equal(am.errorFreeCapacity(keys, 4, 3), 2);
  assert.throws(() => am.errorFreeCapacity(identity(3), 3, 3), CajalError);
});

test("deep Hebbian chains: one layer recalls at the crosstalk level, depth lowers and heads raise the cosine", () => {
  const trials = 4;
  const single = new Float64Array(4);
  const multi = new Float64Array(4);
  for (let t = 0; t < trials; t++) {
    const a = am.chainRecallCosines({ dModel: 128, dKey: 32, items: 8, layers: 4, heads: 1 }, createRng(10 + t));
    const b = am.chainRecallCosines({ dModel: 128, dKey: 32, items: 8, layers: 4, heads: 4 }, createRng(20 + t));
    for (let l = 0; l < 4; l++) { single[l]! += a[l]! / trials; multi[l]! += b[l]! / trials; }
  }
  close(single[0]!, am.hebbianCosineTheory(8 / 32), 0.06, "one layer, one head");
  for (let l = 1; l < 4; l++) assert.ok(single[l]! < single[l - 1]!, `depth ${l + 1}: ${single[l]} vs ${single[l - 1]}`);
  for (let l = 0; l < 4; l++) assert.ok(multi[l]! > single[l]!, `layer ${l + 1}: ${multi[l]} vs ${single[l]}`);
});
