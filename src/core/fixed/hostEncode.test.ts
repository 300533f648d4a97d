import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../errors.js";
import { fixedOutOfRange } from "./messages.js";
import { S1615, U032, cLiteralToFixed, encS1615, encU032, encodeFixed } from "./hostEncode.js";

// spinnaker.md §3.9 "Encoded inputs" and §9.1 item 4.
const ENCODED: readonly [number, number][] = [
  [-65, -2129920], [-50, -1638400], [1.0, 32768], [20, 655360], [5, 163840], [0.1, 3277], [-60, -1966080],
  [-57, -1867776], [0.27, 8847], [3.0, 98304], [0.3, 9830], [-0.3, -9830], [1.85, 60621],
];

for (const [value, raw] of ENCODED) {
  test(`the host encodes ${value} as s16.15 raw ${raw}`, () => assert.equal(encS1615(value), raw));
}

test("rounding is half to even on the shortest decimal: 1/65536 → 0, 3/65536 → 2", () => {
  assert.equal(encS1615(1 / 65536), 0);
  assert.equal(encS1615(3 / 65536), 2);
  assert.equal(encS1615(-1 / 65536), 0);
  assert.equal(encS1615(-3 / 65536), -2);
});

test("the decimal detour matters: 0.1 is rounded from 0.1, not from its binary expansion", () => {
  // 0.1·2^32 = 429496729.6 exactly in decimal → 429496730.
  assert.equal(encU032(0.1), 429496730);
  // Exponent notation (toString gives "1e-7") takes the same path.
  assert.equal(encU032(1e-7), Math.round(1e-7 * 2 ** 32));
});

test("u0.32 encodes the 6.x PyNN-default decay e^(−1/5) as 3516421809", () => {
  assert.equal(encU032(Math.exp(-1 / 5)), 3516421809);
});

test("values outside the type raise fixed-out-of-range with the stack's wording", () => {
  assert.equal(encS1615(65535.999969482421875), 0x7fffffff);
  assert.equal(encS1615(-65536), -0x80000000);
  for (const bad of [65536, -65536.0001, Number.NaN, Infinity]) {
    assert.throws(() => encS1615(bad, "cell.vThresh"), (e: unknown) => {
      assert.ok(e instanceof CajalError);
      assert.equal(e.problem.ruleId, "fixed-out-of-range");
      assert.deepEqual(e.problem, fixedOutOfRange("cell.vThresh", bad, "16.15 signed", "-65536", String(65535.99996948242)));
      return true;
    });
  }
  assert.throws(() => encU032(1), CajalError);
  assert.throws(() => encU032(-0.1), CajalError);
  assert.equal(encodeFixed(0.5, U032), 2 ** 31);
});

test("C literals truncate toward zero (1.85k → 60620) and 1.0ulr becomes 0xFFFFFFFF", () => {
  assert.equal(cLiteralToFixed("1.85", S1615), 60620);
  assert.equal(cLiteralToFixed("-1.85", S1615), -60620);
  assert.equal(cLiteralToFixed("0.5", S1615), 16384);
  assert.equal(cLiteralToFixed("1.0", U032), 0xffffffff);
  assert.throws(() => cLiteralToFixed("70000", S1615));
});
