import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import * as ising from "./ising-glauber.js";

const close = (actual: number, expected: number, tol: number, what = "") =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);

/** The coupling matrix written out in full, J_ij = scale Σ_p F_pi F_pj, J_ii = 0 (independent of the factored code). */
function denseJ(rows: ArrayLike<number>, rank: number, n: number, scale: number): Float64Array {
  const j = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    if (a === b) continue;
    let s = 0;
    for (let p = 0; p < rank; p++) s += rows[p * n + a]! * rows[p * n + b]!;
    j[a * n + b] = scale * s;
  }
  return j;
}

test("diluted patterns have a fraction d of blanks and balanced ±1 entries", () => {
  const rng = createRng(1);
  const n = 20000;
  const xi = ising.dilutedPatterns(n, 2, 0.3, rng);
  let zeros = 0;
  let sum = 0;
  for (const x of xi) { if (x === 0) zeros++; sum += x; }
  const total = xi.length;
  close(zeros / total, 0.3, 4 * Math.sqrt(0.21 / total), "blank fraction");
  close(sum / total, 0, 4 * Math.sqrt(0.7 / total), "mean entry");
});

test("noisy examples agree with their pattern on a fraction (1 + r)/2 of non-blank entries and keep blanks", () => {
  const rng = createRng(2);
  const n = 5000;
  const xi = ising.dilutedPatterns(n, 1, 0.5, rng);
  const m = 20;
  const eta = ising.noisyExamples(xi, n, m, 0.4, rng);
  let agree = 0;
  let nonBlank = 0;
  for (let a = 0; a < m; a++) for (let i = 0; i < n; i++) {
    const x = xi[i]!;
    const e = eta[a * n + i]!;
    if (x === 0) { assert.equal(e, 0); continue; }
    nonBlank++;
    if (e === x) agree++;
  }
  close(agree / nonBlank, 0.7, 4 * Math.sqrt(0.21 / nonBlank), "agreement");
  close(ising.datasetNoise(0.5, 30), 0.75 / 7.5, 1e-15);
});

test("factored fields and energy equal the dense-matrix computation (self-couplings excluded)", () => {
  const rng = createRng(3);
  const n = 40;
  const rank = 3;
  const rows = rng.fillNormal(new Float64Array(rank * n));
  const c = ising.lowRankCouplings(rows, rank, n, 0.37);
  const j = denseJ(rows, rank, n, 0.37);
  const s = ising.randomSpins(n, rng);
  const h = ising.localFields(c, s);
  let e = 0;
  for (let a = 0; a < n; a++) {
    let ha = 0;
    for (let b = 0; b < n; b++) ha += j[a * n + b]! * s[b]!;
    close(h[a]!, ha, 1e-12, `field ${a}`);
    e += -0.5 * s[a]! * ha;
  }
  close(ising.energy(c, s), e, 1e-10, "energy");
});

test("supervised couplings with one perfect example, and unsupervised ones with identical perfect examples, equal pattern storage", () => {
  const rng = createRng(4);
  const n = 50;
  const xi = ising.dilutedPatterns(n, 2, 0.2, rng);
  const s = ising.randomSpins(n, rng);
  const hPattern = ising.localFields(ising.patternCouplings(xi, n), s);
  const oneExample = ising.noisyExamples(xi, n, 1, 1, rng); // r = 1: no flips
  const hSup = ising.localFields(ising.supervisedCouplings(oneExample, n, 2, 1, 1), s);
  const three = new Int8Array(3 * 2 * n);
  for (let mu = 0; mu < 2; mu++) for (let a = 0; a < 3; a++) three.set(xi.subarray(mu * n, (mu + 1) * n), (mu * 3 + a) * n);
  const hUnsup = ising.localFields(ising.unsupervisedCouplings(three, n, 2, 3, 1), s);
  for (let i = 0; i < n; i++) {
    close(hSup[i]!, hPattern[i]!, 1e-12);
    close(hUnsup[i]!, hPattern[i]!, 1e-12);
  }
});

test("random sequential Glauber samples the Boltzmann distribution exp(−βE) of a 4-spin system", () => {
  // Detailed balance: with single-spin updates (blocks = n) the chain's stationary law is
  // P(σ) ∝ exp(−βE(σ)); compare visit frequencies of all 16 states with the enumerated law.
  const n = 4;
  const rows = Float64Array.of(1, -1, 0.5, 1, 0.3, 1, -1, 0.8);
  const c = ising.lowRankCouplings(rows, 2, n, 0.6);
  const beta = 0.9;
  const weights: number[] = [];
  const state = new Int8Array(n);
  for (let code = 0; code < 16; code++) {
    for (let i = 0; i < n; i++) state[i] = (code >> i) & 1 ? 1 : -1;
    weights.push(Math.exp(-beta * ising.energy(c, state)));
  }
  const z = weights.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(16).fill(0);
  const rng = createRng(5);
  const spins = ising.randomSpins(n, rng);
  const samples = 40000;
  ising.glauber(c, spins, rng, {
    beta, sweeps: samples, blocks: n,
    onSweep: (_t, s) => {
      let code = 0;
      for (let i = 0; i < n; i++) if (s[i] === 1) code |= 1 << i;
      counts[code]!++;
    },
  });
  for (let code = 0; code < 16; code++) {
    const p = weights[code]! / z;
    // Successive sweeps are correlated; allow ~6 naive standard errors.
    close(counts[code]! / samples, p, 6 * Math.sqrt((p * (1 - p)) / samples) + 1e-3, `state ${code}`);
  }
});

test("zero-temperature sequential dynamics never raise the energy", () => {
  const rng = createRng(6);
  const n = 300;
  const xi = ising.dilutedPatterns(n, 3, 0.3, rng);
  const c = ising.patternCouplings(xi, n);
  const spins = ising.randomSpins(n, rng);
  let last = ising.energy(c, spins);
  ising.glauber(c, spins, rng, {
    beta: Infinity, sweeps: 10, blocks: n,
    onSweep: (_t, s) => {
      const e = ising.energy(c, s);
      assert.ok(e <= last + 1e-9, `energy rose from ${last} to ${e}`);
      last = e;
    },
  });
});

test("a stored pattern of the standard Hopfield network is a fixed point at low temperature", () => {
  const rng = createRng(7);
  const n = 1000;
  const xi = ising.dilutedPatterns(n, 3, 0, rng);
  const spins = Int8Array.from(xi.subarray(0, n));
  const trace = ising.runGlauber(ising.patternCouplings(xi, n), xi, spins, rng, { beta: 50, sweeps: 5 });
  const m = ising.sortedFinalOverlaps(trace);
  assert.ok(m[0]! > 0.99, `m1 = ${m[0]}`);
  assert.ok(m[1]! < 0.12 && m[2]! < 0.12);
});

test("the multitasking network retrieves two diluted patterns at once, hierarchically: m ≈ (1−d, d(1−d))", () => {
  const rng = createRng(8);
  const n = 4000;
  const d = 0.5;
  const xi = ising.dilutedPatterns(n, 2, d, rng);
  const spins = ising.patternStart(xi.subarray(0, n), rng);
  const trace = ising.runGlauber(ising.patternCouplings(xi, n), xi, spins, rng, { beta: 50, sweeps: 20 });
  const m = ising.sortedFinalOverlaps(trace);
  close(m[0]!, 0.5, 0.04, "m1");
  close(m[1]!, 0.25, 0.04, "m2");
});

test("the recorded Hamiltonian and loss follow their definitions in terms of the overlaps", () => {
  const rng = createRng(9);
  const n = 500;
  const xi = ising.dilutedPatterns(n, 2, 0.4, rng);
  const trace = ising.runGlauber(ising.patternCouplings(xi, n), xi, ising.randomSpins(n, rng), rng, { beta: 5, sweeps: 3 });
  const nonBlank = [0, 0];
  for (let mu = 0; mu < 2; mu++) for (let i = 0; i < n; i++) if (xi[mu * n + i] !== 0) nonBlank[mu]!++;
  for (let t = 0; t <= 3; t++) {
    const m0 = trace.overlaps[2 * t]!;
    const m1 = trace.overlaps[2 * t + 1]!;
    close(trace.hamiltonian[t]!, -0.5 * n * (m0 * m0 + m1 * m1), 1e-9);
    close(trace.loss[t]!, nonBlank[0]! / n - Math.abs(m0) + nonBlank[1]! / n - Math.abs(m1), 1e-12);
  }
});

test("invalid parameters throw CajalErrors naming the argument", () => {
  const rng = createRng(10);
  assert.throws(() => ising.dilutedPatterns(10, 2, 1.5, rng), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "ising-invalid");
  const c = ising.patternCouplings(ising.dilutedPatterns(10, 1, 0, rng), 10);
  assert.throws(() => ising.glauber(c, new Int8Array(9), rng, { beta: 1, sweeps: 1 }), CajalError);
  assert.throws(() => ising.glauber(c, new Int8Array(10), rng, { beta: 0, sweeps: 1 }), CajalError);
});
