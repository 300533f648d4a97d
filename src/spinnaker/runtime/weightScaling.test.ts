import assert from "node:assert/strict";
import { test } from "node:test";
import { deliveredWeight, quantiseWeight, ringBufferShift, weightScale, worstCaseWeight } from "./weightScaling.js";
import { createRingBuffers, maxSupportedDelayTicks, ringBufferAdd, ringBufferIndex, ringBufferLayout } from "./ringBuffer.js";

const oneToOne = (w: number) => ({ maxWeight: w, maxConnectionsPerPost: 1 });
const allToAll = (w: number, nPre: number) => ({ maxWeight: w, maxConnectionsPerPost: nPre });

test("CA3 shifts follow 2.7 from the projection list (dt = 1 ms, one spike per source per tick)", () => {
  const cases: [string, { maxWeight: number; maxConnectionsPerPost: number }[], number][] = [
    ["cueCue exc", [oneToOne(6)], 3],
    ["cueCont exc", [oneToOne(6), allToAll(6, 10)], 7],
    ["cueCont inh", [allToAll(60, 5), allToAll(60, 5)], 10],
    ["contCue exc", [oneToOne(6), allToAll(6, 5)], 6],
    ["contCont exc", [oneToOne(6)], 3],
    ["contCond exc", [oneToOne(9), allToAll(2, 1)], 4],
    ["contCond inh", Array.from({ length: 10 }, () => allToAll(6, 5)), 9],
    ["contCondInt exc", [allToAll(6, 10)], 6],
    ["mergeCue exc", [oneToOne(6), oneToOne(6)], 4],
  ];
  for (const [name, incoming, shift] of cases) assert.equal(ringBufferShift(worstCaseWeight(incoming, 1)), shift, name);
  assert.equal(ringBufferShift(0), 0, "unused synapse types get shift 0");
  assert.equal(ringBufferShift(1), 1, "W = 1 needs one bit of headroom (2^0 ≤ 1)");
});

test("the worked example: 6 nA at shift 3 is stored as 24576 and delivered as exactly 6.0 nA", () => {
  const scale = weightScale(3);
  assert.equal(scale, 4096);
  assert.equal(quantiseWeight(6, scale), 24576);
  assert.equal(quantiseWeight(-6, scale), 24576, "stored as a magnitude; the receptor gives the sign");
  assert.equal(deliveredWeight(24576, 3), 6);
  assert.equal(weightScale(9), 64);
  assert.equal(weightScale(4, 1024), 2048 * 1024);
});

test("quantised weights round half to even and deliver within half a resolution step", () => {
  assert.equal(quantiseWeight(2.5 / 64, 64), 2);
  assert.equal(quantiseWeight(3.5 / 64, 64), 4);
  for (const w of [0.1, 0.27, 1.3, 4.2979]) {
    const shift = 3;
    const back = deliveredWeight(quantiseWeight(w, weightScale(shift)), shift);
    assert.ok(Math.abs(back - w) <= 2 ** (shift - 15) / 2, `${w} → ${back}`);
  }
});

test("ring buffer slots saturate at 0xFFFF and report each saturation", () => {
  const layout = ringBufferLayout("spynnaker7", 256, 2, 3);
  assert.deepEqual(layout, { indexBits: 8, typeBits: 1, delayBits: 2 });
  assert.equal(maxSupportedDelayTicks(layout), 4);
  const rb = createRingBuffers(layout);
  assert.equal(rb.length, 2 ** 11);
  const i = ringBufferIndex(layout, 5, 1, 7);
  assert.equal(i, (1 << 9) | (1 << 8) | 7);
  assert.equal(ringBufferAdd(rb, i, 40000), 0);
  assert.equal(ringBufferAdd(rb, i, 25535), 0);
  assert.equal(rb[i], 65535);
  assert.equal(ringBufferAdd(rb, i, 1), 1);
  assert.equal(rb[i], 65535);
});

test("7.x gives delay bits within the 14-bit budget; 6.x always 16 slots", () => {
  assert.equal(ringBufferLayout("spynnaker7", 1, 2, 1).delayBits, 1); // CA3 populations with delay-1 inputs: 2 slots
  assert.equal(ringBufferLayout("spynnaker7", 10, 2, 3).delayBits, 2); // delays up to 3: 4 slots
  assert.equal(ringBufferLayout("spynnaker7", 256, 2, 1000).delayBits, 5); // 14 − 8 − 1
  assert.equal(ringBufferLayout("spynnaker6", 256, 2, 1).delayBits, 4);
});
