import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cellParameters, cells, connect, network, perNeuronSupportProblems } from "../../src/model/index.js";
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

test("a backend whose kernel takes shared values only can say so with perNeuronSupportProblems", () => {
  const net = network();
  net.population("izh", 2, cells.izhikevich({ a: [0.02, 0.1] }));
  net.population("lif", 2, cells.lifCurrExp({ tauM: [10, 20] }));
  assert.deepEqual(perNeuronSupportProblems(net.spec(), "test-chip", ["neuron/lif"]), [
    msg.perNeuronUnsupported("izh.cell.neuron", "test-chip", "neuron", "izhikevich", ["a"], ["lif"]),
  ]);
});

test("one Izhikevich population with per-neuron (c, d) holds regular-spiking and chattering cells", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  net.population("mixed", 2, cells.izhikevich({ c: [-65, -50], d: [8, 2], iOffset: 10 })).record("spikes");
  const run = await net.run(500);
  const isis = (i: number) => { const t = timesOfNeuron(run.spikes("mixed"), i); return t.slice(1).map((x, k) => x - t[k]!); };
  const rs = isis(0);
  const ch = isis(1).slice(8);
  assert.ok(rs.at(-1)! > 2 * rs[0]! && rs.slice(3).every((x) => x > 20), `regular spiking: ${rs.map((x) => x.toFixed(1))}`);
  assert.ok(ch.filter((x) => x < 8).length >= 3 * ch.filter((x) => x > 25).length && ch.some((x) => x > 25), `chattering: ${ch.map((x) => x.toFixed(1))}`);
});

test("per-neuron AdEx and alpha-synapse parameters match separate homogeneous populations exactly", async () => {
  const tauW = [50, 144, 300];
  const together = network({ dt: 0.1, seed: 1 });
  together.population("all", 3, cells.adexCondExpIsfaIsta({ tauW, iOffset: 0.8 })).record(["spikes", "v"]);
  const joint = await together.run(300);
  for (let i = 0; i < 3; i++) {
    const alone = network({ dt: 0.1, seed: 1 });
    alone.population("one", 1, cells.adexCondExpIsfaIsta({ tauW: tauW[i]!, iOffset: 0.8 })).record(["spikes", "v"]);
    const single = await alone.run(300);
    assert.deepEqual(joint.trace("all", "v", i).values, single.trace("one", "v", 0).values, `AdEx neuron ${i}`);
  }
  const alpha = network({ dt: 0.1, seed: 1 });
  const src = alpha.population("src", 1, cells.spikeSourceArray({ spikeTimes: [2] }));
  const cellsAlpha = alpha.population("c", 2, cells.lifCurrAlpha({ tauSynE: [1, 3], vThresh: 0 })).record("gsyn_exc");
  alpha.project(src, cellsAlpha, connect.allToAll(), { weight: 0.5, delay: 1 });
  const run = await alpha.run(20);
  for (const [i, tau] of [[0, 1], [1, 3]] as const) {
    const { t, values } = run.trace("c", "gsyn_exc", i);
    const k = Math.round((3 + tau) / 0.1);
    assert.ok(Math.abs(values[k]! - 0.5) < 1e-12, `neuron ${i}: peak 0.5 at ${t[k]} ms, got ${values[k]}`);
  }
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
