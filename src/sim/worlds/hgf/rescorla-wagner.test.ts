import { test } from "node:test";
import assert from "node:assert/strict";
import { rescorlaWagner } from "./rescorla-wagner.js";
import { createRng } from "../../../core/rng.js";
import { CajalError } from "../../../core/errors.js";

test("with constant outcomes the value approaches them geometrically: v_t = u − (1−α)^t (u − v₀)", () => {
  const v = rescorlaWagner(new Array(30).fill(1), { learningRate: 0.2, initialValue: 0.5 });
  for (let t = 0; t < 30; t++) assert.ok(Math.abs(v[t]! - (1 - 0.8 ** t * 0.5)) < 1e-12);
});

test("with a small learning rate the value converges to the mean outcome", () => {
  const rng = createRng(2);
  const u = Array.from({ length: 20000 }, () => (rng.uniform() < 0.7 ? 1 : 0));
  const v = rescorlaWagner(u, { learningRate: 0.005 });
  let avg = 0;
  for (let t = 10000; t < 20000; t++) avg += v[t]!;
  avg /= 10000;
  assert.ok(Math.abs(avg - 0.7) < 0.02, `${avg}`);
});

test("α = 0 never learns; α = 1 predicts the last outcome", () => {
  const u = [1, 0, 0, 1];
  assert.deepEqual(Array.from(rescorlaWagner(u, { learningRate: 0 })), [0.5, 0.5, 0.5, 0.5]);
  assert.deepEqual(Array.from(rescorlaWagner(u, { learningRate: 1 })), [0.5, 1, 0, 0]);
});

test("a learning rate outside [0, 1] is refused", () => {
  assert.throws(() => rescorlaWagner([1], { learningRate: 1.5 }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "hgf-bad-parameter");
});
