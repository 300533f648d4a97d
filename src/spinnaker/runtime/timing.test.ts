import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../core/errors.js";
import { coreCycleCoefficients } from "../provenance/cycleModel.js";
import { type Emulation, INPUT_BUFFER_CAPACITY, emulate } from "./emulator.js";
import { LIF_CURR_EXP_DEFAULTS } from "./lifCurrExp.js";
import { allToAll, type EmuNetwork, range } from "./network.js";

/** `nSources` spike-source neurons that all fire at 5 ms, all-to-all onto `nTargets` LIF neurons (one core). */
function burst(nSources: number, nTargets: number, delayMs: number): EmuNetwork {
  return {
    dtMs: 1, profile: "spynnaker7",
    populations: [
      { kind: "SpikeSourceArray", label: "burst", size: nSources, spikeTimesMs: Array.from({ length: nSources }, () => [5]) },
      { kind: "IF_curr_exp", label: "target", size: nTargets, params: { ...LIF_CURR_EXP_DEFAULTS }, recordV: true },
    ],
    projections: [{ pre: "burst", post: "target", receptor: "excitatory", connections: allToAll(range(0, nSources), range(0, nTargets), 0.01, delayMs) }],
  };
}

/** A counter summed over the target's cores (0 when absent). */
function count(run: Emulation, name: string): number {
  return run.provenance.filter((p) => p.name === name && p.where.startsWith("target")).reduce((n, p) => n + p.count, 0);
}

const TIMING_COUNTERS = [
  "Times_the_input_buffer_lost_packets", "Max_filled_size_input_buffer", "Number_of_late_spikes", "Late spikes", "Max late spike", "Skipped synapses",
];

test("a burst of 300 spikes into one core in one tick loses exactly the 45 beyond the 255-key input buffer", () => {
  const faithful = emulate(burst(300, 1, 1), { durationMs: 10, timing: "faithful" });
  assert.equal(INPUT_BUFFER_CAPACITY, 255);
  assert.equal(count(faithful, "Times_the_input_buffer_lost_packets"), 300 - 255);
  assert.equal(count(faithful, "Max_filled_size_input_buffer"), 255);
  assert.equal(count(faithful, "How many spikes were processed"), 255);
  assert.equal(count(faithful, "Total_pre_synaptic_events"), 255);
  // The 255 kept fit the tick's cycle budget, so none is late: the loss is the buffer's alone.
  assert.equal(count(faithful, "Number_of_late_spikes"), 0);
  const ideal = emulate(burst(300, 1, 1), { durationMs: 10 });
  assert.equal(count(ideal, "How many spikes were processed"), 300);
  for (const name of TIMING_COUNTERS) assert.equal(count(ideal, name), 0, `${name} in ideal mode`);
  // A burst that fits loses nothing.
  assert.equal(count(emulate(burst(255, 1, 1), { durationMs: 10, timing: "faithful" }), "Times_the_input_buffer_lost_packets"), 0);
});

test("packets beyond the cycle budget are processed a tick late; with delay 1 their synapses are skipped", () => {
  const nSources = 100;
  const nTargets = 100;
  const run = emulate(burst(nSources, nTargets, 1), { durationMs: 10, timing: "faithful" });
  // The cycle model's price of this core's tick: the neuron update, then 100 static synapses per packet.
  const cost = coreCycleCoefficients({ nNeurons: nTargets, neuronModel: "lif", inputType: "current", popTableEntries: 1 }, 1);
  const perPacket = cost.perSpike + nTargets * cost.perStaticSynapse;
  const inTime = Math.ceil((cost.budgetCycles - cost.fixedCycles) / perPacket); // packets that start before the deadline
  assert.ok(inTime > 0 && inTime < nSources, `${inTime} of ${nSources} in time`);
  const late = nSources - inTime;
  assert.equal(count(run, "Number_of_late_spikes"), late);
  assert.equal(count(run, "Late spikes"), late);
  assert.equal(count(run, "Max late spike"), 1);
  assert.equal(count(run, "Skipped synapses"), late * nTargets);
  assert.equal(count(run, "How many spikes were processed"), nSources);
  // What the late spikes would have added is missing: the voltages after the input differ from ideal mode.
  const ideal = emulate(burst(nSources, nTargets, 1), { durationMs: 10 });
  for (const name of TIMING_COUNTERS) assert.equal(count(ideal, name), 0, `${name} in ideal mode`);
  const v = run.recorded("target")!.v;
  const vIdeal = ideal.recorded("target")!.v;
  assert.deepEqual(v.subarray(0, 7 * nTargets), vIdeal.subarray(0, 7 * nTargets), "identical up to the input's arrival at 6 ms");
  assert.ok(v[7 * nTargets]! < vIdeal[7 * nTargets]!, "less excitation arrived");
});

test("a late spike whose delay exceeds its lateness still reaches its intended slot (7.x colours): same voltages as ideal", () => {
  const run = emulate(burst(100, 100, 3), { durationMs: 12, timing: "faithful" });
  assert.ok(count(run, "Late spikes") > 0);
  assert.equal(count(run, "Skipped synapses"), 0);
  assert.deepEqual(run.recorded("target")!.v, emulate(burst(100, 100, 3), { durationMs: 12 }).recorded("target")!.v);
});

test("an unknown timing mode is refused with the stack's kind of message", () => {
  assert.throws(() => emulate(burst(2, 1, 1), { durationMs: 5, timing: "exact" as "ideal" }), (e: unknown) => e instanceof CajalError && /timing/.test(e.message));
});
