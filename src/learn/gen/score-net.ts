/**
 * Multiplicative denoising score matching (M-DSM, Shetty et al. 2025) with a small MLP that
 * outputs the Hyvärinen score h = x ∘ s_θ directly, from [log x, sinusoidal embedding of t].
 */
import type { Rng } from "../../core/rng.js";
import { silu } from "../activations.js";
import { initTensor } from "../init.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";

/**
 * Sinusoidal embedding of times t [n] into [n × dim]: sin/cos of log(t)·2^(k−2), k = 0 … dim/2 − 1.
 * The log of the time (the log noise level, as NCSN and score-SDE condition on log σ) spreads the
 * small times where the score changes fastest; an embedding of t itself left t ≲ 0.1 unresolved.
 */
export function timeEmbedding(t: tf.Tensor, dim: number): tf.Tensor {
  const half = Math.floor(dim / 2);
  const freqs = tf.tensor1d(Float32Array.from({ length: half }, (_, k) => Math.pow(2, k - 2)));
  const args = tf.mul(tf.reshape(tf.log(tf.maximum(t, 1e-6)), [-1, 1]), tf.reshape(freqs, [1, half]));
  return tf.concat([tf.sin(args), tf.cos(args)], 1);
}

/** A score network: MLP [log x (dim), embedding (embed)] → hidden… → dim with SiLU. */
export interface ScoreNetSpec {
  readonly dim: number;
  readonly embed: number;
  readonly hidden: readonly number[];
  /**
   * When set to the GBM's σ, the network predicts the log-space noise ε and the score is
   * h = −1 − ε_θ/(σ√t) — the "scale by σ" output of the NCSN / score-SDE models, which keeps the
   * network's outputs O(1) where the score is steep (small t). Unset: the network outputs h.
   */
  readonly scaleBySigma?: number;
}

/** Fresh parameters `l{i}/w`, `l{i}/b` (PyTorch's uniform init). */
export function initScoreNet(spec: ScoreNetSpec, rng: Rng): Record<string, tf.Variable> {
  const sizes = [spec.dim + spec.embed, ...spec.hidden, spec.dim];
  const out: Record<string, tf.Variable> = {};
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    for (const [name, shape] of [["w", [fanIn, sizes[l + 1]!]], ["b", [sizes[l + 1]!]]] as const) {
      const t = initTensor(rng.stream(`l${l}/${name}`), shape, { kind: "kaimingUniform", fanIn });
      out[`l${l}/${name}`] = tf.variable(t, true);
      t.dispose();
    }
  }
  return out;
}

/** The predicted Hyvärinen score h [n × dim] at log x [n × dim] and times t [n]. */
export function applyScoreNet(spec: ScoreNetSpec, params: Tensors, logX: tf.Tensor, t: tf.Tensor): tf.Tensor {
  let h = tf.concat([logX, timeEmbedding(t, spec.embed)], 1);
  const layers = spec.hidden.length + 1;
  for (let l = 0; l < layers; l++) {
    h = tf.add(tf.matMul(h, params[`l${l}/w`]!), params[`l${l}/b`]!);
    if (l < layers - 1) h = silu(h);
  }
  if (spec.scaleBySigma === undefined) return h;
  const inv = tf.reshape(tf.div(-1 / spec.scaleBySigma, tf.sqrt(tf.maximum(t, 1e-8))), [-1, 1]);
  return tf.sub(tf.mul(h, inv), 1);
}

/**
 * The M-DSM loss: mean over the batch of Σ_pixels (σ²t·h + log x_t − log x₀ − μt + 1.5σ²t)², whose
 * zero is the conditional Hyvärinen score −1 − (log x_t − log x₀ − (μ − σ²/2)t)/(σ²t).
 * `t` is [n]; logXt, logX0 and h are [n × dim]. `weighting` (default "released") is explained at `MdsmWeighting`.
 */
export function mdsmLoss(h: tf.Tensor, logXt: tf.Tensor, logX0: tf.Tensor, t: tf.Tensor, sigma: number, mu: number, weighting: MdsmWeighting = "released"): tf.Scalar {
  const tc = tf.reshape(t, [-1, 1]);
  const s2 = sigma * sigma;
  let r = tf.add(tf.add(tf.mul(tf.mul(tc, s2), h), tf.sub(logXt, logX0)), tf.mul(tc, 1.5 * s2 - mu));
  if (weighting === "noise") r = tf.div(r, tf.mul(sigma, tf.sqrt(tc)));
  return tf.mean(tf.sum(tf.square(r), 1)) as tf.Scalar;
}

/**
 * Weighting of the M-DSM residual over t: "released" is the released code's ‖σ²t·(h − h*)‖²;
 * "noise" divides the residual by σ√t, giving σ²t·‖h − h*‖², i.e. a uniformly weighted error of
 * the log-space noise ε (score-SDE's λ(t) = σ_t²). Both have the same minimiser at every t.
 */
export type MdsmWeighting = "released" | "noise";

/** The conditional Hyvärinen score that zeroes `mdsmLoss` (for tests and figures). */
export function conditionalScore(logXt: number, logX0: number, tS: number, sigma: number, mu: number): number {
  return -1 - (logXt - logX0 - (mu - (sigma * sigma) / 2) * tS) / (sigma * sigma * tS);
}
