import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { createDsrMlp, dsrBackward, dsrForward, dsrGradients, dsrWorkspace } from "./dsr-mlp.js";
import { HebbianSubspace } from "./hebbian-subspace.js";

function setup(seed: number, batch: number, hidden = [6, 5]) {
  const rng = createRng(seed);
  const net = createDsrMlp({ inputs: 8, hidden, classes: 4, timeSteps: 5, rng });
  // Larger weights than the default so that units fire, stay silent and saturate in one batch.
  for (const w of net.weights) for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 1.5;
  const x = Float32Array.from({ length: batch * 8 }, () => rng.normal() * 2);
  const labels = Uint8Array.from({ length: batch }, () => rng.int(4));
  return { net, x, labels };
}

test("the LIF forward pass matches a scalar simulation of V ← βV + (1 − β)I, spike at α·V_th, V −= V_th", () => {
  const { net, x } = setup(1, 3);
  const ws = dsrWorkspace(net, 3);
  dsrForward(net, x, 3, ws);
  const beta = Math.exp(-0.05);
  const vth = 0.3;
  const w0 = net.weights[0]!;
  let spikes = 0;
  for (let b = 0; b < 3; b++) for (let j = 0; j < 6; j++) {
    let current = 0;
    for (let i = 0; i < 8; i++) current += w0[j * 8 + i]! * x[b * 8 + i]!;
    let v = 0, count = 0;
    for (let t = 0; t < 5; t++) {
      v = beta * v + (1 - beta) * current;
      const fired = v >= 0.3 * vth;
      if (fired) { v -= vth; count++; spikes++; }
      assert.equal(ws.spikes[0]![t * 3 * 6 + b * 6 + j], fired ? Math.fround(vth / 0.05) : 0);
    }
    assert.ok(Math.abs(ws.meanRate[0]![b * 6 + j]! - (count * vth) / 0.05 / 5) < 1e-4);
  }
  assert.ok(spikes > 0 && spikes < 3 * 6 * 5, `some but not all steps spike (${spikes})`);
});

test("the readout gradient equals finite differences of the cross-entropy", () => {
  const { net, x, labels } = setup(2, 4);
  const ws = dsrWorkspace(net, 4);
  const grads = dsrGradients(net, 4);
  dsrForward(net, x, 4, ws);
  dsrBackward(net, x, 4, ws, labels, grads);
  const last = net.weights.length - 1;
  const w = net.weights[last]!;
  const loss = () => {
    dsrForward(net, x, 4, ws);
    let s = 0;
    for (let b = 0; b < 4; b++) {
      const z = Array.from(ws.logits.subarray(b * 4, b * 4 + 4));
      const m = Math.max(...z);
      s += Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0)) + m - z[labels[b]!]!;
    }
    return s / 4;
  };
  for (const i of [0, 3, 7, 12, 19]) {
    const w0 = w[i]!;
    const h = 1e-2;
    w[i] = w0 + h; const up = loss();
    w[i] = w0 - h; const down = loss();
    w[i] = w0;
    const fd = (up - down) / (2 * h);
    assert.ok(Math.abs(fd - grads.weights[last]![i]!) < 2e-3 * Math.max(1, Math.abs(fd)), `dW[${i}]: ${grads.weights[last]![i]} vs ${fd}`);
  }
});

/**
 * An independent transcription of DSR's LIF backward rule, step by step: the gradient reaching a
 * layer's per-step outputs is rate-coded with the readout weights (× T), passed where the weighted
 * input rate lies in (0, V_th τ/Δt), divided by τ and spread evenly over the T steps.
 */
function referenceGradients(net: ReturnType<typeof createDsrMlp>, x: Float32Array, labels: Uint8Array, batch: number) {
  const T = net.timeSteps, dt = net.dt, tau = net.tau, w = net.rateWeights;
  const sizes = net.sizes;
  const ws = dsrWorkspace(net, batch);
  dsrForward(net, x, batch, ws);
  const classes = sizes[sizes.length - 1]!;
  const L = sizes.length - 1;
  // ∂L/∂(readout input at step t) = w̃_t · δ, and ∂L/∂o_t = W_lastᵀ (w̃_t δ).
  let gradOut: number[][][] = []; // [t][b][unit] for the last hidden layer's outputs
  const delta: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const z = Array.from(ws.logits.subarray(b * classes, (b + 1) * classes));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, v) => a + v, 0);
    delta.push(e.map((v, c) => (v / s - (c === labels[b] ? 1 : 0)) / batch));
  }
  const gW: number[][] = sizes.slice(0, -1).map((s, l) => new Array(s * sizes[l + 1]!).fill(0));
  for (let c = 0; c < classes; c++) for (let b = 0; b < batch; b++) for (let j = 0; j < sizes[L - 1]!; j++) {
    gW[L - 1]![c * sizes[L - 1]! + j]! += delta[b]![c]! * ws.weightedRate[L - 2]![b * sizes[L - 1]! + j]!;
  }
  const units = sizes[L - 1]!;
  gradOut = Array.from({ length: T }, (_, t) => Array.from({ length: batch }, (_, b) => Array.from({ length: units }, (_, j) => {
    let s = 0;
    for (let c = 0; c < classes; c++) s += net.weights[L - 1]![c * units + j]! * w[t]! * delta[b]![c]!;
    return s;
  })));
  for (let l = L - 1; l >= 1; l--) {
    const u = sizes[l]!, fanIn = sizes[l - 1]!, h = l - 1;
    const vth = net.thresholds[h]!;
    const gradIn: number[][][] = Array.from({ length: T }, () => Array.from({ length: batch }, () => new Array(u).fill(0)));
    for (let b = 0; b < batch; b++) for (let j = 0; j < u; j++) {
      let coding = 0, inRate = 0;
      for (let t = 0; t < T; t++) {
        coding += w[t]! * gradOut[t]![b]![j]!;
        inRate += w[t]! * ws.currents[h]![t * batch * u + b * u + j]!;
      }
      coding *= T;
      const pass = inRate > 0 && inRate < (vth / dt) * tau;
      for (let t = 0; t < T; t++) gradIn[t]![b]![j] = pass ? coding / tau / T : 0;
    }
    // ∂L/∂W = Σ_t ∂L/∂I_t ⊗ (input at t); ∂L/∂(input at t) = Wᵀ ∂L/∂I_t.
    const next: number[][][] = Array.from({ length: T }, () => Array.from({ length: batch }, () => new Array(fanIn).fill(0)));
    for (let t = 0; t < T; t++) for (let b = 0; b < batch; b++) for (let j = 0; j < u; j++) {
      const g = gradIn[t]![b]![j]!;
      for (let i = 0; i < fanIn; i++) {
        const input = h === 0 ? x[b * fanIn + i]! : ws.spikes[h - 1]![t * batch * fanIn + b * fanIn + i]!;
        gW[h]![j * fanIn + i]! += g * input;
        next[t]![b]![i]! += net.weights[h]![j * fanIn + i]! * g;
      }
    }
    gradOut = next;
  }
  return gW;
}

test("hidden-layer gradients follow DSR's rule as written step by step", () => {
  for (const hidden of [[6, 5], [6, 5, 7]]) {
    const { net, x, labels } = setup(3, 6, hidden);
    const ws = dsrWorkspace(net, 6);
    const grads = dsrGradients(net, 6);
    dsrForward(net, x, 6, ws);
    dsrBackward(net, x, 6, ws, labels, grads);
    const ref = referenceGradients(net, x, labels, 6);
    let nonZero = 0;
    for (let l = 0; l < ref.length; l++) for (let i = 0; i < ref[l]!.length; i++) {
      const want = ref[l]![i]!;
      if (want !== 0) nonZero++;
      assert.ok(Math.abs(grads.weights[l]![i]! - want) < 1e-4 * Math.max(1, Math.abs(want)), `layer ${l} [${i}]: ${grads.weights[l]![i]} vs ${want}`);
    }
    assert.ok(nonZero > 20, "the check covers non-zero gradients");
  }
});

test("with HLOP's residual as presynaptic input, every weight-gradient row is orthogonal to the frozen subspace", () => {
  const { net, x, labels } = setup(4, 6);
  const subspaces = net.sizes.slice(0, -1).map((s, l) => {
    const h = new HebbianSubspace({ inputs: s, learningRate: 0.01 });
    h.addRows(Math.min(3, s - 1), createRng(10 + l));
    h.freeze();
    return h;
  });
  const ws = dsrWorkspace(net, 6);
  const grads = dsrGradients(net, 6);
  dsrForward(net, x, 6, ws);
  dsrBackward(net, x, 6, ws, labels, grads, { presynaptic: (l, p, b) => subspaces[l]!.residual(p, b, p) });
  for (let l = 0; l < subspaces.length; l++) {
    const h = subspaces[l]!.weights();
    const fanIn = net.sizes[l]!, outs = net.sizes[l + 1]!;
    let norm = 0;
    for (let o = 0; o < outs; o++) for (let r = 0; r < subspaces[l]!.rows; r++) {
      let d = 0;
      for (let i = 0; i < fanIn; i++) d += grads.weights[l]![o * fanIn + i]! * h[r * fanIn + i]!;
      assert.ok(Math.abs(d) < 1e-4, `layer ${l}: gradient row ${o} · subspace row ${r} = ${d}`);
    }
    for (const g of grads.weights[l]!) norm += g * g;
    assert.ok(norm > 1e-8, `layer ${l} still learns outside the subspace`);
  }
});

test("threshold gradients collect the rate-coded gradient of saturated units, times Δt", () => {
  const { net, x, labels } = setup(5, 6);
  const ws = dsrWorkspace(net, 6);
  const grads = dsrGradients(net, 6);
  dsrForward(net, x, 6, ws);
  dsrBackward(net, x, 6, ws, labels, grads);
  const saturated = Array.from(ws.inputRate[1]!).filter((r) => r > 0.3 / 0.05).length;
  assert.ok(saturated > 0, "some units of the last hidden layer saturate");
  assert.notEqual(grads.thresholds[1], 0);
});

test("feedback alignment carries errors back through the given matrices; with the weights themselves nothing changes", () => {
  const { net, x, labels } = setup(6, 5);
  const ws = dsrWorkspace(net, 5);
  const plain = dsrGradients(net, 5), same = dsrGradients(net, 5), random = dsrGradients(net, 5);
  dsrForward(net, x, 5, ws);
  dsrBackward(net, x, 5, ws, labels, plain);
  dsrBackward(net, x, 5, ws, labels, same, { feedback: net.weights.map((w) => w.slice()) });
  const rng = createRng(60);
  const b = net.weights.map((w) => Float32Array.from(w, () => rng.normal()));
  dsrBackward(net, x, 5, ws, labels, random, { feedback: b });
  for (let l = 0; l < net.weights.length; l++) assert.deepEqual(same.weights[l], plain.weights[l]);
  const last = net.weights.length - 1;
  assert.deepEqual(random.weights[last], plain.weights[last], "the readout's own gradient needs no feedback path");
  // The error reaching the last hidden layer is c·(δ B) masked, with B in place of the readout weights.
  const units = net.sizes[last]!, classes = net.sizes[last + 1]!;
  let c = 0;
  for (const w of net.rateWeights) c += w * w;
  c *= net.timeSteps;
  const upper = (net.thresholds[last - 1]! / net.dt) * net.tau;
  for (let s = 0; s < 5; s++) for (let j = 0; j < units; j++) {
    let g = 0;
    for (let o = 0; o < classes; o++) g += random.errors[last]![s * classes + o]! * b[last]![o * units + j]!;
    const r = ws.inputRate[last - 1]![s * units + j]!;
    const want = r > 0 && r < upper ? (g * c) / net.tau : 0;
    assert.ok(Math.abs(random.errors[last - 1]![s * units + j]! - want) < 1e-5);
  }
});
