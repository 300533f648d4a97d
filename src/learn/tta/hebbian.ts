/**
 * Competitive Hebbian learning of a convolution's kernels from its input patches, outside autodiff:
 * the soft winner-take-all rule of SoftHebb (Moraitis et al. 2022), used by neuro-modulated Hebbian
 * test-time adaptation (Tang et al., CVPR 2023) on the first layer, and its hard winner-take-all
 * variant for the ablation.
 *
 * For every patch p and kernel k: u_k = w_k·p, y = softmax(u/τ) over kernels (hard: the one-hot of
 * the largest u_k), and Δw_k = η · mean over patches of y_k·(p − u_k·w_k). The −y_k·u_k·w_k term
 * (Oja's decay, weighted by the kernel's share of the patch) keeps each kernel's norm near 1.
 */
import { CajalError } from "../../core/errors.js";
import { type ImageShape, im2col } from "./ops.js";
import { badTtaOption } from "./messages.js";

/** How kernels compete for a patch. */
export type Competition = "soft" | "hard";

/** Options of the Hebbian rule. */
export interface HebbianOptions {
  /** Learning rate η per update (dimensionless, > 0). */
  readonly eta: number;
  /** Softmax temperature τ > 0 (default 1); ignored by hard competition. */
  readonly temperature?: number;
  /** "soft" (softmax, default) or "hard" (winner-take-all). */
  readonly competition?: Competition;
}

/** What one Hebbian update did. */
export interface HebbianUpdate {
  /** Patches the update averaged over. */
  readonly patches: number;
  /** ‖Δw‖ / ‖w‖ over all kernels together. */
  readonly relativeChange: number;
  /** Fraction of (non-zero) patches each kernel won (largest response), one entry per kernel. */
  readonly winShare: Float64Array;
}

function check(options: HebbianOptions): { eta: number; tau: number; hard: boolean } {
  const tau = options.temperature ?? 1;
  const competition = options.competition ?? "soft";
  const problems = [];
  if (!(options.eta > 0 && Number.isFinite(options.eta))) problems.push(badTtaOption("tta.hebbian", "eta", options.eta, "a finite learning rate > 0"));
  if (!(tau > 0 && Number.isFinite(tau))) problems.push(badTtaOption("tta.hebbian", "temperature", tau, "a finite temperature > 0"));
  if (competition !== "soft" && competition !== "hard") problems.push(badTtaOption("tta.hebbian", "competition", competition, "\"soft\" or \"hard\""));
  if (problems.length) throw new CajalError(problems);
  return { eta: options.eta, tau, hard: competition === "hard" };
}

/**
 * The Hebbian change of a kernel matrix from a set of patches. `weights` holds the kernels as a
 * [inputs, kernels] matrix, row-major (element (d, k) at d·kernels + k — the layout of a
 * [k, k, in, out] convolution kernel); `patches` holds `count` rows of `inputs` values.
 * Returns Δw in the same layout, and writes it into `out` when given.
 */
export function hebbianDelta(
  patches: Float32Array, count: number, weights: Float32Array, kernels: number, options: HebbianOptions, out?: Float32Array,
): { delta: Float32Array; winShare: Float64Array } {
  const { eta, tau, hard } = check(options);
  const inputs = weights.length / kernels;
  if (!Number.isInteger(inputs) || patches.length !== count * inputs) {
    throw new CajalError(badTtaOption("tta.hebbianDelta", "patches", `${patches.length} values for ${count} patches`, `${count} × ${inputs} values`));
  }
  const a = new Float64Array(inputs * kernels); // Σ_p y_k p_d
  const b = new Float64Array(kernels); // Σ_p y_k u_k
  const u = new Float64Array(kernels);
  const y = new Float64Array(kernels);
  const wins = new Float64Array(kernels);
  let active = 0;
  for (let p = 0; p < count; p++) {
    const row = p * inputs;
    let nonzero = false;
    for (let d = 0; d < inputs; d++) if (patches[row + d] !== 0) { nonzero = true; break; }
    // A zero patch has u = 0, so it adds nothing to either sum; it still counts in the mean.
    if (!nonzero) continue;
    active++;
    u.fill(0);
    for (let d = 0; d < inputs; d++) {
      const x = patches[row + d]!;
      if (x === 0) continue;
      const wRow = d * kernels;
      for (let k = 0; k < kernels; k++) u[k]! += x * weights[wRow + k]!;
    }
    let winner = 0;
    for (let k = 1; k < kernels; k++) if (u[k]! > u[winner]!) winner = k;
    wins[winner]!++;
    if (hard) {
      y.fill(0);
      y[winner] = 1;
    } else {
      const top = u[winner]! / tau;
      let z = 0;
      for (let k = 0; k < kernels; k++) { y[k] = Math.exp(u[k]! / tau - top); z += y[k]!; }
      for (let k = 0; k < kernels; k++) y[k]! /= z;
    }
    for (let k = 0; k < kernels; k++) b[k]! += y[k]! * u[k]!;
    for (let d = 0; d < inputs; d++) {
      const x = patches[row + d]!;
      if (x === 0) continue;
      const aRow = d * kernels;
      for (let k = 0; k < kernels; k++) a[aRow + k]! += y[k]! * x;
    }
  }
  const delta = out && out.length === weights.length ? out : new Float32Array(weights.length);
  const scale = count > 0 ? eta / count : 0;
  for (let d = 0; d < inputs; d++) {
    for (let k = 0; k < kernels; k++) {
      const i = d * kernels + k;
      delta[i] = scale * (a[i]! - b[k]! * weights[i]!);
    }
  }
  if (active > 0) for (let k = 0; k < kernels; k++) wins[k]! /= active;
  return { delta, winShare: wins };
}

/**
 * One Hebbian update of a valid, stride-1 convolution's kernel (values of a [k, k, in, out]
 * kernel, flattened) from a batch of NHWC images: the patches are the batch's im2col rows. The
 * kernel array is updated in place.
 */
export function hebbianConvUpdate(kernel: Float32Array, kernelSize: number, images: Float32Array, shape: ImageShape, options: HebbianOptions): HebbianUpdate {
  const inputs = kernelSize * kernelSize * shape.channels;
  const kernels = kernel.length / inputs;
  if (!Number.isInteger(kernels) || kernels < 1) {
    throw new CajalError(badTtaOption("tta.hebbianConvUpdate", "kernel", `${kernel.length} values`, `a multiple of ${inputs} (${kernelSize}×${kernelSize}×${shape.channels})`));
  }
  const patches = im2col(images, shape, kernelSize);
  const count = patches.length / inputs;
  const { delta, winShare } = hebbianDelta(patches, count, kernel, kernels, options);
  let dd = 0;
  let ww = 0;
  for (let i = 0; i < kernel.length; i++) {
    dd += delta[i]! * delta[i]!;
    ww += kernel[i]! * kernel[i]!;
    kernel[i]! += delta[i]!;
  }
  return { patches: count, relativeChange: ww > 0 ? Math.sqrt(dd / ww) : NaN, winShare };
}
