import { test } from "node:test";
import assert from "node:assert/strict";
import { binarySoftmax, binarySoftmaxSurprise, binarySoftmaxTotalSurprise, simulateBinaryChoices } from "./response.js";
import { createRng } from "../../../core/rng.js";
import { CajalError } from "../../../core/errors.js";

test("binary softmax equals μ̂^ζ / (μ̂^ζ + (1−μ̂)^ζ)", () => {
  for (const p of [0.01, 0.2, 0.5, 0.73, 0.999]) {
    for (const z of [0, 0.5, 1, 4, 10]) {
      const expected = p ** z / (p ** z + (1 - p) ** z);
      assert.ok(Math.abs(binarySoftmax(p, z) - expected) < 1e-12, `p=${p} ζ=${z}`);
    }
  }
});

test("ζ = 1 reports the belief, ζ = 0 chooses at chance, and the model is symmetric", () => {
  assert.ok(Math.abs(binarySoftmax(0.3, 1) - 0.3) < 1e-15);
  assert.equal(binarySoftmax(0.9, 0), 0.5);
  assert.ok(Math.abs(binarySoftmax(0.2, 3) + binarySoftmax(0.8, 3) - 1) < 1e-15);
});

test("choice surprise is −log of the choice probability, finite even for extreme beliefs", () => {
  const p = 0.7, z = 4;
  assert.ok(Math.abs(binarySoftmaxSurprise(p, 1, z) + Math.log(binarySoftmax(p, z))) < 1e-12);
  assert.ok(Math.abs(binarySoftmaxSurprise(p, 0, z) + Math.log(1 - binarySoftmax(p, z))) < 1e-12);
  const extreme = binarySoftmaxSurprise(1 - 1e-12, 0, 4);
  assert.ok(Number.isFinite(extreme) && extreme > 100);
});

test("total surprise accumulates per-trial surprise and is infinite for a broken belief", () => {
  const beliefs = [0.6, 0.4, 0.9];
  const choices = [1, 1, 0];
  const sum = beliefs.reduce((s, b, i) => s + binarySoftmaxSurprise(b, choices[i]!, 2), 0);
  assert.ok(Math.abs(binarySoftmaxTotalSurprise(beliefs, choices, 2) - sum) < 1e-12);
  assert.equal(binarySoftmaxTotalSurprise([0.5, NaN], [1, 0], 2), Infinity);
  assert.throws(() => binarySoftmaxTotalSurprise([0.5], [1, 0], 2), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "hgf-length-mismatch");
  assert.throws(() => binarySoftmax(0.5, -1), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "hgf-bad-parameter");
});

test("simulated choices follow the softmax probability", () => {
  const n = 20000;
  const beliefs = new Float64Array(n).fill(0.6);
  const choices = simulateBinaryChoices(beliefs, 2, createRng(9));
  const rate = choices.reduce((s, c) => s + c, 0) / n;
  const p = binarySoftmax(0.6, 2);
  assert.ok(Math.abs(rate - p) < 4 * Math.sqrt((p * (1 - p)) / n), `${rate} vs ${p}`);
});
