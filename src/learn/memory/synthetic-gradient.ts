/**
 * A synthetic-gradient module (decoupled neural interfaces, Jaderberg et al. 2017): a small
 * network M_φ that predicts the gradient of a loss with respect to a hidden state from what is
 * known at that step, trained by regression onto the true gradient when back-propagation
 * delivers it.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { dense } from "../layers/dense.js";
import { type Tensors, type Variables, collectParams, scope } from "../params.js";
import { tf } from "../tf.js";
import { badMemoryOption } from "./messages.js";

/** Options of `syntheticGradientModule`. */
export interface SyntheticGradientOptions {
  /** Features of the conditioning input (for the notebook: [h_t, r_t, previous label]). */
  readonly inputs: number;
  /** Size of the predicted gradient (the hidden state's size). */
  readonly outputs: number;
  /** Units of the one ReLU hidden layer (default 64); 0 makes the module linear. */
  readonly hidden?: number;
  /** Initial weights ~ U(±1/√fan-in), as PyTorch's nn.Linear. */
  readonly rng: Rng;
}

/** M_φ: conditioning input [rows, inputs] → predicted gradient [rows, outputs]. */
export interface SyntheticGradientModule {
  readonly params: Variables;
  readonly inputs: number;
  readonly outputs: number;
  apply(x: tf.Tensor, params?: Tensors): tf.Tensor;
}

/** Builds M_φ: inputs → ReLU(hidden) → outputs (or a single affine map when hidden = 0). */
export function syntheticGradientModule(options: SyntheticGradientOptions): SyntheticGradientModule {
  const hidden = options.hidden ?? 64;
  if (!(Number.isInteger(hidden) && hidden >= 0)) throw new CajalError(badMemoryOption("syntheticGradientModule", "hidden", hidden, "a non-negative integer"));
  const { inputs, outputs, rng } = options;
  if (hidden === 0) {
    const out = dense({ inputs, units: outputs, rng: rng.stream("out") });
    const params = collectParams({ out });
    return { params, inputs, outputs, apply: (x, p) => out.apply(x, scope(p, "out")) };
  }
  const first = dense({ inputs, units: hidden, activation: "relu", rng: rng.stream("hidden") });
  const out = dense({ inputs: hidden, units: outputs, rng: rng.stream("out") });
  const params = collectParams({ hidden: first, out });
  return { params, inputs, outputs, apply: (x, p) => out.apply(first.apply(x, scope(p, "hidden")), scope(p, "out")) };
}

/** The regression loss of M_φ: mean squared error between its prediction and the true gradient. */
export function syntheticGradientLoss(module: SyntheticGradientModule, conditioning: tf.Tensor, trueGrads: tf.Tensor, params?: Tensors): tf.Scalar {
  return tf.mean(tf.square(tf.sub(module.apply(conditioning, params), trueGrads))) as tf.Scalar;
}

/**
 * Mean over rows of the cosine between row i of `a` and row i of `b` (each rows × cols,
 * row-major). Rows where either vector is zero are skipped; NaN when every row is.
 */
export function meanRowCosine(a: ArrayLike<number>, b: ArrayLike<number>, rows: number, cols: number): number {
  if (a.length !== rows * cols || b.length !== rows * cols) {
    throw new CajalError(badMemoryOption("meanRowCosine", "length", `${a.length} and ${b.length}`, `${rows}·${cols} = ${rows * cols}`));
  }
  let sum = 0;
  let counted = 0;
  for (let r = 0; r < rows; r++) {
    let ab = 0, aa = 0, bb = 0;
    for (let j = r * cols, end = j + cols; j < end; j++) {
      const x = a[j]!, y = b[j]!;
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    if (aa > 0 && bb > 0) {
      sum += ab / Math.sqrt(aa * bb);
      counted++;
    }
  }
  return counted ? sum / counted : NaN;
}
