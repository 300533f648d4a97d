import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { sgd } from "../optimisers.js";
import { tf } from "../tf.js";
import { setUp, randn } from "../../../test/learn/helpers.js";
import { feedbackAlignmentDense, feedbackAlignmentMatMul } from "./feedback-alignment.js";
import { stepGroups } from "./groups.js";

before(setUp);

function matMul(a: Float32Array, b: Float32Array, n: number, k: number, m: number, transposeB = false): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[i * k + t]! * (transposeB ? b[j * k + t]! : b[t * m + j]!);
    out[i * m + j] = s;
  }
  return out;
}

test("feedback alignment sends δ·Bᵀ to the input and xᵀ·δ to the weights", () => {
  const x = randn(1, [5, 4]);
  const w = randn(2, [4, 3]);
  const b = randn(3, [4, 3]);
  const r = randn(4, [5, 3]); // loss = Σ y ⊙ r, so δ = r
  const [gx, gw] = tf.grads((xi: tf.Tensor, wi: tf.Tensor) => tf.sum(tf.mul(feedbackAlignmentMatMul(xi, wi, b), r)))([x, w]);
  const rv = r.dataSync() as Float32Array;
  const expectedGx = matMul(rv, b.dataSync() as Float32Array, 5, 3, 4, true);
  const xt = new Float32Array(20);
  const xv = x.dataSync();
  for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) xt[j * 5 + i] = xv[i * 4 + j]!;
  const expectedGw = matMul(xt, rv, 4, 5, 3);
  gx!.dataSync().forEach((v, i) => assert.ok(Math.abs(v - expectedGx[i]!) < 1e-4));
  gw!.dataSync().forEach((v, i) => assert.ok(Math.abs(v - expectedGw[i]!) < 1e-4));
  // and it is not backpropagation: the input gradient differs from δ·Wᵀ
  const bpGx = matMul(rv, w.dataSync() as Float32Array, 5, 3, 4, true);
  assert.ok(gx!.dataSync().some((v, i) => Math.abs(v - bpGx[i]!) > 1e-2));
  const y = feedbackAlignmentMatMul(x, w, b).dataSync();
  const expectedY = matMul(x.dataSync() as Float32Array, w.dataSync() as Float32Array, 5, 4, 3);
  y.forEach((v, i) => assert.ok(Math.abs(v - expectedY[i]!) < 1e-4));
});

test("a two-layer feedback-alignment network learns a linear teacher", () => {
  const rng = createRng(11);
  const h = feedbackAlignmentDense({ inputs: 8, units: 16, activation: "tanh", rng: rng.stream("h") });
  const o = feedbackAlignmentDense({ inputs: 16, units: 2, rng: rng.stream("o") });
  const x = randn(12, [64, 8]);
  const teacher = randn(13, [8, 2]);
  const target = tf.matMul(x, teacher);
  const params = { "h/kernel": h.params.kernel!, "h/bias": h.params.bias!, "o/kernel": o.params.kernel!, "o/bias": o.params.bias! };
  const opt = sgd({ params, lr: 0.05 });
  const lossOf = (p: Record<string, tf.Tensor>) => tf.mean(tf.square(tf.sub(
    o.apply(h.apply(x, { kernel: p["h/kernel"]!, bias: p["h/bias"]! }), { kernel: p["o/kernel"]!, bias: p["o/bias"]! }), target))) as tf.Scalar;
  const first = stepGroups([opt], lossOf);
  let last = first;
  for (let i = 0; i < 300; i++) last = stepGroups([opt], lossOf);
  assert.ok(last < 0.3 * first, `loss ${first} → ${last}`);
});

test("stepGroups clips each group on its own", () => {
  const a = tf.variable(tf.tensor1d([0, 0]));
  const b = tf.variable(tf.tensor1d([0]));
  const optA = sgd({ params: { a }, lr: 1, clipNorm: 1 });
  const optB = sgd({ params: { b }, lr: 1, clipNorm: 10 });
  // gradient of a is (−3, −4), norm 5 → clipped to (−0.6, −0.8); gradient of b is −2, under its clip
  stepGroups([optA, optB], (p) => tf.add(tf.sum(tf.mul(p.a!, tf.tensor1d([-3, -4]))), tf.mul(p.b!, -2).sum()) as tf.Scalar);
  const av = a.dataSync();
  assert.ok(Math.abs(av[0]! - 0.6) < 1e-6 && Math.abs(av[1]! - 0.8) < 1e-6);
  assert.ok(Math.abs(b.dataSync()[0]! - 2) < 1e-6);
  assert.throws(() => stepGroups([optA, optA], (p) => tf.sum(p.a!) as tf.Scalar), /exactly one group/);
});
