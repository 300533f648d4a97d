import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import * as mf from "./mean-field.js";

const close = (actual: number, expected: number, tol: number, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);

test("the damped solver finds the Dottie number, the fixed point of cos", () => {
  const r = mf.solveFixedPoint((x, out) => { out[0] = Math.cos(x[0]!); }, [1], { damping: 0.7 });
  assert.ok(r.converged);
  close(r.x[0]!, 0.7390851332151607, 1e-11);
  assert.ok(r.residual <= 1e-12);
  assert.ok(r.residualHistory.length > 2 && r.residualHistory[0]!.iteration === 1);
});

test("damping makes an oscillating map converge that plain iteration cannot solve", () => {
  // F(x) = −1.5x + 5 has fixed point 2 but slope −1.5: undamped iteration diverges; with λ = 0.5
  // the damped map has slope 1 − 0.5·2.5 = −0.25 and converges.
  const map = (x: Float64Array, out: Float64Array) => { out[0] = -1.5 * x[0]! + 5; };
  const plain = mf.solveFixedPoint(map, [0], { damping: 1, maxIterations: 200 });
  assert.equal(plain.converged, false);
  const damped = mf.solveFixedPoint(map, [0], { damping: 0.5 });
  assert.ok(damped.converged);
  close(damped.x[0]!, 2, 1e-11);
});

test("entry tables enumerate 3ᴷ combinations whose probabilities sum to 1 and give E[ξ²] = 1 − d", () => {
  const t = mf.dilutedEntryTable(3, 0.4);
  assert.equal(t.count, 27);
  close(t.weights.reduce((a, b) => a + b, 0), 1, 1e-14);
  for (let l = 0; l < 3; l++) {
    let e2 = 0;
    let e1 = 0;
    for (let c = 0; c < t.count; c++) { e2 += t.weights[c]! * t.entries[c * 3 + l]! ** 2; e1 += t.weights[c]! * t.entries[c * 3 + l]!; }
    close(e2, 0.6, 1e-14);
    close(e1, 0, 1e-14);
  }
  assert.equal(mf.dilutedEntryTable(4, 0).count, 16); // no blanks: zero-probability combinations dropped
  assert.throws(() => mf.entryTable(2, [0, 1], [0.5, 0.6]), CajalError);
});

test("one undiluted pattern gives the Curie–Weiss equation m = tanh(βm): m(β=2) = 0.957504, m(β=0.5) = 0", () => {
  const hot = mf.multitaskingOverlaps(1, 0, 0.5, { initial: [1] });
  assert.ok(hot.converged);
  close(hot.x[0]!, 0, 1e-9);
  const cold = mf.multitaskingOverlaps(1, 0, 2, { initial: [1] });
  assert.ok(cold.converged);
  close(cold.x[0]!, 0.9575040240772687, 1e-10);
  close(cold.x[0]!, Math.tanh(2 * cold.x[0]!), 1e-12);
});

test("at zero temperature the hierarchical overlaps (1−d)d^(k−1) solve the equations below the boundary 1 − 2d + dᴷ > 0", () => {
  for (const [k, d] of [[2, 0.5], [3, 0.5], [4, 0.3]] as const) {
    const r = mf.multitaskingOverlaps(k, d, Infinity);
    assert.ok(r.converged, `K=${k}, d=${d}`);
    for (let l = 0; l < k; l++) close(r.x[l]!, (1 - d) * d ** l, 1e-12, `K=${k}, d=${d}, m${l + 1}`);
  }
  // Beyond the boundary (K = 3, d = 0.7: 1 − 1.4 + 0.343 < 0) the hierarchical guess is not a solution.
  const out = new Float64Array(3);
  const guess = Float64Array.from([0.3, 0.21, 0.147]);
  mf.hebbianMeanFieldMap(mf.dilutedEntryTable(3, 0.7), Infinity, guess, out);
  assert.ok(Math.abs(out[2]! - guess[2]!) > 0.01);
});

test("finite temperature lowers every overlap below its zero-temperature value", () => {
  const cold = mf.multitaskingOverlaps(3, 0.3, 50);
  const warm = mf.multitaskingOverlaps(3, 0.3, 5);
  assert.ok(cold.converged && warm.converged);
  for (let l = 0; l < 2; l++) assert.ok(warm.x[l]! < cold.x[l]!, `m${l + 1}: ${warm.x[l]} vs ${cold.x[l]}`);
});
