/**
 * How much an error signal survives back-propagation through time: exact ∂L/∂h_t (simple RNN) and
 * ∂L/∂c_t (LSTM cell state) at every step of one sequence, for the loss L = vᵀh_T, computed in
 * float64 by a hand-written backward pass (no tensors, so gradients of 10⁻³⁰⁰ stay measurable).
 *
 * Conventions (column vectors, row-major matrices): simple RNN a_t = W_x x_t + W_h h_{t−1} + b,
 * h_t = φ(a_t) with φ = tanh or the identity; LSTM z_t = W x_t + U h_{t−1} + b with gate blocks
 * [i, f, g, o] (H rows each), c_t = σ(f)⊙c_{t−1} + σ(i)⊙tanh(g), h_t = σ(o)⊙tanh(c_t); h_0 = c_0 = 0.
 * The LSTM's ∂L/∂c_t is the total derivative: through h_t and through c_{t+1}.
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/** A simple (Elman) RNN's weights, float64, row-major. */
export interface SimpleRnnWeights {
  /** Hidden units H. */
  readonly hidden: number;
  /** Input features D. */
  readonly inputs: number;
  /** W_x, H × D. */
  readonly inputKernel: Float64Array;
  /** W_h, H × H. */
  readonly recurrentKernel: Float64Array;
  /** b, H (zeros when absent). */
  readonly bias?: Float64Array;
  /** φ: "tanh" (default) or "linear". */
  readonly activation?: "tanh" | "linear";
}

/** An LSTM's weights, float64, row-major, gate blocks [i, f, g, o]. */
export interface LstmWeights {
  readonly hidden: number;
  readonly inputs: number;
  /** W, 4H × D. */
  readonly inputKernel: Float64Array;
  /** U, 4H × H. */
  readonly recurrentKernel: Float64Array;
  /** b, 4H; the forget block holds the forget-gate bias b_f. */
  readonly bias: Float64Array;
}

/** ‖∂L/∂state_t‖ for t = 1 … T (index t−1), and the state itself at the end. */
export interface StateGradients {
  /** Euclidean norm of ∂L/∂h_t (RNN) or ∂L/∂c_t (LSTM) at each step, index 0 = t = 1. */
  readonly norms: Float64Array;
  /** The full gradient vectors, T × H, row t−1 = ∂L/∂state_t. */
  readonly grads: Float64Array;
}

function check(place: string, w: { hidden: number; inputs: number }, inputs: Float64Array | Float32Array, steps: number, readout: Float64Array): void {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new CajalError(badOption(place, "steps", steps, "an integer ≥ 1"));
  if (inputs.length !== steps * w.inputs) throw new CajalError(badOption(place, "inputs.length", inputs.length, `steps × inputs = ${steps * w.inputs}`));
  if (readout.length !== w.hidden) throw new CajalError(badOption(place, "readout.length", readout.length, `hidden = ${w.hidden}`));
}

/**
 * Runs a simple RNN over one sequence (`inputs`: steps × D, row t−1 = x_t) and returns ∂L/∂h_t for
 * L = readoutᵀ h_T at every step. For a linear RNN with W_h = g·Q (Q orthogonal) the norms are
 * exactly g^(T−t)·‖readout‖.
 */
export function simpleRnnStateGradients(w: SimpleRnnWeights, inputs: Float64Array | Float32Array, steps: number, readout: Float64Array): StateGradients {
  check("simpleRnnStateGradients", w, inputs, steps, readout);
  const H = w.hidden, D = w.inputs;
  const tanh = (w.activation ?? "tanh") === "tanh";
  // Slopes φ'(a_t), stored per step for the backward pass.
  const slope = new Float64Array(steps * H);
  let h = new Float64Array(H);
  let next = new Float64Array(H);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < H; i++) {
      let a = w.bias ? w.bias[i]! : 0;
      const wx = i * D;
      for (let k = 0; k < D; k++) a += w.inputKernel[wx + k]! * inputs[t * D + k]!;
      const wh = i * H;
      for (let j = 0; j < H; j++) a += w.recurrentKernel[wh + j]! * h[j]!;
      if (tanh) {
        const y = Math.tanh(a);
        next[i] = y;
        slope[t * H + i] = 1 - y * y;
      } else {
        next[i] = a;
        slope[t * H + i] = 1;
      }
    }
    [h, next] = [next, h];
  }
  const grads = new Float64Array(steps * H);
  const norms = new Float64Array(steps);
  grads.set(readout, (steps - 1) * H);
  const delta = new Float64Array(H);
  for (let t = steps - 1; t >= 0; t--) {
    let sq = 0;
    for (let i = 0; i < H; i++) sq += grads[t * H + i]! ** 2;
    norms[t] = Math.sqrt(sq);
    if (t === 0) break;
    // ∂L/∂h_{t−1} = W_hᵀ (φ'(a_t) ⊙ ∂L/∂h_t)
    for (let i = 0; i < H; i++) delta[i] = slope[t * H + i]! * grads[t * H + i]!;
    const out = (t - 1) * H;
    for (let i = 0; i < H; i++) {
      const d = delta[i]!;
      if (d === 0) continue;
      const wh = i * H;
      for (let j = 0; j < H; j++) grads[out + j]! += w.recurrentKernel[wh + j]! * d;
    }
  }
  return { norms, grads };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The LSTM's forward pass over one sequence: gates (after their nonlinearity), cells and outputs per step. */
export function lstmForward(w: LstmWeights, inputs: Float64Array | Float32Array, steps: number): { gates: Float64Array; c: Float64Array; h: Float64Array } {
  const H = w.hidden, D = w.inputs;
  const gates = new Float64Array(steps * 4 * H); // per step [i, f, g, o] after σ / tanh
  const c = new Float64Array(steps * H);
  const h = new Float64Array(steps * H);
  for (let t = 0; t < steps; t++) {
    for (let r = 0; r < 4 * H; r++) {
      let z = w.bias[r]!;
      const wx = r * D;
      for (let k = 0; k < D; k++) z += w.inputKernel[wx + k]! * inputs[t * D + k]!;
      if (t > 0) {
        const wh = r * H, hp = (t - 1) * H;
        for (let j = 0; j < H; j++) z += w.recurrentKernel[wh + j]! * h[hp + j]!;
      }
      gates[t * 4 * H + r] = r >= 2 * H && r < 3 * H ? Math.tanh(z) : sigmoid(z);
    }
    const g0 = t * 4 * H;
    for (let j = 0; j < H; j++) {
      const cPrev = t > 0 ? c[(t - 1) * H + j]! : 0;
      const cj = gates[g0 + H + j]! * cPrev + gates[g0 + j]! * gates[g0 + 2 * H + j]!;
      c[t * H + j] = cj;
      h[t * H + j] = gates[g0 + 3 * H + j]! * Math.tanh(cj);
    }
  }
  return { gates, c, h };
}

/**
 * Runs an LSTM over one sequence and returns the total ∂L/∂c_t for L = readoutᵀ h_T at every step.
 * With the forget gate near 1 (large b_f) the cell state carries the error back almost unchanged —
 * the "constant error carousel".
 */
export function lstmCellStateGradients(w: LstmWeights, inputs: Float64Array | Float32Array, steps: number, readout: Float64Array): StateGradients {
  check("lstmCellStateGradients", w, inputs, steps, readout);
  const H = w.hidden;
  const { gates, c } = lstmForward(w, inputs, steps);
  const grads = new Float64Array(steps * H);
  const norms = new Float64Array(steps);
  const dh = Float64Array.from(readout);
  const dcCarry = new Float64Array(H); // ∂L/∂c_t arriving through c_{t+1}
  const dz = new Float64Array(4 * H);
  for (let t = steps - 1; t >= 0; t--) {
    const g0 = t * 4 * H;
    let sq = 0;
    for (let j = 0; j < H; j++) {
      const tc = Math.tanh(c[t * H + j]!);
      const o = gates[g0 + 3 * H + j]!;
      const dc = dcCarry[j]! + dh[j]! * o * (1 - tc * tc);
      grads[t * H + j] = dc;
      sq += dc * dc;
      const i = gates[g0 + j]!, f = gates[g0 + H + j]!, g = gates[g0 + 2 * H + j]!;
      const cPrev = t > 0 ? c[(t - 1) * H + j]! : 0;
      dz[j] = dc * g * i * (1 - i);
      dz[H + j] = dc * cPrev * f * (1 - f);
      dz[2 * H + j] = dc * i * (1 - g * g);
      dz[3 * H + j] = dh[j]! * tc * o * (1 - o);
      dcCarry[j] = dc * f;
    }
    norms[t] = Math.sqrt(sq);
    if (t === 0) break;
    // ∂L/∂h_{t−1} = Uᵀ dz_t
    dh.fill(0);
    for (let r = 0; r < 4 * H; r++) {
      const d = dz[r]!;
      if (d === 0) continue;
      const wh = r * H;
      for (let j = 0; j < H; j++) dh[j]! += w.recurrentKernel[wh + j]! * d;
    }
  }
  return { norms, grads };
}

/**
 * Mean over sequences of ‖∂L/∂state_t‖, indexed by the time lag T − t (index 0 = lag 0). `each`
 * returns the norms of one sequence (index t−1).
 */
export function meanNormByLag(sequences: number, steps: number, each: (sequence: number) => Float64Array): Float64Array {
  const out = new Float64Array(steps);
  for (let s = 0; s < sequences; s++) {
    const norms = each(s);
    for (let lag = 0; lag < steps; lag++) out[lag]! += norms[steps - 1 - lag]! / sequences;
  }
  return out;
}
