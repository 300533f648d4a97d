import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { createDsrMlp, dsrBackward, dsrForward, dsrGradients, dsrWorkspace } from "./dsr-mlp.js";
import { EwcPenalty, dsrFisherDiagonal } from "./ewc.js";

test("the EWC gradient is F·(θ − θ*) for one task and Σ_k F_k(θ − θ*_k) for several", () => {
  const rng = createRng(1);
  const rand = (n: number, s = 1) => Float32Array.from({ length: n }, () => rng.normal() * s);
  const f1 = [rand(5).map(Math.abs)], a1 = [rand(5)], f2 = [rand(5).map(Math.abs)], a2 = [rand(5)];
  const theta = [rand(5)];
  const ewc = new EwcPenalty([5]);
  const g = [new Float32Array(5)];
  ewc.addGradient(theta, 2, g);
  assert.deepEqual(g[0], new Float32Array(5), "no penalty before any task");
  ewc.consolidate(f1, a1);
  ewc.addGradient(theta, 2, g);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(g[0]![i]! - 2 * f1[0]![i]! * (theta[0]![i]! - a1[0]![i]!)) < 1e-5);
  ewc.consolidate(f2, a2);
  const g2 = [new Float32Array(5)];
  ewc.addGradient(theta, 2, g2);
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const want = 2 * (f1[0]![i]! * (theta[0]![i]! - a1[0]![i]!) + f2[0]![i]! * (theta[0]![i]! - a2[0]![i]!));
    assert.ok(Math.abs(g2[0]![i]! - want) < 1e-5);
    value += f1[0]![i]! * (theta[0]![i]! - a1[0]![i]!) ** 2 + f2[0]![i]! * (theta[0]![i]! - a2[0]![i]!) ** 2;
  }
  assert.ok(Math.abs(ewc.value(theta, 2) - value) < 1e-4, `${ewc.value(theta, 2)} vs ${value}`);
  assert.equal(ewc.consolidated, 2);
});

test("the EWC gradient is the derivative of its value (finite differences)", () => {
  const rng = createRng(2);
  const ewc = new EwcPenalty([4, 3]);
  ewc.consolidate([Float32Array.from([1, 2, 0.5, 3]), Float32Array.from([0.2, 1, 4])], [Float32Array.from([0.1, -0.2, 0.3, 1]), Float32Array.from([2, 0, -1])]);
  const theta = [Float32Array.from({ length: 4 }, () => rng.normal()), Float32Array.from({ length: 3 }, () => rng.normal())];
  const g = [new Float32Array(4), new Float32Array(3)];
  ewc.addGradient(theta, 3, g);
  for (let l = 0; l < 2; l++) for (let i = 0; i < theta[l]!.length; i++) {
    const w0 = theta[l]![i]!;
    theta[l]![i] = w0 + 1e-2; const up = ewc.value(theta, 3);
    theta[l]![i] = w0 - 1e-2; const down = ewc.value(theta, 3);
    theta[l]![i] = w0;
    assert.ok(Math.abs((up - down) / 2e-2 - g[l]![i]!) < 1e-2, `[${l}][${i}]`);
  }
});

test("the batched Fisher diagonal equals the mean of squared per-sample gradients", () => {
  const rng = createRng(3);
  const net = createDsrMlp({ inputs: 6, hidden: [5, 4], classes: 3, timeSteps: 4, rng });
  for (const w of net.weights) for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 1.5;
  const count = 9;
  const x = Float32Array.from({ length: count * 6 }, () => rng.normal() * 2);
  const labels = Uint8Array.from({ length: count }, () => rng.int(3));
  const fisher = dsrFisherDiagonal(net, x, labels, count, 4);
  const ws = dsrWorkspace(net, 1);
  const grads = dsrGradients(net, 1);
  const want = net.weights.map((w) => new Float64Array(w.length));
  for (let s = 0; s < count; s++) {
    const xs = x.subarray(s * 6, (s + 1) * 6);
    dsrForward(net, xs, 1, ws);
    dsrBackward(net, xs, 1, ws, labels.subarray(s, s + 1), grads);
    for (let l = 0; l < want.length; l++) for (let i = 0; i < want[l]!.length; i++) want[l]![i]! += grads.weights[l]![i]! ** 2 / count;
  }
  let nonZero = 0;
  for (let l = 0; l < want.length; l++) for (let i = 0; i < want[l]!.length; i++) {
    if (want[l]![i]! > 0) nonZero++;
    assert.ok(Math.abs(fisher[l]![i]! - want[l]![i]!) < 1e-4 * Math.max(1, want[l]![i]!), `F[${l}][${i}]`);
  }
  assert.ok(nonZero > 10);
});

test("the proximal EWC step is plain SGD without Fisher weight and otherwise solves its implicit equation", () => {
  const ewc = new EwcPenalty([3]);
  const w = [Float32Array.from([1, -2, 0.5])];
  const g = [Float32Array.from([0.3, 0.1, -0.2])];
  ewc.consolidate([new Float32Array(3)], [Float32Array.from([9, 9, 9])]);
  ewc.proximalStep(w, g, 0.1, 1000);
  assert.deepEqual(Array.from(w[0]!, (v) => Math.round(v * 1e6) / 1e6), [0.97, -2.01, 0.52]);
  const ewc2 = new EwcPenalty([3]);
  const anchor = Float32Array.from([0.2, 0.4, -0.6]), fisher = Float32Array.from([0.5, 2, 0.01]);
  ewc2.consolidate([fisher], [anchor]);
  const before = Float32Array.from([1, -2, 0.5]);
  const after = [before.slice()];
  ewc2.proximalStep(after, g, 0.1, 50);
  // θ' = θ − lr(g + λF(θ' − θ*)): the penalty gradient is taken at the new point.
  const pen = [new Float32Array(3)];
  ewc2.addGradient(after, 50, pen);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(after[0]![i]! - (before[i]! - 0.1 * (g[0]![i]! + pen[0]![i]!))) < 1e-5);
  // Huge λ pins weights with Fisher weight to their anchors instead of diverging.
  const pinned = [before.slice()];
  ewc2.proximalStep(pinned, g, 0.1, 1e9);
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(pinned[0]![i]! - anchor[i]!) < 1e-4);
});
