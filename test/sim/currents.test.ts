import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, currents, network } from "../../src/model/index.js";
import { assertClose } from "./helpers.js";

// With the threshold out of reach a LIF cell is a linear RC circuit: each current change ΔI at t₀
// adds R·ΔI·(1 − e^(−(t − t₀)/τm)). Sources are sampled at each step's start, so on-grid
// switching times are exact.
const tauM = 20;
const R = tauM / 1; // cm = 1 nF

test("a DC source charges the membrane from its start and releases it at its stop (exact)", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  const pop = net.population("cell", 3, cells.lifCurrExp({ vThresh: 0 })).record("v");
  pop.slice(1, 3).inject(currents.dc({ amplitude: 0.4, start: 20, stop: 60 }));
  const run = await net.run(100);
  const charge = (t: number, t0: number) => (t < t0 ? 0 : 1 - Math.exp(-(t - t0) / tauM));
  const { t, values } = run.trace("cell", "v", 2);
  assertClose(values, t.map((ti) => -65 + R * 0.4 * (charge(ti, 20) - charge(ti, 60))), { rtol: 1e-9, what: "v under a DC pulse" });
  assert.ok(run.trace("cell", "v", 0).values.every((v) => v === -65), "neuron 0 gets no current");
});

test("step sources and sources that add up follow the superposition of charging curves", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  const pop = net.population("cell", 1, cells.lifCondExp({ vThresh: 0 })).record("v");
  pop.inject(currents.step({ times: [10, 30.5], amplitudes: [0.2, -0.1] }));
  pop.inject(currents.dc({ amplitude: 0.05, start: 40 }));
  const { t, values } = (await net.run(80)).trace("cell", "v", 0);
  const charge = (ti: number, t0: number) => (ti < t0 - 1e-9 ? 0 : 1 - Math.exp(-(ti - t0) / tauM));
  const expected = t.map((ti) => -65 + R * (0.2 * charge(ti, 10) - 0.3 * charge(ti, 30.5) + 0.05 * charge(ti, 40)));
  assertClose(values, expected, { rtol: 1e-9, what: "v under step + DC sources (conductance cell, no synaptic input)" });
});

test("an AC source drives the steady-state amplitude of the RC low-pass filter", async () => {
  const f = 10; // Hz
  const net = network({ dt: 0.05, seed: 1 });
  net.population("cell", 1, cells.lifCurrExp({ vThresh: 0 })).record("v").inject(currents.ac({ amplitude: 0.1, frequency: f }));
  const { values } = (await net.run(600)).trace("cell", "v", 0);
  const tail = values.subarray(values.length - 2000); // last 100 ms: one full period, transients gone
  const amplitude = (Math.max(...tail) - Math.min(...tail)) / 2;
  const omegaTau = 2 * Math.PI * f * tauM / 1000;
  const expected = R * 0.1 / Math.sqrt(1 + omegaTau * omegaTau);
  // Sampling and holding the current per step delays it by dt/2, which changes the amplitude by O((ω·dt)²).
  assert.ok(Math.abs(amplitude / expected - 1) < 2e-3, `amplitude ${amplitude} mV, analytic ${expected} mV`);
});

test("current sources reach Izhikevich and AdEx cells too", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  net.population("izh", 1, cells.izhikevich()).record("spikes").inject(currents.dc({ amplitude: 10, start: 50 }));
  net.population("adex", 1, cells.adexCondExpIsfaIsta()).record("spikes").inject(currents.dc({ amplitude: 0.8, start: 50 }));
  const run = await net.run(300);
  for (const label of ["izh", "adex"]) {
    const t = run.spikes(label).times;
    assert.ok(t.length > 3 && t[0]! >= 50, `${label}: ${t.length} spikes, first at ${t[0]} ms`);
  }
});
