import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../core/errors.js";
import { emulate } from "./emulator.js";
import { IZHIKEVICH_DEFAULTS } from "./izhikevich.js";
import { LIF_COND_EXP_DEFAULTS } from "./lifCondExp.js";
import type { EmuNetwork, EmuNeuronPopulation } from "./network.js";

const drive = (target: EmuNeuronPopulation, weight: number, times: number[]): EmuNetwork => ({
  dtMs: 1, profile: "spynnaker7",
  populations: [{ kind: "SpikeSourceArray", label: "in", size: 1, spikeTimesMs: [times] }, target],
  projections: [{ pre: "in", post: target.label, receptor: "excitatory", connections: [[0, 0, weight, 1]] }],
});

test("conductance weights are scaled by 1024: a 0.01 µS synapse gets shift 4 and reads back within its resolution", () => {
  const run = emulate(drive({ kind: "IF_cond_exp", label: "c", size: 1, params: LIF_COND_EXP_DEFAULTS, recordV: true }, 0.01, [5]), { durationMs: 20 });
  assert.deepEqual(run.ringBufferShifts.get("c"), [4, 0]); // W = max(0.01, 1024 · 0.01) = 10.24
  assert.ok(Math.abs(run.weightsNa(0)[0]! - 0.01) <= 2 ** (4 - 15) / 1024 / 2);
  const rec = run.recorded("c")!;
  assert.ok(rec.gsynExc[6]! > 0, "conductance (µS, >> 10) arrives at tick 6");
  assert.ok(rec.v[8]! > rec.v[6]!, "an excitatory conductance (E = 0 mV) depolarises");
});

test("an Izhikevich population driven by strong input spikes and resets to c", () => {
  const target: EmuNeuronPopulation = { kind: "Izhikevich", label: "izh", size: 1, params: { ...IZHIKEVICH_DEFAULTS, tauSynE: 5, tauSynI: 5 }, recordV: true };
  const run = emulate(drive(target, 30, [5, 6, 7, 8, 9, 10]), { durationMs: 40 });
  const spikes = run.spikes("izh").times;
  assert.ok(spikes.length >= 1, "it fires");
  const v = run.recorded("izh")!.v;
  assert.equal(v[spikes[0]! + 1], -65 * 32768, "v is c right after the spike");
  assert.equal(run.spikes("in").times.length, 6);
});

test("a spike source cannot be a projection target", () => {
  const net: EmuNetwork = {
    dtMs: 1, profile: "spynnaker7",
    populations: [{ kind: "SpikeSourcePoisson", label: "p", size: 1, rateHz: 10 }, { kind: "SpikeSourceArray", label: "a", size: 1, spikeTimesMs: [[]] }],
    projections: [{ pre: "p", post: "a", receptor: "excitatory", connections: [[0, 0, 1, 1]] }],
  };
  assert.throws(() => emulate(net, { durationMs: 5 }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "spinnaker-source-target");
});

test("per-neuron parameters: one population with i_offset [0.8, 1, 2] spikes like three single-neuron populations", async () => {
  const { LIF_CURR_EXP_DEFAULTS } = await import("./lifCurrExp.js");
  for (const profile of ["spynnaker7", "spynnaker6", "float"] as const) {
    const offsets = [0.8, 1, 2];
    const together = emulate({
      dtMs: 1, profile, projections: [],
      populations: [{ kind: "IF_curr_exp", label: "p", size: 3, params: { ...LIF_CURR_EXP_DEFAULTS, iOffset: offsets }, initialVMv: [-65, -60, -55] }],
    }, { durationMs: 200 });
    offsets.forEach((iOffset, n) => {
      const alone = emulate({
        dtMs: 1, profile, projections: [],
        populations: [{ kind: "IF_curr_exp", label: "q", size: 1, params: { ...LIF_CURR_EXP_DEFAULTS, iOffset }, initialVMv: [-65, -60, -55][n]! }],
      }, { durationMs: 200 });
      const s = together.spikes("p");
      const mine = Array.from(s.times).filter((_, k) => s.neurons[k] === n);
      assert.deepEqual(mine, Array.from(alone.spikes("q").times), `${profile}, neuron ${n}`);
    });
    const counts = [0, 1, 2].map((n) => Array.from(together.spikes("p").neurons).filter((x) => x === n).length);
    assert.ok(counts[0]! < counts[1]! && counts[1]! < counts[2]!, `${profile}: more current, more spikes (${counts})`);
  }
});

test("a per-neuron array of the wrong length is reported with the parameter's name", async () => {
  const { LIF_CURR_EXP_DEFAULTS } = await import("./lifCurrExp.js");
  assert.throws(() => emulate({
    dtMs: 1, profile: "spynnaker7", projections: [],
    populations: [{ kind: "IF_curr_exp", label: "p", size: 3, params: { ...LIF_CURR_EXP_DEFAULTS, tauM: [10, 20] } }],
  }, { durationMs: 5 }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "spinnaker-param-length" && e.problem.place === "p.tauM");
});

test("a timestep that is not a whole number of microseconds is refused", () => {
  assert.throws(() => emulate({ dtMs: 0.0005, profile: "spynnaker7", populations: [], projections: [] }, { durationMs: 1 }),
    (e: unknown) => e instanceof CajalError && e.problem.ruleId === "spinnaker-timestep");
});

test("a negative weight onto the excitatory receptor excites, with a warning (the receptor decides the sign)", async () => {
  const { LIF_CURR_EXP_DEFAULTS } = await import("./lifCurrExp.js");
  const net = (w: number): EmuNetwork => ({
    dtMs: 1, profile: "spynnaker7",
    populations: [{ kind: "SpikeSourceArray", label: "in", size: 1, spikeTimesMs: [[2]] },
      { kind: "IF_curr_exp", label: "out", size: 1, params: LIF_CURR_EXP_DEFAULTS, recordV: true }],
    projections: [{ pre: "in", post: "out", receptor: "excitatory", connections: [[0, 0, w, 1]] }],
  });
  const neg = emulate(net(-2), { durationMs: 10 });
  const pos = emulate(net(2), { durationMs: 10 });
  assert.deepEqual(Array.from(neg.recorded("out")!.v), Array.from(pos.recorded("out")!.v));
  assert.equal(neg.warnings.length, 1);
  assert.match(neg.warnings[0]!, /negative weights onto the excitatory receptor/);
  assert.equal(pos.warnings.length, 0);
});
