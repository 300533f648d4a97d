import assert from "node:assert/strict";
import { test } from "node:test";
import { emulate } from "./emulator.js";
import { LIF_CURR_EXP_DEFAULTS } from "./lifCurrExp.js";
import type { EmuNetwork } from "./network.js";

const net = (rateHz: number, size: number, weight = 0.1): EmuNetwork => ({
  dtMs: 1, profile: "spynnaker7",
  populations: [
    { kind: "SpikeSourcePoisson", label: "noise", size, rateHz },
    { kind: "IF_curr_exp", label: "target", size: 1, params: { ...LIF_CURR_EXP_DEFAULTS, vThresh: 1000 } },
  ],
  projections: [{ pre: "noise", post: "target", receptor: "excitatory", connections: Array.from({ length: size }, (_, i) => [i, 0, weight, 1] as [number, number, number, number]) }],
});

test("Poisson sources fire at their rate: 1200 neurons at 20 Hz for 1 s give 24,000 ± 5σ spikes over 500-neuron cores", () => {
  const run = emulate(net(20, 1200), { durationMs: 1000, seed: 7 });
  const n = run.spikes("noise").times.length;
  const expected = 1200 * 20 * (1 - Math.exp(-0.02)) / 0.02; // one recorded spike per busy tick
  assert.ok(Math.abs(n - expected) < 5 * Math.sqrt(expected), `${n} spikes, expected ≈ ${expected.toFixed(0)}`);
  assert.deepEqual(run.mapping.vertices.filter((v) => v.appVertex === 0).map((v) => v.hi - v.lo), [500, 500, 200]);
});

test("the same seed gives the same spikes; another seed gives others", () => {
  const a = emulate(net(50, 20), { durationMs: 200, seed: 3 }).spikes("noise");
  const b = emulate(net(50, 20), { durationMs: 200, seed: 3 }).spikes("noise");
  const c = emulate(net(50, 20), { durationMs: 200, seed: 4 }).spikes("noise");
  assert.deepEqual(Array.from(a.times), Array.from(b.times));
  assert.deepEqual(Array.from(a.neurons), Array.from(b.neurons));
  assert.notDeepEqual(Array.from(a.times), Array.from(c.times));
});

test("several spikes of one neuron in one tick travel as one packet and are processed as that many spikes", () => {
  const run = emulate(net(5000, 1), { durationMs: 400, seed: 11 }); // λ = 5 spikes per tick
  const processed = run.provenance.find((p) => p.name === "Total_pre_synaptic_events")!.count;
  const packets = run.provenance.find((p) => p.name === "Local_Multicast_Packets")!.count;
  const recorded = run.spikes("noise").times.length;
  assert.equal(packets, recorded, "one packet per busy tick");
  assert.ok(Math.abs(processed / 400 - 5) < 5 * Math.sqrt(5 / 400), `${processed / 400} spikes per tick processed`);
  assert.ok(recorded <= 400 && recorded > 390, "almost every tick is busy, recorded once");
});

test("a Poisson source declares its rate, so the host sizes the ring buffer for rate/1000 spikes per tick", () => {
  // 100 sources at 5000 Hz onto one neuron at 0.1 nA: W = 5 · 0.1 · 100 = 50 → shift 6 (30 Hz would give W = 10, shift 4).
  const run = emulate(net(5000, 100), { durationMs: 5, seed: 1 });
  assert.deepEqual(run.ringBufferShifts.get("target"), [6, 0]);
  assert.deepEqual(emulate(net(20, 100), { durationMs: 5 }).ringBufferShifts.get("target"), [4, 0]);
});
