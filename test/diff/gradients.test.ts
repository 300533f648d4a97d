/**
 * Gradients of the differentiable backend against central finite differences of the float64
 * reference backend. With resets detached, the network's true dynamics are piecewise smooth in
 * the weights: as long as a perturbation of ±h moves no spike across a timestep boundary (checked
 * here, so the test fails loudly rather than compares across a jump), the exact derivative of a loss
 * on the membrane traces equals the autodiff gradient, surrogate or not. The reference is float64
 * and h = 1e-4 nA (1e-6 µS), so the finite differences are good to ~1e-9 relative; the autodiff
 * side runs in float32 over 520 steps, whose rounding (≈ 6e-8 per op, accumulating along the
 * trajectory) we bound by 2e-3 relative + 1e-4 of the largest gradient.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import "../../src/sim/index.js";
import { compile, type DiffModelOptions } from "../../src/diff/index.js";
import { surrogateAt } from "../../src/diff/fused-step.js";
import { initLearn } from "../../src/learn/backend.js";
import { surrogateDerivative } from "../../src/learn/layers/spiking.js";
import { valueAndGrads } from "../../src/learn/grad.js";
import { adam } from "../../src/learn/optimisers.js";
import { tf } from "../../src/learn/tf.js";
import { cells, connect, network } from "../../src/model/index.js";

test.before(async () => { await initLearn(); });

const DURATION = 52;
const V0 = -60;

type Build = (w: number[][], iOffset: number) => ReturnType<typeof network>;

const currentNet: Build = (w, iOffset) => {
  const net = network({ dt: 0.1, seed: 5 });
  const src = net.population("src", 3, cells.spikeSourceArray({ spikeTimes: [[2, 9, 20, 31, 44], [5, 13, 27, 40], [7, 8, 22, 35, 50]] }));
  const cell = net.population("cell", 4, cells.lifCurrExp({ tauM: 12, vRest: -65, vReset: -68, vThresh: -56, tauRefrac: 2, tauSynE: 4, tauSynI: 6, iOffset }));
  net.project(src, cell, connect.allToAll(), { weight: w, delay: 1 }, { label: "in" });
  cell.record(["v", "spikes"]);
  return net;
};

const conductanceNet: Build = (w, iOffset) => {
  const net = network({ dt: 0.1, seed: 6 });
  const src = net.population("src", 3, cells.spikeSourceArray({ spikeTimes: [[2, 9, 20, 31, 44], [5, 13, 27, 40], [7, 8, 22, 35, 50]] }));
  const cell = net.population("cell", 4, cells.lifCondExp({ tauM: 15, cm: 0.25, vRest: -65, vReset: -68, vThresh: -56, tauRefrac: 2, tauSynE: 4, tauSynI: 8, iOffset }));
  net.project(src, cell, connect.allToAll(), { weight: w, delay: 1 }, { label: "in" });
  cell.record(["v", "spikes"]);
  return net;
};

/** L = mean over steps and cells of ((v − V0)/10)², from a reference run (float64). */
async function referenceLoss(net: ReturnType<typeof network>): Promise<{ loss: number; spikes: string }> {
  const run = await net.run(DURATION, { backend: "reference", progress: false });
  let sum = 0, count = 0;
  for (let i = 0; i < 4; i++) for (const v of run.trace("cell", "v", i).values) { sum += ((v - V0) / 10) ** 2; count++; }
  const s = run.spikes("cell");
  return { loss: sum / count, spikes: `${Array.from(s.times)}|${Array.from(s.neurons)}` };
}

async function checkAgainstReference(build: Build, w: number[][], iOffset: number, h: number, options: DiffModelOptions) {
  const model = compile(build(w, iOffset), { ...options, trainable: { projections: ["in"], cells: { cell: ["iOffset"] } } });
  const { grads, spikeCount } = tf.tidy(() => {
    let spikeCount = 0;
    const r = valueAndGrads((p) => {
      const sim = model.simulate({ steps: DURATION * 10, params: p, record: { v: ["cell"], spikes: ["cell"] } });
      spikeCount = tf.sum(sim.spikes.cell!).dataSync()[0]!;
      return tf.mean(tf.square(tf.div(tf.sub(sim.v.cell!, V0), 10))) as tf.Scalar;
    }, model.params);
    return { grads: { w: Array.from(r.grads["w:in"]!.dataSync()), i: Array.from(r.grads["cell.iOffset"]!.dataSync()) }, spikeCount };
  });
  model.dispose();
  const base = await referenceLoss(build(w, iOffset));
  assert.ok(spikeCount >= 4, `the cells should spike so that resets are exercised (got ${spikeCount})`);
  const numeric: number[] = [];
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 4; b++) {
      const plus = w.map((r) => r.slice()); plus[a]![b]! += h;
      const minus = w.map((r) => r.slice()); minus[a]![b]! -= h;
      const p = await referenceLoss(build(plus, iOffset));
      const m = await referenceLoss(build(minus, iOffset));
      assert.equal(p.spikes, base.spikes, "a +h perturbation moved a spike: choose a smaller h");
      assert.equal(m.spikes, base.spikes, "a −h perturbation moved a spike: choose a smaller h");
      numeric.push((p.loss - m.loss) / (2 * h));
    }
  }
  // iOffset is shared in the reference network; the model trains it per neuron, so compare the sum.
  const hi = h;
  const ip = await referenceLoss(build(w, iOffset + hi));
  const im = await referenceLoss(build(w, iOffset - hi));
  assert.equal(ip.spikes, base.spikes);
  assert.equal(im.spikes, base.spikes);
  const numericI = (ip.loss - im.loss) / (2 * hi);
  const autodiffI = grads.i.reduce((x, y) => x + y, 0);
  const scale = Math.max(...numeric.map(Math.abs));
  assert.ok(scale > 0, "some gradient should be non-zero");
  numeric.forEach((g, k) => {
    const a = grads.w[k]!;
    assert.ok(Math.abs(a - g) <= 2e-3 * Math.abs(g) + 1e-4 * scale, `w[${k}]: autodiff ${a}, finite difference ${g}`);
  });
  assert.ok(Math.abs(autodiffI - numericI) <= 2e-3 * Math.abs(numericI) + 1e-6, `iOffset: autodiff ${autodiffI}, finite difference ${numericI}`);
}

const W_CURRENT = [[0.9, 1.4, 0.2, 2.2], [1.1, 0.3, 1.8, 2.0], [0.5, 1.6, 1.0, 1.9]];
const W_COND = [[0.004, 0.009, 0.002, 0.012], [0.006, 0.003, 0.010, 0.011], [0.005, 0.008, 0.007, 0.012]];

test("current-based LIF: weight and iOffset gradients (fused step) match finite differences of the float64 reference", async () => {
  await checkAgainstReference(currentNet, W_CURRENT, 0.4, 1e-4, { fused: true });
});

test("current-based LIF: the op-by-op step gives the same gradients", async () => {
  await checkAgainstReference(currentNet, W_CURRENT, 0.4, 1e-4, { fused: false });
});

test("conductance-based LIF (exponential Euler): gradients match finite differences of the float64 reference", async () => {
  await checkAgainstReference(conductanceNet, W_COND, 0.1, 1e-6, {});
});

test("the fused step's surrogate is the learning core's surrogateDerivative", () => {
  const us = [-2, -0.7, -0.1, 0, 0.05, 0.3, 1.5];
  for (const options of [{}, { surrogate: "sigmoid" as const, slope: 3 }, { surrogate: "triangle" as const, slope: 2 }, { surrogate: "straightThrough" as const }]) {
    const expected = tf.tidy(() => Array.from(surrogateDerivative(tf.tensor1d(us), options).dataSync()));
    us.forEach((u, k) => assert.ok(Math.abs(surrogateAt(u, options) - expected[k]!) < 1e-6, `${JSON.stringify(options)} at u = ${u}`));
  }
});

/** A network whose inhibitory weights a loss on v pushes towards positive values. */
function inhibitedNet() {
  const net = network({ dt: 0.5, seed: 7 });
  const src = net.population("src", 4, cells.spikeSourceArray({ spikeTimes: [[1, 6, 11], [3, 8], [2, 12], [4, 9, 14]] }));
  const cell = net.population("cell", 3, cells.lifCurrExp({ tauM: 10, vRest: -65, vReset: -65, vThresh: -40, tauRefrac: 0 }));
  net.project(src, cell, connect.allToAll(), { weight: -0.3, delay: 1, receptor: "inhibitory" }, { label: "inh" });
  return net;
}

function trainUp(model: ReturnType<typeof compile>, steps: number): void {
  const opt = adam({ params: model.params, lr: 0.2 });
  for (let k = 0; k < steps; k++) {
    tf.tidy(() => {
      const { grads } = valueAndGrads((p) => tf.neg(tf.mean(model.simulate({ steps: 40, params: p, record: { v: ["cell"] } }).v.cell!)) as tf.Scalar, model.params);
      opt.step(grads);
    });
    model.constrain();
  }
  opt.dispose();
}

test("Dale's law: |W|·sign keeps inhibitory weights ≤ 0 under training, clamping too, and without a constraint they turn positive", () => {
  const signsOf = (model: ReturnType<typeof compile>) => tf.tidy(() => Array.from(model.effectiveWeight("inh").dataSync()));
  const reparam = compile(inhibitedNet(), { trainable: { projections: ["inh"] }, signs: "reparam" });
  assert.equal(reparam.sign("inh"), -1);
  trainUp(reparam, 15);
  const wr = signsOf(reparam);
  assert.ok(wr.every((w) => w <= 0), `reparam: ${wr}`);
  assert.ok(wr.some((w) => w > -0.25), "training moved the inhibitory weights towards zero");
  const clamp = compile(inhibitedNet(), { trainable: { projections: ["inh"] }, signs: "clamp" });
  trainUp(clamp, 15);
  const wc = signsOf(clamp);
  assert.ok(wc.every((w) => w <= 0), `clamp: ${wc}`);
  assert.ok(wc.some((w) => w === 0), "clamping should have hit the bound");
  const free = compile(inhibitedNet(), { trainable: { projections: ["inh"] }, signs: "free" });
  trainUp(free, 15);
  assert.ok(signsOf(free).some((w) => w > 0), "without a constraint the loss makes weights excitatory");
  for (const m of [reparam, clamp, free]) m.dispose();
});

test("training a weight by BPTT through surrogate spikes reaches a target spike count", () => {
  const net = network({ dt: 1, seed: 8 });
  const src = net.population("src", 10, cells.spikeSourcePoisson({ rate: 50 }));
  const cell = net.population("cell", 5, cells.lifCurrExp({ tauM: 20, vRest: 0, vReset: 0, vThresh: 1, tauRefrac: 0, tauSynE: 5 }));
  net.project(src, cell, connect.allToAll(), { weight: 0.02, delay: 1 }, { label: "in" });
  const model = compile(net, { trainable: { projections: ["in"] } });
  const target = 8; // spikes per cell in 100 ms
  const opt = adam({ params: model.params, lr: 0.01 });
  const counts: number[] = [];
  for (let k = 0; k < 40; k++) {
    tf.tidy(() => {
      const { grads } = valueAndGrads((p) => {
        const perCell = tf.sum(model.simulate({ steps: 100, params: p }).spikes.cell!, [0, 1]);
        counts.push(tf.mean(perCell).dataSync()[0]!);
        return tf.mean(tf.square(tf.sub(perCell, target))) as tf.Scalar;
      }, model.params);
      opt.step(grads);
    });
  }
  assert.equal(counts[0], 0, "the untrained cells are silent");
  const last = counts.slice(-5).reduce((a, b) => a + b, 0) / 5;
  assert.ok(Math.abs(last - target) < 2, `mean spike count after training ${last}, target ${target}`);
  model.dispose();
});

test("surrogate gradients through a recurrent adaptive network agree between the fused step and the op-by-op step", () => {
  const net = network({ dt: 1, seed: 9 });
  const src = net.population("src", 12, cells.spikeSourcePoisson({ rate: 60 }));
  const rec = net.population("rec", 20, cells.lifCurrExpAdaptive({ tauM: 20, vRest: 0, vReset: 0, vThresh: 1, tauRefrac: 2, tauSynE: 5, tauSynI: 8, dThresh: 0.3, tauThresh: 200 }));
  net.project(src, rec, connect.allToAll(), { weight: { distribution: "uniform", low: 0, high: 0.25 }, delay: 1 }, { label: "in" });
  net.project(rec.slice(0, 16), rec, connect.fixedProbability(0.5), { weight: 0.05, delay: 2 }, { label: "E" });
  net.project(rec.slice(16, 20), rec, connect.fixedProbability(0.5), { weight: -0.1, delay: 1, receptor: "inhibitory" }, { label: "I" });
  const gradsOf = (fused: boolean, resetGradient: boolean) => {
    const model = compile(net, { trainable: { projections: ["in", "E", "I"], cells: { rec: ["vThresh", "vRest"] } }, fused, resetGradient, surrogate: { surrogate: "sigmoid", slope: 2 } });
    const out = tf.tidy(() => {
      let count = 0;
      const { grads } = valueAndGrads((p) => {
        const sim = model.simulate({ steps: 60, batch: 2, params: p, record: { spikes: ["rec"], v: ["rec"] } });
        count = tf.sum(sim.spikes.rec!).dataSync()[0]!;
        const weights = tf.linspace(0.5, 1.5, 20);
        return tf.add(tf.sum(tf.mul(sim.spikes.rec!, weights)), tf.mul(0.1, tf.sum(tf.square(sim.v.rec!)))) as tf.Scalar;
      }, model.params);
      return { count, grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, Array.from(g.dataSync())])) };
    });
    model.dispose();
    return out;
  };
  for (const resetGradient of [false, true]) {
    const a = gradsOf(true, resetGradient);
    const b = gradsOf(false, resetGradient);
    assert.ok(a.count > 20, `the network should spike (got ${a.count})`);
    assert.equal(a.count, b.count);
    for (const name of Object.keys(b.grads)) {
      const x = a.grads[name]!, y = b.grads[name]!;
      const scale = Math.max(...y.map(Math.abs));
      assert.ok(scale > 0, `${name}: some gradient is non-zero`);
      y.forEach((g, k) => assert.ok(Math.abs(x[k]! - g) <= 1e-3 * scale, `${name}[${k}] (resetGradient ${resetGradient}): fused ${x[k]}, op-by-op ${g}`));
    }
  }
});
