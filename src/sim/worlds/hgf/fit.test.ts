import { test } from "node:test";
import assert from "node:assert/strict";
import { binaryHgfNegLogLikelihood, curvatureStandardError, fitBinaryHgfOmega2, fitRescorlaWagner } from "./fit.js";
import { binaryHgfPredictions } from "./hgf.js";
import { rescorlaWagner } from "./rescorla-wagner.js";
import { simulateBinaryChoices } from "./response.js";
import { empiricalBayesNormal } from "./group.js";
import { createRng } from "../../../core/rng.js";
import { CajalError } from "../../../core/errors.js";

function reversals(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, t) => (rng.uniform() < (Math.floor(t / 40) % 2 === 0 ? 0.85 : 0.15) ? 1 : 0));
}

test("ω₂ of a simulated HGF agent is recovered from its choices", () => {
  const u = reversals(800, 1);
  const beliefs = new Float64Array(u.length);
  binaryHgfPredictions(u, { omega2: -3.5 }, beliefs);
  const choices = simulateBinaryChoices(beliefs, 4, createRng(2));
  const fit = fitBinaryHgfOmega2(u, choices, { inverseTemperature: 4 });
  assert.ok(Math.abs(fit.value - -3.5) < 0.5, `ω₂ = ${fit.value}`);
  assert.ok(fit.standardError > 0 && fit.standardError < 0.5);
  // The fit is a minimum of the objective it reports.
  const f = (w: number) => binaryHgfNegLogLikelihood(u, choices, w, 4);
  assert.ok(Math.abs(f(fit.value) - fit.negLogLikelihood) < 1e-9);
  assert.ok(f(fit.value - 0.05) >= fit.negLogLikelihood && f(fit.value + 0.05) >= fit.negLogLikelihood);
});

test("α of a simulated Rescorla–Wagner agent is recovered from its choices", () => {
  const u = reversals(800, 3);
  const choices = simulateBinaryChoices(rescorlaWagner(u, { learningRate: 0.3 }), 4, createRng(4));
  const fit = fitRescorlaWagner(u, choices, { inverseTemperature: 4 });
  assert.ok(Math.abs(fit.value - 0.3) < 0.08, `α = ${fit.value}`);
});

test("the curvature standard error of a Gaussian log-likelihood is its σ", () => {
  const sigma = 0.37;
  const se = curvatureStandardError((x) => (x - 1) ** 2 / (2 * sigma ** 2), 1, 1e-3);
  assert.ok(Math.abs(se - sigma) < 1e-6);
  assert.ok(Number.isNaN(curvatureStandardError((x) => -(x ** 2), 0, 1e-3)));
});

test("a length mismatch between outcomes and choices is reported", () => {
  assert.throws(() => fitRescorlaWagner([1, 0], [1], { inverseTemperature: 1 }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "hgf-length-mismatch");
});

test("empirical Bayes with equal standard errors: m = mean, τ² = mean squared deviation − s², shrink by s²/(s²+τ²)", () => {
  const eb = empiricalBayesNormal([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]);
  assert.ok(Math.abs(eb.groupMean - 3) < 1e-12);
  assert.ok(Math.abs(eb.groupSd - 1) < 1e-9); // mean squared deviation 2, minus s² = 1
  for (let i = 0; i < 5; i++) {
    assert.ok(Math.abs(eb.shrinkage[i]! - 0.5) < 1e-9);
    assert.ok(Math.abs(eb.shrunk[i]! - (i + 1 + 3) / 2) < 1e-9);
  }
});

test("empirical Bayes pools completely when the spread is within the standard errors", () => {
  const eb = empiricalBayesNormal([0.9, 1.1, 1.0, 0.95], [1, 1, 1, 1]);
  assert.equal(eb.groupSd, 0);
  for (const v of eb.shrunk) assert.ok(Math.abs(v - eb.groupMean) < 1e-12);
});

test("empirical Bayes shrinks uncertain estimates more than precise ones", () => {
  const eb = empiricalBayesNormal([0, 4, 1, 3, 2, 5], [0.1, 2, 0.1, 2, 0.1, 0.1]);
  assert.ok(eb.shrinkage[1]! > eb.shrinkage[0]!);
  assert.throws(() => empiricalBayesNormal([1, 2], [1, 0]), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "hgf-bad-parameter");
});
