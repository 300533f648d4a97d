import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../core/errors.js";
import { byMode, DEFAULT_SEED, mode, seed } from "./env.js";

function withEnv(vars: Record<string, string | undefined>, body: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  try {
    body();
  } finally {
    for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
  }
}

test("mode defaults to quick and reads CAJAL_MODE", () => {
  withEnv({ CAJAL_MODE: undefined }, () => assert.equal(mode(), "quick"));
  withEnv({ CAJAL_MODE: "full" }, () => {
    assert.equal(mode(), "full");
    assert.equal(byMode({ quick: 1, full: 2 }), 2);
  });
  withEnv({ CAJAL_MODE: " Quick " }, () => assert.equal(mode(), "quick"));
});

test("a bad CAJAL_MODE names the variable, the value and the fix", () => {
  withEnv({ CAJAL_MODE: "fast" }, () =>
    assert.throws(mode, (e: unknown) => e instanceof CajalError && e.problem.ruleId === "env-bad-mode" && /`fast`/.test(e.message) && /CAJAL_MODE=quick/.test(e.message)));
});

test("seed defaults to a fixed value and reads CAJAL_SEED", () => {
  withEnv({ CAJAL_SEED: undefined }, () => assert.equal(seed(), DEFAULT_SEED));
  withEnv({ CAJAL_SEED: "7" }, () => assert.equal(seed(), 7));
  withEnv({ CAJAL_SEED: "1.5" }, () => assert.throws(seed, (e: unknown) => e instanceof CajalError && e.problem.ruleId === "env-bad-seed"));
  withEnv({ CAJAL_SEED: "abc" }, () => assert.throws(seed, CajalError));
});
