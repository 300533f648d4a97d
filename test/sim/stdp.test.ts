import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, network, plasticity } from "../../src/model/index.js";
import type { Stdp } from "../../src/model/plasticity.js";
import { timesOfNeuron } from "./helpers.js";

const DELAY = 1; // ms, of the plastic synapse

// One plastic synapse: pre spikes at the given times; the post cell (delta synapses, so one huge
// driver input fires it in one step) spikes where we drive it; we read its spike times back.
async function pairing(rule: Stdp, preTimes: number[], postDriveTimes: number[], w0 = 0.5) {
  const net = network({ dt: 0.1, seed: 1 });
  const pre = net.population("pre", 1, cells.spikeSourceArray({ spikeTimes: preTimes }));
  const drive = net.population("drive", 1, cells.spikeSourceArray({ spikeTimes: postDriveTimes }));
  const post = net.population("post", 1, cells.lifCurrDelta({ tauRefrac: 1 })).record("spikes");
  net.project(drive, post, connect.oneToOne(), { weight: 500, delay: 0.1 });
  net.project(pre, post, connect.oneToOne(), { weight: w0, delay: DELAY, plasticity: rule }, { label: "plastic" });
  const run = await net.run(200);
  return { w: run.weights("plastic").weight[0]!, postTimes: timesOfNeuron(run.spikes("post"), 0) };
}

/**
 * The expected weight, computed independently of the simulator: events at the synapse in time
 * order (post before pre at equal times), each trace an explicit sum of exponentials over the
 * earlier events, clipping after every update.
 */
function expectedWeight(rule: Stdp, preTimes: number[], postTimes: number[], w0: number): number {
  const dendritic = rule.delay === "dendritic";
  const events = [
    ...postTimes.map((t) => ({ t: t + (dendritic ? DELAY : 0), post: true })),
    ...preTimes.map((t) => ({ t: t + (dendritic ? 0 : DELAY), post: false })),
  ].sort((a, b) => a.t - b.t || (a.post === b.post ? 0 : a.post ? -1 : 1));
  const { wMin, wMax } = rule.weight;
  const mult = rule.weight.kind === "multiplicative";
  const sum = (list: typeof events, t: number, tau: number) => list.reduce((s, e) => s + Math.exp(-(t - e.t) / tau), 0);
  let w = w0;
  events.forEach((e, k) => {
    const before = events.slice(0, k);
    const pres = before.filter((b) => !b.post);
    const posts = before.filter((b) => b.post);
    const timing = rule.timing;
    if (e.post) {
      const up = timing.kind === "spikePair"
        ? timing.aPlus * sum(pres, e.t, timing.tauPlus)
        : sum(pres, e.t, timing.tauPlus) * (timing.a2Plus + timing.a3Plus * sum(posts, e.t, timing.tauY));
      w = Math.min(wMax, Math.max(wMin, w + up * (mult ? wMax - w : 1)));
    } else {
      const down = timing.kind === "spikePair"
        ? timing.aMinus * sum(posts, e.t, timing.tauMinus)
        : sum(posts, e.t, timing.tauMinus) * (timing.a2Minus + timing.a3Minus * sum(pres, e.t, timing.tauX));
      w = Math.min(wMax, Math.max(wMin, w - down * (mult ? w - wMin : 1)));
    }
  });
  return w;
}

const pair = { tauPlus: 16.8, tauMinus: 33.7, aPlus: 0.01, aMinus: 0.012 };

for (const delay of ["dendritic", "axonal"] as const) {
  const additive = plasticity.stdp({ timing: plasticity.spikePair(pair), weight: plasticity.additive({ wMin: 0, wMax: 1 }), delay });

  test(`${delay} delay: one pair changes the weight by the exponential window at ±Δt`, async () => {
    for (const lag of [-20, -5, -1, 0, 1, 5, 20]) {
      // Δt at the synapse: dendritic t_post + d − t_pre, axonal t_post − (t_pre + d).
      const tPre = 50;
      const wantedPost = delay === "dendritic" ? tPre - DELAY + lag : tPre + DELAY + lag;
      const { w, postTimes } = await pairing(additive, [tPre], [wantedPost - 0.1]);
      assert.deepEqual(postTimes.length, 1, `lag ${lag}: one post spike`);
      const dt = delay === "dendritic" ? postTimes[0]! + DELAY - tPre : postTimes[0]! - (tPre + DELAY);
      assert.ok(Math.abs(dt - lag) < 1e-9, `Δt ${dt}, wanted ${lag}`);
      const window = dt > 0 ? pair.aPlus * Math.exp(-dt / pair.tauPlus) : -pair.aMinus * Math.exp(dt / pair.tauMinus);
      assert.ok(Math.abs(w - (0.5 + window)) < 1e-12, `Δt = ${dt} ms: w = ${w}, window says ${0.5 + window}`);
    }
  });

  test(`${delay} delay: all-to-all pairing sums the window over every pre–post pair`, async () => {
    const preTimes = [40, 44, 60];
    const { w, postTimes } = await pairing(additive, preTimes, [45.9, 58.9, 70.9]);
    assert.equal(postTimes.length, 3);
    assert.ok(Math.abs(w - expectedWeight(additive, preTimes, postTimes, 0.5)) < 1e-12);
  });

  test(`${delay} delay: multiplicative dependence scales by (wMax − w) and (w − wMin)`, async () => {
    const rule = plasticity.stdp({ timing: plasticity.spikePair(pair), weight: plasticity.multiplicative({ wMin: 0.1, wMax: 2 }), delay });
    for (const drive of [[55.9], [45.9], [45.9, 52.9, 53.9]]) {
      const { w, postTimes } = await pairing(rule, [50, 51.5], drive, 0.5);
      assert.ok(Math.abs(w - expectedWeight(rule, [50, 51.5], postTimes, 0.5)) < 1e-12, `post at ${postTimes}`);
      assert.notEqual(w, 0.5);
    }
  });

  test(`${delay} delay: triplet STDP matches the all-to-all triplet sums`, async () => {
    const tri = { tauPlus: 16.8, tauMinus: 33.7, tauX: 101, tauY: 125, a2Plus: 0.005, a3Plus: 0.006, a2Minus: 0.007, a3Minus: 0.0002 };
    const rule = plasticity.stdp({ timing: plasticity.triplet(tri), weight: plasticity.additive({ wMin: 0, wMax: 1 }), delay });
    const preTimes = [50, 58, 80];
    const { w, postTimes } = await pairing(rule, preTimes, [55.9, 65.9, 75.9]);
    assert.equal(postTimes.length, 3);
    const expected = expectedWeight(rule, preTimes, postTimes, 0.5);
    assert.ok(Math.abs(w - expected) < 1e-12, `w = ${w}, expected ${expected}`);
  });
}

test("the expected-weight oracle itself: one pair gives the textbook window", () => {
  const rule = plasticity.stdp({ timing: plasticity.spikePair(pair), weight: plasticity.additive(), delay: "axonal" });
  assert.ok(Math.abs(expectedWeight(rule, [10], [16], 0.5) - (0.5 + 0.01 * Math.exp(-5 / 16.8))) < 1e-15);
  assert.ok(Math.abs(expectedWeight(rule, [10], [6], 0.5) - (0.5 - 0.012 * Math.exp(-5 / 33.7))) < 1e-15);
});

test("additive weights are clipped to [wMin, wMax] after each update, never beyond", async () => {
  const rule = plasticity.stdp({ timing: plasticity.spikePair({ ...pair, aPlus: 0.4 }), weight: plasticity.additive({ wMin: 0, wMax: 0.6 }) });
  const { w } = await pairing(rule, [50], [51.9]);
  assert.equal(w, 0.6);
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
  assert.ok(history[2]!.weight[0]! > 0.5, "potentiated after the pre→post pairing (20 ms → 25.1 ms)");
});
