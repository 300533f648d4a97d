import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, network } from "../../src/model/index.js";
import type { CellType } from "../../src/model/index.js";
import "./helpers.js";

// Every standard cell under strong excitatory and inhibitory Poisson drive: the state stays
// finite and within physical bounds, the cells fire, and two runs agree bit for bit.
const compositions: [string, () => CellType, number, number][] = [
  // name, cell, excitatory weight, inhibitory weight (current cells: negative nA; conductance cells: µS)
  ["lifCurrExp", () => cells.lifCurrExp(), 1, -1],
  ["lifCondExp", () => cells.lifCondExp(), 0.02, 0.02],
  ["lifCurrAlpha", () => cells.lifCurrAlpha(), 5, -5],
  ["lifCondAlpha", () => cells.lifCondAlpha(), 0.1, 0.1],
  ["lifCurrDelta", () => cells.lifCurrDelta(), 40, -40],
  ["lifCurrExpAdaptive", () => cells.lifCurrExpAdaptive(), 1, -1],
  ["izhikevich", () => cells.izhikevich(), 60, -60],
  ["izhikevichCurrExp", () => cells.izhikevichCurrExp(), 3, -3],
  ["adexCondExpIsfaIsta", () => cells.adexCondExpIsfaIsta(), 0.02, 0.02],
];

async function drive(cell: CellType, we: number, wi: number) {
  const net = network({ dt: 0.1, seed: 13 });
  const e = net.population("e", 40, cells.spikeSourcePoisson({ rate: 40 }));
  const i = net.population("i", 20, cells.spikeSourcePoisson({ rate: 20 }));
  const pop = net.population("cells", 10, cell);
  net.project(e, pop, connect.fixedProbability(0.5), { weight: we, delay: { distribution: "uniform", low: 0.1, high: 2 } });
  net.project(i, pop, connect.fixedProbability(0.5), { weight: wi, delay: 1, receptor: "inhibitory" });
  net.project(pop, pop, connect.fixedNumberPre(3, { allowSelf: false }), { weight: we / 2, delay: 1.5 });
  pop.record(["spikes", "v", "gsyn_exc", "gsyn_inh"]);
  return net.run(200);
}

for (const [name, make, we, wi] of compositions) {
  test(`${name}: under Poisson drive the state stays finite, cells fire, runs repeat exactly`, async () => {
    const run = await drive(make(), we, wi);
    const again = await drive(make(), we, wi);
    assert.ok(run.spikes("cells").times.length > 10, `${run.spikes("cells").times.length} spikes`);
    assert.deepEqual(run.spikes("cells"), again.spikes("cells"));
    for (let n = 0; n < 10; n++) {
      const v = run.trace("cells", "v", n).values;
      assert.ok(v.every((x) => Number.isFinite(x) && x > -150 && x < 200), `v of neuron ${n} stays in (−150, 200) mV`);
      for (const g of ["gsyn_exc", "gsyn_inh"]) {
        assert.ok(run.trace("cells", g, n).values.every(Number.isFinite), `${g} of neuron ${n} is finite`);
      }
    }
  });
}
