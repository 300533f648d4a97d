/**
 * A population of LIF neurons with per-neuron membrane decay β_i = exp(−dt/τ_m,i) and threshold θ_i,
 * driven through a current-based exponential synapse, run over a whole trial as ONE tfjs op with a
 * hand-written backward pass (backpropagation through time in typed arrays). Unrolled op by op the
 * same network costs ~10 small tfjs ops per step, which dominates training (see src/diff/fused-step.ts);
 * here β and θ are inputs of the op, so they are trained like weights.
 *
 * Forward, per neuron i and batch row b (dt = 1 step):
 *   I_t = α·I_{t−1} + d_t                  (α = exp(−dt/τ_s), d_t the synaptic drive)
 *   V̂_t = β_i·V_{t−1} + I_t               (the recorded membrane, before reset)
 *   s_t = Θ(V̂_t − θ_i)  (deterministic)   or   s_t = [ξ_t < σ((V̂_t − θ_i)/Δ_i)]  (escape noise, ξ ~ U(0,1))
 *   V_t = V̂_t − s_t·θ_i                    (subtractive reset, s detached as in snnTorch)
 * Backward: ∂s/∂V̂ is the surrogate σ′(V̂ − θ) (deterministic) or the derivative of the firing
 * probability, p(1 − p)/Δ (stochastic, the straight-through estimator of the escape-noise neuron).
 * The reset keeps θ's direct path (∂V_t/∂θ_i = −s_t), so with a loss on V̂ the gradients are exact
 * wherever no spike moves; the tests check that against finite differences.
 */
import { CajalError } from "../../core/errors.js";
import { surrogateAt } from "../../diff/fused-step.js";
import type { SurrogateOptions } from "../layers/spiking.js";
import { badOption, shapeMismatch } from "../messages.js";
import { tf } from "../tf.js";

/** Options of `lifSequence`. */
export interface LifSequenceOptions extends SurrogateOptions {
  /** Synaptic decay per step α = exp(−dt/τ_s), in [0, 1) (default exp(−1/5): τ_s = 5 ms at dt = 1 ms). */
  readonly synDecay?: number;
}

/** Inputs of the escape-noise ("stochastic") variant. */
export interface EscapeNoise {
  /** Escape-noise width Δ_i > 0 per neuron, [N]. */
  readonly delta: tf.Tensor;
  /** Uniform draws ξ ∈ [0, 1) per [time, batch, neuron] (constants: no gradient). */
  readonly uniforms: tf.Tensor;
}

/** The run of `lifSequence`: spikes and membrane before reset, both [time, batch, neurons]. */
export interface LifSequenceRun {
  readonly spikes: tf.Tensor;
  readonly v: tf.Tensor;
}

/**
 * Runs LIF neurons with per-neuron decay `beta` [N] ∈ (0, 1] and threshold `theta` [N] over the
 * drive `drive` [time, batch, N] from rest; differentiable in drive, beta, theta (and Δ when `noise` is given).
 */
export function lifSequence(drive: tf.Tensor, beta: tf.Tensor, theta: tf.Tensor, options: LifSequenceOptions = {}, noise?: EscapeNoise): LifSequenceRun {
  if (drive.rank !== 3) throw new CajalError(shapeMismatch("lifSequence", "the drive", drive.shape, "[time, batch, neurons]"));
  const [time, batch, n] = drive.shape as [number, number, number];
  for (const [name, t] of [["beta", beta], ["theta", theta], ...(noise ? [["delta", noise.delta]] : [])] as Array<[string, tf.Tensor]>) {
    if (t.rank !== 1 || t.shape[0] !== n) throw new CajalError(shapeMismatch("lifSequence", name, t.shape, `[${n}]`));
  }
  if (noise && (noise.uniforms.rank !== 3 || noise.uniforms.size !== drive.size)) {
    throw new CajalError(shapeMismatch("lifSequence", "the uniforms", noise.uniforms.shape, `[${time}, ${batch}, ${n}]`));
  }
  const alpha = options.synDecay ?? Math.exp(-1 / 5);
  if (!(alpha >= 0 && alpha < 1)) throw new CajalError(badOption("lifSequence", "synDecay", alpha, "0 ≤ α < 1"));
  const stochastic = noise !== undefined;
  const plane = batch * n;
  const total = time * plane;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const tensors = args.slice(0, stochastic ? 5 : 3) as tf.Tensor[];
    const save = args[stochastic ? 5 : 3] as tf.GradSaveFunc;
    const d = tensors[0]!.dataSync(), be = tensors[1]!.dataSync(), th = tensors[2]!.dataSync();
    const de = stochastic ? tensors[3]!.dataSync() : undefined;
    const xi = stochastic ? tensors[4]!.dataSync() : undefined;
    // Packed output [2, time, batch, n]: spikes, then V̂. Time is the outer loop so every step reads
    // and writes one contiguous plane (the state of all batch rows and neurons lives in `cur`, `v`).
    const out = new Float32Array(2 * total);
    const cur = new Float64Array(plane), v = new Float64Array(plane);
    for (let t = 0; t < time; t++) {
      const off = t * plane;
      for (let k = 0, i = 0; k < plane; k++, i = i + 1 === n ? 0 : i + 1) {
        const idx = off + k;
        const c = alpha * cur[k]! + d[idx]!;
        cur[k] = c;
        const vHat = be[i]! * v[k]! + c;
        const t_ = th[i]!;
        let s: number;
        if (stochastic) {
          const p = 1 / (1 + Math.exp(-(vHat - t_) / de![i]!));
          s = xi![idx]! < p ? 1 : 0;
        } else {
          s = vHat - t_ > 0 ? 1 : 0;
        }
        out[idx] = s;
        out[total + idx] = vHat;
        v[k] = vHat - s * t_;
      }
    }
    const packed = tf.tensor4d(out, [2, time, batch, n]);
    save(stochastic ? [packed, tensors[1]!, tensors[2]!, tensors[3]!] : [packed, tensors[1]!, tensors[2]!]);
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const g = dy.dataSync();
        const o = saved[0]!.dataSync(), bs = saved[1]!.dataSync(), ths = saved[2]!.dataSync();
        const dls = stochastic ? saved[3]!.dataSync() : undefined;
        const gDrive = new Float32Array(total);
        const gBeta = new Float64Array(n), gTheta = new Float64Array(n), gDelta = new Float64Array(n);
        const gVpost = new Float64Array(plane); // ∂L/∂V_t (after reset), carried back from t + 1
        const gCur = new Float64Array(plane);   // α·∂L/∂I_{t+1}, carried back from t + 1
        const fast = !stochastic && (options.surrogate ?? "fastSigmoid") === "fastSigmoid";
        const slope = options.slope ?? 10;
        for (let t = time - 1; t >= 0; t--) {
          const off = t * plane;
          for (let k = 0, i = 0; k < plane; k++, i = i + 1 === n ? 0 : i + 1) {
            const idx = off + k;
            const s = o[idx]!, vHat = o[total + idx]!, t_ = ths[i]!;
            let gt = -s * gVpost[k]!; // V_t = V̂_t − s·θ
            let gvHat = g[total + idx]! + gVpost[k]!;
            const gs = g[idx]!;
            if (gs !== 0) {
              const u = vHat - t_;
              let dsdu: number;
              if (stochastic) {
                const delta = dls![i]!;
                const p = 1 / (1 + Math.exp(-u / delta));
                dsdu = (p * (1 - p)) / delta;
                gDelta[i]! -= (gs * dsdu * u) / delta;
              } else if (fast) {
                const q = slope * Math.abs(u) + 1;
                dsdu = 1 / (q * q);
              } else {
                dsdu = surrogateAt(u, options);
              }
              gvHat += gs * dsdu;
              gt -= gs * dsdu;
            }
            gTheta[i]! += gt;
            // V̂_t = β·V_{t−1} + I_t, with V_{t−1} = V̂_{t−1} − s_{t−1}·θ.
            if (t > 0) gBeta[i]! += gvHat * (o[total + idx - plane]! - o[idx - plane]! * t_);
            gVpost[k] = gvHat * bs[i]!;
            const gI = gvHat + gCur[k]!;
            gDrive[idx] = gI;
            gCur[k] = alpha * gI;
          }
        }
        const grads: tf.Tensor[] = [tf.tensor3d(gDrive, [time, batch, n]), tf.tensor1d(Float32Array.from(gBeta)), tf.tensor1d(Float32Array.from(gTheta))];
        if (stochastic) grads.push(tf.tensor1d(Float32Array.from(gDelta)), tf.zeros([time, batch, n]));
        return grads;
      },
    };
  });
  const inputs = stochastic ? [drive, beta, theta, noise.delta, tf.reshape(noise.uniforms, [time, batch, n])] : [drive, beta, theta];
  const packed = op(...inputs) as tf.Tensor4D;
  const [spikes, v] = tf.unstack(packed);
  return { spikes: spikes!, v: v! };
}
