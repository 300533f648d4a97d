import assert from "node:assert/strict";
import { test } from "node:test";
import { expLut, lutDecay, mul16, mulAccumFixed } from "./stdp16.js";

test("mul16 multiplies the low 16 bits as signed values and shifts right by 11", () => {
  assert.equal(mul16(2048, 1467), 1467);
  assert.equal(mul16(3099, 1467), 2219); // spinnaker.md §4.4
  assert.equal(mul16(2219, 18432), 19971);
  assert.equal(mul16(1467, 18432), 13203);
  assert.equal(mul16(3099, 198), 299);
  // Above 32767 an operand is read as negative; above 65535 its high bits vanish.
  assert.equal(mul16(40000, 2048), 40000 - 65536);
  assert.equal(mul16(65536 + 2048, 2048), 2048);
  assert.equal(mul16(-1, 1), -1); // toward −∞
});

test("mul_accum_fixed is mulk(a, s << 4): the 7.x worked example gives 140832", () => {
  assert.equal(mulAccumFixed(196608, 1467), 140832);
  assert.equal(mulAccumFixed(196608, 2219), 213024);
  assert.equal(mulAccumFixed(196608, 299), 196608 - 167904);
});

test("the τ = 3 ms pair-rule table at dt = 1 ms has the 24 values of spinnaker.md §4.2", () => {
  const lut = expLut(3, 1);
  assert.deepEqual(Array.from(lut.values), [
    2048, 1467, 1051, 753, 539, 386, 277, 198, 142, 101, 73, 52, 37, 26, 19, 13, 9, 7, 5, 3, 2, 1, 1, 0,
  ]);
  assert.equal(lutDecay(lut, 7), 198);
  assert.equal(lutDecay(lut, 23), 0);
  assert.equal(lutDecay(lut, 24), 0);
  assert.equal(lutDecay(lut, 29), 0);
});

test("the τ = 20 ms table has 154 entries starting 2048, 1948, 1853, 1762", () => {
  const lut = expLut(20, 1);
  assert.equal(lut.values.length, 154);
  assert.deepEqual(Array.from(lut.values.subarray(0, 4)), [2048, 1948, 1853, 1762]);
});
