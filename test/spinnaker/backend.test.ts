import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cells, connect, currents, network, plasticity } from "../../src/model/index.js";
import "../../src/sim/index.js";
import { createSpinnakerBackend, runOnSpinnaker, type SpinnakerRun } from "../../src/spinnaker/backend/index.js";
import { cuba } from "./helpers.js";

test("net.run(ms, { backend: \"spinnaker\" }) is registered and gives the Run interface: spikes, rates, traces, weights, CSV", async () => {
  const net = network({ dt: 1, seed: 3 });
  const src = net.population("src", 4, cells.spikeSourceArray({ spikeTimes: [[2], [5], [9], [12]] }));
  const out = net.population("out", 2, cells.lifCurrExp({ tauSynE: 5, tauSynI: 5, tauRefrac: 2 })).record(["spikes", "v"]);
  net.project(src.slice(0, 2), out, connect.oneToOne(), { weight: 20, delay: 2 }, { label: "exc" });
  net.project(src.slice(2, 4), out, connect.oneToOne(), { weight: -3, delay: 1, receptor: "inhibitory" }, { label: "inh" });
  const run = (await net.run(20, { backend: "spinnaker" })) as SpinnakerRun;
  assert.equal(run.backend, "spinnaker");
  assert.equal(run.timeMs, 20);
  const ref = await net.run(20);
  // 20 nA for 5 ms into 1 nF: suprathreshold by far, both backends fire at the same ticks.
  assert.deepEqual(Array.from(run.spikes("out").times), Array.from(ref.spikes("out").times));
  assert.ok(run.spikes("out").times.length > 0);
  assert.equal(run.rate("out"), ref.rate("out"));
  // Weights keep the DSL's signs (inhibitory current weights ≤ 0) and delays are whole timesteps.
  assert.deepEqual(Array.from(run.weights("exc").weight), [20, 20]);
  const inh = "inh";
  assert.ok(Array.from(run.weights(inh).weight).every((w) => w === -3));
  assert.deepEqual(Array.from(run.weights(inh).delayMs), [1, 1]);
  // v traces start at v_rest and sit within an s16.15 step of the reference's while the cell is below threshold.
  const v = run.trace("out", "v", 1).values;
  const vr = ref.trace("out", "v", 1).values;
  assert.equal(v.length, 20);
  for (let k = 0; k < 5; k++) assert.ok(Math.abs(v[k]! - vr[k]!) < 1e-3, `t = ${k}: ${v[k]} vs ${vr[k]}`);
  assert.match(run.toCSV("out"), /^t/);
  assert.equal(run.provenance.every((p) => p.count > 0), true);
});

test("CUBA: the float profile uses the reference's discretisation; 7.x fixed point keeps the rates within 25 % (seeds 1–3)", async () => {
  // Uncoupled, a cell at vRest = −49 mV (above the −50 mV threshold) fires every τref + τm·ln 11 = 52.96 ms. The reference and
  // the float profile put the spikes at 0, 53, 106 …; 7.x needs one more 0.1 ms tick per interval (s16.15 e^(−dt/τm) and
  // truncating multiplies): 53.1 ms.
  const single = (dt: number) => {
    const net = network({ dt, seed: 1 });
    net.population("x", 1, cells.lifCurrExp({ tauM: 20, vRest: -49, vReset: -60, vThresh: -50, tauRefrac: 5 })).record("spikes");
    return net;
  };
  assert.deepEqual(Array.from((await runOnSpinnaker(single(0.1), 200, { profile: "float" })).spikes("x").times), [0, 53, 106, 159]);
  assert.deepEqual(Array.from((await single(0.1).run(200)).spikes("x").times), [0, 53, 106, 159]);
  const fixed = (await runOnSpinnaker(single(0.1), 200)).spikes("x").times;
  assert.deepEqual(Array.from(fixed, (t) => Math.round(t * 10) / 10), [0, 53.1, 106.2, 159.3]);

  // Coupled, the balanced network amplifies such small shifts of its E/I balance: rates differ seed by seed (the reference's own
  // seed-to-seed spread is ±8 %). Tolerance: 25 % per seed and per population, 15 % on the pooled rates; measured +1 to +22 %.
  let pooledRef = 0;
  let pooledSpin = 0;
  for (const seed of [1, 2, 3]) {
    const ref = await cuba(500, seed).run(300);
    const spin = await runOnSpinnaker(cuba(500, seed), 300);
    for (const pop of ["exc", "inh"]) {
      const r = ref.rate(pop, { fromMs: 100 });
      const s = spin.rate(pop, { fromMs: 100 });
      assert.ok(r > 1 && r < 15, `reference ${pop} ${r} Hz is in the asynchronous irregular range`);
      assert.ok(Math.abs(s - r) < 0.25 * r, `seed ${seed} ${pop}: spinnaker ${s.toFixed(2)} Hz, reference ${r.toFixed(2)} Hz`);
      pooledRef += r;
      pooledSpin += s;
    }
    assert.ok(!spin.provenance.some((p) => p.name === "Times_synaptic_weights_have_saturated"));
  }
  assert.ok(Math.abs(pooledSpin - pooledRef) < 0.15 * pooledRef, `pooled ${pooledSpin} vs ${pooledRef}`);
});

test("a model too big for the board fails with the stack's kind of message; the same model fits a SpiNN-5", async () => {
  const big = network({ dt: 1, seed: 1 });
  big.population("huge", 70 * 256, cells.lifCurrExp()).record("spikes");
  await assert.rejects(runOnSpinnaker(big, 10, { machine: "spinn3" }), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.equal(e.problem.ruleId, "spinnaker-machine-too-small");
    assert.match(e.message, /needs 70 application cores but the SpiNN-3 machine has 63 \(PacmanPlaceException\)/);
    return true;
  });
  const run = await runOnSpinnaker(big, 10, { machine: "spinn5" });
  assert.equal(run.mapping.coresUsed, 70);
  assert.ok(run.mapping.chipsUsed >= 5, "16 application cores per chip, 15 on the Ethernet chip");
});

test("a forced overload (bursts above the rate the host planned headroom for) saturates ring buffers, and the report says so", async () => {
  // Each target gets one Poisson source of 1000 Hz (1 spike per 1 ms tick on average) at 1.9 nA. The host plans for the mean:
  // W = 1.9 nA, shift 1, so a slot holds 65535·2^−14 = 3.9998 nA: two spikes fit, every further spike in a tick is clipped.
  // Expected clipped additions per (neuron, tick): E[max(0, N − 2)] = 3/e − 1 for N ~ Poisson(1).
  for (const seed of [1, 2]) {
    const net = network({ dt: 1, seed });
    const src = net.population("burst", 20, cells.spikeSourcePoisson({ rate: 1000 }));
    net.population("target", 20, cells.lifCurrExp({ vThresh: 100 })).record("spikes");
    net.project(src, net.populationNamed("target"), connect.oneToOne(), { weight: 1.9, delay: 1 });
    const run = await runOnSpinnaker(net, 200);
    const item = run.provenance.find((p) => p.name === "Times_synaptic_weights_have_saturated");
    assert.ok(item, "saturation is counted");
    // Slots of ticks 1 … 199 are filled by spikes of ticks 0 … 198: 20 · 199 (neuron, tick) pairs.
    const pairs = 20 * 199;
    let mean = 0;
    let second = 0;
    for (let n = 3, p = Math.exp(-1) / 2; n < 40; n++) {
      p /= n;
      mean += (n - 2) * p * 1;
      second += (n - 2) ** 2 * p;
    }
    const sd = Math.sqrt(pairs * (second - mean * mean));
    assert.ok(Math.abs(mean - (3 / Math.E - 1)) < 1e-12);
    assert.ok(Math.abs(item.count - pairs * mean) < 4 * sd, `${item.count} clipped, expected ${(pairs * mean).toFixed(0)} ± ${sd.toFixed(0)}`);
    const lines = run.report();
    assert.match(lines[0]!, /^The weights from the synapses for target on \d+,\d+,\d+ saturated \d+ times\. .*What to do: lower the weights/);
    assert.ok(!lines.some((l) => l.startsWith("No counter")));
  }
});

test("a clean run's report: informative counters summed, no warnings, estimates labelled; a dense 0.1 ms CUBA core is predicted to overrun", async () => {
  const run = await runOnSpinnaker(cuba(500, 1), 50);
  const lines = run.report();
  assert.ok(lines.some((l) => l.startsWith("No counter that signals lost, clipped or late work is non-zero")));
  assert.ok(lines.some((l) => /^Total_pre_synaptic_events = \d+ over 3 cores/.test(l)));
  const estimateLines = lines.filter((l) => l.startsWith("ESTIMATE"));
  assert.ok(estimateLines.length >= 2);
  // 400 LIF cells on a core: 10 + 256·224 cycles of neuron updates alone exceed the 20,000 cycles of a 0.1 ms tick.
  assert.ok(run.estimates.realTime.ticksPredictedOverrun > 0);
  assert.ok(run.estimates.realTime.timeScaleFactorNeeded >= 3);
  assert.ok(estimateLines.some((l) => /time_scale_factor ≥ \d+/.test(l)));
  assert.equal(run.estimates.energy.kind, "estimate");
  // One idle SpiNN-5 board for 50 ms, three active cores (exc on two): 26.84·0.05 + 0.034·3·0.05 J plus 1 nJ per packet.
  const e = run.estimates.energy;
  assert.ok(Math.abs(e.idleJ - 26.84 * 0.05) < 1e-12);
  assert.ok(Math.abs(e.activeCoresJ - 0.034 * 3 * 0.05) < 1e-12);
  const spikes = run.spikes("exc").times.length + run.spikes("inh").times.length;
  assert.equal(e.multicastPackets, spikes, "all cores on one chip: one router visit per spike");
});

test("the mapping summary: placements, routing tables before/after compression, packets per link", async () => {
  const net = network({ dt: 1, seed: 1 });
  const src = net.population("src", 600, cells.spikeSourcePoisson({ rate: 20 }));
  const a = net.population("a", 600, cells.lifCurrExp()).record("spikes");
  net.project(src, a, connect.fixedProbability(0.05), { weight: 0.5, delay: 1 });
  net.project(a, a, connect.fixedProbability(0.05), { weight: 0.2, delay: 1 });
  const run = await runOnSpinnaker(net, 100, { machine: { boards: 1 } });
  const pops = Object.fromEntries(run.mapping.populations.map((p) => [p.label, p]));
  assert.equal(pops.src!.cores.length, 2, "Poisson sources: 500 per core");
  assert.equal(pops.a!.cores.length, 3, "LIF: 256 per core");
  assert.ok(run.mapping.tables.length >= 1);
  for (const t of run.mapping.tables) assert.ok(t.loaded <= t.uncompressed && t.loaded <= 1023);
  const packets = run.links.reduce((n, l) => n + l.packets, 0);
  const external = run.provenance.filter((p) => p.name === "External_Multicast_Packets").reduce((n, p) => n + p.count, 0);
  assert.equal(packets, external, "every packet that crossed a link arrived at a router as External");
  assert.ok(run.links.every((l) => ["E", "NE", "N", "W", "SW", "S"].includes(l.direction) && l.kind === "estimate"));
});

test("unsupported components give one error listing what spinnaker supports", async () => {
  const net = network({ dt: 1, seed: 1 });
  const a = net.population("a", 2, cells.lifCurrAlpha()).record(["spikes", "v"]);
  const b = net.population("b", 2, cells.lifCurrExpAdaptive());
  const c = net.population("c", 2, cells.izhikevichCurrExp()).record("u");
  b.inject(currents.dc({ amplitude: 1 }));
  net.project(a, c, connect.allToAll(), {
    weight: 0.1, plasticity: plasticity.stdp({ timing: plasticity.triplet(), weight: plasticity.multiplicative() }),
  });
  await assert.rejects(net.run(10, { backend: "spinnaker" }), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    const places = e.problems.map((p) => `${p.place} [${p.ruleId}]`);
    assert.deepEqual(places, [
      "a.cell.synapse [backend-unsupported]", "b.cell.threshold [backend-unsupported]", "b.inject [backend-unsupported]",
      "c.record [backend-unsupported]", "a→c.plasticity.timing [backend-unsupported]", "a→c.plasticity.weight [backend-unsupported]",
    ]);
    assert.match(e.problems[0]!.expected!, /exponential/);
    assert.match(e.problems[1]!.expected!, /static/);
    return true;
  });
});

test("options reach the session: machine and profile given to start() override the backend's defaults", async () => {
  const net = network({ dt: 1, seed: 1 });
  const src = net.population("src", 2, cells.spikeSourceArray({ spikeTimes: [[1], [2]] }));
  net.population("out", 2, cells.lifCurrExp()).record("spikes");
  net.project(src, net.populationNamed("out"), connect.oneToOne(), { weight: 30, delay: 1 });
  const spec = net.spec();
  const backend = createSpinnakerBackend();
  const onSpinn5 = (await backend.start(spec).advance(10)) as SpinnakerRun;
  const onSpinn3 = (await backend.start(spec, { machine: "spinn3", profile: "spynnaker6" }).advance(10)) as SpinnakerRun;
  assert.equal(onSpinn5.mapping.machine, "SpiNN-5");
  assert.equal(onSpinn3.mapping.machine, "SpiNN-3");
  assert.equal(onSpinn5.profile, "spynnaker7");
  assert.equal(onSpinn3.profile, "spynnaker6");
  assert.equal(onSpinn3.mapping.keyBits.colour, 0, "6.x keys carry no colour bits");
  assert.deepEqual(Array.from(onSpinn3.spikes("out").times), Array.from(onSpinn5.spikes("out").times));
  await assert.rejects(runOnSpinnaker(net, 10, { machine: "spinn7" as never }), /not a SpiNNaker machine the emulator knows/);
});
