import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import * as w from "./willshaw.js";

test("a lightly loaded memory recalls every stored pattern exactly and counts M·N events per recall", () => {
  const rng = createRng(1);
  const n = 200; const active = 10;
  const mem = new w.WillshawMemory(n);
  const pats = w.randomPatterns(n, active, 20, rng);
  for (const p of pats) mem.store(p);
  for (const p of pats) {
    const r = mem.recall(p);
    assert.equal(w.recallError(p, r.output), 0);
    assert.equal(r.synapticEvents, active * n);
  }
});

test("spurious firing matches Π of column loads: unit j fires falsely with probability q_j^M", () => {
  // q_j = fraction of potentiated synapses onto j; random cue units hit them independently, so a
  // silent unit fires with probability ≈ q_j^M (columns differ in load, so average q_j^M, not p₁^M).
  const rng = createRng(2);
  const n = 400; const active = 8;
  const mem = new w.WillshawMemory(n);
  const pats = w.randomPatterns(n, active, 1500, rng);
  for (const p of pats) mem.store(p);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[j]! += mem.weights[i * n + j]! / n;
  let spurious = 0; let silent = 0; let expected = 0;
  for (let k = 0; k < 300; k++) {
    const p = pats[k]!;
    const r = mem.recall(p);
    const inPat = new Set(p);
    for (let j = 0; j < n; j++) if (!inPat.has(j)) { silent++; spurious += r.output[j]!; expected += Math.pow(q[j]!, active); }
  }
  const rate = spurious / silent; expected /= silent;
  assert.ok(expected > 0.0005 && Math.abs(rate - expected) < 0.25 * expected, `spurious rate ${rate} vs mean q_j^M ${expected}`);
  const theory = w.theoreticalError(n, active, 1500);
  assert.ok(Math.abs(rate * (n - active) / active - theory) < 0.6 * theory, `error ${rate * (n - active) / active} vs mean-field ${theory}`);
});

test("dilution keeps a fraction c of synapses and cuts events per recall by the same factor", () => {
  const rng = createRng(3);
  const n = 500;
  const mem = new w.WillshawMemory(n, 0.2, rng.stream("mask"));
  let exist = 0; for (const m of mem.mask) exist += m;
  assert.ok(Math.abs(exist / (n * n) - 0.2) < 0.005, `kept ${exist / (n * n)}`);
  const cue = w.randomPatterns(n, 25, 1, rng)[0]!;
  const r = mem.recall(cue);
  let expected = 0; for (const i of cue) expected += mem.outDegree[i]!;
  assert.equal(r.synapticEvents, expected);
  assert.ok(Math.abs(r.synapticEvents / (25 * n) - 0.2) < 0.03);
});

test("sparser codes store many more patterns (capacity near the mean-field prediction)", () => {
  const sparse = w.capacitySweep({ n: 500, codingLevel: 0.02 }, createRng(4));
  const dense = w.capacitySweep({ n: 500, codingLevel: 0.2 }, createRng(4));
  assert.ok(sparse.capacity > 5 * dense.capacity, `P* ${sparse.capacity} vs ${dense.capacity}`);
  // Mean-field capacity at n 500, M 10: largest P with (n − M) p₁^M / M ≤ 0.05.
  let pTheory = 1; while (w.theoreticalError(500, 10, pTheory + 1) <= 0.05) pTheory++;
  assert.ok(Math.abs(sparse.capacity - pTheory) < 0.3 * pTheory, `P* ${sparse.capacity} vs theory ${pTheory}`);
});

test("bad sizes, coding levels and dilutions are reported", () => {
  assert.throws(() => new w.WillshawMemory(0, 2), (e: unknown) => e instanceof CajalError && e.problems.length === 2);
  assert.throws(() => w.randomPatterns(10, 11, 1, createRng(1)), CajalError);
  assert.throws(() => w.capacitySweep({ codingLevel: 0 }, createRng(1)), CajalError);
});
