import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { lstmCell } from "../layers/recurrent.js";
import { tf } from "../tf.js";
import { addFastUpdate, fastContribution, fastLstmStep, lstmStepVjp } from "./fast-weights.js";

const rng = createRng(11);
const normal = (name: string, shape: number[], sd = 1) => tf.tensor(rng.stream(name).fillNormal(new Float32Array(shape.reduce((a, b) => a * b)), 0, sd), shape);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * (1 + Math.abs(b[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

const B = 3, D = 5, H = 4;
const weights = { inputKernel: normal("Wx", [D, 4 * H], 0.5), recurrentKernel: normal("Wh", [H, 4 * H], 0.5), bias: normal("b", [4 * H], 0.5) };
const x = normal("x", [B, D]), h = normal("h", [B, H], 0.5), c = normal("c", [B, H], 0.5), gHat = normal("g", [B, H]);

test("without fast weights the step equals the library's LSTM cell", () => {
  const cell = lstmCell({ inputs: D, hidden: H, rng: createRng(0) });
  const plain = cell.step(x, { h, c }, weights);
  const step = fastLstmStep(x, h, c, weights, {});
  close(step.h.dataSync(), plain.h.dataSync(), 1e-6, "h");
  close(step.c.dataSync(), plain.c.dataSync(), 1e-6, "c");
});

test("the closed-form one-step VJP equals autodiff of h_t·ĝ with h_{t−1}, c_{t−1} fixed", () => {
  // Per episode b, (∂h_t/∂W)ᵀĝ = u_bᵀ δz_b; summed over the batch it is the gradient of Σ h_t·ĝ.
  const grads = tf.grads((wx: tf.Tensor, wh: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(fastLstmStep(x, h, c, { inputKernel: wx, recurrentKernel: wh, bias: b }, {}).h, gHat)))([weights.inputKernel, weights.recurrentKernel, weights.bias]);
  const step = fastLstmStep(x, h, c, weights, {});
  const deltaZ = lstmStepVjp(step.gates, c, step.c, gHat);
  const stacked = tf.matMul(step.stackedInput, deltaZ, true, false); // Σ_b u_bᵀ δz_b, [D + H + 1, 4H]
  const [gx, gh, gb] = tf.split(stacked, [D, H, 1], 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
  close(gx.dataSync(), grads[0]!.dataSync(), 1e-5, "input kernel");
  close(gh.dataSync(), grads[1]!.dataSync(), 1e-5, "recurrent kernel");
  close(gb.dataSync(), grads[2]!.dataSync(), 1e-5, "bias");
});

test("stored fast updates act as θ_slow + Σ_s u_sᵀ d_s added to the weights", () => {
  const rate = 0.3;
  let fast = {};
  const explicit: tf.Tensor[] = []; // per-episode fast matrices [D+H+1, 4H]
  const us: tf.Tensor[] = [], dzs: tf.Tensor[] = [];
  for (let s = 0; s < 3; s++) {
    const xs = normal(`x${s}`, [B, D]), hs = normal(`h${s}`, [B, H], 0.5);
    const step = fastLstmStep(xs, hs, c, weights, fast);
    const dz = lstmStepVjp(step.gates, c, step.c, normal(`g${s}`, [B, H]));
    fast = addFastUpdate(fast, step.stackedInput, dz, rate);
    us.push(step.stackedInput);
    dzs.push(dz);
  }
  for (let b = 0; b < B; b++) {
    let m = tf.zeros([D + H + 1, 4 * H]);
    for (let s = 0; s < us.length; s++) m = tf.add(m, tf.mul(-rate, tf.matMul(tf.slice(us[s]!, [b, 0], [1, -1]), tf.slice(dzs[s]!, [b, 0], [1, -1]), true, false)));
    explicit.push(m);
  }
  const step = fastLstmStep(x, h, c, weights, fast);
  const u = tf.concat([x, h, tf.ones([B, 1])], 1);
  const contribution = fastContribution(u, fast)!;
  for (let b = 0; b < B; b++) {
    const ub = tf.slice(u, [b, 0], [1, -1]);
    close(tf.slice(contribution, [b, 0], [1, -1]).dataSync(), tf.matMul(ub, explicit[b]!).dataSync(), 1e-4, `u·θ_fast (episode ${b})`);
    // The whole step equals an LSTM step whose weights are θ_slow + θ_fast for that episode.
    const [fx, fh, fb] = tf.split(explicit[b]!, [D, H, 1], 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const merged = { inputKernel: tf.add(weights.inputKernel, fx), recurrentKernel: tf.add(weights.recurrentKernel, fh), bias: tf.add(weights.bias, tf.reshape(fb, [4 * H])) };
    const single = fastLstmStep(tf.slice(x, [b, 0], [1, -1]), tf.slice(h, [b, 0], [1, -1]), tf.slice(c, [b, 0], [1, -1]), merged, {});
    close(tf.slice(step.h, [b, 0], [1, -1]).dataSync(), single.h.dataSync(), 1e-4, `h (episode ${b})`);
  }
});
