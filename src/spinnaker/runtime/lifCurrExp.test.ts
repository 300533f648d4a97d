import assert from "node:assert/strict";
import { test } from "node:test";
import {
  LIF_CURR_EXP_DEFAULTS, type LifCurrExpParams, createLifCurrExpState, lifCurrExpAddInput, lifCurrExpConstants,
  lifCurrExpTransfer, lifCurrExpTransferAndUpdate, lifCurrExpUpdate,
} from "./lifCurrExp.js";
import type { FixedProfile } from "./profile.js";
import { createRingBuffers, ringBufferAdd, ringBufferIndex, ringBufferLayout, ringBufferTransfer } from "./ringBuffer.js";

const CA3_BASE: LifCurrExpParams = {
  ...LIF_CURR_EXP_DEFAULTS, tauSynE: 0.3, tauSynI: 0.3, tauRefrac: 1, vRest: -60, vReset: -60, vThresh: -57,
};

// spinnaker.md §3.9 "Derived LIF/synapse constants (raw)", dt = 1 ms.
const CONSTANTS: readonly [string, LifCurrExpParams, FixedProfile, [number, number, number, number, number]][] = [
  ["PyNN defaults", LIF_CURR_EXP_DEFAULTS, "spynnaker7", [655360, 31170, 1, 3516490311, 3892384920]],
  ["PyNN defaults", LIF_CURR_EXP_DEFAULTS, "spynnaker6", [655360, 31170, 1, 3516421809, 3892727437]],
  ["CA3 cm=0.27 τm=3", { ...CA3_BASE, cm: 0.27, tauM: 3 }, "spynnaker7", [364103, 23479, 1, 153198536, 1242480068]],
  ["CA3 cm=0.27 τm=3", { ...CA3_BASE, cm: 0.27, tauM: 3 }, "spynnaker6", [364089, 23479, 1, 153218635, 1242524598]],
  ["CA3 cm=0.14 τm=0.5", { ...CA3_BASE, cm: 0.14, tauM: 0.5 }, "spynnaker7", [117016, 4434, 1, 153198536, 1242480068]],
  ["CA3 cm=0.14 τm=0.5", { ...CA3_BASE, cm: 0.14, tauM: 0.5 }, "spynnaker6", [117029, 4435, 1, 153218635, 1242524598]],
];

for (const [name, params, profile, [r, expTc, tRefract, decay, init]] of CONSTANTS) {
  test(`${name}, ${profile}: derived constants are the golden R, exp_TC, T_refract, decay, init`, () => {
    const c = lifCurrExpConstants(params, 1, profile);
    assert.deepEqual([c.r, c.expTc, c.tRefract, c.decayE, c.initE, c.decayI, c.initI], [r, expTc, tRefract, decay, init, decay, init]);
  });
}

test("refractory periods of 0.1, 1.0 and 2.5 ms at dt = 1 ms last 1, 1 and 3 ticks in both profiles", () => {
  for (const profile of ["spynnaker7", "spynnaker6"] as const) {
    const ticks = [0.1, 1.0, 2.5].map((tauRefrac) => lifCurrExpConstants({ ...LIF_CURR_EXP_DEFAULTS, tauRefrac }, 1, profile).tRefract);
    assert.deepEqual(ticks, [1, 1, 3], profile);
  }
});

/** Runs one neuron with one excitatory synapse through ring buffers, returning recorded raw v, gsyn and spikes. */
function runOne(params: LifCurrExpParams, profile: FixedProfile, shift: number, storedWeight: number,
  arrivalTicks: readonly number[], nTicks: number) {
  const state = createLifCurrExpState([lifCurrExpConstants(params, 1, profile)]);
  const layout = ringBufferLayout(profile, 1, 2, 1);
  const rb = createRingBuffers(layout);
  const v: number[] = [];
  const gsyn: number[] = [];
  const spikes: number[] = [];
  const spiked = new Uint8Array(1);
  const recV = new Int32Array(1);
  const recG = new Int32Array(1);
  for (let t = 0; t < nTicks; t++) {
    // A spike delivered during tick t−1 lands in the slot of tick t (1-tick delay).
    if (arrivalTicks.includes(t)) ringBufferAdd(rb, ringBufferIndex(layout, t, 0, 0), storedWeight);
    ringBufferTransfer(rb, layout, t, 1, 2, (n, type, value) => lifCurrExpAddInput(state, n, type, value, shift));
    lifCurrExpUpdate(state, spiked, { v: recV, gsynExc: recG });
    v.push(recV[0]!);
    gsyn.push(recG[0]!);
    if (spiked[0]) spikes.push(t);
  }
  return { v, gsyn, spikes };
}

// Trace A of spinnaker.md §3.9: PyNN-default IF_curr_exp, 1.0 nA (shift 1, stored 16384), arrivals at 1, 5, 6.
const TRACE_A = {
  spynnaker7: {
    v: [-2129920, -2129920, -2100956, -2078655, -2061739, -2049168, -2011128, -1953588, -1910334, -1878588, -1856086, -1840982],
    gsyn: [0, 29696, 24313, 19906, 16297, 43039, 64934, 53164, 43527, 35637, 29177, 23888],
  },
  spynnaker6: {
    v: [-2129920, -2129920, -2100953, -2078650, -2061734, -2049163, -2011120, -1953576, -1910320, -1878574, -1856073, -1840970],
    gsyn: [0, 29699, 24315, 19907, 16298, 43042, 64938, 53166, 43528, 35637, 29177, 23888],
  },
} as const;

for (const profile of ["spynnaker7", "spynnaker6"] as const) {
  test(`trace A (${profile}): recorded v and gsyn_exc match the ARM build bit for bit, no spikes`, () => {
    const out = runOne(LIF_CURR_EXP_DEFAULTS, profile, 1, 16384, [1, 5, 6], 12);
    assert.deepEqual(out.v, TRACE_A[profile].v);
    assert.deepEqual(out.gsyn, TRACE_A[profile].gsyn);
    assert.deepEqual(out.spikes, []);
  });
}

// Trace B: CA3 cueCue neuron, 6.0 nA (shift 3, stored 24576), arrivals at 1, 2, 3; spikes at 1 and 3.
const TRACE_B = {
  spynnaker7: {
    v: [-1966080, -1966080, -1966080, -1966080, -1966080, -1966080, -1965843, -1965903],
    gsyn: [0, 56876, 58904, 58977, 2103, 75, 2, 0],
  },
  spynnaker6: {
    v: [-1966080, -1966080, -1966080, -1966080, -1966080, -1966080, -1965843, -1965903],
    gsyn: [0, 56878, 58907, 58979, 2104, 75, 2, 0],
  },
} as const;

for (const profile of ["spynnaker7", "spynnaker6"] as const) {
  test(`trace B (${profile}): the CA3 cueCue neuron spikes at ticks 1 and 3 with the golden raw values`, () => {
    const out = runOne({ ...CA3_BASE, cm: 0.27, tauM: 3 }, profile, 3, 24576, [1, 2, 3], 8);
    assert.deepEqual(out.v, TRACE_B[profile].v);
    assert.deepEqual(out.gsyn, TRACE_B[profile].gsyn);
    assert.deepEqual(out.spikes, [1, 3]);
  });
}

test("held input drives V to the closed form v_rest + R·I(1 − e^(−t/τm)) within the truncation error", () => {
  const params = { ...LIF_CURR_EXP_DEFAULTS, iOffset: 0.5, vThresh: 0 };
  const state = createLifCurrExpState([lifCurrExpConstants(params, 1, "spynnaker7")]);
  const spiked = new Uint8Array(1);
  for (let t = 1; t <= 200; t++) {
    lifCurrExpUpdate(state, spiked);
    const exact = -65 + 20 * 0.5 * (1 - Math.exp(-t / 20));
    // Parameter quantisation (exp_TC is 0.951233 not 0.951229) plus 2 truncating LSB per step.
    assert.ok(Math.abs(state.v[0]! / 32768 - exact) < 2e-3, `t=${t}: ${state.v[0]! / 32768} vs ${exact}`);
  }
});

test("a neuron at threshold spikes, resets to v_reset and skips integration for T_refract ticks", () => {
  const params = { ...LIF_CURR_EXP_DEFAULTS, iOffset: 2, tauRefrac: 2.5 }; // R·I = 40 mV above rest
  const state = createLifCurrExpState([lifCurrExpConstants(params, 1, "spynnaker7")]);
  const spiked = new Uint8Array(1);
  const v: number[] = [];
  const spikes: number[] = [];
  for (let t = 0; t < 40; t++) {
    lifCurrExpUpdate(state, spiked);
    v.push(state.v[0]!);
    if (spiked[0]) spikes.push(t);
  }
  assert.ok(spikes.length >= 2);
  const first = spikes[0]!;
  for (const k of [1, 2, 3]) assert.equal(v[first + k], -2129920, `refractory tick ${k} keeps v_reset`);
  assert.ok(v[first + 4]! > -2129920, "integration resumes after 3 ticks");
});

test("a slice with one parameter set (constants read once) runs bit-identically to the per-neuron path", () => {
  const c = lifCurrExpConstants({ ...LIF_CURR_EXP_DEFAULTS, vRest: -49, vReset: -60, tauRefrac: 5, tauSynI: 10 }, 1, "spynnaker7");
  const size = 50;
  const v0 = Array.from({ length: size }, (_, n) => -60 + n / 5);
  const uniform = createLifCurrExpState(Array.from({ length: size }, () => c), v0);
  const perNeuron = { ...createLifCurrExpState(Array.from({ length: size }, () => c), v0), uniform: false };
  assert.equal(uniform.uniform, true);
  const spikedU = new Uint8Array(size);
  const spikedP = new Uint8Array(size);
  let spikes = 0;
  for (let t = 0; t < 300; t++) {
    for (const s of [uniform, perNeuron]) {
      lifCurrExpAddInput(s, (t * 7) % size, 0, 900 + t, 8);
      lifCurrExpAddInput(s, (t * 13) % size, 1, 400 + t, 10);
    }
    const recU = { v: new Int32Array(size), gsynExc: new Int32Array(size), gsynInh: new Int32Array(size) };
    const recP = { v: new Int32Array(size), gsynExc: new Int32Array(size), gsynInh: new Int32Array(size) };
    spikes += lifCurrExpUpdate(uniform, spikedU, recU);
    assert.equal(lifCurrExpUpdate(perNeuron, spikedP, recP), spikedU.reduce((a, b) => a + b, 0));
    assert.deepEqual([spikedU, recU], [spikedP, recP], `tick ${t}`);
  }
  assert.ok(spikes > 100, "the neurons fire, so reset and refractory paths ran");
  assert.deepEqual([uniform.v, uniform.isynExc, uniform.isynInh, uniform.refract], [perNeuron.v, perNeuron.isynExc, perNeuron.isynInh, perNeuron.refract]);
});

test("the one-pass transfer-and-update gives the results of the transfer pass then the update pass", () => {
  const c = lifCurrExpConstants({ ...LIF_CURR_EXP_DEFAULTS, vRest: -49, vReset: -60, tauRefrac: 5, tauSynI: 10 }, 1, "spynnaker7");
  const size = 40;
  const layout = ringBufferLayout("spynnaker7", size, 2, 4);
  const v0 = Array.from({ length: size }, (_, n) => -60 + n / 4);
  for (const uniform of [true, false]) {
    const fused = { ...createLifCurrExpState(Array.from({ length: size }, () => c), v0), uniform };
    const twoPass = { ...createLifCurrExpState(Array.from({ length: size }, () => c), v0), uniform };
    const ringF = createRingBuffers(layout);
    const ringT = createRingBuffers(layout);
    const spikedF = new Uint8Array(size);
    const spikedT = new Uint8Array(size);
    let spikes = 0;
    for (let t = 0; t < 200; t++) {
      for (const ring of [ringF, ringT]) {
        ringBufferAdd(ring, ringBufferIndex(layout, t + 1 + (t % 3), 0, (t * 7) % size), 300 + t);
        ringBufferAdd(ring, ringBufferIndex(layout, t + 2, 1, (t * 11) % size), 200 + 2 * t);
      }
      const b0 = ringBufferIndex(layout, t, 0, 0);
      const b1 = ringBufferIndex(layout, t, 1, 0);
      const recF = { v: new Int32Array(size), gsynExc: new Int32Array(size), gsynInh: new Int32Array(size) };
      const recT = { v: new Int32Array(size), gsynExc: new Int32Array(size), gsynInh: new Int32Array(size) };
      spikes += lifCurrExpTransferAndUpdate(fused, ringF, b0, b1, 9, 4, spikedF, recF);
      lifCurrExpTransfer(twoPass, ringT, b0, b1, 9, 4);
      lifCurrExpUpdate(twoPass, spikedT, recT);
      assert.deepEqual([spikedF, recF, ringF], [spikedT, recT, ringT], `uniform ${uniform}, tick ${t}`);
    }
    assert.ok(spikes > 50, "the neurons fire");
  }
});
