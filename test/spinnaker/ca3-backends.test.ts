import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, network } from "../../src/model/index.js";
import "../../src/sim/index.js";
import {
  buildCa3Cam, ca3Experiment1, ca3Experiment2, ca3Experiment3, ca3Input, ca3RandomExperiment, ca3ResourceFormula, checkOperations, runOnSpinnaker,
} from "../../src/spinnaker/backend/index.js";
import { type Ca3Column, CA3_EXPERIMENT1_SPIKES } from "../../src/spinnaker/runtime/fixtures/ca3Experiment1.js";
import { ca3SpikeSet } from "./helpers.js";

/** Column of the SpiNNaker table → [population, first index, end]. */
const COLUMNS: Readonly<Record<Ca3Column, readonly [string, number, number]>> = {
  INcue: ["IL", 0, 5], INcont: ["IL", 5, 15], cueCue: ["cueCue", 0, 5], contCue: ["contCue", 0, 10],
  contCond: ["contCond", 0, 10], condInt: ["contCondInt", 0, 1], cueCont: ["cueCont", 0, 5], contCont: ["contCont", 0, 10],
  mergeCue: ["mergeCue", 0, 5], mergeCont: ["mergeCont", 0, 10], OUTcue: ["OL", 0, 5], OUTcont: ["OL", 5, 15],
};

function ca3(exp = ca3Experiment1()) {
  const net = network({ dt: 1, seed: 1 });
  buildCa3Cam(net, exp.cueSize, exp.contSize, ca3Input(exp));
  return net;
}

test("CA3 experiment 1 written in the DSL runs on spinnaker and equals the authors' SpiNNaker table in all 12 columns, tick by tick", async () => {
  const run = await runOnSpinnaker(ca3(), 90);
  const got = new Map<string, string>();
  for (const [col, [pop, lo, hi]] of Object.entries(COLUMNS)) {
    const s = run.spikes(pop);
    for (let k = 0; k < s.times.length; k++) {
      const n = s.neurons[k]!;
      if (n < lo || n >= hi) continue;
      const key = `${s.times[k]}|${col}`;
      got.set(key, got.has(key) ? `${got.get(key)} ${n - lo}` : `${n - lo}`);
    }
  }
  const want = new Map<string, string>();
  for (const [t, row] of CA3_EXPERIMENT1_SPIKES) for (const [col, ns] of Object.entries(row)) want.set(`${t}|${col}`, ns.join(" "));
  const diffs = [...new Set([...got.keys(), ...want.keys()])].filter((k) => got.get(k) !== want.get(k));
  assert.deepEqual(diffs, []);
  assert.equal([...got.values()].reduce((n, v) => n + v.split(" ").length, 0), 322);
  // Forgetting: after relearning, the stored cue 3 → content 5 and 6 weights are gone.
  const w = run.weightMatrix("cueCue→contCue (STDP)");
  assert.ok(w.values[3 * 10 + 5]! < 1 && w.values[3 * 10 + 6]! < 1, `cue 3 → 5, 6: ${w.values[35]}, ${w.values[36]}`);
});

test("CA3 experiments 2 (60 operations) and 3 (16 learnings, 4 queries) answer every operation exactly on spinnaker", async () => {
  for (const exp of [ca3Experiment2(), ca3Experiment3()]) {
    const run = await runOnSpinnaker(ca3(exp), exp.durationMs);
    const s = run.spikes("OL");
    const { operations: checks, stray } = checkOperations(exp, s.times, s.neurons);
    assert.equal(checks.length, exp.operations.length);
    assert.deepEqual(checks.filter((c) => !c.correct).map((c) => c.index), [], exp.name);
    assert.deepEqual(stray, [], `${exp.name}: no output outside the operations' answer ticks`);
    assert.ok(checks.every((c) => c.got.length > 0), "every operation answers");
    if (exp.cueSize === 16) {
      assert.deepEqual(checks.slice(16).map((c) => c.answer), [[2, 6, 10, 12, 13, 14], [3, 5, 11, 15], [1, 7, 9], [0, 4, 8]]);
    }
  }
});

test("the built CA3 networks have the paper's neuron and synapse counts", async () => {
  for (const exp of [ca3Experiment1(), ca3Experiment3()]) {
    const net = ca3(exp);
    const spec = net.spec();
    const run = await runOnSpinnaker(net, 10);
    const neurons = spec.populations.reduce((n, p) => n + p.size, 0);
    const synapses = spec.projections.reduce((n, p) => n + run.weights(p.label).pre.length, 0);
    const io = spec.projections.filter((p) => p.pre.population === "IL" || p.post.population === "OL")
      .reduce((n, p) => n + run.weights(p.label).pre.length, 0);
    const f = ca3ResourceFormula(exp.cueSize, exp.contSize);
    assert.equal(neurons, f.neuronsWithIO);
    assert.equal(neurons - 2 * (exp.cueSize + exp.contSize), f.neurons);
    assert.equal(synapses, f.synapsesWithIO);
    assert.equal(synapses - io, f.synapses);
  }
});

test("reference and spinnaker on CA3 agree spike for spike until the first recall by content; after it they differ where STDP bookkeeping differs", async () => {
  const spinRun = await runOnSpinnaker(ca3(), 90);
  const refRun = await ca3().run(90);
  const spin = ca3SpikeSet(spinRun);
  const float = ca3SpikeSet(await runOnSpinnaker(ca3(), 90, { profile: "float" }));
  const ref = ca3SpikeSet(refRun);
  assert.deepEqual([...float].sort(), [...spin].sort(), "the float profile gives the 7.x raster: fixed point is not the cause");
  const early = (xs: Set<string>) => [...xs].filter((x) => Number(x.split("|")[0]) < 44).sort();
  assert.deepEqual(early(ref), early(spin), "learning and recall by cue (0–43 ms) are identical");
  const order = (xs: string[]) => xs.sort((a, b) => Number(a.split("|")[0]) - Number(b.split("|")[0]) || a.localeCompare(b));
  // SpiNNaker (and the authors' table): recalls by content return cue 4, then cues {0, 3}, then cue 4 again, and relearning
  // cue 3 replays its old content {5, 6} through contCond/contCont at 63–64. The reference misses cue 4 at 44 and cue 3 at 54,
  // answers cue 3 instead of 4 at 84 (the forgetting fails), and has no replay.
  assert.deepEqual(order([...spin].filter((x) => !ref.has(x))), [
    "44|cueCont|4", "45|mergeCue|4", "46|OL|4", "54|cueCont|3", "55|mergeCue|3", "56|OL|3", "63|contCond|5", "63|contCond|6",
    "64|contCont|5", "64|contCont|6", "84|cueCont|4", "85|mergeCue|4", "86|OL|4",
  ]);
  assert.deepEqual(order([...ref].filter((x) => !spin.has(x))), ["84|cueCont|3", "85|mergeCue|3", "86|OL|3"]);
  // The cause is the learned content → cue weights. SpiNNaker defers each update to the next presynaptic spike, applies one
  // depression term per pre spike (the latest post spike, at zero interval too) and clamps after every term (spinnaker.md §4.1);
  // the reference applies every pairing when it happens. Content 6 → cue 4, learned at 10–17 ms, ends at w_max on SpiNNaker
  // and about 4.67 nA on the reference, whose exact integration of a 0.3 ms synaptic current (next test) then leaves the
  // fast cueCont cell below threshold.
  const ws = spinRun.weightMatrix("contCont→cueCont (STDP)").values[6 * 5 + 4]!;
  const wr = refRun.weightMatrix("contCont→cueCont (STDP)").values[6 * 5 + 4]!;
  assert.ok(ws > 5.9 && wr < ws - 1, `content 6 → cue 4: spinnaker ${ws} nA, reference ${wr} nA`);
});

test("a second difference by design: with τsyn = 0.3 ms < dt, SpiNNaker holds a step's mean current, the reference integrates the decaying current exactly", async () => {
  // A fast CA3 cell (cm 0.14 nF, τm 0.5 ms) fires at 3, is refractory at 4 while 60 nA of inhibition arrives, and gets 6 nA
  // of excitation at 5. On SpiNNaker the inhibition left at 5 is 60·0.289·e^(−1/0.3) = 0.62 nA against 6·0.289 = 1.73 nA held
  // over the step: V reaches −56.7 mV and the cell fires. Integrated exactly, the same charges leave V at −57.94 mV: no spike.
  const net = network({ dt: 1, seed: 1 });
  const base = { vRest: -60, vReset: -60, vThresh: -57, tauRefrac: 1, tauSynE: 0.3, tauSynI: 0.3, iOffset: 0, cm: 0.14, tauM: 0.5 };
  const e = net.population("e", 1, cells.spikeSourceArray({ spikeTimes: [2, 4] }));
  const i = net.population("i", 1, cells.spikeSourceArray({ spikeTimes: [3] }));
  net.population("x", 1, cells.lifCurrExp(base)).record(["spikes", "v", "gsyn_inh"]);
  net.project(e, net.populationNamed("x"), connect.oneToOne(), { weight: 6, delay: 1 });
  net.project(i, net.populationNamed("x"), connect.oneToOne(), { weight: -60, delay: 1, receptor: "inhibitory" });
  const spin = await runOnSpinnaker(net, 8, { profile: "float" });
  const ref = await net.run(8);
  assert.deepEqual(Array.from(spin.spikes("x").times), [3, 5]);
  assert.deepEqual(Array.from(ref.spikes("x").times), [3]);
  const held = 60 * 0.3 * (1 - Math.exp(-1 / 0.3));
  assert.ok(Math.abs(spin.trace("x", "gsyn_inh", 0).values[4]! - held) < 1e-9, "SpiNNaker's inhibitory input at 4 is the step mean");
  assert.ok(Math.abs(ref.trace("x", "v", 0).values[6]! - -57.94) < 0.01);
});

test("the operation check catches a wrong answer: under the spynnaker6 profile (A± multiplied by w_max) experiment 1's recalls by content fail", async () => {
  const exp = ca3Experiment1();
  const run = await runOnSpinnaker(ca3(exp), 90, { profile: "spynnaker6" });
  const s = run.spikes("OL");
  const { operations } = checkOperations(exp, s.times, s.neurons);
  // spinnaker.md §9.5: under 6.x the recalls at 40, 50 and 80 ms come out differently.
  assert.deepEqual(operations.filter((c) => !c.correct).map((c) => c.op.tMs), [40, 50, 80]);
});

test("random experiments: contents are non-empty, half the cues are relearned, spacing as asked", () => {
  let x = 0.123;
  const uniform = () => (x = (x * 9301 + 0.49297) % 1);
  const exp = ca3RandomExperiment({ cueSize: 10, contSize: 20, density: 0.2, learnSpacingMs: 7, recallSpacingMs: 6 }, uniform);
  const learns = exp.operations.filter((o) => o.kind === "learn");
  assert.equal(learns.length, 15);
  assert.ok(learns.every((o) => o.kind === "learn" && o.content.length > 0));
  assert.equal(exp.operations.length, 15 + 2 * (10 + 20));
  assert.equal(exp.operations[1]!.tMs - exp.operations[0]!.tMs, 7);
  assert.equal(exp.operations[11]!.tMs - exp.operations[10]!.tMs, 6);
});

test("weight samples every 10 ms: the stored weights lag the spikes (deferred STDP) and the last sample is the final matrix", async () => {
  const exp = ca3Experiment1();
  const net = network({ dt: 1, seed: 1 });
  const plastic = buildCa3Cam(net, exp.cueSize, exp.contSize, ca3Input(exp), { recordWeightsEveryMs: 10 });
  const run = await runOnSpinnaker(net, 90);
  const history = run.weightHistory(plastic.cueToCont);
  assert.deepEqual(history.map((h) => h.tMs), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  assert.deepEqual(Array.from(history.at(-1)!.weight), Array.from(run.weights(plastic.cueToCont).weight));
  const w = run.weights(plastic.cueToCont);
  const at = (h: { weight: Float64Array }, i: number, j: number) => h.weight[[...w.pre.keys()].find((k) => w.pre[k] === i && w.post[k] === j)!]!;
  // Cue 3 learned {4, 5, 6} at 20–23 ms, but its row is only updated when cue 3 fires again (61 ms): zero until then.
  for (const h of history.filter((x) => x.tMs <= 60)) assert.equal(at(h, 3, 5), 0, `cue 3 → 5 at ${h.tMs} ms`);
  // Cue 0 learned content 0 at 0–3 ms; the potentiation by the post spike at 3 ms is applied when cue 0 fires again at 31 ms.
  for (const h of history.filter((x) => x.tMs <= 30)) assert.ok(at(h, 0, 0) < 1, `cue 0 → 0 at ${h.tMs} ms: ${at(h, 0, 0)}`);
  assert.equal(at(history[3]!, 0, 0), 6, "w_max from 40 ms on");
  // Same numbers as separate runs of 30 and 70 ms would read back.
  for (const t of [30, 70]) {
    const part = network({ dt: 1, seed: 1 });
    buildCa3Cam(part, exp.cueSize, exp.contSize, ca3Input(exp));
    const r = await runOnSpinnaker(part, t);
    assert.deepEqual(Array.from(r.weights(plastic.cueToCont).weight), Array.from(history[t / 10 - 1]!.weight));
  }
});
