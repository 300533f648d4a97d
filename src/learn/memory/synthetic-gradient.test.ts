import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { valueAndGrads } from "../grad.js";
import { adam } from "../optimisers.js";
import { tf } from "../tf.js";
import { badMemoryOption } from "./messages.js";
import { meanRowCosine, syntheticGradientLoss, syntheticGradientModule } from "./synthetic-gradient.js";

test("the row cosine is 1 for parallel rows, −1 for opposite rows, and skips zero rows", () => {
  assert.equal(meanRowCosine([1, 2, -2, -4], [2, 4, 1, 2], 2, 2), 0);
  assert.ok(Math.abs(meanRowCosine([1, 2, 0, 0, 3, 0], [3, 6, 5, 5, 0, 7], 3, 2) - 0.5) < 1e-12); // rows: 1, skipped, 0
  assert.ok(Number.isNaN(meanRowCosine([0, 0], [1, 1], 1, 2)));
  assert.throws(() => meanRowCosine([1], [1, 2], 1, 2), (e: { problem?: { ruleId: string } }) => e.problem?.ruleId === badMemoryOption("", "", 0, "").ruleId);
});

// A known linear case: L(h) = ½‖A h − y‖², so ∂L/∂h = Aᵀ(A h − y) is linear in the conditioning [h, y].
function linearCase(seed: number, hiddenUnits: number) {
  const rng = createRng(seed);
  const H = 6, Y = 3, rows = 256;
  const A = tf.tensor2d(rng.stream("A").fillNormal(new Float32Array(Y * H), 0, 0.5), [Y, H]);
  const sample = (name: string) => {
    const h = tf.tensor2d(rng.stream(name + " h").fillNormal(new Float32Array(rows * H)), [rows, H]);
    const y = tf.tensor2d(rng.stream(name + " y").fillNormal(new Float32Array(rows * Y)), [rows, Y]);
    const grad = tf.matMul(tf.sub(tf.matMul(h, A, false, true), y), A); // rows × H: (A h − y)ᵀ A
    return { conditioning: tf.concat([h, y], 1), grad };
  };
  const module = syntheticGradientModule({ inputs: H + Y, outputs: H, hidden: hiddenUnits, rng: rng.stream("module") });
  const optimizer = adam({ params: module.params, lr: 1e-2 });
  const held = sample("held-out");
  const cosine = () => meanRowCosine(module.apply(held.conditioning).dataSync(), held.grad.dataSync(), rows, H);
  const before = cosine();
  for (let it = 0; it < 300; it++) {
    tf.tidy(() => {
      const s = sample(`batch ${it}`);
      optimizer.step(valueAndGrads((p) => syntheticGradientLoss(module, s.conditioning, s.grad, p), module.params).grads);
    });
  }
  const relativeError = tf.tidy(() => tf.div(tf.norm(tf.sub(module.apply(held.conditioning), held.grad)), tf.norm(held.grad)).dataSync()[0]!);
  return { before, after: cosine(), relativeError };
}

test("a linear synthetic-gradient module regressed on a linear case converges to the true gradient", () => {
  const r = linearCase(1, 0);
  assert.ok(r.before < 0.5, `cosine before training ${r.before}`);
  assert.ok(r.after > 0.999 && r.relativeError < 0.03, `cosine ${r.after}, relative error ${r.relativeError}`);
});

test("the ReLU module (as in the notebook) also learns the linear case's gradient closely", () => {
  const r = linearCase(2, 64);
  assert.ok(r.after > 0.97 && r.relativeError < 0.25, `cosine ${r.after}, relative error ${r.relativeError}`);
});
