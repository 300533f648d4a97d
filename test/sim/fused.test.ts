import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, currents, expandProjection, network, type Network } from "../../src/model/index.js";
import { ReferenceSession } from "../../src/sim/index.js";
import { createPoissonSource } from "../../src/sim/sources.js";
import { createRng } from "../../src/core/rng.js";

/** Runs `net` with and without the fused passes and asserts identical spikes and traces. */
async function assertFusedMatchesComposed(net: Network, ms: number, traced: { label: string; variables: string[]; neurons: number[] }[], spiking: string[]): Promise<void> {
  const spec = net.spec();
  const connections = new Map(spec.projections.map((p) => [p.label, expandProjection(spec, p).connections]));
  const fused = await new ReferenceSession(spec, connections, { fused: true }).advance(ms);
  const composed = await new ReferenceSession(spec, connections, { fused: false }).advance(ms);
  for (const label of spiking) {
    assert.ok(fused.spikes(label).times.length > 50, `${label} fires`);
    assert.deepEqual(fused.spikes(label), composed.spikes(label), `spikes of ${label}`);
  }
  for (const { label, variables, neurons } of traced) {
    for (const variable of variables) {
      for (const neuron of neurons) {
        assert.deepEqual(fused.trace(label, variable, neuron).values, composed.trace(label, variable, neuron).values, `${label} ${variable} of ${neuron}`);
      }
    }
  }
}

test("the fused IF_curr_exp update gives bit-identical results to the composed kernels", async () => {
  const net = network({ dt: 0.1, seed: 21 });
  const drive = net.population("drive", 50, cells.spikeSourcePoisson({ rate: 40 }));
  const exc = net.population("exc", 200, cells.lifCurrExp({ tauRefrac: 3, tauSynE: 3, tauSynI: 20, iOffset: 0.3 }));
  exc.initialize({ v: { distribution: "uniform", low: -65, high: -50 } });
  net.project(drive, exc, connect.fixedProbability(0.2), { weight: 1.2, delay: 1 });
  net.project(exc, exc, connect.fixedProbability(0.05), { weight: { distribution: "uniform", low: -1, high: 0 }, delay: 2, receptor: "inhibitory" });
  exc.record(["spikes", "v", "gsyn_exc", "gsyn_inh"]);
  const spec = net.spec();
  const connections = new Map(spec.projections.map((p) => [p.label, expandProjection(spec, p).connections]));
  const fused = await new ReferenceSession(spec, connections, { fused: true }).advance(300);
  const composed = await new ReferenceSession(spec, connections, { fused: false }).advance(300);
  assert.ok(fused.spikes("exc").times.length > 100, "the network fires");
  assert.deepEqual(fused.spikes("exc"), composed.spikes("exc"));
  for (const variable of ["v", "gsyn_exc", "gsyn_inh"]) {
    for (const neuron of [0, 57, 199]) {
      assert.deepEqual(fused.trace("exc", variable, neuron).values, composed.trace("exc", variable, neuron).values, `${variable} of ${neuron}`);
    }
  }
});

test("the fused IF_cond_exp update gives bit-identical results to the composed kernels, traced or not, with injected current", async () => {
  const net = network({ dt: 0.1, seed: 22 });
  const cell = cells.lifCondExp({ tauM: 20, cm: 0.2, vRest: -60, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10, eRevE: 0, eRevI: -80 });
  const drive = net.population("drive", 100, cells.spikeSourcePoisson({ rate: 30 }));
  const exc = net.population("exc", 160, cell);
  const inh = net.population("inh", 40, cell);
  for (const pop of [exc, inh]) pop.initialize({ v: { distribution: "normal", mean: -55, sd: 5 } }).record("spikes");
  inh.record(["v", "gsyn_exc", "gsyn_inh"]);
  exc.inject(currents.dc({ amplitude: 0.05, start: 20, stop: 120 }));
  net.project(drive, [exc, inh], connect.fixedProbability(0.2), { weight: 0.01 });
  net.project(exc, [exc, inh], connect.fixedProbability(0.1), { weight: 0.006, delay: { distribution: "uniform", low: 0.1, high: 2 } });
  net.project(inh, [exc, inh], connect.fixedProbability(0.1), { weight: 0.067, receptor: "inhibitory" });
  await assertFusedMatchesComposed(net, 300, [{ label: "inh", variables: ["v", "gsyn_exc", "gsyn_inh"], neurons: [0, 17, 39] }], ["exc", "inh"]);
});

test("the fused IF_curr_exp update with a current source matches the composed kernels", async () => {
  const net = network({ dt: 0.1, seed: 23 });
  const pop = net.population("p", 300, cells.lifCurrExp({ tauRefrac: 2, iOffset: 0.2 })).record("spikes");
  pop.initialize({ v: { distribution: "uniform", low: -65, high: -55 } });
  pop.inject(currents.step({ times: [10, 80, 150], amplitudes: [0.6, 0, 1.1] }));
  net.project(pop, pop, connect.fixedProbability(0.05), { weight: -0.3, receptor: "inhibitory", delay: 1.2 });
  await assertFusedMatchesComposed(net, 250, [], ["p"]);
});

test("Poisson sources: the spike heap draws the same spikes as a neuron-by-neuron scan, also when steps are skipped", () => {
  const cell = cells.spikeSourcePoisson({ rate: 80, start: 3, duration: 140 });
  const size = 60;
  const dtMs = 0.1;
  // The independent computation: every neuron checked every step, in index order.
  const rng = createRng(9).stream("p");
  const next = Float64Array.from({ length: size }, () => 3 + rng.exponential(1000 / 80));
  const scan = (step: number) => {
    const end = Math.min((step + 1) * dtMs, 143);
    const counts = new Uint8Array(size);
    for (let i = 0; i < size; i++) while (next[i]! < end) { counts[i]!++; next[i]! += rng.exponential(1000 / 80); }
    return counts;
  };
  const source = createPoissonSource(cell, size, dtMs, createRng(9).stream("p"));
  let total = 0;
  const steps = [...Array.from({ length: 1000 }, (_, k) => k), 1003, 1010, 1200, 1500, 1600];
  for (const step of steps) {
    const want = scan(step);
    const n = source.emit(step);
    assert.deepEqual(source.spiked, want, `step ${step}`);
    const listed = Array.from(source.fired.subarray(0, source.firedCount));
    assert.deepEqual(listed, Array.from(want.keys()).filter((i) => want[i]! > 0), `fired list, step ${step}`);
    assert.equal(n, want.reduce((a, b) => a + b, 0));
    total += n;
  }
  assert.ok(total > 500, `${total} spikes`);
});
