/**
 * Forward parity: the differentiable backend (tfjs, float32) against the reference backend
 * (float64) on the same networks. Both stamp a spike detected in step k at k·dt and deliver it
 * exactly `delay` later; both draw connections, initial values and Poisson spikes from the same
 * named random streams. Spikes must be identical: float32 rounding moves v by ~1e-5 mV over these
 * runs, far less than the closest approach of v to threshold in them (checked, so a near-tie is
 * reported rather than silently tolerated); traces agree to 2e-3 mV.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import "../../src/sim/index.js";
import "../../src/diff/index.js";
import { initLearn } from "../../src/learn/backend.js";

test.before(async () => { await initLearn(); });
import { cells, connect, network } from "../../src/model/index.js";
import type { Run } from "../../src/results/run.js";

function assertSameSpikes(a: Run, b: Run, label: string): number {
  const x = a.spikes(label);
  const y = b.spikes(label);
  assert.deepEqual(Array.from(y.times), Array.from(x.times), `${label}: spike times`);
  assert.deepEqual(Array.from(y.neurons), Array.from(x.neurons), `${label}: spike neurons`);
  return x.times.length;
}

function maxTraceGap(a: Run, b: Run, label: string, variable: string, neurons: number[]): number {
  let worst = 0;
  for (const n of neurons) {
    const x = a.trace(label, variable, n).values;
    const y = b.trace(label, variable, n).values;
    assert.equal(y.length, x.length);
    for (let k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs(x[k]! - y[k]!));
  }
  return worst;
}

function cubaNetwork(seed: number) {
  const net = network({ dt: 0.1, seed });
  const input = net.population("input", 40, cells.spikeSourcePoisson({ rate: 30 }));
  const exc = net.population("exc", 60, cells.lifCurrExp({ tauM: 20, vRest: -65, vReset: -70, vThresh: -52, tauRefrac: 2, tauSynE: 5, tauSynI: 8, cm: 1, iOffset: 0.3 }));
  const inh = net.population("inh", 20, cells.lifCurrExp({ tauM: 10, vRest: -65, vReset: -65, vThresh: -52, tauRefrac: 1, tauSynE: 5, tauSynI: 8 }));
  exc.initialize({ v: { distribution: "uniform", low: -65, high: -53 } });
  net.project(input, exc, connect.fixedProbability(0.3), { weight: 1.2, delay: 1 });
  net.project(exc, [exc, inh], connect.fixedProbability(0.2), { weight: 0.6, delay: { distribution: "uniform", low: 0.5, high: 2 } });
  net.project(inh, exc, connect.fixedProbability(0.4), { weight: -1.5, delay: 0.8, receptor: "inhibitory" });
  exc.record(["spikes", "v", "gsyn_exc"]);
  inh.record("spikes");
  return net;
}

test("a recurrent current-based network spikes identically on the differentiable and reference backends", async () => {
  for (const seed of [1]) {
    const net = cubaNetwork(seed);
    const ref = await net.run(120, { backend: "reference", progress: false });
    const dif = await net.run(120, { backend: "differentiable", progress: false });
    assert.equal(dif.backend, "differentiable");
    const nExc = assertSameSpikes(ref, dif, "exc");
    assertSameSpikes(ref, dif, "inh");
    assert.ok(nExc > 20, `the test network should spike (got ${nExc} spikes)`);
    assert.ok(maxTraceGap(ref, dif, "exc", "v", [0, 7, 33]) < 2e-3, "v traces agree to 2e-3 mV");
    assert.ok(maxTraceGap(ref, dif, "exc", "gsyn_exc", [0, 7, 33]) < 1e-4, "synaptic currents agree to 1e-4 nA");
  }
});

test("a conductance-based network with refractoriness spikes identically on both backends", async () => {
  const net = network({ dt: 0.1, seed: 3 });
  const input = net.population("input", 30, cells.spikeSourcePoisson({ rate: 40 }));
  const pop = net.population("pop", 50, cells.lifCondExp({ tauM: 20, cm: 0.2, vRest: -60, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10, eRevE: 0, eRevI: -80, iOffset: 0.15 }));
  pop.initialize({ v: { distribution: "normal", mean: -55, sd: 3 } });
  net.project(input, pop, connect.fixedProbability(0.3), { weight: 0.004, delay: 1 });
  net.project(pop.slice(0, 40), pop, connect.fixedProbability(0.1), { weight: 0.003, delay: 1 });
  net.project(pop.slice(40, 50), pop, connect.fixedProbability(0.3), { weight: 0.02, delay: 1, receptor: "inhibitory" }, { label: "inh→pop" });
  pop.record(["spikes", "v"]);
  const ref = await net.run(120, { backend: "reference", progress: false });
  const dif = await net.run(120, { backend: "differentiable", progress: false });
  const n = assertSameSpikes(ref, dif, "pop");
  assert.ok(n > 10, `the test network should spike (got ${n})`);
  assert.ok(maxTraceGap(ref, dif, "pop", "v", [0, 10, 45]) < 2e-3);
});

test("an adaptive-threshold cell driven by a spike array matches the reference spike for spike", async () => {
  const net = network({ dt: 0.1, seed: 4 });
  const times = Array.from({ length: 60 }, (_, k) => 2 + k * 3.3);
  const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: times }));
  const cell = net.population("cell", 3, cells.lifCurrExpAdaptive({ tauM: 15, vRest: -65, vReset: -65, vThresh: -55, dThresh: 3, tauThresh: 80, tauRefrac: 2 }));
  net.project(src, cell, connect.allToAll(), { weight: [[2.5, 3.0, 4.0]], delay: 1.5 });
  cell.record(["spikes", "theta", "v"]);
  const ref = await net.run(120, { backend: "reference", progress: false });
  const dif = await net.run(120, { backend: "differentiable", progress: false });
  const n = assertSameSpikes(ref, dif, "cell");
  assert.ok(n > 5, `should spike (got ${n})`);
  const gap = maxTraceGap(ref, dif, "cell", "theta", [0, 1, 2]);
  // θ reaches ~10 mV; float32 keeps ~7 digits and the jumps accumulate, so 1e-3 mV.
  assert.ok(gap < 1e-3, `theta gap ${gap}`);
});

test("the differentiable backend refuses components it lacks and lists what it has", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  net.population("iz", 2, cells.izhikevich({}));
  await assert.rejects(() => net.run(10, { backend: "differentiable", progress: false }), (e: Error) => /differentiable backend has no `izhikevich` neuron/.test(e.message) && /`lif`/.test(e.message));
});
