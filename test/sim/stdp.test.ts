import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, network, plasticity } from "../../src/model/index.js";
import type { Stdp } from "../../src/model/plasticity.js";
import { timesOfNeuron } from "./helpers.js";

// One plastic synapse: a pre spike emitted at tPre arrives after `delay`; the post cell (delta
// synapses, so one huge driver input fires it in one step) spikes at the times we ask for.
async function pairing(rule: Stdp, preTimes: number[], postDriveTimes: number[], w0 = 0.5) {
  const net = network({ dt: 0.1, seed: 1 });
  const pre = net.population("pre", 1, cells.spikeSourceArray({ spikeTimes: preTimes }));
  const drive = net.population("drive", 1, cells.spikeSourceArray({ spikeTimes: postDriveTimes }));
  const post = net.population("post", 1, cells.lifCurrDelta({ tauRefrac: 1 })).record("spikes");
  net.project(drive, post, connect.oneToOne(), { weight: 500, delay: 0.1 });
  net.project(pre, post, connect.oneToOne(), { weight: w0, delay: 1, plasticity: rule }, { label: "plastic" });
  const run = await net.run(200);
  return { w: run.weights("plastic").weight[0]!, postTimes: timesOfNeuron(run.spikes("post"), 0) };
}

const pair = { tauPlus: 16.8, tauMinus: 33.7, aPlus: 0.01, aMinus: 0.012 };

test("pair STDP changes the weight by the exponential window at ±Δt (additive)", async () => {
  const rule = plasticity.stdp({ timing: plasticity.spikePair(pair), weight: plasticity.additive({ wMin: 0, wMax: 1 }) });
  for (const lag of [-20, -5, -1, 0, 1, 5, 20]) {
    const tPre = 50;
    const arrival = tPre + 1;
    const { w, postTimes } = await pairing(rule, [tPre], [arrival + lag - 0.1]);
    assert.equal(postTimes.length, 1, `lag ${lag}: one post spike`);
    const dt = postTimes[0]! - arrival; // post − pre at the synapse
    const expected = dt > 1e-9 ? 0.5 + pair.aPlus * Math.exp(-dt / pair.tauPlus) : 0.5 - pair.aMinus * Math.exp(dt / pair.tauMinus);
    assert.ok(Math.abs(w - expected) < 1e-12, `Δt = ${dt.toFixed(2)} ms: w = ${w}, window says ${expected}`);
  }
});

test("multiplicative dependence scales potentiation by (wMax − w) and depression by (w − wMin)", async () => {
  const rule = plasticity.stdp({ timing: plasticity.spikePair(pair), weight: plasticity.multiplicative({ wMin: 0.1, wMax: 2 }) });
  const up = await pairing(rule, [50], [55.8], 0.5);
  const dtUp = up.postTimes[0]! - 51;
  assert.ok(Math.abs(up.w - (0.5 + pair.aPlus * (2 - 0.5) * Math.exp(-dtUp / pair.tauPlus))) < 1e-12);
  const down = await pairing(rule, [50], [45.8], 0.5);
  const dtDown = down.postTimes[0]! - 51;
  assert.ok(Math.abs(down.w - (0.5 - pair.aMinus * (0.5 - 0.1) * Math.exp(dtDown / pair.tauMinus))) < 1e-12);
});

test("all-to-all pairing sums the window over every pre–post pair", async () => {
  const rule = plasticity.stdp({ timing: plasticity.spikePair(pair), weight: plasticity.additive({ wMin: 0, wMax: 1 }) });
  const { w, postTimes } = await pairing(rule, [40, 60], [45.9, 70.9]);
  const arrivals = [41, 61];
  let expected = 0.5;
  // Events in time order: arrival 41, post p0, arrival 61 (depressed by p0), post p1 (potentiated by both arrivals).
  const [p0, p1] = postTimes as [number, number];
  expected += pair.aPlus * Math.exp(-(p0 - arrivals[0]!) / pair.tauPlus);
  expected -= pair.aMinus * Math.exp(-(arrivals[1]! - p0) / pair.tauMinus);
  expected += pair.aPlus * (Math.exp(-(p1 - arrivals[0]!) / pair.tauPlus) + Math.exp(-(p1 - arrivals[1]!) / pair.tauPlus));
  assert.ok(Math.abs(w - expected) < 1e-12, `w = ${w}, expected ${expected}`);
});

test("additive weights are clipped to [wMin, wMax] after each update, never beyond", async () => {
  const rule = plasticity.stdp({ timing: plasticity.spikePair({ ...pair, aPlus: 0.4 }), weight: plasticity.additive({ wMin: 0, wMax: 0.6 }) });
  const { w } = await pairing(rule, [50], [51.8]);
  assert.equal(w, 0.6);
});

test("triplet STDP adds the slow post trace's term for post–post pairs after a pre spike", async () => {
  const tri = { tauPlus: 16.8, tauMinus: 33.7, tauX: 101, tauY: 125, a2Plus: 0.005, a3Plus: 0.006, a2Minus: 0.007, a3Minus: 0.0002 };
  const rule = plasticity.stdp({ timing: plasticity.triplet(tri), weight: plasticity.additive({ wMin: 0, wMax: 1 }) });
  const { w, postTimes } = await pairing(rule, [50], [55.8, 65.8]);
  const [t1, t2] = postTimes as [number, number];
  const ta = 51;
  const expected = 0.5
    + Math.exp(-(t1 - ta) / tri.tauPlus) * tri.a2Plus
    + Math.exp(-(t2 - ta) / tri.tauPlus) * (tri.a2Plus + tri.a3Plus * Math.exp(-(t2 - t1) / tri.tauY));
  assert.ok(Math.abs(w - expected) < 1e-12, `w = ${w}, expected ${expected}`);
});

test("weights sampled every 10 ms show the change at the pairing", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  const pre = net.population("pre", 1, cells.spikeSourceArray({ spikeTimes: [20] }));
  const drive = net.population("drive", 1, cells.spikeSourceArray({ spikeTimes: [25] }));
  const post = net.population("post", 1, cells.lifCurrDelta({ tauRefrac: 1 }));
  net.project(drive, post, connect.oneToOne(), { weight: 500, delay: 0.1 });
  net.project(pre, post, connect.oneToOne(), {
    weight: 0.5, delay: 1, plasticity: plasticity.stdp({ timing: plasticity.spikePair(), weight: plasticity.additive() }),
  }, { label: "plastic" }).record("weight", { everyMs: 10 });
  const history = (await net.run(50)).weightHistory("plastic");
  assert.deepEqual(history.map((h) => h.tMs), [10, 20, 30, 40, 50]);
  assert.equal(history[1]!.weight[0], 0.5);
  assert.ok(history[2]!.weight[0]! > 0.5, "potentiated after the pre→post pairing at 21/25.1 ms");
});
