import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, network } from "../../src/model/index.js";
import { assertClose, timesOfNeuron } from "./helpers.js";

// Below threshold, a LIF cell driven by a constant current I charges as
//   v(t) = vRest + R·I·(1 − exp(−t/τm)),   R = τm/cm (ms/nF = MΩ, so R·I is in mV)
// and, with vReset = vRest, fires with period
//   T = τref + τm·ln(R·I / (R·I − (vThresh − vRest))).
const p = { tauM: 20, cm: 1, vRest: -65, vReset: -65, vThresh: -50, tauRefrac: 2, iOffset: 1 };
const R = p.tauM / p.cm;
const dt = 0.1;
const period = (i: number) => p.tauRefrac + p.tauM * Math.log((R * i) / (R * i - (p.vThresh - p.vRest)));

test("subthreshold charging under a current step follows the analytic curve to 1e-9", async () => {
  const net = network({ dt, seed: 1 });
  net.population("cell", 1, cells.lifCurrExp({ ...p, vThresh: 0 })).record("v");
  const { t, values } = (await net.run(100)).trace("cell", "v", 0);
  assert.equal(t.length, 1000);
  const expected = t.map((ti) => p.vRest + R * p.iOffset * (1 - Math.exp(-ti / p.tauM)));
  assertClose(values, expected, { rtol: 1e-9, what: "v(t) of a LIF cell under 1 nA" });
});

test("interspike intervals match the analytic period within one timestep, over an f-I curve", async () => {
  for (const current of [0.8, 1, 1.5, 3]) {
    const net = network({ dt, seed: 1 });
    net.population("cell", 1, cells.lifCurrExp({ ...p, iOffset: current })).record("spikes");
    const times = timesOfNeuron((await net.run(500)).spikes("cell"), 0);
    assert.ok(times.length >= 5, `${current} nA: expected at least 5 spikes in 500 ms, got ${times.length}`);
    for (let k = 1; k < times.length; k++) {
      const isi = times[k]! - times[k - 1]!;
      assert.ok(isi >= period(current) - 1e-9 && isi <= period(current) + dt + 1e-9,
        `${current} nA: ISI ${k} is ${isi} ms, analytic period ${period(current).toFixed(4)} ms`);
    }
  }
});

test("below rheobase (R·I < vThresh − vRest) a cell never fires", async () => {
  const net = network({ dt, seed: 1 });
  net.population("cell", 1, cells.lifCurrExp({ ...p, iOffset: 0.74 })).record("spikes");
  assert.equal((await net.run(500)).spikes("cell").times.length, 0);
});

test("the postsynaptic potential of one exponential current synapse is the exact closed form", async () => {
  // v − vRest = (w/cm)·(e^(−s/τs) − e^(−s/τm)) / (1/τm − 1/τs), s = time since arrival.
  const w = 0.5;
  for (const tauSynE of [5, 20]) {
    const net = network({ dt, seed: 1 });
    const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: [10] }));
    const cell = net.population("cell", 1, cells.lifCurrExp({ ...p, iOffset: 0, vThresh: 0, tauSynE }));
    cell.record("v");
    net.project(src, cell, connect.oneToOne(), { weight: w, delay: 1 });
    const { t, values } = (await net.run(100)).trace("cell", "v", 0);
    const arrival = 11;
    const expected = t.map((ti) => {
      const s = ti - arrival;
      if (s < -1e-9) return p.vRest;
      if (tauSynE === p.tauM) return p.vRest + (w / p.cm) * s * Math.exp(-s / p.tauM);
      return p.vRest + (w / p.cm) * (Math.exp(-s / tauSynE) - Math.exp(-s / p.tauM)) / (1 / p.tauM - 1 / tauSynE);
    });
    assertClose(values, expected, { rtol: 1e-9, atol: 1e-12, what: `PSP with τs = ${tauSynE} ms` });
  }
});

test("a spike arrives exactly `delay` after it was emitted, to the timestep", async () => {
  for (const delay of [0.1, 1.5, 7.3]) {
    const net = network({ dt, seed: 1 });
    const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: [5] }));
    const cell = net.population("cell", 1, cells.lifCurrExp({ vThresh: 0 })).record("gsyn_exc");
    net.project(src, cell, connect.oneToOne(), { weight: 2, delay });
    const { values } = (await net.run(20)).trace("cell", "gsyn_exc", 0);
    const arrivalStep = Math.round((5 + delay) / dt);
    assert.equal(values[arrivalStep - 1], 0, `delay ${delay}: nothing before ${5 + delay} ms`);
    assert.equal(values[arrivalStep], 2, `delay ${delay}: the full weight at ${5 + delay} ms`);
    assert.ok(Math.abs(values[arrivalStep + 1]! - 2 * Math.exp(-dt / 5)) < 1e-15, "then exponential decay");
  }
});

test("after a spike, v is held at vReset for tauRefrac", async () => {
  const net = network({ dt, seed: 1 });
  net.population("cell", 1, cells.lifCurrExp({ ...p, iOffset: 2, vReset: -70 })).record(["v", "spikes"]);
  const run = await net.run(50);
  const first = run.spikes("cell").times[0]!;
  const { t, values } = run.trace("cell", "v", 0);
  const k0 = Math.round(first / dt);
  // The spike is stamped at the start of the step that crossed; the step ends reset, then 2 ms are held.
  assert.ok(values[k0]! < p.vThresh, "before the crossing step v is below threshold");
  for (let k = k0 + 1; k <= k0 + 1 + p.tauRefrac / dt; k++) assert.equal(values[k], -70, `v at ${t[k]} ms`);
  assert.ok(values[k0 + 2 + p.tauRefrac / dt]! > -70, "integration resumes after the refractory period");
});

test("an alpha synapse peaks at the weight, τ after the arrival (exact)", async () => {
  const net = network({ dt, seed: 1 });
  const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: [2] }));
  const cell = net.population("cell", 1, cells.lifCurrAlpha({ vThresh: 0, tauSynE: 2 })).record("gsyn_exc");
  net.project(src, cell, connect.oneToOne(), { weight: 0.7, delay: 1 });
  const { t, values } = (await net.run(30)).trace("cell", "gsyn_exc", 0);
  const expected = t.map((ti) => { const s = ti - 3; return s <= 0 ? 0 : 0.7 * (s / 2) * Math.exp(1 - s / 2); });
  assertClose(values, expected, { rtol: 1e-12, atol: 1e-15, what: "alpha-shaped synaptic current" });
});

test("conductance-based LIF converges to the fine-timestep solution at second order in dt", async () => {
  const runAt = async (dtMs: number) => {
    const net = network({ dt: dtMs, seed: 1 });
    const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: [1, 3, 5] }));
    const cell = net.population("cell", 1, cells.lifCondExp({ vThresh: 0 })).record("v");
    net.project(src, cell, connect.oneToOne(), { weight: 0.05, delay: 1 });
    const tr = (await net.run(40)).trace("cell", "v", 0);
    return tr.values[Math.round(20 / dtMs)]!;
  };
  const fine = await runAt(0.001);
  const e1 = Math.abs((await runAt(0.1)) - fine);
  const e2 = Math.abs((await runAt(0.05)) - fine);
  assert.ok(fine > -65 + 1, `three excitatory conductance inputs depolarise the cell (v = ${fine})`);
  // Mean conductance over the step + exact linear solve: second order, so halving dt quarters the error.
  assert.ok(e1 < 0.05 && e2 < e1 / 3, `error shrinks as dt²: ${e1} at 0.1 ms, ${e2} at 0.05 ms`);
});

test("an adaptive threshold jumps by dThresh at each spike and relaxes exactly with tauThresh", async () => {
  const net = network({ dt, seed: 1 });
  net.population("cell", 1, cells.lifCurrExpAdaptive({ ...p, iOffset: 1.5, dThresh: 3, tauThresh: 50 })).record(["spikes", "theta"]);
  const run = await net.run(300);
  const times = timesOfNeuron(run.spikes("cell"), 0);
  // From rest the first crossing is the static-threshold charging time; it is stamped at the start
  // of the step in which it happens.
  const charging = p.tauM * Math.log((R * 1.5) / (R * 1.5 - (p.vThresh - p.vRest)));
  assert.ok(times[0]! > charging - dt && times[0]! <= charging, `first spike at ${times[0]}, analytic crossing ${charging}`);
  const isis = times.slice(1).map((t, k) => t - times[k]!);
  assert.ok(isis.at(-1)! > period(1.5) + 2, `adapted ISI ${isis.at(-1)} ms exceeds the static period ${period(1.5)} ms`);
  // Between the first two spikes θ(t) = 3·e^(−(t − t₁)/50), sampled from the step after the spike.
  const { t, values } = run.trace("cell", "theta", 0);
  for (let k = Math.round(times[0]! / dt) + 1; k < Math.round(times[1]! / dt); k++) {
    const expected = 3 * Math.exp(-(t[k]! - times[0]!) / 50);
    assert.ok(Math.abs(values[k]! - expected) <= 1e-12 * expected, `θ at ${t[k]} ms: ${values[k]} vs ${expected}`);
  }
});
