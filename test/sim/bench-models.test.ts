// The benchmark networks of bench/sim (Brette et al. 2007) behave as Brian2's do: CUBA and COBA sustain
// their asynchronous activity at Brian2's rates, and run alike on one and two threads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cajalNetwork } from "../../bench/sim/bench.js";

test("COBA benchmark network: the kick cell fires once, then the activity sustains itself without input", async () => {
  const { run, rateHz } = await cajalNetwork("COBA", 1000, 1, 300);
  assert.deepEqual(Array.from(run.spikes("kick").times), [0], "the kick fires once, at t = 0");
  const late = [...run.spikes("exc").times, ...run.spikes("inh").times].filter((t) => t >= 200).length / 1000 / 0.1;
  // Brian2 (cython, N = 4000, seeds 1–2): 19.4 and 20.0 Hz over 1 s, 17.2 Hz over the last 200 ms.
  assert.ok(late > 8 && late < 40, `rate over the last 100 ms ${late} Hz`);
  assert.ok(rateHz > 8 && rateHz < 40, `rate ${rateHz} Hz`);
});

test("CUBA benchmark network fires at Brian2's rate (5.6 Hz over seeds 1–3 at N = 4000; here N = 1000, 300 ms)", async () => {
  const rates = [];
  for (const seed of [1, 2]) rates.push((await cajalNetwork("CUBA", 1000, seed, 300)).rateHz);
  for (const r of rates) assert.ok(r > 3.5 && r < 8, `rate ${r} Hz`);
});

test("the COBA benchmark network on 2 threads gives the same spikes as on one", async () => {
  const one = await cajalNetwork("COBA", 1000, 2, 100);
  const two = await cajalNetwork("COBA", 1000, 2, 100, 2);
  assert.equal(two.threadsUsed, 2);
  assert.ok(one.spikes > 100);
  assert.deepEqual(two.run.spikes("exc"), one.run.spikes("exc"));
  assert.deepEqual(two.run.spikes("inh"), one.run.spikes("inh"));
});
