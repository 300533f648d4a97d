import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../rng.js";
import { addk, halfk, intToAccum, lifCeilAccum, mulk, s32, subk } from "./s1615.js";
import { decayS1615, decayS1615ToU032 } from "./u032.js";
import { kdivk, kdivui, udiv64 } from "./div.js";

// Independent BigInt references of the definitions in spinnaker.md §3.3.
const refMulk = (a: number, b: number) => Number(BigInt.asIntN(32, (BigInt(a) * BigInt(b)) >> 15n));
const refDecay = (x: number, d: number) => Number(BigInt.asIntN(32, (BigInt(x) * BigInt(d)) >> 32n));

const EDGES_S = [0, 1, -1, 2, -2, 32767, 32768, -32768, 65535, 65536, -65536, 0x7fffffff, -0x80000000, 0x7ffffffe, -0x7fffffff];
const EDGES_U = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

function randomInt32(next: () => number): number {
  // Mix magnitudes so small operands (the common case) and extremes are both exercised.
  const bits = 1 + Math.floor(next() * 32);
  return Math.floor((next() - 0.5) * 2 ** bits) | 0;
}

test("mulk equals the 64-bit product shifted right by 15 (toward −∞), on edges and 300,000 random pairs", () => {
  for (const a of EDGES_S) for (const b of EDGES_S) assert.equal(mulk(a, b), refMulk(a, b), `mulk(${a}, ${b})`);
  const rng = createRng(1).stream("mulk");
  const next = () => rng.uniform();
  for (let i = 0; i < 300_000; i++) {
    const a = randomInt32(next);
    const b = randomInt32(next);
    const got = mulk(a, b);
    if (got !== refMulk(a, b)) assert.fail(`mulk(${a}, ${b}) = ${got}, expected ${refMulk(a, b)}`);
  }
});

test("mulk rounds toward −∞: −1 LSB × 0.5 is −1 LSB, +1 LSB × 0.5 is 0", () => {
  assert.equal(mulk(-1, 16384), -1);
  assert.equal(mulk(1, 16384), 0);
  assert.equal(mulk(3 * 32768, 2 * 32768), 6 * 32768);
});

test("decay_s1615 equals (x·d) >> 32 with a signed 64-bit product, on edges and 300,000 random pairs", () => {
  for (const x of EDGES_S) for (const d of EDGES_U) assert.equal(decayS1615(x, d), refDecay(x, d), `decay(${x}, ${d})`);
  const rng = createRng(2).stream("decay");
  for (let i = 0; i < 300_000; i++) {
    const x = randomInt32(() => rng.uniform());
    const d = Math.floor(rng.uniform() * 2 ** 32);
    const got = decayS1615(x, d);
    if (got !== refDecay(x, d)) assert.fail(`decay(${x}, ${d}) = ${got}, expected ${refDecay(x, d)}`);
  }
});

test("decay_s1615 leaves a negative current at −1 LSB forever and takes a positive one to 0", () => {
  assert.equal(decayS1615(-1, 3516490311), -1);
  assert.equal(decayS1615(1, 3516490311), 0);
});

test("decay_s1615_to_u032 is u32((x·d) >> 15) with x as unsigned 64-bit", () => {
  assert.equal(decayS1615ToU032(32768, 12345), 12345);
  assert.equal(decayS1615ToU032(163840, 778476985), Number(BigInt.asUintN(32, (163840n * 778476985n) >> 15n)));
  // A negative x is sign-extended then taken as unsigned: the product wraps modulo 2^64.
  const expected = Number(BigInt.asUintN(32, BigInt.asUintN(64, BigInt.asUintN(64, -5n) * 7n) >> 15n));
  assert.equal(decayS1615ToU032(-5, 7), expected);
});

test("add and sub wrap at 32 bits (plain accum does not saturate)", () => {
  assert.equal(addk(0x7fffffff, 1), -0x80000000);
  assert.equal(subk(-0x80000000, 1), 0x7fffffff);
  assert.equal(s32(2 ** 32 + 5), 5);
  assert.equal(intToAccum(-65), -2129920);
  assert.equal(halfk(-3), -2);
});

test("kdivk is floor((a << 15) / b) for non-negative operands, checked against exact rationals", () => {
  const rng = createRng(3).stream("kdivk");
  for (let i = 0; i < 20_000; i++) {
    const a = Math.floor(rng.uniform() * 2 ** 31);
    const b = 1 + Math.floor(rng.uniform() * 2 ** (1 + Math.floor(rng.uniform() * 31)));
    const exact = (BigInt(a) << 15n) / BigInt(b);
    assert.equal(kdivk(a, b), Number(BigInt.asIntN(32, exact)));
  }
  assert.equal(kdivk(655360, 32768), 655360); // 20 / 1 = 20
  assert.equal(kdivk(32768, 655360), 1638); // 1/20 = 0.05 → 1638.4 floored
  assert.equal(udiv64(10n, 3n), 3n);
  assert.throws(() => kdivk(1, 0), RangeError);
});

test("kdivui floors an unsigned accum by an integer", () => {
  assert.equal(kdivui(100, 7), 14);
  assert.equal(kdivui(32768 * 10, 4), 81920);
});

test("lif_ceil_accum rounds a positive accum up to whole ticks", () => {
  assert.equal(lifCeilAccum(0), 0);
  assert.equal(lifCeilAccum(3277), 1); // 0.1 ms / 1 ms
  assert.equal(lifCeilAccum(32768), 1);
  assert.equal(lifCeilAccum(32769), 2);
  assert.equal(lifCeilAccum(81920), 3); // 2.5
});
