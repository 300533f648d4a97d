import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, expandProjection, network } from "../../src/model/index.js";
import { ReferenceSession } from "../../src/sim/index.js";

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
