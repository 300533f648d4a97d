import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "./errors.js";
import { createRng } from "./rng.js";
import * as la from "./linalg.js";
import { householderQr, randomOrthogonal, leastSquares, linearFit, logLogFit } from "./decomp.js";

const close = (actual: number, expected: number, tol = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);

test("Householder QR of a random tall matrix: QᵀQ = I, R upper triangular, QR = A", () => {
  const rng = createRng(1);
  const [m, n] = [9, 5];
  const a = rng.fillNormal(new Float64Array(m * n));
  const { q, r } = householderQr(a, m, n);
  const qtq = la.matMul(la.transpose(q, m, n), q, n, m, n);
  close(la.maxAbsDiff(qtq, la.identity(n)), 0, 1e-13);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) assert.equal(r[i * n + j], 0);
  close(la.maxAbsDiff(la.matMul(q, r, m, n, n), a), 0, 1e-13);
});

test("QR of a known 3×2 matrix reproduces the hand-computed R up to column signs", () => {
  // A = [[3, 1], [4, 2], [0, 2]]: first column norm 5; R = [[5, 11/5], [0, √(4/25·… )]] computed below.
  const a = Float64Array.of(3, 1, 4, 2, 0, 2);
  const { r } = householderQr(a, 3, 2);
  close(Math.abs(r[0]!), 5);
  // r01 = q0·a1 with q0 = ±(0.6, 0.8, 0): |r01| = 0.6 + 1.6 = 2.2; |r11| = ‖a1 − 2.2 q0‖ = ‖(−0.32, 0.24, 2)‖.
  close(Math.abs(r[1]!), 2.2);
  close(Math.abs(r[3]!), Math.hypot(-0.32, 0.24, 2));
  close(r[0]! * r[1]!, 5 * 2.2); // same sign convention for both entries of row 0
});

test("QR of a rank-deficient matrix still factorises it", () => {
  const a = Float64Array.of(1, 2, 2, 4, 3, 6); // second column = 2 × first
  const { q, r } = householderQr(a, 3, 2);
  close(la.maxAbsDiff(la.matMul(q, r, 3, 2, 2), a), 0, 1e-13);
  close(r[3]!, 0, 1e-13);
});

test("randomOrthogonal gives an orthogonal matrix, and different seeds give different ones", () => {
  const n = 8;
  const q = randomOrthogonal(n, createRng(2));
  close(la.maxAbsDiff(la.matMul(q, la.transpose(q, n, n), n, n, n), la.identity(n)), 0, 1e-13);
  const q2 = randomOrthogonal(n, createRng(3));
  assert.ok(la.maxAbsDiff(q, q2) > 0.1);
});

test("randomOrthogonal is Haar: the mean of each entry is 0 and its mean square is 1/n", () => {
  // For Haar-distributed Q on O(n), E[Q_ij] = 0 and E[Q_ij²] = 1/n. Without the sign fix the
  // diagonal would have a positive mean (about 0.4 for n = 3), which this test detects.
  const n = 3;
  const rng = createRng(4);
  const trials = 4000;
  let diagSum = 0;
  let sq = 0;
  for (let t = 0; t < trials; t++) {
    const q = randomOrthogonal(n, rng);
    for (let i = 0; i < n; i++) diagSum += q[i * n + i]!;
    sq += q[0]! * q[0]!;
  }
  const diagMean = diagSum / (trials * n);
  close(diagMean, 0, 4 * Math.sqrt(1 / n / (trials * n)));
  close(sq / trials, 1 / n, 0.02);
});

test("leastSquares recovers exact coefficients of a consistent system and the residual of an inconsistent one", () => {
  const rng = createRng(6);
  const [m, n] = [20, 3];
  const x = rng.fillNormal(new Float64Array(m * n));
  const beta = Float64Array.of(1.5, -2, 0.25);
  const y = la.matVec(x, m, n, beta);
  const fit = leastSquares(x, m, n, y);
  close(la.maxAbsDiff(fit.coefficients, beta), 0, 1e-12);
  close(fit.residualSumOfSquares, 0, 1e-20);
  // Mean of y is the least-squares fit of a constant; residual = Σ(y − ȳ)².
  const ones = new Float64Array(4).fill(1);
  const yy = Float64Array.of(1, 2, 3, 6);
  const c = leastSquares(ones, 4, 1, yy);
  close(c.coefficients[0]!, 3);
  close(c.residualSumOfSquares, 4 + 1 + 0 + 9);
});

test("linearFit and logLogFit recover known slopes: y = 3 − 2x and y = 5·x^0.5", () => {
  const x = [0, 1, 2, 3, 4];
  const line = linearFit(x, x.map((v) => 3 - 2 * v));
  close(line.slope, -2);
  close(line.intercept, 3);
  close(line.r2, 1);
  const dk = [16, 32, 64, 128, 256, 512];
  const ll = logLogFit(dk, dk.map((d) => 5 * Math.sqrt(d)));
  close(ll.slope, 0.5);
  close(Math.exp(ll.intercept), 5, 1e-12);
  // √(d/ln d) has a smaller effective exponent than 1/2 over 16…512 (about 0.38).
  const slow = logLogFit(dk, dk.map((d) => Math.sqrt(d / Math.log(d))));
  assert.ok(slow.slope > 0.35 && slow.slope < 0.42, `slope ${slow.slope}`);
  assert.ok(slow.r2 < 1);
});

test("fits reject too few points, a single distinct x and non-positive values on log axes", () => {
  assert.throws(() => linearFit([1], [2]), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "fit-too-few-points");
  assert.throws(() => linearFit([1, 1, 1], [1, 2, 3]), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "fit-rank-deficient");
  assert.throws(() => logLogFit([1, 2, 0], [1, 2, 3]), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "fit-not-finite");
});
