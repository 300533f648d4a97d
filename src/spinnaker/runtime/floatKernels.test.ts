import assert from "node:assert/strict";
import { test } from "node:test";
import { createLifFloatSlice } from "./floatKernels.js";
import { LIF_CURR_EXP_DEFAULTS } from "./lifCurrExp.js";

/** Trace A of spinnaker.md §3.9 in the float profile: 1.0 nA arriving at ticks 1, 5 and 6. */
function traceA(): number[] {
  const s = createLifFloatSlice(LIF_CURR_EXP_DEFAULTS, 1, 1);
  const rec = { v: new Float64Array(1) };
  const spiked = new Uint8Array(1);
  const v: number[] = [];
  for (let t = 0; t < 12; t++) {
    if (t === 1 || t === 5 || t === 6) s.addInput(0, 0, 1.0);
    s.update(spiked, rec);
    v.push(rec.v[0]!);
  }
  return v;
}

test("float trace A sits above the fixed-point profiles by 0.0013 mV (7.x) and 0.0009 mV (6.x) at tick 11 (spinnaker.md §3.8)", () => {
  const v11 = traceA()[11]!;
  assert.ok(Math.abs(v11 - -1840982 / 32768 - 0.0013) < 0.00005, `7.x gap ${v11 - -1840982 / 32768}`);
  assert.ok(Math.abs(v11 - -1840970 / 32768 - 0.0009) < 0.00005, `6.x gap ${v11 - -1840970 / 32768}`);
});

test("float LIF under held current follows v_rest + R·I(1 − e^(−t/τm)) to rounding", () => {
  const s = createLifFloatSlice({ ...LIF_CURR_EXP_DEFAULTS, iOffset: 0.5, vThresh: 0 }, 1, 1);
  const spiked = new Uint8Array(1);
  for (let t = 1; t <= 100; t++) {
    s.update(spiked, {});
    assert.ok(Math.abs(s.v[0]! - (-65 + 10 * (1 - Math.exp(-t / 20)))) < 1e-9);
  }
});

test("the CA3 cueCue neuron spikes at ticks 1 and 3 in the float profile too (trace B's raster)", () => {
  const p = { ...LIF_CURR_EXP_DEFAULTS, cm: 0.27, tauM: 3, tauSynE: 0.3, tauSynI: 0.3, tauRefrac: 1, vRest: -60, vReset: -60, vThresh: -57 };
  const s = createLifFloatSlice(p, 1, 1);
  const spiked = new Uint8Array(1);
  const spikes: number[] = [];
  for (let t = 0; t < 8; t++) {
    if (t >= 1 && t <= 3) s.addInput(0, 0, 6);
    if (s.update(spiked, {})) spikes.push(t);
  }
  assert.deepEqual(spikes, [1, 3]);
});
