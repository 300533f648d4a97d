/**
 * An LSTM step whose weights are θ_slow + θ_fast, where the per-episode fast weights θ_fast grow
 * inside the unroll by one-step updates Δθ_fast = −α·(∂h_t/∂θ)ᵀ ĝ_t (the "fast learning" of the
 * notebook's fast/slow memory controller). The vector–Jacobian product through one step, with
 * h_{t−1} and c_{t−1} held fixed (truncated: no waiting for future losses), is computed in closed
 * form from the gate activations, so it is ordinary tensor algebra and the slow weights receive
 * gradients through it by plain reverse-mode differentiation.
 *
 * The gate pre-activations are z = u·W with u = [x_t, h_{t−1}, 1] and W the stacked
 * [input kernel; recurrent kernel; bias], so ∂z/∂W applied to δz is the outer product uᵀδz and
 * θ_fast after s updates is Σ_s u_sᵀ d_s with d_s = −α·δz_s. Its effect on a later step is
 * u_t·θ_fast = Σ_s (u_t·u_s) d_s, which is what `FastWeights` stores: the u_s and d_s of the
 * episode so far (T·(D+4H) numbers instead of T matrices of D×4H).
 */
import { tf } from "../tf.js";

/** Gate activations of one LSTM step (PyTorch layout [i, f, g, o]), each [batch, hidden]. */
export interface LstmGates {
  readonly input: tf.Tensor;
  readonly forget: tf.Tensor;
  readonly candidate: tf.Tensor;
  readonly output: tf.Tensor;
}

/** The result of one step. */
export interface FastLstmStep {
  readonly h: tf.Tensor;
  readonly c: tf.Tensor;
  readonly gates: LstmGates;
  /** u = [x, h_prev, 1], [batch, inputs + hidden + 1]: the step's input to the stacked weights. */
  readonly stackedInput: tf.Tensor;
}

/** The fast weights of a batch of episodes: the inputs u_s and scaled deltas d_s of past updates. */
export interface FastWeights {
  /** [batch, updates, inputs + hidden + 1], or undefined before the first update. */
  readonly inputs?: tf.Tensor;
  /** [batch, updates, 4·hidden]. */
  readonly deltas?: tf.Tensor;
}

/** The slow LSTM weights, as in `lstmCell`: inputKernel [in, 4H], recurrentKernel [H, 4H], bias [4H]. */
export interface LstmWeights {
  readonly inputKernel: tf.Tensor;
  readonly recurrentKernel: tf.Tensor;
  readonly bias: tf.Tensor;
}

/** u_t·θ_fast for every episode of the batch, [batch, 4H] (zeros when there are no fast weights yet). */
export function fastContribution(stackedInput: tf.Tensor, fast: FastWeights): tf.Tensor | undefined {
  if (!fast.inputs || !fast.deltas) return undefined;
  const similarity = tf.matMul(tf.expandDims(stackedInput, 1), fast.inputs, false, true); // [B, 1, s]
  return tf.squeeze(tf.matMul(similarity, fast.deltas), [1]);
}

/** One LSTM step with effective weights θ_slow + θ_fast (gate layout [i, f, g, o]). */
export function fastLstmStep(x: tf.Tensor, h: tf.Tensor, c: tf.Tensor, weights: LstmWeights, fast: FastWeights): FastLstmStep {
  const slow = tf.add(tf.add(tf.matMul(x, weights.inputKernel), tf.matMul(h, weights.recurrentKernel)), weights.bias);
  const stackedInput = tf.concat([x, h, tf.ones([x.shape[0]!, 1])], 1);
  const extra = fastContribution(stackedInput, fast);
  const z = extra ? tf.add(slow, extra) : slow;
  const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const gates = { input: tf.sigmoid(zi), forget: tf.sigmoid(zf), candidate: tf.tanh(zg), output: tf.sigmoid(zo) };
  const cNext = tf.add(tf.mul(gates.forget, c), tf.mul(gates.input, gates.candidate));
  return { h: tf.mul(gates.output, tf.tanh(cNext)), c: cNext, gates, stackedInput };
}

/**
 * δz = (∂h_t/∂z_t)ᵀ ĝ for one LSTM step with c_{t−1} fixed, [batch, 4H] in layout [i, f, g, o]:
 * δc = ĝ⊙o⊙(1 − tanh²c_t); δz_i = δc⊙g⊙i(1−i); δz_f = δc⊙c_{t−1}⊙f(1−f); δz_g = δc⊙i⊙(1−g²);
 * δz_o = ĝ⊙tanh(c_t)⊙o(1−o).
 */
export function lstmStepVjp(gates: LstmGates, cPrev: tf.Tensor, c: tf.Tensor, gradH: tf.Tensor): tf.Tensor {
  const { input: i, forget: f, candidate: g, output: o } = gates;
  const tc = tf.tanh(c);
  const dc = tf.mul(tf.mul(gradH, o), tf.sub(1, tf.square(tc)));
  const sigmoidSlope = (s: tf.Tensor) => tf.mul(s, tf.sub(1, s));
  return tf.concat([
    tf.mul(tf.mul(dc, g), sigmoidSlope(i)),
    tf.mul(tf.mul(dc, cPrev), sigmoidSlope(f)),
    tf.mul(tf.mul(dc, i), tf.sub(1, tf.square(g))),
    tf.mul(tf.mul(gradH, tc), sigmoidSlope(o)),
  ], 1);
}

/**
 * Adds the update Δθ_fast = −rate·u_tᵀ δz_t to the fast weights. `rate` is a scalar tensor (the
 * learned α_fast) or a number.
 */
export function addFastUpdate(fast: FastWeights, stackedInput: tf.Tensor, deltaZ: tf.Tensor, rate: tf.Tensor | number): FastWeights {
  const u = tf.expandDims(stackedInput, 1);
  const d = tf.expandDims(tf.mul(deltaZ, tf.neg(rate)), 1);
  if (!fast.inputs || !fast.deltas) return { inputs: u, deltas: d };
  return { inputs: tf.concat([fast.inputs, u], 1), deltas: tf.concat([fast.deltas, d], 1) };
}
