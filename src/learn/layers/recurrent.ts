/**
 * Recurrent cells, one time step each; unroll them in a loop (gradients flow through time by
 * ordinary reverse-mode differentiation, i.e. BPTT). Gate layouts follow PyTorch:
 * LSTM gates [i, f, g, o], GRU gates [r, z, n].
 */
import type { Rng } from "../../core/rng.js";
import { initVariable } from "../init.js";
import { type Tensors, type Variables, pick } from "../params.js";
import { tf } from "../tf.js";

/** Options shared by the recurrent cells. */
export interface RecurrentOptions {
  /** Input features per step. */
  readonly inputs: number;
  /** Hidden units. */
  readonly hidden: number;
  /** Initial weights ~ U(±1/√hidden), as PyTorch's LSTM/GRU. */
  readonly rng: Rng;
}

/** LSTM state: hidden output h and cell c, each [batch, hidden]. */
export interface LstmState { readonly h: tf.Tensor; readonly c: tf.Tensor }

/** One LSTM step. */
export interface LstmCell {
  readonly params: Variables;
  initialState(batch: number): LstmState;
  step(x: tf.Tensor, state: LstmState, params?: Tensors): LstmState;
}

function gateParams(o: RecurrentOptions, gates: number): Record<string, tf.Variable> {
  const bound = { kind: "kaimingUniform" as const, fanIn: o.hidden };
  return {
    inputKernel: initVariable(o.rng.stream("inputKernel"), [o.inputs, gates * o.hidden], bound),
    recurrentKernel: initVariable(o.rng.stream("recurrentKernel"), [o.hidden, gates * o.hidden], bound),
    bias: initVariable(o.rng.stream("bias"), [gates * o.hidden], bound),
  };
}

/**
 * LSTM cell (Hochreiter & Schmidhuber 1997): params `inputKernel` [in, 4H], `recurrentKernel`
 * [H, 4H], `bias` [4H]. `forgetBias` is added to the forget gate's bias at creation (default 0).
 */
export function lstmCell(options: RecurrentOptions & { readonly forgetBias?: number }): LstmCell {
  const H = options.hidden;
  const params = gateParams(options, 4);
  if (options.forgetBias) {
    const fb = options.forgetBias;
    const b = params.bias!;
    b.assign(tf.tidy(() => tf.add(b, tf.concat([tf.zeros([H]), tf.fill([H], fb), tf.zeros([2 * H])]))));
  }
  return {
    params,
    initialState(batch) {
      return { h: tf.zeros([batch, H]), c: tf.zeros([batch, H]) };
    },
    step(x, state, override) {
      const z = tf.add(tf.add(tf.matMul(x, pick(params, override, "inputKernel")), tf.matMul(state.h, pick(params, override, "recurrentKernel"))), pick(params, override, "bias"));
      const [i, f, g, o] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const c = tf.add(tf.mul(tf.sigmoid(f), state.c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      return { c, h: tf.mul(tf.sigmoid(o), tf.tanh(c)) };
    },
  };
}

/** One GRU step; the state is h [batch, hidden]. */
export interface GruCell {
  readonly params: Variables;
  initialState(batch: number): tf.Tensor;
  step(x: tf.Tensor, h: tf.Tensor, params?: Tensors): tf.Tensor;
}

/**
 * GRU cell (Cho et al. 2014), PyTorch's form: r = σ(x·Wr + h·Ur + br), z = σ(…),
 * n = tanh(x·Wn + bn_x + r ⊙ (h·Un + bn_h)), h' = (1 − z) ⊙ n + z ⊙ h. Params `inputKernel`
 * [in, 3H], `recurrentKernel` [H, 3H], `bias` [3H], `recurrentBias` [3H].
 */
export function gruCell(options: RecurrentOptions): GruCell {
  const H = options.hidden;
  const params = { ...gateParams(options, 3), recurrentBias: initVariable(options.rng.stream("recurrentBias"), [3 * H], { kind: "kaimingUniform", fanIn: H }) };
  return {
    params,
    initialState(batch) {
      return tf.zeros([batch, H]);
    },
    step(x, h, override) {
      const gx = tf.add(tf.matMul(x, pick(params, override, "inputKernel")), pick(params, override, "bias"));
      const gh = tf.add(tf.matMul(h, pick(params, override, "recurrentKernel")), pick(params, override, "recurrentBias"));
      const [xr, xz, xn] = tf.split(gx, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const [hr, hz, hn] = tf.split(gh, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const r = tf.sigmoid(tf.add(xr, hr));
      const z = tf.sigmoid(tf.add(xz, hz));
      const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
      return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
    },
  };
}
