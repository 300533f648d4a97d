import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cells, connect, createKernelRegistry, expandProjection, network, registerBackend } from "../../src/model/index.js";
import { ReferenceSession } from "../../src/sim/index.js";
import type { Network } from "../../src/model/index.js";
import * as msg from "../../src/model/messages.js";
import "./helpers.js";

/** A small E/I network with Poisson drive, distributions and every kind of randomness. */
function smallNetwork(seed: number, extra = false): Network {
  const net = network({ dt: 0.1, seed });
  const drive = net.population("drive", 100, cells.spikeSourcePoisson({ rate: 20 }));
  const exc = net.population("exc", 160, cells.lifCurrExp({ tauRefrac: 2 }));
  const inh = net.population("inh", 40, cells.lifCurrExp({ tauRefrac: 2 }));
  exc.initialize({ v: { distribution: "uniform", low: -65, high: -55 } });
  net.project(drive, [exc, inh], connect.fixedNumberPre(20), { weight: { distribution: "uniform", low: 0.5, high: 1.5 }, delay: 1 });
  net.project(exc, [exc, inh], connect.fixedProbability(0.1, { allowSelf: false }), { weight: 0.3, delay: { distribution: "uniform", low: 0.5, high: 3 } });
  net.project(inh, [exc, inh], connect.fixedProbability(0.2), { weight: -1, delay: 1, receptor: "inhibitory" });
  if (extra) {
    const more = net.population("more", 30, cells.spikeSourcePoisson({ rate: 5 }));
    net.project(more, exc.slice(0, 10), connect.allToAll(), { weight: 0.01, delay: 2 });
  }
  exc.record(["spikes", "v"]);
  inh.record("spikes");
  return net;
}

test("the same seed gives bit-identical spikes and traces", async () => {
  const a = await smallNetwork(5).run(300);
  const b = await smallNetwork(5).run(300);
  assert.ok(a.spikes("exc").times.length > 50, "the network is active");
  assert.deepEqual(a.spikes("exc"), b.spikes("exc"));
  assert.deepEqual(a.trace("exc", "v", 17).values, b.trace("exc", "v", 17).values);
  const c = await smallNetwork(6).run(300);
  assert.notDeepEqual(a.spikes("exc").neurons, c.spikes("exc").neurons);
});

test("adding a population and a projection leaves the other projections' connections unchanged", async () => {
  const a = await smallNetwork(5).run(1);
  const b = await smallNetwork(5, true).run(1);
  for (const label of ["exc→exc", "exc→inh", "drive→exc", "inh→exc"]) {
    assert.deepEqual(a.weights(label), b.weights(label), label);
  }
});

test("run() called repeatedly continues where it stopped: 3 × 100 ms equals 300 ms", async () => {
  const whole = await smallNetwork(9).run(300);
  const net = smallNetwork(9);
  await net.run(100);
  await net.run(100);
  const pieces = await net.run(100);
  assert.equal(pieces.timeMs, 300);
  assert.equal(net.timeMs(), 300);
  assert.deepEqual(pieces.spikes("exc"), whole.spikes("exc"));
  assert.deepEqual(pieces.trace("exc", "v", 3).values, whole.trace("exc", "v", 3).values);
});

test("an aborted signal stops the run with run-interrupted; the network can continue afterwards", async () => {
  const net = smallNetwork(9);
  await net.run(50);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(net.run(100, { signal: controller.signal }), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.deepEqual(e.problem, msg.interrupted("net.run", 50));
    return true;
  });
  const run = await net.run(50);
  assert.equal(run.timeMs, 100);
});

test("rate(), weightMatrix(), DataFrames and CSV agree with the raw recordings", async () => {
  const run = await smallNetwork(5).run(200);
  const s = run.spikes("exc");
  assert.ok(Math.abs(run.rate("exc") - s.times.length / 160 / 0.2) < 1e-12);
  const inWindow = Array.from(s.times).filter((t) => t >= 100 && t < 200).length;
  assert.ok(Math.abs(run.rate("exc", { fromMs: 100 }) - inWindow / 160 / 0.1) < 1e-12);

  const frame = run.spikesFrame("exc");
  assert.deepEqual(frame.columns, ["t", "neuron"]);
  assert.equal(frame.shape[0], s.times.length);
  const traces = run.traceFrame("exc", "v");
  assert.deepEqual(traces.shape, [2000, 161]);
  const csv = run.toCSV("exc").trim().split("\n");
  assert.equal(csv[0], "t_ms,neuron");
  assert.equal(csv.length, s.times.length + 1);
  assert.equal(csv[1], `${s.times[0]},${s.neurons[0]}`);

  const w = run.weights("inh→exc");
  const m = run.weightMatrix("inh→exc");
  assert.equal(m.rows * m.columns, 40 * 160);
  assert.equal(m.values.filter((x) => !Number.isNaN(x)).length, w.pre.length);
  assert.equal(m.values[w.pre[0]! * 160 + w.post[0]!], -1);
});

test("a backend without a component lists what it supports (backend-unsupported)", async () => {
  const kernels = createKernelRegistry<null>("test-fake");
  for (const [kind, name] of [["neuron", "lif"], ["synapse", "exponential"], ["synapse", "delta"], ["input", "current"], ["threshold", "static"]] as const) {
    kernels.register(kind, name, null);
  }
  registerBackend({
    name: "test-fake",
    check: (spec) => spec.populations.flatMap((p) => p.cell.kind === "cell"
      ? Object.values(p.cell.parts).map((c) => kernels.missing(c, `${p.label}.cell.${c.kind}`)).filter((x): x is NonNullable<typeof x> => x !== undefined)
      : []),
    start: () => { throw new Error("not used"); },
  });
  const net = network({ dt: 0.1 });
  net.population("exc", 2, cells.lifCurrAlpha());
  await assert.rejects(net.run(1, { backend: "test-fake" }), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.deepEqual(e.problems, [msg.backendUnsupported("exc.cell.synapse", "test-fake", "synapse", "alpha", ["exponential", "delta"])]);
    return true;
  });
});

test("progress is reported every simulated millisecond, and an abort lands on the millisecond it was seen", async () => {
  const net = smallNetwork(9);
  const spec = net.spec();
  const connections = new Map(spec.projections.map((p) => [p.label, expandProjection(spec, p).connections]));
  const session = new ReferenceSession(spec, connections);
  const seen: number[] = [];
  const controller = new AbortController();
  await assert.rejects(session.advance(50, {
    signal: controller.signal,
    onProgress: (done) => { seen.push(done); if (done >= 20) controller.abort(); },
  }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "run-interrupted");
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, k) => k + 1));
  assert.ok(Math.abs(session.timeMs - 20) < 1e-9, `stopped at ${session.timeMs} ms`);
});

test("recording spikes from a view records only those neurons, and the rate averages over them", async () => {
  const net = network({ dt: 0.1, seed: 2 });
  const pop = net.population("src", 100, cells.spikeSourcePoisson({ rate: 50 }));
  pop.slice(10, 20).record("spikes");
  const run = await net.run(1000);
  const s = run.spikes("src");
  assert.ok(s.neurons.every((i) => i >= 10 && i < 20));
  assert.ok(Math.abs(run.rate("src") - s.times.length / 10) < 1e-12);
  assert.ok(Math.abs(run.rate("src") - 50) < 5 * Math.sqrt(50 / 10), `rate ${run.rate("src")} Hz`);
});

test("a one-shot backend (run() only) continues by re-running from 0, with the same results", async () => {
  const calls: number[] = [];
  registerBackend({
    name: "test-one-shot",
    check: () => [],
    run: async (spec, options) => {
      calls.push(options.durationMs);
      const connections = new Map(spec.projections.map((p) => [p.label, expandProjection(spec, p).connections]));
      return new ReferenceSession(spec, connections).advance(options.durationMs);
    },
  });
  const net = smallNetwork(9);
  await net.run(100, { backend: "test-one-shot" });
  const second = await net.run(50, { backend: "test-one-shot" });
  assert.deepEqual(calls, [100, 150]);
  assert.equal(net.timeMs("test-one-shot"), 150);
  const whole = await smallNetwork(9).run(150);
  assert.deepEqual(second.spikes("exc"), whole.spikes("exc"));
});

test("a second run started before the first finished is refused, and the first completes", async () => {
  const net = smallNetwork(9);
  const first = net.run(100);
  await assert.rejects(net.run(100), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "run-in-progress");
  assert.equal((await first).timeMs, 100);
  assert.equal((await net.run(10)).timeMs, 110);
});
