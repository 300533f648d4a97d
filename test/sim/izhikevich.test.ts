import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, network } from "../../src/model/index.js";
import "./helpers.js"; // registers the reference backend

// Izhikevich (2003), Fig. 2: the classes differ only in (a, b, c, d); all driven by I = 10.
async function isis(params: { a: number; b: number; c: number; d: number }, ms = 500): Promise<number[]> {
  const net = network({ dt: 0.1, seed: 1 });
  net.population("cell", 1, cells.izhikevich({ ...params, iOffset: 10 })).record("spikes");
  const t = (await net.run(ms)).spikes("cell").times;
  return Array.from(t.subarray(1), (x, k) => x - t[k]!);
}
const cv = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length) / m;
};

test("regular spiking (d = 8) adapts: the first interval is much shorter than the settled ones", async () => {
  const intervals = await isis({ a: 0.02, b: 0.2, c: -65, d: 8 });
  assert.ok(intervals.length >= 5);
  assert.ok(intervals.at(-1)! > 2 * intervals[0]!, `first ISI ${intervals[0]}, last ${intervals.at(-1)}`);
  assert.ok(cv(intervals.slice(3)) < 0.05, "then fires regularly");
});

test("fast spiking (a = 0.1) fires fast with little adaptation", async () => {
  const intervals = await isis({ a: 0.1, b: 0.2, c: -65, d: 2 });
  assert.ok(intervals.length + 1 > 50, `${intervals.length + 1} spikes in 500 ms`);
  assert.ok(intervals.at(-1)! < 2 * intervals[0]!, `first ISI ${intervals[0]}, last ${intervals.at(-1)}`);
  assert.ok(Math.max(...intervals) < 10, "no pauses");
});

test("chattering (c = −50, d = 2) fires repeated bursts: short ISIs inside, long pauses between", async () => {
  const intervals = (await isis({ a: 0.02, b: 0.2, c: -50, d: 2 })).slice(8);
  const short = intervals.filter((x) => x < 8).length;
  const long = intervals.filter((x) => x > 25).length;
  assert.ok(long >= 4 && short >= 3 * long, `${short} intra-burst and ${long} inter-burst intervals`);
  assert.equal(short + long, intervals.length, "bimodal: nothing between 8 and 25 ms");
});

test("intrinsically bursting (c = −55, d = 4) starts with a burst, then spikes tonically", async () => {
  const intervals = await isis({ a: 0.02, b: 0.2, c: -55, d: 4 });
  assert.ok(intervals[0]! < 5 && intervals[1]! < 5, `initial burst ISIs ${intervals[0]}, ${intervals[1]}`);
  assert.ok(intervals.slice(3).every((x) => x > 20), "then single spikes far apart");
});
