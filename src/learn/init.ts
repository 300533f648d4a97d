/**
 * Parameter initialisers drawing from Cajal's seeded generator, so a model built with the same
 * seed has the same weights on every backend and run (tfjs's own initialisers use another RNG).
 */
import type { Rng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import { badOption } from "./messages.js";
import { tf } from "./tf.js";

/** How a weight tensor is initialised. `fanIn`/`fanOut` are counted as in PyTorch. */
export type InitKind = "kaimingUniform" | "glorotUniform" | "normal" | "zeros" | "ones" | "uniform";

/** Options of `initTensor`. */
export interface InitOptions {
  readonly kind: InitKind;
  /** Inputs feeding one output unit (for kaiming/glorot). */
  readonly fanIn?: number;
  /** Outputs fed by one input unit (for glorot). */
  readonly fanOut?: number;
  /** Standard deviation for `normal` (default 1), half-width for `uniform` (default 1). */
  readonly scale?: number;
}

/**
 * A float32 tensor of `shape` filled from `rng`.
 * kaimingUniform: U(−1/√fanIn, 1/√fanIn), PyTorch's default for `nn.Linear` and `nn.Conv2d`;
 * glorotUniform: U(±√(6/(fanIn+fanOut))).
 */
export function initTensor(rng: Rng, shape: readonly number[], options: InitOptions): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  const fanIn = options.fanIn ?? shape[0] ?? 1;
  const fanOut = options.fanOut ?? shape[shape.length - 1] ?? 1;
  let bound = 0;
  switch (options.kind) {
    case "zeros":
      break;
    case "ones":
      values.fill(1);
      break;
    case "normal": {
      const sd = options.scale ?? 1;
      for (let i = 0; i < size; i++) values[i] = rng.normal(0, sd);
      break;
    }
    case "kaimingUniform":
      bound = 1 / Math.sqrt(fanIn);
      break;
    case "glorotUniform":
      bound = Math.sqrt(6 / (fanIn + fanOut));
      break;
    case "uniform":
      bound = options.scale ?? 1;
      break;
    default:
      throw new CajalError(badOption("initTensor", "kind", options.kind, "kaimingUniform, glorotUniform, normal, zeros, ones or uniform"));
  }
  if (bound > 0) for (let i = 0; i < size; i++) values[i] = (2 * rng.uniform() - 1) * bound;
  return tf.tensor(values, [...shape], "float32");
}

/** A trainable tfjs variable initialised by `initTensor` (the initial tensor is disposed). */
export function initVariable(rng: Rng, shape: readonly number[], options: InitOptions): tf.Variable {
  const t = initTensor(rng, shape, options);
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}
