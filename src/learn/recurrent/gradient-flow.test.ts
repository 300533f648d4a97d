import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { lstmCellStateGradients, lstmForward, meanNormByLag, simpleRnnStateGradients, type LstmWeights, type SimpleRnnWeights } from "./gradient-flow.js";
import { scaledOrthogonal } from "./orthogonal.js";

function gaussian(n: number, sd: number, seed: number): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n), 0, sd);
}

// An independent forward pass for finite differences: runs the RNN and adds `eps` to unit j of h_t
// right after step t (so L changes only through what h_t feeds later).
function rnnLoss(w: SimpleRnnWeights, x: Float64Array, T: number, v: Float64Array, perturb?: { t: number; j: number; eps: number }): number {
  const H = w.hidden, D = w.inputs;
  let h = new Array<number>(H).fill(0);
  for (let t = 0; t < T; t++) {
    const next = new Array<number>(H).fill(0);
    for (let i = 0; i < H; i++) {
      let a = 0;
      for (let k = 0; k < D; k++) a += w.inputKernel[i * D + k]! * x[t * D + k]!;
      for (let j = 0; j < H; j++) a += w.recurrentKernel[i * H + j]! * h[j]!;
      next[i] = w.activation === "linear" ? a : Math.tanh(a);
    }
    if (perturb && perturb.t === t) next[perturb.j]! += perturb.eps;
    h = next;
  }
  return h.reduce((s, hi, i) => s + hi * v[i]!, 0);
}

test("linear RNN with recurrence g·Q: ‖∂L/∂h_t‖ is exactly g^(T−t)·‖v‖", () => {
  const H = 16, D = 3, T = 40;
  for (const g of [0.9, 1.1]) {
    const w: SimpleRnnWeights = {
      hidden: H, inputs: D, activation: "linear",
      inputKernel: gaussian(H * D, 0.5, 1), recurrentKernel: scaledOrthogonal(H, g, createRng(2)),
    };
    const v = gaussian(H, 1, 3);
    const vNorm = Math.hypot(...v);
    const { norms } = simpleRnnStateGradients(w, gaussian(T * D, 1, 4), T, v);
    for (let t = 0; t < T; t++) {
      const expected = g ** (T - 1 - t) * vNorm;
      assert.ok(Math.abs(norms[t]! / expected - 1) < 1e-10, `g=${g}, t=${t}: ${norms[t]} vs ${expected}`);
    }
  }
});

test("tanh RNN: ∂L/∂h_t agrees with central finite differences at several steps", () => {
  const H = 6, D = 2, T = 12;
  const w: SimpleRnnWeights = {
    hidden: H, inputs: D, activation: "tanh",
    inputKernel: gaussian(H * D, 0.8, 5), recurrentKernel: scaledOrthogonal(H, 1.3, createRng(6)),
  };
  const x = gaussian(T * D, 1, 7);
  const v = gaussian(H, 1, 8);
  const { grads } = simpleRnnStateGradients(w, x, T, v);
  const eps = 1e-6;
  let largest = 0;
  for (const t of [0, 4, 9, 11]) {
    for (let j = 0; j < H; j++) {
      const numeric = (rnnLoss(w, x, T, v, { t, j, eps }) - rnnLoss(w, x, T, v, { t, j, eps: -eps })) / (2 * eps);
      const analytic = grads[t * H + j]!;
      largest = Math.max(largest, Math.abs(numeric));
      assert.ok(Math.abs(numeric - analytic) < 1e-6 * (1 + Math.abs(numeric)), `t=${t}, j=${j}: ${analytic} vs ${numeric}`);
    }
  }
  assert.ok(largest > 1e-3, "the compared gradients are not all ~0");
});

// Independent LSTM forward with a perturbation of c_t (h_t is recomputed from the perturbed c_t).
function lstmLoss(w: LstmWeights, x: Float64Array, T: number, v: Float64Array, perturb?: { t: number; j: number; eps: number }): number {
  const H = w.hidden, D = w.inputs;
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  for (let t = 0; t < T; t++) {
    const z = new Array<number>(4 * H).fill(0);
    for (let r = 0; r < 4 * H; r++) {
      z[r] = w.bias[r]!;
      for (let k = 0; k < D; k++) z[r]! += w.inputKernel[r * D + k]! * x[t * D + k]!;
      for (let j = 0; j < H; j++) z[r]! += w.recurrentKernel[r * H + j]! * h[j]!;
    }
    const cn = c.map((cj, j) => sig(z[H + j]!) * cj + sig(z[j]!) * Math.tanh(z[2 * H + j]!));
    if (perturb && perturb.t === t) cn[perturb.j]! += perturb.eps;
    h = cn.map((cj, j) => sig(z[3 * H + j]!) * Math.tanh(cj));
    c = cn;
  }
  return h.reduce((s, hi, i) => s + hi * v[i]!, 0);
}

function randomLstm(H: number, D: number, forgetBias: number, seed: number): LstmWeights {
  const bias = gaussian(4 * H, 0.1, seed + 2);
  for (let j = 0; j < H; j++) bias[H + j]! += forgetBias;
  return { hidden: H, inputs: D, inputKernel: gaussian(4 * H * D, 0.6, seed), recurrentKernel: gaussian(4 * H * H, 0.4, seed + 1), bias };
}

test("LSTM: total ∂L/∂c_t agrees with central finite differences", () => {
  const H = 5, D = 3, T = 10;
  const w = randomLstm(H, D, 1, 11);
  const x = gaussian(T * D, 1, 14);
  const v = gaussian(H, 1, 15);
  const { grads } = lstmCellStateGradients(w, x, T, v);
  const eps = 1e-6;
  let largest = 0;
  for (const t of [0, 3, 8, 9]) {
    for (let j = 0; j < H; j++) {
      const numeric = (lstmLoss(w, x, T, v, { t, j, eps }) - lstmLoss(w, x, T, v, { t, j, eps: -eps })) / (2 * eps);
      largest = Math.max(largest, Math.abs(numeric));
      assert.ok(Math.abs(numeric - grads[t * H + j]!) < 1e-6 * (1 + Math.abs(numeric)), `t=${t}, j=${j}: ${grads[t * H + j]} vs ${numeric}`);
    }
  }
  assert.ok(largest > 1e-3, "the compared gradients are not all ~0");
  // The forward pass agrees with the independent one.
  const { h } = lstmForward(w, x, T);
  const last = Array.from(h.subarray((T - 1) * H)).reduce((s, hi, i) => s + hi * v[i]!, 0);
  assert.ok(Math.abs(last - lstmLoss(w, x, T, v)) < 1e-12);
});

test("LSTM: a large forget-gate bias keeps the cell-state gradient alive over 50 steps; zero bias lets it vanish", () => {
  const H = 16, D = 4, T = 60;
  const x = gaussian(T * D, 1, 20);
  const v = gaussian(H, 1, 21);
  const ratio = (bf: number) => {
    const { norms } = lstmCellStateGradients(randomLstm(H, D, bf, 30), x, T, v);
    return norms[T - 1 - 50]! / norms[T - 1]!;
  };
  assert.ok(ratio(5) > 0.1, `b_f = 5: ${ratio(5)}`);
  assert.ok(ratio(0) < 1e-6, `b_f = 0: ${ratio(0)}`);
});

test("meanNormByLag averages per-sequence norms and reverses time into lags", () => {
  const out = meanNormByLag(2, 3, (s) => Float64Array.from(s === 0 ? [1, 2, 3] : [3, 4, 5]));
  assert.deepEqual(Array.from(out), [4, 3, 2]);
});

test("a sequence of the wrong length throws a CajalError", () => {
  const w: SimpleRnnWeights = { hidden: 2, inputs: 2, inputKernel: new Float64Array(4), recurrentKernel: new Float64Array(4) };
  assert.throws(() => simpleRnnStateGradients(w, new Float64Array(5), 3, new Float64Array(2)), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "learn-bad-option");
});
