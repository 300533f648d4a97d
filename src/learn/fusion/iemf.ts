/**
 * The inverse-effectiveness fusion rule (IEMF, He et al. 2025, paper 12) and the OGM-GE balancing
 * rule it is combined with, as released in `Brain-Cog-Lab/IEMF` (`train_snn.py`):
 * - IEMF: k = 1 + tanh(1 − ((s_a + s_v)/2) / s_av) ∈ (0, 2), where s_m is the sum over the batch of
 *   the softmax probability the branch gives the true class; the fusion layer's gradients become
 *   k·g + n, n ~ N(0, std(g)) element-wise;
 * - OGM-GE (Peng et al. 2022): ρ = s_v / s_a; the dominant modality's encoder gradients are scaled
 *   by 1 − tanh(α·ρ) (or 1 − tanh(α/ρ)), and noise with the gradient's own std is added.
 */
import type { Rng } from "../../core/rng.js";
import { tf } from "../tf.js";

/** Σ_i softmax(logits_i)[label_i]: the batch's total probability on the true classes. */
export function trueClassProbabilitySum(logits: tf.Tensor2D, labels: ArrayLike<number>): number {
  const p = tf.tidy(() => tf.softmax(logits).dataSync());
  const classes = logits.shape[1];
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += p[i * classes + labels[i]!]!;
  return sum;
}

/** IEMF's coefficient k = 1 + tanh(1 − ((s_a + s_v)/2)/s_av): above 1 when the unimodal cues are weak relative to the fused one. */
export function inverseEffectivenessCoefficient(sAudio: number, sVisual: number, sFused: number): number {
  return 1 + Math.tanh(1 - (sAudio + sVisual) / 2 / sFused);
}

/** OGM-GE's per-modality gradient coefficients: the stronger modality (by true-class score) is slowed. */
export function ogmGeCoefficients(sAudio: number, sVisual: number, alpha: number): { audio: number; visual: number } {
  const ratio = sVisual / sAudio;
  return ratio > 1 ? { audio: 1, visual: 1 - Math.tanh(alpha * ratio) } : { audio: 1 - Math.tanh(alpha / ratio), visual: 1 };
}

/** Unbiased sample standard deviation of a typed array (PyTorch's `Tensor.std()`). */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/**
 * k·g + n with n ~ N(0, (std(g) + 1e-8)²) element-wise, the noise drawn from `rng` (as the released
 * code's `grad * coeff + zeros_like(grad).normal_(0, grad.std() + 1e-8)`).
 */
export function scaleWithNoise(grad: tf.Tensor, k: number, rng: Rng): tf.Tensor {
  const g = grad.dataSync();
  const sd = sampleSd(g) + 1e-8;
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) out[i] = k * g[i]! + sd * rng.normal();
  return tf.tensor(out, grad.shape, "float32");
}
