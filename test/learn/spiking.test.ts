import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../src/core/rng.js";
import { valueAndGrads } from "../../src/learn/grad.js";
import { lifLayer, spike, surrogateDerivative } from "../../src/learn/layers/spiking.js";
import { tf } from "../../src/learn/tf.js";
import { randn, setUp } from "./helpers.js";

before(setUp);

test("spike: a Heaviside step forward, the surrogate's closed form backward", () => {
  const u = tf.tensor1d([-1, -0.1, 0, 0.05, 2]);
  assert.deepEqual(Array.from(spike(u).dataSync()), [0, 0, 0, 1, 1]);
  const cases = [
    { surrogate: "fastSigmoid" as const, slope: 10, d: (x: number) => 1 / (10 * Math.abs(x) + 1) ** 2 },
    { surrogate: "sigmoid" as const, slope: 5, d: (x: number) => { const s = 1 / (1 + Math.exp(-5 * x)); return 5 * s * (1 - s); } },
    { surrogate: "triangle" as const, slope: 2, d: (x: number) => 2 * Math.max(0, 1 - 2 * Math.abs(x)) },
  ];
  for (const c of cases) {
    const g = valueAndGrads((p) => tf.sum(spike(p.u!, c)) as tf.Scalar, { u }).grads.u!.dataSync();
    Array.from(u.dataSync()).forEach((x, i) => assert.ok(Math.abs(g[i]! - c.d(x)) < 1e-5, `${c.surrogate} at ${x}: ${g[i]} vs ${c.d(x)}`));
    const direct = surrogateDerivative(u, c).dataSync();
    direct.forEach((v, i) => assert.ok(Math.abs(v - c.d(u.dataSync()[i]!)) < 1e-6));
  }
});

test("LIF layer: forward dynamics match a hand-written loop", () => {
  const layer = lifLayer({ inputs: 2, units: 3, beta: 0.8, threshold: 1, rng: createRng(3) });
  const x = tf.tidy(() => tf.abs(randn(4, [6, 1, 2], 1.5)));
  const { spikes, v } = layer.apply(x);
  const W = layer.params.kernel!.arraySync() as number[][];
  const X = x.arraySync() as number[][][];
  const S = spikes.arraySync() as number[][][];
  const V = v.arraySync() as number[][][];
  let vm = [0, 0, 0];
  for (let t = 0; t < 6; t++) {
    vm = vm.map((vj, j) => 0.8 * vj + X[t]![0]![0]! * W[0]![j]! + X[t]![0]![1]! * W[1]![j]!);
    for (let j = 0; j < 3; j++) {
      assert.ok(Math.abs(V[t]![0]![j]! - vm[j]!) < 1e-5, `v at t=${t}, unit ${j}`);
      const s = vm[j]! > 1 ? 1 : 0;
      assert.equal(S[t]![0]![j], s);
      vm[j] = vm[j]! - s; // subtractive reset
    }
  }
  assert.ok(S.flat(2).some((s) => s === 1), "some unit fires, so the reset path is exercised");
});

test("LIF layer: BPTT gradients equal a hand-written backward pass through time with the surrogate", () => {
  // One unit, detached subtractive reset: v_t = β·(v_{t−1} − θ·s_{t−1}) + x_t·w + b.
  // With L = Σ_t (c_t·s_t + d_t·v_t): δ_t = d_t + c_t·σ'(v_t − θ) + β·δ_{t+1}; ∂L/∂w = Σ x_t δ_t.
  const T = 8, beta = 0.85, theta = 1;
  const layer = lifLayer({ inputs: 2, units: 1, beta, threshold: theta, rng: createRng(11) });
  layer.params.kernel!.assign(tf.tensor2d([[0.9], [0.6]]));
  layer.params.bias!.assign(tf.tensor1d([0.05]));
  const x = tf.tidy(() => tf.abs(randn(12, [T, 1, 2])));
  const c = Array.from({ length: T }, (_, t) => Math.sin(t + 1));
  const d = Array.from({ length: T }, (_, t) => 0.1 * Math.cos(t));
  const { grads } = valueAndGrads((p) => {
    const run = layer.apply(x, p);
    return tf.add(tf.sum(tf.mul(tf.reshape(run.spikes, [T]), tf.tensor1d(c))), tf.sum(tf.mul(tf.reshape(run.v, [T]), tf.tensor1d(d)))) as tf.Scalar;
  }, layer.params);
  const X = (x.arraySync() as number[][][]).map((r) => r[0]!);
  const vs: number[] = [];
  let v = 0;
  for (let t = 0; t < T; t++) {
    v = beta * v + X[t]![0]! * 0.9 + X[t]![1]! * 0.6 + 0.05;
    vs.push(v);
    if (v > theta) v -= theta;
  }
  const surrogate = (u: number) => 1 / (10 * Math.abs(u) + 1) ** 2;
  const delta = new Array(T).fill(0);
  for (let t = T - 1; t >= 0; t--) delta[t] = d[t]! + c[t]! * surrogate(vs[t]! - theta) + (t + 1 < T ? beta * delta[t + 1]! : 0);
  const dw = [0, 1].map((i) => X.reduce((s, xt, t) => s + xt[i]! * delta[t]!, 0));
  const db = delta.reduce((s, v2) => s + v2, 0);
  const gw = grads.kernel!.dataSync();
  assert.ok(vs.some((vt) => vt > theta), "the unit spikes");
  assert.ok(Math.abs(gw[0]! - dw[0]!) < 1e-4 && Math.abs(gw[1]! - dw[1]!) < 1e-4, `${Array.from(gw)} vs ${dw}`);
  assert.ok(Math.abs(grads.bias!.dataSync()[0]! - db) < 1e-4);
});
