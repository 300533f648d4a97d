import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../core/errors.js";
import { virtualMachine } from "../machine/boards.js";
import { type Emulation, emulate } from "./emulator.js";
import { type Ca3Column, CA3_EXPERIMENT1_SPIKES } from "./fixtures/ca3Experiment1.js";
import { ca3Network } from "./fixtures/ca3Network.js";
import { LIF_CURR_EXP_DEFAULTS } from "./lifCurrExp.js";
import { connectionColumns, type EmuNetwork } from "./network.js";

const COLUMNS: Readonly<Record<Ca3Column, readonly [string, number, number]>> = {
  INcue: ["IL", 0, 5], INcont: ["IL", 5, 15], cueCue: ["cueCue", 0, 5], contCue: ["contCue", 0, 10],
  contCond: ["contCond", 0, 10], condInt: ["contCondInt", 0, 1], cueCont: ["cueCont", 0, 5], contCont: ["contCont", 0, 10],
  mergeCue: ["mergeCue", 0, 5], mergeCont: ["mergeCont", 0, 10], OUTcue: ["OL", 0, 5], OUTcont: ["OL", 5, 15],
};

/** The run's raster in the fixture's shape: "tick|column" → sorted neuron ids. */
function raster(run: Emulation): Map<string, string> {
  const out = new Map<string, string>();
  for (const [col, [pop, lo, hi]] of Object.entries(COLUMNS)) {
    const s = run.spikes(pop);
    for (let i = 0; i < s.times.length; i++) {
      const n = s.neurons[i]!;
      if (n < lo || n >= hi) continue;
      const key = `${s.times[i]}|${col}`;
      out.set(key, out.has(key) ? `${out.get(key)} ${n - lo}` : `${n - lo}`);
    }
  }
  return out;
}

function differences(run: Emulation): string[] {
  const want = new Map<string, string>();
  for (const [t, row] of CA3_EXPERIMENT1_SPIKES) for (const [col, ns] of Object.entries(row)) want.set(`${t}|${col}`, ns.join(" "));
  const got = raster(run);
  return [...new Set([...got.keys(), ...want.keys()])].filter((k) => got.get(k) !== want.get(k))
    .map((k) => `${k}: emulated [${got.get(k) ?? ""}], SpiNNaker [${want.get(k) ?? ""}]`);
}

test("CA3 experiment 1 under spynnaker7 reproduces the authors' SpiNNaker raster spike for spike (322 spikes)", () => {
  const run = emulate(ca3Network("spynnaker7"), { durationMs: 90 });
  assert.deepEqual(differences(run), []);
  const total = [...raster(run).values()].reduce((n, v) => n + v.split(" ").length, 0);
  assert.equal(total, 322);
  // Ring-buffer shifts of spinnaker.md §9.3, recomputed by the host-side rules.
  assert.deepEqual(Object.fromEntries(run.ringBufferShifts), {
    cueCue: [3, 0], cueCont: [7, 10], contCue: [6, 0], contCont: [3, 0], contCond: [4, 9], contCondInt: [6, 0],
    mergeCue: [4, 0], mergeCont: [4, 0], OL: [4, 0],
  });
  assert.ok(run.mapping.placements.every((p) => p.x === 0 && p.y === 0), "all ten populations on chip (0, 0)");
  assert.ok(!run.provenance.some((p) => p.name === "Times_synaptic_weights_have_saturated"));
});

test("CA3 experiment 1 under spynnaker6 differs exactly at the recalls of 44, 54 and 84 ms, as spinnaker.md §9.5 predicts", () => {
  const diffs = differences(emulate(ca3Network("spynnaker6"), { durationMs: 90 }));
  assert.equal(diffs.length, 9);
  const cells = diffs.map((d) => d.split(":")[0]).sort();
  assert.deepEqual(cells, ["44|cueCont", "45|mergeCue", "46|OUTcue", "54|cueCont", "55|mergeCue", "56|OUTcue", "84|cueCont", "85|mergeCue", "86|OUTcue"]);
});

test("splitting every population over 2-neuron cores on a machine of tiny chips routes over the fabric and changes nothing", () => {
  const machine = virtualMachine({ width: 4, height: 4, wrap: "full", coresPerChip: 6 });
  const run = emulate(ca3Network("spynnaker7", true, 2), { durationMs: 90, machine });
  assert.ok(new Set(run.mapping.placements.map((p) => p.chip)).size > 5, "cores spread over several chips");
  assert.ok(run.provenance.some((p) => p.name === "External_Multicast_Packets"), "packets crossed chip boundaries");
  // Every External count is a packet that crossed a link into that router.
  const external = run.provenance.filter((p) => p.name === "External_Multicast_Packets").reduce((n, p) => n + p.count, 0);
  assert.equal(run.linkLoads.reduce((n, l) => n + l.packets, 0), external);
  assert.ok(run.linkLoads.every((l) => l.kind === "estimate" && l.peakUtilisation > 0 && l.peakUtilisation < 0.01));
  assert.deepEqual(differences(run), []);
});

test("STDP weights read back after experiment 1: learned cue→content synapses are at w_max, the rest decayed or unchanged", () => {
  const net = ca3Network("spynnaker7");
  const run = emulate(net, { durationMs: 90 });
  const k = net.projections.findIndex((p) => p.label === "cueCue → contCue (STDP)");
  const w = run.weightsNa(k);
  const conns = connectionColumns(net.projections[k]!.connections);
  const at = (i: number, j: number) => w[conns.pre.findIndex((a, c) => a === i && conns.post[c] === j)]!;
  // Cue 0 was paired with content {0, 1, 8, 9} at 0–2 ms; its recall spike (row processed at 31) applies the
  // potentiation from the post event at 3, which saturates at w_max = 6 nA.
  for (const j of [0, 8, 9]) assert.equal(at(0, j), 6, `cue 0 → content ${j}`);
  // Content 1 also fired at 11 and 13 (trace 3208), so the row at 31 depresses by mul16(3208, LUT[31 − 14] = 7) = 10:
  // 196608 − mulk(196608, 10 << 4) = 195648 raw, stored 195648 >> 6 = 3057, i.e. 3057 / 512 nA.
  assert.equal(at(0, 1), 3057 / 512);
  for (const j of [2, 3, 7]) assert.equal(at(0, j), 0, `cue 0 → content ${j} never paired`);
  for (const x of w) assert.ok(x >= 0 && x <= 6, "weights stay inside [w_min, w_max]");
});

test("a network error lists every problem: unknown population, index out of range, a source as target", () => {
  const bad: EmuNetwork = {
    dtMs: 1, profile: "spynnaker7",
    populations: [
      { kind: "SpikeSourceArray", label: "in", size: 2, spikeTimesMs: [[1], []] },
      { kind: "IF_curr_exp", label: "out", size: 2, params: LIF_CURR_EXP_DEFAULTS },
    ],
    projections: [
      { pre: "in", post: "nowhere", receptor: "excitatory", connections: [] },
      { pre: "in", post: "out", receptor: "excitatory", connections: [[0, 5, 1, 1]] },
      { pre: "out", post: "in", receptor: "excitatory", connections: [] },
    ],
  };
  assert.throws(() => emulate(bad, { durationMs: 10 }), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.deepEqual(e.problems.map((p) => p.ruleId), ["spinnaker-unknown-population", "spinnaker-connection-index", "spinnaker-source-target"]);
    return true;
  });
});

/** One source spike at 1 ms onto one neuron through a synapse of `delayMs`. */
function delayed(profile: "spynnaker7" | "spynnaker6", delayMs: number): EmuNetwork {
  return {
    dtMs: 1, profile,
    populations: [
      { kind: "SpikeSourceArray", label: "in", size: 1, spikeTimesMs: [[1]] },
      { kind: "IF_curr_exp", label: "out", size: 1, params: LIF_CURR_EXP_DEFAULTS, recordV: true },
    ],
    projections: [{ pre: "in", post: "out", receptor: "excitatory", connections: [[0, 0, 1, delayMs]] }],
  };
}

test("long delays go through a delay-extension core and arrive exactly when a direct delay would", () => {
  const firstInput = (run: Emulation) => run.recorded("out")!.gsynExc.findIndex((g) => g !== 0);
  // 7.x sizes the ring buffer for 20 ticks (32 slots): no extension. 6.x has 16 slots: stage 1 (16) + 4 remaining.
  const direct = emulate(delayed("spynnaker7", 20), { durationMs: 30 });
  const staged = emulate(delayed("spynnaker6", 20), { durationMs: 30 });
  assert.equal(direct.mapping.vertices.length, 2);
  assert.equal(staged.mapping.vertices.length, 3, "one delay-extension core was added");
  assert.equal(firstInput(direct), 21);
  assert.equal(firstInput(staged), 21);
  const sent = staged.provenance.find((p) => p.name === "Number_of_packets_sent");
  assert.equal(sent?.count, 1);
  // 100 ticks under 6.x: stage 6 (96 ticks) + 4; the delay core sends every stage 1…6 of the spike.
  const six = emulate(delayed("spynnaker6", 100), { durationMs: 110 });
  assert.equal(firstInput(six), 101);
  assert.equal(six.provenance.find((p) => p.name === "Number_of_packets_sent")?.count, 6);
});

test("a delay beyond 8 stages is refused with the stack's limits in the message", () => {
  emulate(delayed("spynnaker6", 144), { durationMs: 5 }); // 16 + 8·16 is the longest
  assert.throws(() => emulate(delayed("spynnaker6", 145), { durationMs: 5 }), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "spinnaker-delay-too-long" && /max delay supported is 144 ms/.test(e.message));
});

test("weights arrive with the delay and saturate the 16-bit slot when too many coincide", () => {
  // 10 sources fire together onto one neuron; the worst case the host assumes (30 Hz) is 10 × 1 nA, so no saturation…
  const sources = Array.from({ length: 10 }, () => [5]);
  const base = (maxConn?: number): EmuNetwork => ({
    dtMs: 1, profile: "spynnaker7",
    populations: [
      { kind: "SpikeSourceArray", label: "in", size: 10, spikeTimesMs: sources },
      { kind: "IF_curr_exp", label: "out", size: 1, params: { ...LIF_CURR_EXP_DEFAULTS, vThresh: 100 }, recordV: true },
    ],
    projections: [{
      pre: "in", post: "out", receptor: "excitatory", connections: sources.map((_, i) => [i, 0, 1, 3] as [number, number, number, number]),
      ...(maxConn !== undefined && { maxConnectionsPerPost: maxConn }),
    }],
  });
  const ok = emulate(base(), { durationMs: 12 });
  const g = ok.recorded("out")!.gsynExc;
  assert.equal(g[7], 0, "nothing before 5 + 3 ms");
  assert.ok(g[8]! > 0, "input arrives in the slot of tick 8");
  assert.ok(!ok.provenance.some((p) => p.name === "Times_synaptic_weights_have_saturated"));
  // …but if the connector claims one connection per neuron, the shift is 1 (scale 16384): a slot holds 65535, just under
  // four weights, so the 4th to 10th additions saturate.
  const clipped = emulate(base(1), { durationMs: 12 });
  const sat = clipped.provenance.find((p) => p.name === "Times_synaptic_weights_have_saturated");
  assert.equal(sat?.count, 7);
  assert.ok(clipped.recorded("out")!.gsynExc[8]! < g[8]!, "the clipped input is smaller");
});

test("the run's energy estimate: one SpiNN-5 board idle for 90 ms, ten cores active, 1 nJ per router visit", async () => {
  const { estimateRunEnergy } = await import("./runEnergy.js");
  const run = emulate(ca3Network("spynnaker7"), { durationMs: 90 });
  const e = estimateRunEnergy(run);
  assert.equal(e.kind, "estimate");
  // All ten cores sit on chip (0, 0): each spike visits exactly one router, so packets = spikes sent by senders.
  const sentSpikes = ["IL", "cueCue", "cueCont", "contCue", "contCont", "contCond", "contCondInt", "mergeCue", "mergeCont"]
    .reduce((n, p) => n + run.spikes(p).times.length, 0);
  assert.equal(e.multicastPackets, sentSpikes);
  assert.ok(Math.abs(e.idleJ - 26.84 * 0.09) < 1e-12);
  assert.ok(Math.abs(e.activeCoresJ - 0.034 * 10 * 0.09) < 1e-12);
  assert.ok(Math.abs(e.routersJ - sentSpikes * 1e-9) < 1e-18);
});

test("the float profile runs the same discretisation: CA3's raster is unchanged, learned weights agree to LUT precision", () => {
  const float = emulate(ca3Network("float"), { durationMs: 90 });
  assert.deepEqual(differences(float), [], "robust inputs: the float raster equals the SpiNNaker raster");
  const fixed = emulate(ca3Network("spynnaker7"), { durationMs: 90 });
  const net = ca3Network("float");
  const k = net.projections.findIndex((p) => p.label === "cueCue → contCue (STDP)");
  const wf = float.weightsNa(k);
  const wx = fixed.weightsNa(k);
  // Fixed weights are floored to 2^(6−15) nA and the traces to 1/2048 through tables: a few LSB at most.
  wf.forEach((w, i) => assert.ok(Math.abs(w - wx[i]!) < 8 * 2 ** (6 - 15), `synapse ${i}: float ${w}, fixed ${wx[i]}`));
  assert.ok(wf.some((w, i) => w !== wx[i]), "…but they are not bit-identical");
});

test("a float-profile trace has the float kernel's values, 0.0013 mV above 7.x at tick 11 of trace A", () => {
  const net = (profile: "float" | "spynnaker7"): EmuNetwork => ({
    dtMs: 1, profile,
    populations: [
      { kind: "SpikeSourceArray", label: "in", size: 1, spikeTimesMs: [[0, 4, 5]] },
      { kind: "IF_curr_exp", label: "out", size: 1, params: LIF_CURR_EXP_DEFAULTS, recordV: true },
    ],
    projections: [{ pre: "in", post: "out", receptor: "excitatory", connections: [[0, 0, 1, 1]] }],
  });
  const f = emulate(net("float"), { durationMs: 12 }).decoded("out")!;
  const x = emulate(net("spynnaker7"), { durationMs: 12 });
  assert.equal(x.recorded("out")!.v[11], -1840982, "the fixed run is trace A");
  assert.ok(Math.abs(f.v[11]! - x.decoded("out")!.v[11]! - 0.0013) < 0.00005);
});

test("the synapse report gives each population's shifts, weight resolution and delay slots; cycle estimates are labelled", () => {
  const run = emulate(ca3Network("spynnaker7"), { durationMs: 90 });
  const cueCont = run.synapseReport.find((r) => r.population === "cueCont")!;
  assert.deepEqual(cueCont.shifts, [7, 10]);
  assert.deepEqual(cueCont.weightResolution, [2 ** -8, 2 ** -5]);
  assert.equal(cueCont.maxDelayTicks, 3);
  assert.equal(cueCont.delaySlots, 4, "delays up to 3 ticks get 4 slots (spinnaker.md §7.2)");
  assert.equal(run.synapseReport.find((r) => r.population === "OL")!.delaySlots, 2);
  assert.equal(run.cycleEstimates.length, 9);
  for (const e of run.cycleEstimates) {
    assert.equal(e.kind, "estimate");
    assert.equal(e.budgetCycles, 200_000);
    assert.equal(e.ticksPredictedOverrun, 0, `${e.where} is far from its budget`);
    assert.ok(e.worstBusyCycles >= e.meanBusyCycles && e.meanBusyCycles > 0);
  }
});

test("connections given as parallel typed arrays (the DSL's expansion shape) run exactly like tuples", () => {
  const tuples = ca3Network("spynnaker7");
  const columns: EmuNetwork = {
    ...tuples,
    projections: tuples.projections.map((p) => {
      const c = connectionColumns(p.connections);
      return { ...p, connections: { pre: c.pre, post: c.post, weight: c.weight, delayMs: c.delayMs } };
    }),
  };
  assert.deepEqual(differences(emulate(columns, { durationMs: 90 })), []);
});

test("a 300-tick delay fits a small population's 7.x ring buffer (512 slots) and arrives on time", () => {
  const run = emulate(delayed("spynnaker7", 300), { durationMs: 310 });
  assert.equal(run.mapping.vertices.length, 2, "no delay extension needed");
  assert.equal(run.synapseReport.find((r) => r.population === "out")!.delaySlots, 512);
  assert.equal(run.recorded("out")!.gsynExc.findIndex((g) => g !== 0), 301);
});
