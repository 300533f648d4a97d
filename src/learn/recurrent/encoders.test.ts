import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { initLearn } from "../backend.js";
import { gradCheck } from "../grad-check.js";
import { lstmCell } from "../layers/recurrent.js";
import { tf } from "../tf.js";
import { bidirectional, lstm, simpleRnn } from "./encoders.js";

before(async () => {
  await initLearn();
});

function randomSequence(seed: number, shape: [number, number, number]): tf.Tensor {
  const rng = createRng(seed);
  const n = shape[0] * shape[1] * shape[2];
  return tf.tensor(rng.fillNormal(new Float32Array(n)), shape);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

test("lstm encoder gives the same states as the core's lstmCell stepped by hand, forget bias included", () => {
  const enc = lstm({ inputs: 3, hidden: 4, rng: createRng(1).stream("a"), forgetBias: 2 });
  const cell = lstmCell({ inputs: 3, hidden: 4, rng: createRng(1).stream("a"), forgetBias: 2 });
  const x = randomSequence(2, [6, 5, 3]);
  const run = enc.run(x);
  let state = cell.initialState(5);
  const xs = tf.unstack(x);
  for (let t = 0; t < 6; t++) {
    state = cell.step(xs[t]!, state);
    assert.ok(maxAbsDiff(run.outputs[t]!, state.h) < 1e-5, `h at step ${t}`);
    assert.ok(maxAbsDiff(run.cells![t]!, state.c) < 1e-5, `c at step ${t}`);
  }
  // The forget gate at step 0 is σ(x·W_f + b_f): its mean sits well above ½ with b_f = 2.
  const meanForget = run.forgetGates![0]!.mean().dataSync()[0]!;
  assert.ok(meanForget > 0.75 && meanForget < 0.95, `mean forget gate ${meanForget}`);
});

test("simpleRnn (linear) computes h_t = x_t·W_x + h_{t−1}·W_h + b exactly", () => {
  const enc = simpleRnn({ inputs: 2, hidden: 3, activation: "linear", rng: createRng(3) });
  const x = randomSequence(4, [4, 2, 2]);
  const W = enc.params.inputKernel!.arraySync() as number[][];
  const U = enc.params.recurrentKernel!.arraySync() as number[][];
  const b = enc.params.bias!.arraySync() as number[];
  const xs = x.arraySync() as number[][][];
  const out = enc.run(x).outputs.map((h) => h.arraySync() as number[][]);
  for (let s = 0; s < 2; s++) {
    let h = [0, 0, 0];
    for (let t = 0; t < 4; t++) {
      h = [0, 1, 2].map((j) => b[j]! + xs[t]![s]!.reduce((acc, xi, i) => acc + xi * W[i]![j]!, 0) + h.reduce((acc, hi, i) => acc + hi * U[i]![j]!, 0));
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(out[t]![s]![j]! - h[j]!) < 1e-5, `t=${t} s=${s} j=${j}`);
    }
  }
});

test("simpleRnn (tanh) and lstm: BPTT gradients agree with finite differences", () => {
  const x = randomSequence(5, [5, 2, 3]);
  for (const [name, enc] of [
    ["simpleRnn", simpleRnn({ inputs: 3, hidden: 4, rng: createRng(6) })],
    ["lstm", lstm({ inputs: 3, hidden: 4, rng: createRng(7), forgetBias: 1 })],
  ] as const) {
    const probe = randomSequence(8, [1, 2, 4]).reshape([2, 4]);
    const result = gradCheck((p) => tf.sum(tf.mul(enc.run(x, p).outputs[4]!, probe)) as tf.Scalar, enc.params, { rng: createRng(9), step: 1e-2 });
    assert.ok(result.worst <= 1, `${name}: mismatch ${JSON.stringify(result.worstEntry)}`);
    assert.ok(result.entries.some((e) => Math.abs(e.numeric) > 1e-3), `${name}: gradients not all ~0`);
  }
});

test("bidirectional: the backward half at step t depends only on x_t … x_T, the forward half on x_1 … x_t", () => {
  const enc = bidirectional(lstm({ inputs: 2, hidden: 3, rng: createRng(10) }), lstm({ inputs: 2, hidden: 3, rng: createRng(11) }));
  assert.equal(enc.outputs, 6);
  assert.deepEqual(Object.keys(enc.params).sort(), ["backward/bias", "backward/inputKernel", "backward/recurrentKernel", "forward/bias", "forward/inputKernel", "forward/recurrentKernel"]);
  const x = randomSequence(12, [5, 1, 2]);
  const changedFirst = tf.tidy(() => tf.concat([tf.add(tf.slice(x, [0, 0, 0], [1, 1, 2]), 1), tf.slice(x, [1, 0, 0], [4, 1, 2])], 0));
  const a = enc.run(x).outputs;
  const b = enc.run(changedFirst).outputs;
  for (let t = 1; t < 5; t++) {
    assert.ok(maxAbsDiff(tf.slice(a[t]!, [0, 3], [1, 3]), tf.slice(b[t]!, [0, 3], [1, 3])) < 1e-7, `backward half at ${t} must not see x_1`);
    assert.ok(maxAbsDiff(tf.slice(a[t]!, [0, 0], [1, 3]), tf.slice(b[t]!, [0, 0], [1, 3])) > 1e-4, `forward half at ${t} sees x_1`);
  }
  assert.ok(maxAbsDiff(tf.slice(a[0]!, [0, 3], [1, 3]), tf.slice(b[0]!, [0, 3], [1, 3])) > 1e-4, "backward half at step 1 sees x_1");
});

test("an input of the wrong width throws a CajalError", () => {
  const enc = simpleRnn({ inputs: 3, hidden: 2, rng: createRng(1) });
  assert.throws(() => enc.run(tf.zeros([4, 2, 5])), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "learn-shape-mismatch");
});
