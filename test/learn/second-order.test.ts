import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../src/core/rng.js";
import { logSoftmax } from "../../src/learn/activations.js";
import { crossEntropy } from "../../src/learn/losses.js";
import { valueAndGrads } from "../../src/learn/grad.js";
import { gradCheck } from "../../src/learn/grad-check.js";
import { sgdUpdate } from "../../src/learn/optimisers.js";
import type { Tensors } from "../../src/learn/params.js";
import { tf } from "../../src/learn/tf.js";
import { randn, setUp } from "./helpers.js";

// Inner task: regression with a tanh unit; outer task: validation loss after the inner steps.
let xTrain: tf.Tensor, yTrain: tf.Tensor, xVal: tf.Tensor, yVal: tf.Tensor;
before(async () => {
  await setUp();
  xTrain = randn(1, [6, 3]);
  yTrain = randn(2, [6, 1]);
  xVal = randn(3, [5, 3]);
  yVal = randn(4, [5, 1]);
});
const innerLoss = (p: Tensors) => tf.mean(tf.square(tf.sub(tf.tanh(tf.matMul(xTrain, p.w!)), yTrain))) as tf.Scalar;

/** Validation loss after `steps` differentiable SGD-momentum steps from θ₀ with a learned log learning rate. */
function unrolled(p: Tensors, steps: number): tf.Scalar {
  let params: Tensors = { w: p.w! };
  let velocity: Tensors | undefined;
  const lr = tf.exp(p.logLr!);
  for (let s = 0; s < steps; s++) {
    const { grads } = valueAndGrads(innerLoss, params); // inner gradient, itself differentiable
    const next = sgdUpdate(params, grads, lr, { momentum: 0.5, ...(velocity ? { velocity } : {}) });
    params = next.params;
    velocity = next.velocity;
  }
  return tf.mean(tf.square(tf.sub(tf.tanh(tf.matMul(xVal, params.w!)), yVal))) as tf.Scalar;
}

test("second order: the gradient through 2 unrolled SGD steps matches finite differences, for θ₀ and the learning rate", () => {
  const params = { w: randn(5, [3, 1]), logLr: tf.scalar(Math.log(0.5)) };
  const result = gradCheck((p) => unrolled(p, 2), params, { rng: createRng(1), step: 1e-2, atol: 5e-4, rtol: 1e-2 });
  assert.ok(result.worst <= 1, `mismatch: ${JSON.stringify(result.worstEntry)}`);
  const lrEntry = result.entries.find((e) => e.param === "logLr")!;
  assert.ok(Math.abs(lrEntry.numeric) > 1e-3, "the learning rate matters, so the check can fail");
});

test("second order: dropping the inner gradient's dependence on θ (first-order approximation) changes the answer", () => {
  // Shows the test above really exercises second derivatives: a first-order (FOMAML-like)
  // variant that treats the inner gradients as constants gives a different meta-gradient.
  const params = { w: randn(5, [3, 1]), logLr: tf.scalar(Math.log(0.5)) };
  const full = tf.tidy(() => valueAndGrads((p) => unrolled(p, 2), params).grads.w!.dataSync());
  const firstOrder = tf.tidy(() => valueAndGrads((p) => {
    let w = p.w!;
    for (let s = 0; s < 2; s++) {
      const g = tf.tidy(() => valueAndGrads(innerLoss, { w: tf.clone(w) }).grads.w!);
      w = tf.sub(w, tf.mul(tf.exp(p.logLr!), g));
    }
    return tf.mean(tf.square(tf.sub(tf.tanh(tf.matMul(xVal, w)), yVal))) as tf.Scalar;
  }, params).grads.w!.dataSync());
  const gap = Math.max(...Array.from(full, (v, i) => Math.abs(v - firstOrder[i]!)));
  assert.ok(gap > 1e-3, `first- and second-order meta-gradients differ (gap ${gap})`);
});

test("second order: Hessian-vector product of a cubic equals the closed form", () => {
  // f(x) = Σ x_i³ → ∇f = 3x², H = diag(6x), so H·v = 6 x ⊙ v.
  const x = tf.tensor1d([1, -2, 0.5]);
  const v = tf.tensor1d([1, 1, 2]);
  const hv = valueAndGrads((p) => tf.sum(tf.mul(valueAndGrads((q) => tf.sum(tf.pow(q.x!, 3)) as tf.Scalar, { x: p.x! }).grads.x!, v)) as tf.Scalar, { x }).grads.x!;
  assert.deepEqual(Array.from(hv.dataSync()), [6, -12, 6]);
});

test("second order: gradients of gradients are right through every output-saving op (tanh, sigmoid, exp, elu, softmax, logSoftmax)", () => {
  const ops: Record<string, (x: tf.Tensor) => tf.Tensor> = {
    crossEntropy: (x) => tf.expandDims(crossEntropy(x, tf.tensor1d([2, 0], "int32"), { reduction: "none" }), 1),
    tanh: tf.tanh, sigmoid: tf.sigmoid, exp: tf.exp, elu: tf.elu, softmax: (x) => tf.softmax(x), logSoftmax: (x) => logSoftmax(x),
  };
  const x = tf.tidy(() => { const r = randn(40, [2, 3]); return tf.add(r, tf.mul(tf.sign(r), 0.1)); });
  const weights = randn(41, [2, 3]);
  const probeVector = randn(42, [2, 3]);
  for (const [name, op] of Object.entries(ops)) {
    // g(x) = ∇_x Σ w ⊙ op(x); check ∇_x Σ v ⊙ g(x) (a Hessian-vector product) against finite differences.
    const f = (p: Tensors) => tf.sum(tf.mul(probeVector, valueAndGrads((q) => tf.sum(tf.mul(weights, op(q.x!))) as tf.Scalar, { x: p.x! }).grads.x!)) as tf.Scalar;
    const result = gradCheck(f, { x }, { rng: createRng(2), step: 1e-3, perParam: 6 });
    assert.ok(result.worst <= 1, `${name}: ${JSON.stringify(result.worstEntry)}`);
  }
});
