import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, network } from "../../src/model/index.js";
import "./helpers.js"; // registers the reference backend

test("Poisson sources fire at the asked rate with ISI CV ≈ 1, within statistical bounds", async () => {
  const n = 500;
  const rate = 20;
  const ms = 2000;
  const net = network({ dt: 0.1, seed: 7 });
  net.population("src", n, cells.spikeSourcePoisson({ rate })).record("spikes");
  const trains = (await net.run(ms)).spikes("src");
  const expected = n * rate * (ms / 1000);
  const count = trains.times.length;
  assert.ok(Math.abs(count - expected) < 5 * Math.sqrt(expected), `${count} spikes, expected ${expected} ± ${5 * Math.sqrt(expected)}`);
  // Pool ISIs of every neuron.
  const last = new Float64Array(n).fill(NaN);
  const intervals: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = trains.neurons[k]!;
    if (!Number.isNaN(last[i]!)) intervals.push(trains.times[k]! - last[i]!);
    last[i] = trains.times[k]!;
  }
  const mean = intervals.reduce((s, x) => s + x, 0) / intervals.length;
  const sd = Math.sqrt(intervals.reduce((s, x) => s + (x - mean) ** 2, 0) / intervals.length);
  // For ~19 000 exponential intervals the CV's standard error is about 0.01.
  assert.ok(Math.abs(sd / mean - 1) < 0.05, `CV ${sd / mean}`);
  assert.ok(Math.abs(mean - 1000 / rate) < 5 * (1000 / rate) / Math.sqrt(intervals.length), `mean ISI ${mean} ms`);
});

test("Poisson sources stay silent outside [start, start + duration)", async () => {
  const net = network({ dt: 0.1, seed: 7 });
  net.population("src", 200, cells.spikeSourcePoisson({ rate: 50, start: 100, duration: 200 })).record("spikes");
  const t = (await net.run(500)).spikes("src").times;
  assert.ok(t.length > 1000);
  assert.ok(t[0]! > 100 && t.at(-1)! <= 300 + 0.1, `spikes from ${t[0]} to ${t.at(-1)} ms`);
});

test("the same seed gives the same Poisson spikes; another seed does not", async () => {
  const spikes = async (seed: number) => {
    const net = network({ dt: 0.1, seed });
    net.population("src", 50, cells.spikeSourcePoisson({ rate: 30 })).record("spikes");
    return (await net.run(200)).spikes("src");
  };
  const a = await spikes(3);
  const b = await spikes(3);
  const c = await spikes(4);
  assert.deepEqual(a.times, b.times);
  assert.deepEqual(a.neurons, b.neurons);
  assert.notDeepEqual(a.neurons, c.neurons);
});
