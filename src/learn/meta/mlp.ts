/**
 * A functional MLP: its description is plain data, its parameters a record of tensors that an
 * inner loop can replace, so the same learner can be trained by SGD on variables or unrolled
 * inside a meta-gradient.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";
import { initPlainDense, initWeightNormDense, plainDense, weightNormDense } from "./weight-norm.js";

/** Hidden-layer nonlinearities a functional MLP offers. */
export type MlpActivation = "leakyRelu" | "tanh";

/** What an MLP is: layer sizes from input to output, the hidden activation, weight normalisation. */
export interface MlpSpec {
  /** [inputs, hidden…, outputs]; at least two entries. */
  readonly sizes: readonly number[];
  /** Hidden activation (default "leakyRelu", slope `leakySlope`). The output layer is linear. */
  readonly activation?: MlpActivation;
  /** Negative slope of LeakyReLU (default 0.1, as the GTN code). */
  readonly leakySlope?: number;
  /** Weight-normalised layers (default true). */
  readonly weightNorm?: boolean;
}

function checkSpec(spec: MlpSpec): void {
  if (spec.sizes.length < 2 || spec.sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new CajalError(badOption("mlp", "sizes", JSON.stringify(spec.sizes), "at least two positive integers"));
  }
}

/** Fresh parameters of `spec` drawn from `rng` (layers named l0, l1, …). */
export function initMlp(spec: MlpSpec, rng: Rng): Record<string, tf.Tensor> {
  checkSpec(spec);
  const out: Record<string, tf.Tensor> = {};
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const make = spec.weightNorm === false ? initPlainDense : initWeightNormDense;
    Object.assign(out, make(rng.stream(`l${l}`), `l${l}`, spec.sizes[l]!, spec.sizes[l + 1]!));
  }
  return out;
}

/** The MLP's output (linear last layer) for inputs x [batch, sizes[0]]. Differentiable twice. */
export function applyMlp(spec: MlpSpec, params: Tensors, x: tf.Tensor): tf.Tensor {
  const layer = spec.weightNorm === false ? plainDense : weightNormDense;
  const slope = spec.leakySlope ?? 0.1;
  let h = x;
  const last = spec.sizes.length - 2;
  for (let l = 0; l <= last; l++) {
    h = layer(h, params, `l${l}`);
    if (l < last) h = spec.activation === "tanh" ? tf.tanh(h) : tf.leakyRelu(h, slope);
  }
  return h;
}
