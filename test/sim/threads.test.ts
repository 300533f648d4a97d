// The reference run phase on several threads (src/sim/threads.ts) must give the spikes of one thread, bit for bit.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { cells, connect, network, type Network } from "../../src/model/index.js";
import "../../src/sim/index.js";

type Model = "CUBA" | "COBA";

/** The Brette et al. (2007) benchmark networks, small; `delays` spreads the delays over 0.1–3 ms. */
function benchmarkNetwork(model: Model, n: number, seed: number, delays = false, extra?: (net: Network, exc: ReturnType<Network["population"]>) => void): Network {
  const net = network({ dt: 0.1, seed });
  const cell = model === "CUBA"
    ? cells.lifCurrExp({ tauM: 20, cm: 1, vRest: -49, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10 })
    : cells.lifCondExp({ tauM: 20, cm: 0.2, vRest: -60, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10, eRevE: 0, eRevI: -80 });
  const exc = net.population("exc", Math.round(0.8 * n), cell);
  const inh = net.population("inh", n - Math.round(0.8 * n), cell);
  const v0 = model === "CUBA" ? { distribution: "uniform" as const, low: -60, high: -50 } : { distribution: "normal" as const, mean: -55, sd: 5 };
  for (const pop of [exc, inh]) pop.initialize({ v: v0 }).record("spikes");
  const delay = delays ? { distribution: "uniform" as const, low: 0.1, high: 3 } : 0.1;
  net.project(exc, [exc, inh], connect.fixedProbability(80 / n), { weight: model === "CUBA" ? 0.081 : 0.006, delay });
  net.project(inh, [exc, inh], connect.fixedProbability(80 / n), { weight: model === "CUBA" ? -0.45 : 0.067, receptor: "inhibitory", delay });
  extra?.(net, exc);
  return net;
}

async function spikesOf(net: Network, durations: number[], threads: number) {
  let run;
  for (const ms of durations) run = await net.run(ms, { progress: false, ...(threads > 1 ? { backendOptions: { threads } } : {}) });
  return { exc: run!.spikes("exc"), inh: run!.spikes("inh"), provenance: run!.provenance };
}

test("CUBA on 2 threads: the same spikes as on one, bit for bit, and the run says it used 2 threads", async () => {
  const one = await spikesOf(benchmarkNetwork("CUBA", 1000, 3), [200], 1);
  const two = await spikesOf(benchmarkNetwork("CUBA", 1000, 3), [200], 2);
  assert.ok(one.exc.times.length > 500, `${one.exc.times.length} spikes`);
  assert.deepEqual(two.exc, one.exc);
  assert.deepEqual(two.inh, one.inh);
  assert.deepEqual(one.provenance, []);
  assert.deepEqual(two.provenance, [{ name: "threads", where: "reference run phase", count: 2 }]);
});

test("COBA with spread delays on 3 threads, continued over several runs: the same spikes as one thread in one run", async () => {
  const one = await spikesOf(benchmarkNetwork("COBA", 900, 4, true), [150], 1);
  const three = await spikesOf(benchmarkNetwork("COBA", 900, 4, true), [40, 0.1, 59.9, 50], 3);
  assert.ok(one.exc.times.length > 150, `${one.exc.times.length} spikes`);
  assert.deepEqual(three.exc, one.exc);
  assert.deepEqual(three.inh, one.inh);
  assert.equal(three.provenance[0]!.count, 3);
});

test("a network the threads cannot run (a Poisson source) runs on one thread and says so", async () => {
  const make = () => benchmarkNetwork("CUBA", 400, 5, false, (net, exc) => {
    const drive = net.population("drive", 50, cells.spikeSourcePoisson({ rate: 20 }));
    net.project(drive, exc, connect.fixedProbability(0.1), { weight: 0.1 });
  });
  const one = await spikesOf(make(), [100], 1);
  const asked = await spikesOf(make(), [100], 2);
  assert.deepEqual(asked.exc, one.exc);
  assert.deepEqual(asked.provenance, [{ name: "threads", where: "reference run phase", count: 1 }]);
});

test("bad thread counts and unknown reference options are refused", async () => {
  for (const backendOptions of [{ threads: 0 }, { threads: 2.5 }, { threads: "2" }, { thread: 2 }]) {
    await assert.rejects(benchmarkNetwork("CUBA", 100, 1).run(1, { progress: false, backendOptions }), (e: unknown) => {
      assert.ok(e instanceof CajalError, String(e));
      assert.match(e.message, /thread/);
      return true;
    }, JSON.stringify(backendOptions));
  }
});
