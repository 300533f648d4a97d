import assert from "node:assert/strict";
import { before, test } from "node:test";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { gradCheck } from "../grad-check.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";
import { applyMlp, initMlp } from "./mlp.js";
import {
  type TeacherSpec, cosineDecay, createTeacher, innerSchedule, mlpAccuracy, stepBatch, syntheticData, teacherMetaLoss, trainLearner,
} from "./teacher.js";
import { initWeightNormDense, weightNormDense } from "./weight-norm.js";

before(async () => { await initLearn(process.env.CAJAL_TEST_BACKEND === "cpu" ? { backend: "cpu" } : {}); });

const tiny: TeacherSpec = { noiseSize: 3, hidden: 5, pixels: 4, classes: 3, batchSize: 6, steps: 2, curriculum: true, initialLr: 0.3 };
const tinyLearner = { sizes: [4, 5, 3] } as const;

function realBatch(seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: 8 * 4 }, () => rng.normal(0, 1));
  const y = Int32Array.from({ length: 8 }, (_, i) => i % 3);
  return { x: tf.tensor2d(x, [8, 4]), y: tf.tensor1d(y, "int32") };
}

test("a weight-normalised layer computes x·(g·v/‖v‖) + b, and equals x·v + b at initialisation", () => {
  const p = initWeightNormDense(createRng(3), "l", 3, 2);
  const x = tf.tensor2d([[1, -2, 0.5], [0.3, 0.1, -1]]);
  const v = p["l/v"]!.arraySync() as number[][];
  const b = p["l/b"]!.arraySync() as number[];
  const at = (g: number[]) => [0, 1].map((i) => [0, 1].map((j) => {
    const norm = Math.sqrt(v.reduce((s, row) => s + row[j]! ** 2, 0));
    const xi = (x.arraySync() as number[][])[i]!;
    return xi.reduce((s, xk, k) => s + xk * v[k]![j]! * (g[j]! / norm), 0) + b[j]!;
  }));
  const g0 = p["l/g"]!.arraySync() as number[];
  const y0 = weightNormDense(x, p, "l").arraySync() as number[][];
  const plain = tf.add(tf.matMul(x, p["l/v"]!), p["l/b"]!).arraySync() as number[][];
  const g = [0.5, 2];
  const y1 = weightNormDense(x, { ...p, "l/g": tf.tensor1d(g) }, "l").arraySync() as number[][];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      assert.ok(Math.abs(y0[i]![j]! - plain[i]![j]!) < 1e-5, "g = ‖v‖ reproduces the plain layer");
      assert.ok(Math.abs(y0[i]![j]! - at(g0)[i]![j]!) < 1e-5);
      assert.ok(Math.abs(y1[i]![j]! - at(g)[i]![j]!) < 1e-5, "rescaling g rescales each unit's weights");
    }
  }
});

test("synthetic batches spread labels evenly and come one slice per inner step", () => {
  const teacher = createTeacher(tiny, createRng(1));
  const all = syntheticData(tiny, teacher);
  assert.deepEqual(all.x.shape, [tiny.steps * tiny.batchSize, tiny.pixels]);
  const b1 = stepBatch(tiny, all, 1);
  assert.deepEqual(Array.from(b1.y.dataSync()), [0, 1, 2, 0, 1, 2]);
  assert.deepEqual(Array.from(b1.x.dataSync()), Array.from(all.x.dataSync()).slice(6 * 4, 12 * 4));
  assert.ok(Math.max(...Array.from(all.x.dataSync(), Math.abs)) <= 2, "outputs are 2·tanh(·)");
  assert.throws(() => syntheticData({ ...tiny, curriculum: false }, teacher), CajalError, "a teacher without curriculum needs a noise source");
});

test("the meta-gradient through two unrolled SGD-momentum steps matches finite differences for generator, curriculum and hyper-parameters", () => {
  const teacher = createTeacher(tiny, createRng(2));
  const init = initMlp(tinyLearner, createRng(5));
  const real = realBatch(7);
  const f = (p: Tensors) => teacherMetaLoss(p, { teacher: tiny, learner: tinyLearner, learnerInit: init, real, lossEvery: 1 });
  const params: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(teacher)) params[k] = tf.clone(v);
  const result = gradCheck(f, params, { rng: createRng(3), step: 1e-2, atol: 5e-4, rtol: 2e-2, perParam: 3 });
  assert.ok(result.worst <= 1, `mismatch: ${JSON.stringify(result.worstEntry)}`);
  const lr = result.entries.filter((e) => e.param === "logLr");
  assert.ok(lr.some((e) => Math.abs(e.numeric) > 1e-3), "the learning rates matter, so the check can fail");
  assert.ok(result.entries.some((e) => e.param === "curriculum" && Math.abs(e.numeric) > 1e-4), "the curriculum matters");
});

test("trainLearner runs the same SGD-momentum update the meta-loss unrolls", () => {
  const teacher = createTeacher(tiny, createRng(4));
  const init = initMlp(tinyLearner, createRng(6));
  const real = realBatch(8);
  const metaLoss = teacherMetaLoss(teacher, { teacher: tiny, learner: tinyLearner, learnerInit: init, real }).dataSync()[0]!;
  const all = syntheticData(tiny, teacher);
  const { lr, momentum } = innerSchedule(teacher);
  assert.ok(Math.abs(lr[0]! - 0.3) < 1e-6 && Math.abs(momentum[0]! - 0.5) < 1e-6);
  const trained = trainLearner({ learner: tinyLearner, init, steps: tiny.steps, batch: (s) => stepBatch(tiny, all, s), lr: (s) => lr[s]!, momentum: (s) => momentum[s]! });
  const logits = applyMlp(tinyLearner, trained, real.x);
  const direct = tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(real.y, 3), tf.logSoftmax(logits)), 1))).dataSync()[0]!;
  assert.ok(Math.abs(direct - metaLoss) < 1e-5, `${direct} vs ${metaLoss}`);
  const noMomentum = trainLearner({ learner: tinyLearner, init, steps: 2, batch: (s) => stepBatch(tiny, all, s), lr: (s) => lr[s]!, momentum: () => 0 });
  const d = Math.abs(noMomentum["l0/v"]!.dataSync()[0]! - trained["l0/v"]!.dataSync()[0]!);
  assert.ok(d > 1e-7, "momentum changes the second step");
  assert.ok(Math.abs(init["l0/v"]!.dataSync()[0]! - trained["l0/v"]!.dataSync()[0]!) > 1e-6, "the learner moved, and its init was not modified");
});

test("mlpAccuracy counts arg-max agreement", () => {
  const spec = { sizes: [2, 2], weightNorm: false } as const;
  const params = { "l0/w": tf.tensor2d([[1, 0], [0, 1]]), "l0/b": tf.tensor1d([0, 0]) };
  const x = tf.tensor2d([[1, 0], [0, 1], [2, 1], [0, 3]]);
  assert.equal(mlpAccuracy(spec, params, x, [0, 1, 1, 1]), 0.75);
});

test("cosine decay runs from lr to lr·finalFactor", () => {
  const f = cosineDecay(0.02, 100, 0.1);
  assert.ok(Math.abs(f(0) - 0.02) < 1e-12);
  assert.ok(Math.abs(f(50) - 0.011) < 1e-12);
  assert.ok(Math.abs(f(100) - 0.002) < 1e-12 && Math.abs(f(200) - 0.002) < 1e-12);
});
