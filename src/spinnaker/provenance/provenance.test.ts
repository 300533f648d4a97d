import assert from "node:assert/strict";
import { test } from "node:test";
import { type CounterInfo, PROVENANCE_COUNTERS, type ProvenanceItem, describeItem, isProvenanceName, provenanceReport } from "./counters.js";
import { estimateEnergy, idlePowerW } from "./energy.js";
import { cyclesPerTick, estimateTickCycles } from "./cycleModel.js";

test("every counter has a meaning, and every counter that warns has a remedy", () => {
  for (const [name, entry] of Object.entries(PROVENANCE_COUNTERS)) {
    const info: CounterInfo = entry;
    assert.ok(info.meaning.length > 10, `${name} has a meaning sentence`);
    if (info.warnsWhenNonZero) assert.ok(info.remedy.length > 5, `${name} has a remedy`);
  }
  for (const name of ["Times_the_timer_tic_over_ran", "Times_the_input_buffer_lost_packets", "Times_synaptic_weights_have_saturated",
    "Dropped_Multicast_Packets", "Reinjected", "Dumped_from_a_Link", "Number_of_late_spikes", "How many spikes were processed"]) {
    assert.ok(isProvenanceName(name), `${name} is in the catalogue under the stack's name`);
  }
  assert.ok(!isProvenanceName("toString"));
});

test("the report lists only non-zero warning counters, with the stack's wording and the remedy", () => {
  const items: ProvenanceItem[] = [
    { name: "Times_the_timer_tic_over_ran", where: "exc on 0,0,3", count: 4 },
    { name: "Total_pre_synaptic_events", where: "exc on 0,0,3", count: 1000 },
    { name: "Times_the_input_buffer_lost_packets", where: "exc on 0,0,3", count: 0 },
    { name: "Dropped_Multicast_Packets", where: "router (0, 1)", count: 2 },
  ];
  const lines = provenanceReport(items);
  assert.equal(lines.length, 2);
  assert.equal(lines[0], describeItem(items[0]!));
  assert.match(lines[0]!, /^A Timer tick callback in exc on 0,0,3 was still executing when the next timer tick callback was fired off 4 times\./);
  assert.match(lines[0]!, /What to do: increase the time_scale_factor/);
  assert.match(lines[1]!, /router \(0, 1\): Dropped_Multicast_Packets = 2/);
});

test("energy estimates reproduce the hand-computable cases of spinnaker.md §9.5", () => {
  const idle = estimateEnergy({ idle: { kind: "spinn5Boards", boards: 1 }, runTimeMs: 1000, activeCoreTimeMs: 0 });
  assert.equal(idle.kind, "estimate");
  assert.ok(Math.abs(idle.totalJ - 26.84) < 1e-12, "one idle SpiNN-5 board for 1 s is 26.84 J");
  const packets = estimateEnergy({ idle: { kind: "chips", chips: 0 }, runTimeMs: 0, activeCoreTimeMs: 0, packets: { multicast: 1e6 } });
  assert.ok(Math.abs(packets.routersJ - 1e-3) < 1e-15, "10^6 spikes through one router is 1 mJ");
  const cores = estimateEnergy({ idle: { kind: "chips", chips: 0 }, runTimeMs: 1000, activeCoreTimeMs: 16 * 1000 });
  assert.ok(Math.abs(cores.activeCoresJ - 0.544) < 1e-12, "16 cores active for 1 s is 0.544 J");
  const p2p = estimateEnergy({ idle: { kind: "spinn3Board" }, runTimeMs: 2000, activeCoreTimeMs: 0, packets: { pointToPoint: 10, multicastWithPayload: 10 }, payloadMulticastAt72Bits: true });
  assert.ok(Math.abs(p2p.routersJ - 36e-9) < 1e-20);
  assert.ok(Math.abs(p2p.idleJ - 7.12) < 1e-12);
  assert.equal(idlePowerW({ kind: "chips", chips: 48 }), 48 * 0.35);
  assert.ok(Math.abs(idlePowerW({ kind: "spinn5Boards", boards: 1, boxed: true }) - 31.88) < 1e-12, "boxed board 31.88 W as measured");
});

test("the cycle model: 200,000 cycles per 1 ms tick; a light core has slack, a flooded one is predicted to overrun", () => {
  assert.equal(cyclesPerTick(1), 200_000);
  assert.equal(cyclesPerTick(0.1, 10), 200_000);
  const light = estimateTickCycles({ nNeurons: 256, neuronModel: "lif", inputType: "current", spikesReceived: 10, staticSynapses: 1000, plasticSynapses: 0, popTableEntries: 4 }, 1);
  assert.equal(light.busyCycles, 10 + 256 * (100 + 100 + 0 + 2 + 22) + 10 * (50 + 20 + 200) + 1000 * 30);
  assert.ok(!light.predictedOverrun && light.slackCycles > 0);
  const flooded = estimateTickCycles({ nNeurons: 256, neuronModel: "lif", inputType: "current", spikesReceived: 200, staticSynapses: 50_000, plasticSynapses: 0, popTableEntries: 4 }, 1);
  assert.ok(flooded.predictedOverrun && flooded.slackCycles < 0);
});
