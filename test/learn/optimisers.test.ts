import assert from "node:assert/strict";
import { before, test } from "node:test";
import { CajalError } from "../../src/core/errors.js";
import { adam, clipByGlobalNorm, sgd } from "../../src/learn/optimisers.js";
import { tf } from "../../src/learn/tf.js";
import { setUp } from "./helpers.js";

before(setUp);

const grad = (values: number[]) => ({ w: tf.tensor1d(values) });

test("sgd with momentum follows PyTorch's recurrence v ← μv + g, θ ← θ − lr·v", () => {
  const w = tf.variable(tf.tensor1d([1, -1]));
  const opt = sgd({ params: { w }, lr: 0.1, momentum: 0.9 });
  const gs = [[1, 2], [0.5, -1], [-2, 0]];
  let theta = [1, -1], v = [0, 0];
  for (const g of gs) {
    opt.step(grad(g));
    v = v.map((vi, i) => 0.9 * vi + g[i]!);
    theta = theta.map((t, i) => t - 0.1 * v[i]!);
  }
  Array.from(w.dataSync()).forEach((x, i) => assert.ok(Math.abs(x - theta[i]!) < 1e-6));
  assert.equal(opt.iterations, 3);
});

test("adam matches the bias-corrected update computed by hand, and AdamW decays decoupled", () => {
  for (const decoupled of [false, true]) {
    const w = tf.variable(tf.tensor1d([0.5, -0.3]));
    const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = decoupled ? 0.1 : 0;
    const opt = adam({ params: { w }, lr, weightDecay: wd, decoupled });
    let theta = [0.5, -0.3], m = [0, 0], v = [0, 0];
    const gs = [[1, -2], [0.3, 0.1], [-0.5, 4]];
    gs.forEach((g, k) => {
      opt.step(grad(g));
      const t = k + 1;
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]!);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i]! ** 2);
      theta = theta.map((th, i) => th - lr * (m[i]! / (1 - b1 ** t)) / (Math.sqrt(v[i]! / (1 - b2 ** t)) + eps) - lr * wd * th);
    });
    Array.from(w.dataSync()).forEach((x, i) => assert.ok(Math.abs(x - theta[i]!) < 1e-6, `decoupled=${decoupled}: ${x} vs ${theta[i]}`));
  }
});

test("clipByGlobalNorm rescales all gradients together to the bound, and the optimiser reports the raw norm", () => {
  const { grads, norm } = clipByGlobalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }, 1);
  assert.ok(Math.abs(norm.dataSync()[0]! - 5) < 1e-6);
  assert.ok(Math.abs(grads.a!.dataSync()[0]! - 0.6) < 1e-6 && Math.abs(grads.b!.dataSync()[0]! - 0.8) < 1e-6);
  const w = tf.variable(tf.tensor1d([0, 0]));
  const opt = sgd({ params: { w }, lr: 1, clipNorm: 1 });
  opt.step(grad([3, 4]));
  assert.ok(Math.abs(opt.lastGradNorm - 5) < 1e-5);
  assert.deepEqual(Array.from(w.dataSync()).map((x) => +x.toFixed(5)), [-0.6, -0.8]);
  opt.step(grad([0.3, 0.4])); // below the bound: unchanged
  assert.deepEqual(Array.from(w.dataSync()).map((x) => +x.toFixed(5)), [-0.9, -1.2]);
});

test("optimisers: a learning-rate schedule is called with the step count; unknown names throw", () => {
  const w = tf.variable(tf.scalar(0));
  const seen: number[] = [];
  const opt = sgd({ params: { w }, lr: (s) => { seen.push(s); return 1; } });
  opt.step({ w: tf.scalar(1) });
  opt.step({ w: tf.scalar(1) });
  assert.deepEqual(seen, [0, 1]);
  assert.throws(() => opt.step({ v: tf.scalar(1) }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "learn-unknown-param");
});

test("optimisers hold exactly their state, and steps leak no tensors", () => {
  const w = tf.variable(tf.ones([10, 10]));
  const atStart = tf.memory().numTensors;
  const opt = adam({ params: { w }, lr: 0.1, clipNorm: 1 });
  assert.equal(tf.memory().numTensors, atStart + 2, "Adam keeps two moments per parameter");
  const momentum = sgd({ params: { w }, lr: 0.1, momentum: 0.9 });
  assert.equal(tf.memory().numTensors, atStart + 3, "SGD with momentum keeps one velocity per parameter");
  momentum.dispose();
  assert.equal(tf.memory().numTensors, atStart + 2);
  const g = { w: tf.ones([10, 10]) };
  opt.step(g);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 5; i++) opt.step(g);
  assert.equal(tf.memory().numTensors, before);
});
