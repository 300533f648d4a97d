import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { gradCheck } from "../grad-check.js";
import { shapeMismatch } from "../messages.js";
import { adam } from "../optimisers.js";
import { tf } from "../tf.js";
import { classPools, classificationEpisodes } from "./episodes.js";
import { mann } from "./mann.js";
import { classificationBatch, episodeLoss, mannPredict, mannTrainStep, mseByPosition, perInstanceAccuracy } from "./train.js";
import type { ImageSet } from "../../data/image-set.js";

const small = { features: 3, targetInputs: 2, outputs: 2, hidden: 4, slots: 3, slotWidth: 3 };
function inputs(seed: number, steps: number, batch: number) {
  const r = createRng(seed);
  const labels = Int32Array.from({ length: steps * batch }, () => r.int(2));
  const previous = new Float32Array(steps * batch * 2);
  for (let t = 1; t < steps; t++) for (let b = 0; b < batch; b++) previous[(t * batch + b) * 2 + labels[(t - 1) * batch + b]!] = 1;
  return {
    inputs: { features: tf.tensor3d(r.fillNormal(new Float32Array(steps * batch * 3)), [steps, batch, 3]), previousTargets: tf.tensor3d(previous, [steps, batch, 2]) },
    targets: { kind: "classification" as const, labels: tf.tensor2d(labels, [steps, batch], "int32") },
  };
}

test("gradients of the episode loss through memory and fast weights agree with finite differences", () => {
  const model = mann({ ...small, fastPath: "learned", fastRate: 0.5, rng: createRng(1) });
  const batch = inputs(2, 4, 2);
  const params = { ...model.params, probe: tf.zeros([4, 2, 4]) };
  // ĝ is a stopped learning signal, so finite differences match autodiff only when ĝ does not depend
  // on the parameters: give M_φ zero weights and a random output bias (a constant ĝ ≠ 0).
  const syntheticParams: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(model.synthetic.params)) syntheticParams[name] = name === "out/bias" ? tf.tensor(createRng(9).fillNormal(new Float32Array(v.size)), v.shape) : tf.zerosLike(v);
  const f = (p: Record<string, tf.Tensor>) => episodeLoss(model.unroll(batch.inputs, { params: p, probe: p.probe!, syntheticParams }).outputs, batch.targets);
  const result = gradCheck(f, params, { rng: createRng(3), perParam: 4 });
  assert.ok(result.worst <= 1, `worst ${JSON.stringify(result.worstEntry)} ratio ${result.worst}`);
  // The fast path matters: the learned rate receives a non-zero gradient.
  const rateEntry = result.entries.find((e) => e.param === "logFastRate")!;
  assert.ok(Math.abs(rateEntry.numeric) > 1e-4, `∂L/∂log α = ${rateEntry.numeric}`);
});

test("with the same seed every fast-path variant starts from the same network and differs only after the first fast update", () => {
  const batch = inputs(4, 5, 3);
  const outs = (["none", "learned", "frozen"] as const).map((fastPath) => {
    const model = mann({ ...small, fastPath, rng: createRng(7) });
    return tf.tidy(() => model.unroll(batch.inputs).outputs.map((o) => Array.from(o.dataSync())));
  });
  assert.deepEqual(outs[1]![0], outs[0]![0]);
  assert.deepEqual(outs[2]![0], outs[0]![0]);
  assert.notDeepEqual(outs[1]![4], outs[0]![4]);
});

test("training steps lower the episode loss on a fixed batch", () => {
  const model = mann({ ...small, fastPath: "learned", rng: createRng(5) });
  const slow = adam({ params: model.params, lr: 1e-2, clipNorm: 5 });
  const synthetic = adam({ params: model.synthetic.params, lr: 1e-2 });
  const batch = inputs(6, 6, 8);
  const first = mannTrainStep(model, { slow, synthetic }, batch);
  let last = first;
  for (let i = 0; i < 60; i++) last = mannTrainStep(model, { slow, synthetic }, batch);
  assert.ok(last.lossPerStep < first.lossPerStep * 0.9, `loss ${first.lossPerStep} → ${last.lossPerStep}`);
  assert.ok(Number.isFinite(last.fastRate) && last.fastRate > 0);
});

test("with the controller held still, M_φ's regression converges toward the true ∂L/∂h_t; a frozen M_φ does not move", () => {
  const batch = inputs(8, 6, 8);
  const run = (fastPath: "learned" | "frozen") => {
    const model = mann({ ...small, fastPath, rng: createRng(12) });
    const still = adam({ params: model.params, lr: 0 }); // slow weights fixed: the true gradients are a fixed target
    const synthetic = adam({ params: model.synthetic.params, lr: 3e-2 });
    const first = mannTrainStep(model, { slow: still, synthetic }, batch);
    let last = first;
    for (let i = 0; i < 150; i++) last = mannTrainStep(model, { slow: still, synthetic }, batch);
    return { first, last };
  };
  const learned = run("learned");
  assert.ok(learned.last.syntheticLoss < 0.3 * learned.first.syntheticLoss, `M_φ loss ${learned.first.syntheticLoss} → ${learned.last.syntheticLoss}`);
  assert.ok(learned.last.gradientCosine > 0.6 && learned.last.gradientCosine > learned.first.gradientCosine, `cosine ${learned.first.gradientCosine} → ${learned.last.gradientCosine}`);
  const frozen = run("frozen");
  assert.equal(frozen.last.syntheticLoss, frozen.first.syntheticLoss);
});

test("per-instance accuracy counts correct argmaxes by presentation number; MSE by position averages episodes", () => {
  const set: ImageSet = { images: new Float32Array(40), labels: Uint8Array.from({ length: 40 }, (_, i) => i % 2), count: 40, rows: 1, cols: 1, classes: 2 };
  const ep = classificationEpisodes({ pools: classPools(set, [0, 1]), ways: 2, instances: 2, batch: 2, rng: createRng(0) });
  // Logits that are right exactly at second presentations.
  const logits = new Float32Array(ep.steps * ep.batch * 2);
  for (let i = 0; i < ep.steps * ep.batch; i++) logits[i * 2 + (ep.instance[i] === 2 ? ep.labels[i]! : 1 - ep.labels[i]!)] = 1;
  assert.deepEqual(perInstanceAccuracy(logits, ep), [0, 1]);
  assert.deepEqual(mseByPosition([1, 3, 0, 0], { steps: 2, batch: 2, y: Float32Array.from([0, 1, 1, 2]) }), [2.5, 2.5]);
  const model = mann({ ...small, features: 1, targetInputs: 2, rng: createRng(1) });
  const b = classificationBatch(ep);
  assert.equal(mannPredict(model, b.inputs).outputs.length, ep.steps * ep.batch * 2);
});

test("inputs whose sizes do not fit the network are reported together, naming both tensors", () => {
  const model = mann({ ...small, rng: createRng(1) });
  assert.throws(
    () => model.unroll({ features: tf.zeros([4, 2, 5]), previousTargets: tf.zeros([3, 2, 2]) }),
    (e: { problems?: readonly { ruleId: string; reason: string }[] }) =>
      e.problems?.length === 2 && e.problems.every((p) => p.ruleId === shapeMismatch("", "", [], "").ruleId) &&
      /inputs\.features/.test(e.problems[0]!.reason) && /inputs\.previousTargets/.test(e.problems[1]!.reason),
  );
});
