/**
 * Sequence encoders: a simple (Elman) RNN, an LSTM with forget gate, and a bidirectional wrapper,
 * each run over a whole time-major sequence [T, batch, inputs] and differentiated by ordinary
 * reverse-mode autodiff through the unrolled loop (BPTT).
 *
 * The input projection x_t·W + b of all steps is one matrix product before the loop, so each step
 * costs one recurrent product and a few element-wise ops: on tfjs the per-op dispatch, not the
 * arithmetic, bounds small recurrent nets. The LSTM uses the core's `lstmCell` parameters (same
 * names, layout [i, f, g, o] and initialisation), and its tests check that both give the same states.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { initVariable } from "../init.js";
import { badOption, shapeMismatch } from "../messages.js";
import { type Tensors, type Variables, pick, scope } from "../params.js";
import { lstmCell } from "../layers/recurrent.js";
import { tf } from "../tf.js";

/** What an encoder returns for a sequence: one output per step (and, for the LSTM, cells and forget gates). */
export interface EncodedSequence {
  /** h_t for t = 1 … T, each [batch, outputs]. */
  readonly outputs: tf.Tensor[];
  /** LSTM cell states c_t, each [batch, hidden] (absent for a simple RNN). */
  readonly cells?: tf.Tensor[];
  /** LSTM forget-gate activations σ(f_t), each [batch, hidden] (absent for a simple RNN). */
  readonly forgetGates?: tf.Tensor[];
}

/** A layer that reads a whole sequence. */
export interface SequenceEncoder {
  /** Trainable variables by name. */
  readonly params: Variables;
  /** Features per step of the output (2H for a bidirectional encoder). */
  readonly outputs: number;
  /** Runs over `x` [T, batch, inputs]; `params` replaces the variables (same names) when given. */
  run(x: tf.Tensor, params?: Tensors): EncodedSequence;
}

/** Options of the encoders. */
export interface EncoderOptions {
  readonly inputs: number;
  readonly hidden: number;
  /** Initial weights ~ U(±1/√hidden) (PyTorch's RNN/LSTM default). */
  readonly rng: Rng;
}

function checkInput(place: string, x: tf.Tensor, inputs: number): { steps: number; batch: number } {
  if (x.rank !== 3 || x.shape[2] !== inputs) throw new CajalError(shapeMismatch(place, "the input sequence", x.shape, `[steps, batch, ${inputs}]`));
  return { steps: x.shape[0]!, batch: x.shape[1]! };
}

/** x·W + b for all steps at once, returned per step: T tensors [batch, columns]. */
function projectAll(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor[] {
  const [steps, batch, inputs] = x.shape as [number, number, number];
  const projected = tf.add(tf.matMul(tf.reshape(x, [steps * batch, inputs]), kernel), bias);
  return tf.unstack(tf.reshape(projected, [steps, batch, kernel.shape[1]!]));
}

/**
 * Simple RNN h_t = φ(x_t·W_x + h_{t−1}·W_h + b), h_0 = 0, φ = tanh (default) or identity. Params
 * `inputKernel` [in, H], `recurrentKernel` [H, H], `bias` [H].
 */
export function simpleRnn(options: EncoderOptions & { readonly activation?: "tanh" | "linear" }): SequenceEncoder {
  const { inputs, hidden: H, rng } = options;
  const activation = options.activation ?? "tanh";
  if (activation !== "tanh" && activation !== "linear") throw new CajalError(badOption("simpleRnn", "activation", activation, "tanh or linear"));
  const bound = { kind: "kaimingUniform" as const, fanIn: H };
  const params = {
    inputKernel: initVariable(rng.stream("inputKernel"), [inputs, H], bound),
    recurrentKernel: initVariable(rng.stream("recurrentKernel"), [H, H], bound),
    bias: initVariable(rng.stream("bias"), [H], bound),
  };
  return {
    params,
    outputs: H,
    run(x, override) {
      const { batch } = checkInput("simpleRnn", x, inputs);
      const u = pick(params, override, "recurrentKernel");
      const drive = projectAll(x, pick(params, override, "inputKernel"), pick(params, override, "bias"));
      const outputs: tf.Tensor[] = [];
      let h: tf.Tensor = tf.zeros([batch, H]);
      drive.forEach((d, t) => {
        const a = t === 0 ? d : tf.add(d, tf.matMul(h, u));
        h = activation === "tanh" ? tf.tanh(a) : a;
        outputs.push(h);
      });
      return { outputs };
    },
  };
}

/**
 * LSTM with forget gate (Gers et al. 2000), the core's `lstmCell` parameters: `inputKernel`
 * [in, 4H], `recurrentKernel` [H, 4H], `bias` [4H], gate blocks [i, f, g, o]; `forgetBias` is
 * added to the forget block of the bias at creation (default 0).
 */
export function lstm(options: EncoderOptions & { readonly forgetBias?: number }): SequenceEncoder {
  const { inputs, hidden: H } = options;
  const cell = lstmCell({ inputs, hidden: H, rng: options.rng, ...(options.forgetBias !== undefined ? { forgetBias: options.forgetBias } : {}) });
  const params = cell.params;
  return {
    params,
    outputs: H,
    run(x, override) {
      const { batch } = checkInput("lstm", x, inputs);
      const u = pick(params, override, "recurrentKernel");
      const drive = projectAll(x, pick(params, override, "inputKernel"), pick(params, override, "bias"));
      const outputs: tf.Tensor[] = [];
      const cells: tf.Tensor[] = [];
      const forgetGates: tf.Tensor[] = [];
      let h: tf.Tensor | undefined;
      let c: tf.Tensor | undefined;
      for (const d of drive) {
        const z = h ? tf.add(d, tf.matMul(h, u)) : d;
        const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        const f = tf.sigmoid(zf);
        const ig = tf.mul(tf.sigmoid(zi), tf.tanh(zg));
        c = c ? tf.add(tf.mul(f, c), ig) : ig;
        h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
        outputs.push(h);
        cells.push(c);
        forgetGates.push(f);
      }
      if (drive.length === 0) throw new CajalError(shapeMismatch("lstm", "the input sequence", x.shape, `at least one step`));
      void batch;
      return { outputs, cells, forgetGates };
    },
  };
}

/**
 * Bidirectional encoder (Schuster & Paliwal 1997): `forward` reads the sequence from t = 1 to T,
 * `backward` from T to 1, and the output at t is [h→_t, h←_t] (2H features). Params are prefixed
 * "forward/" and "backward/".
 */
export function bidirectional(forward: SequenceEncoder, backward: SequenceEncoder): SequenceEncoder {
  const params: Record<string, tf.Variable> = {};
  for (const [n, v] of Object.entries(forward.params)) params[`forward/${n}`] = v;
  for (const [n, v] of Object.entries(backward.params)) params[`backward/${n}`] = v;
  return {
    params,
    outputs: forward.outputs + backward.outputs,
    run(x, override) {
      const fwd = forward.run(x, scope(override, "forward"));
      const bwd = backward.run(tf.reverse(x, 0), scope(override, "backward"));
      const steps = fwd.outputs.length;
      const outputs = fwd.outputs.map((h, t) => tf.concat([h, bwd.outputs[steps - 1 - t]!], 1));
      return { outputs };
    },
  };
}
