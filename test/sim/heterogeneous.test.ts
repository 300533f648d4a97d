import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cellParameters, cells, network } from "../../src/model/index.js";
import { lif } from "../../src/model/cells/neuron/lif.js";
import * as msg from "../../src/model/messages.js";
import { timesOfNeuron } from "./helpers.js";

// Each neuron fires with its own analytic period T = τref + τm·ln(R·I / (R·I − (θ − vRest))).
const period = (tauM: number, current: number, vThresh: number) =>
  2 + tauM * Math.log((tauM * current) / (tauM * current - (vThresh - -65)));

test("per-neuron lists and distributions give every neuron its own analytic firing period", async () => {
  const net = network({ dt: 0.1, seed: 5 });
  const tauM = [10, 15, 20, 25, 30];
  const iOffset = [2, 1.6, 1.4, 1.2, 1.1]; // R·I from 20 to 33 mV: above every threshold in the range
  net.population("cells", 5, cells.lifCurrExp({
    tauM, iOffset, tauRefrac: 2, vThresh: { distribution: "uniform", low: -55, high: -50 },
  })).record("spikes");
  // The thresholds every backend draws for this seed (the population's stream "param/vThresh").
  const spec = net.spec();
  const theta = cellParameters(spec, spec.populations[0]!).values.vThresh!;
  assert.ok(theta.every((x) => x >= -55 && x < -50) && new Set(theta).size === 5);
  const run = await net.run(400);
  for (let i = 0; i < 5; i++) {
    const times = timesOfNeuron(run.spikes("cells"), i);
    assert.ok(times.length >= 5, `neuron ${i}: ${times.length} spikes`);
    const T = period(tauM[i]!, iOffset[i]!, theta[i]!);
    for (let k = 1; k < times.length; k++) {
      const isi = times[k]! - times[k - 1]!;
      assert.ok(isi >= T - 1e-9 && isi <= T + 0.1 + 1e-9, `neuron ${i}: ISI ${isi} ms, analytic ${T} ms`);
    }
  }
});

test("a per-neuron threshold list is used exactly, neuron by neuron", async () => {
  const net = network({ dt: 0.1, seed: 5 });
  const vThresh = [-60, -55, -50];
  net.population("cells", 3, cells.lifCondExp({ vThresh, iOffset: 1, tauRefrac: 2 })).record("spikes");
  const run = await net.run(300);
  for (let i = 0; i < 3; i++) {
    const times = timesOfNeuron(run.spikes("cells"), i);
    const isi = times[2]! - times[1]!;
    const T = period(20, 1, vThresh[i]!);
    assert.ok(isi >= T - 1e-9 && isi <= T + 0.1 + 1e-9, `neuron ${i}: ISI ${isi}, analytic ${T}`);
  }
});

test("with a per-neuron vRest, each neuron starts at its own resting potential", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  net.population("cells", 3, cells.lifCurrExp({ vRest: [-70, -65, -60], vReset: -75 })).record("v");
  const run = await net.run(10);
  assert.deepEqual([0, 1, 2].map((i) => run.trace("cells", "v", i).values[0]), [-70, -65, -60]);
  assert.deepEqual([0, 1, 2].map((i) => run.trace("cells", "v", i).values.at(-1)), [-70, -65, -60]);
});

test("per-neuron values are checked where given, where sized, and where drawn", async () => {
  const problems = async (f: () => unknown) => {
    try { await f(); } catch (e) { assert.ok(e instanceof CajalError); return e.problems; }
    assert.fail("expected a CajalError");
  };
  assert.deepEqual(await problems(() => cells.lifCurrExp({ tauM: [10, -1] })),
    [msg.outOfRange("IF_curr_exp.neuron.tauM[1]", "tauM", -1, lif.params.tauM)]);
  assert.deepEqual(await problems(() => cells.lifCurrExp({ cm: { distribution: "uniform", low: -1, high: 1 } })),
    [msg.outOfRange("IF_curr_exp.neuron.cm", "cm", -1, lif.params.cm)]);
  assert.deepEqual(await problems(() => network().population("p", 3, cells.lifCurrExp({ tauM: [10, 20] }))),
    [msg.wrongSize("p.cell.neuron.tauM", "the list of tauM values", 2, 3)]);
  const net = network({ seed: 3 });
  net.population("p", 50, cells.lifCurrExp({ tauM: { distribution: "normal", mean: 1, sd: 5 } }));
  const found = await problems(() => net.run(1));
  assert.equal(found.length, 1);
  assert.equal(found[0]!.ruleId, "param-out-of-range");
  assert.match(found[0]!.place, /^p\.cell\.neuron\.tauM\[\d+\]$/);
  const reset = network();
  reset.population("q", 3, cells.lifCurrExp({ vReset: [-70, -49, -70] }));
  assert.deepEqual(await problems(() => reset.run(1)), [msg.resetNotBelowThreshold("q.cell[1]", -49, -50)]);
});

test("a kernel that takes shared values only says so", async () => {
  const net = network();
  net.population("izh", 2, cells.izhikevich({ a: [0.02, 0.1] }));
  await assert.rejects(net.run(1), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.deepEqual(e.problems, [msg.perNeuronUnsupported("izh.cell.neuron", "reference", "neuron", "izhikevich", ["a"],
      ["lif", "exponential", "conductance", "current", "static", "adaptive"])]);
    return true;
  });
});

test("per-neuron draws depend on the seed only, and export to PyNN as lists", async () => {
  const make = (seed: number) => {
    const net = network({ seed });
    net.population("p", 4, cells.lifCurrExp({ tauM: { distribution: "uniform", low: 10, high: 30 } }));
    return net;
  };
  const a = make(1).toPyNN();
  assert.equal(a, make(1).toPyNN());
  assert.notEqual(a, make(2).toPyNN());
  assert.match(a, /sim\.IF_curr_exp\(tau_m=\[[0-9.]+, [0-9.]+, [0-9.]+, [0-9.]+\], cm=1\.0/);
});
