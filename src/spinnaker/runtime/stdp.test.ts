import assert from "node:assert/strict";
import { test } from "node:test";
import { encS1615, expLut } from "../../core/fixed/index.js";
import { MAX_POST_EVENTS, spynnaker6AmplitudeWraps, type PairAdditiveRule, addPostSpike, createPostHistory, nextPreTrace, updatePlasticSynapse } from "./stdp.js";
import { weightScale } from "./weightScaling.js";

const lut = expLut(3, 1); // τ± = 3 ms at dt = 1 ms

/** The CA3 rule (A± = 6, w ∈ [0, 6] nA) for a synapse type with ring-buffer shift `shift`, in each profile. */
function ca3Rule(profile: "spynnaker7" | "spynnaker6", shift: number): PairAdditiveRule {
  const s = weightScale(shift);
  return {
    lutPlus: lut, lutMinus: lut,
    weight: profile === "spynnaker7"
      ? { profile, aPlus: encS1615(6), aMinus: encS1615(6), wMin: 0, wMax: encS1615(6) }
      : { profile, a2Plus: Math.round(6 * 6 * s), a2Minus: Math.round(6 * 6 * s), wMin: 0, wMax: Math.round(6 * s) },
  };
}

/** Replays pre and post spike ticks through one synapse in the canonical order (post events first within a tick). */
function replay(profile: "spynnaker7" | "spynnaker6", shift: number, pre: readonly number[], post: readonly number[], until: number) {
  const rule = ca3Rule(profile, shift);
  const h = createPostHistory(1);
  let w16 = 0;
  let lastPreTime = 0;
  let lastPreTrace = 0;
  const weights: number[] = [];
  for (let t = 0; t <= until; t++) {
    if (post.includes(t)) addPostSpike(h, 0, t, rule.lutMinus);
    if (pre.includes(t)) {
      w16 = updatePlasticSynapse(h, rule, { postNeuron: 0, weight16: w16, delay: 1, shift }, t, lastPreTime, lastPreTrace);
      lastPreTrace = nextPreTrace(lastPreTime, lastPreTrace, t, rule.lutPlus);
      lastPreTime = t;
      weights.push(w16);
    }
  }
  return { weights, lastPreTrace };
}

test("spinnaker.md §4.4: pre at 1, post at 1, pre at 31 learns 2200 (4.296875 nA) under 7.x and 3072 (6 nA) under 6.x", () => {
  assert.deepEqual(replay("spynnaker7", 6, [1, 31], [1], 31).weights, [0, 2200]);
  assert.deepEqual(replay("spynnaker6", 6, [1, 31], [1], 31).weights, [0, 3072]);
});

test("spinnaker.md §4.4: contCont[6] → cueCont[4] (shift 7) gives 1311 then 1197 (7.x) and 1536 then 852 (6.x)", () => {
  const pre = [13, 15, 23, 25];
  const post = [13, 15];
  const seven = replay("spynnaker7", 7, pre, post, 25);
  assert.deepEqual(seven.weights, [0, 0, 1311, 1197]);
  assert.ok(Math.abs(1197 / 256 - 4.68) < 0.005);
  const six = replay("spynnaker6", 7, pre, post, 25);
  assert.deepEqual(six.weights, [0, 0, 1536, 852]);
  assert.ok(Math.abs(852 / 256 - 3.33) < 0.005);
  assert.equal(seven.lastPreTrace, mul16Trace());
});

/** Pre trace after pre spikes 13, 15, 23, 25: built step by step from the table. */
function mul16Trace(): number {
  let r = 0;
  let last = 0;
  for (const t of [13, 15, 23, 25]) {
    r = nextPreTrace(last, r, t, lut);
    last = t;
  }
  return r;
}

test("the paper's learning protocol: inputs 0, 1, 2 make pre and post fire at 1 and 3; recall at 31 saturates at w_max", () => {
  // Pre trace after 1 and 3 is 3099; the post event at 3 then gives mul16(3099, 1467) = 2219 → w_max in both profiles.
  assert.deepEqual(replay("spynnaker7", 6, [1, 3, 31], [1, 3], 31).weights, [0, 0, 3072]);
  assert.deepEqual(replay("spynnaker6", 6, [1, 3, 31], [1, 3], 31).weights, [0, 0, 3072]);
  assert.equal(nextPreTrace(1, 2048, 3, lut), 3099);
});

test("a synapse whose post neuron never fired is unchanged (depression by the placeholder's zero trace)", () => {
  const rule = ca3Rule("spynnaker7", 6);
  const h = createPostHistory(2);
  addPostSpike(h, 0, 5, lut);
  assert.equal(updatePlasticSynapse(h, rule, { postNeuron: 1, weight16: 1000, delay: 1, shift: 6 }, 40, 5, 2048), 1000);
});

test("the post history keeps the placeholder and the 15 newest events", () => {
  const h = createPostHistory(1);
  for (let t = 1; t <= 20; t++) addPostSpike(h, 0, t * 100, lut);
  assert.equal(h.count[0], MAX_POST_EVENTS);
  assert.equal(h.times[0], 0);
  assert.deepEqual(Array.from(h.times.subarray(1, 16)), Array.from({ length: 15 }, (_, i) => (i + 6) * 100));
  assert.ok(h.traces.subarray(1).every((tr) => tr === 2048), "events 100 ticks apart do not accumulate");
});

test("6.x amplitudes pre-scaled by w_max above 32767 are flagged: they would wrap in the 16-bit multiply", () => {
  assert.equal(spynnaker6AmplitudeWraps(Math.round(6 * 6 * weightScale(6))), false); // 18432
  assert.equal(spynnaker6AmplitudeWraps(Math.round(6 * 6 * weightScale(3))), true); // 147456
});
