// net.run(ms, { backend, backendOptions }) hands the backend's own settings (the emulated board,
// the toolchain profile) to it when the run starts, and refuses to change them mid-run.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cells, connect, network } from "../../src/model/index.js";
import "../../src/sim/index.js";
import "../../src/spinnaker/backend/index.js";

function bigNetwork() {
  // 70 populations of 256 cells need 70 application cores: more than a SpiNN-3's 63, fewer than a SpiNN-5's.
  const net = network({ dt: 1, seed: 1 });
  const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: [[1]] }));
  for (let i = 0; i < 69; i++) net.project(src, net.population(`p${i}`, 256, cells.lifCurrExp()), connect.allToAll(), { weight: 1, delay: 1 });
  return net;
}

test("backendOptions choose the emulated board: the same model fails on a SpiNN-3 and runs on a SpiNN-5", async () => {
  await assert.rejects(bigNetwork().run(5, { backend: "spinnaker", backendOptions: { machine: "spinn3" } }), (e: unknown) =>
    e instanceof CajalError && /SpiNN-3/.test(e.message));
  const run = await bigNetwork().run(5, { backend: "spinnaker", backendOptions: { machine: "spinn5" } });
  assert.equal(run.backend, "spinnaker");
});

test("a continued run cannot change backendOptions; net.reset() allows it", async () => {
  const net = network({ dt: 1, seed: 2 });
  const src = net.population("src", 1, cells.spikeSourceArray({ spikeTimes: [[1, 4]] }));
  const out = net.population("out", 1, cells.lifCurrExp()).record("spikes");
  net.project(src, out, connect.allToAll(), { weight: 30, delay: 1 });
  await net.run(5, { backend: "spinnaker", backendOptions: { profile: "spynnaker7" } });
  await assert.rejects(net.run(5, { backend: "spinnaker", backendOptions: { profile: "spynnaker6" } }), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "run-backend-options-changed");
  const continued = await net.run(5, { backend: "spinnaker", backendOptions: { profile: "spynnaker7" } });
  assert.equal(continued.spikes("out").window[1], 10);
  net.reset();
  const again = await net.run(5, { backend: "spinnaker", backendOptions: { profile: "spynnaker6" } });
  assert.equal(again.spikes("out").window[1], 5);
});

test("backendOptions.timing = \"faithful\" gives the cores their 255-key input buffer: a 300-spike burst loses 45", async () => {
  const burst = (timing: "ideal" | "faithful") => {
    const net = network({ dt: 1, seed: 3 });
    const src = net.population("src", 300, cells.spikeSourceArray({ spikeTimes: Array.from({ length: 300 }, () => [2]) }));
    net.project(src, net.population("out", 1, cells.lifCurrExp()), connect.allToAll(), { weight: 0.01, delay: 1 });
    return net.run(5, { backend: "spinnaker", backendOptions: { timing } });
  };
  const lost = (run: Awaited<ReturnType<typeof burst>>) =>
    (run as unknown as { provenance: { name: string; count: number }[] }).provenance
      .filter((p) => p.name === "Times_the_input_buffer_lost_packets").reduce((n, p) => n + p.count, 0);
  assert.equal(lost(await burst("faithful")), 45);
  assert.equal(lost(await burst("ideal")), 0);
});

test("backendOptions.compressor: ordered covering routes every spike as the pair compressor does; an unknown compressor is refused", async () => {
  const build = () => {
    const net = network({ dt: 1, seed: 4 });
    const src = net.population("src", 60, cells.spikeSourcePoisson({ rate: 40 }));
    const exc = net.population("exc", 600, cells.lifCurrExp()).record("spikes");
    net.project(src, exc, connect.fixedProbability(0.2), { weight: 1.5, delay: 1 });
    net.project(exc, exc, connect.fixedProbability(0.02), { weight: 0.3, delay: 2 });
    return net;
  };
  const pair = await build().run(100, { backend: "spinnaker", backendOptions: { compressor: "pair" } });
  const covering = await build().run(100, { backend: "spinnaker", backendOptions: { compressor: "orderedCovering" } });
  assert.ok(pair.spikes("exc").times.length > 50, "the network fires");
  assert.deepEqual(Array.from(covering.spikes("exc").times), Array.from(pair.spikes("exc").times));
  assert.deepEqual(Array.from(covering.spikes("exc").neurons), Array.from(pair.spikes("exc").neurons));
  await assert.rejects(build().run(10, { backend: "spinnaker", backendOptions: { compressor: "greedy" } }), (e: unknown) =>
    e instanceof CajalError && e.problems.some((p) => p.ruleId === "spinnaker-compressor"));
});
