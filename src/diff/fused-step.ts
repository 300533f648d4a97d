/**
 * One timestep of a population of current-input LIF cells (static or adaptive threshold) as a
 * single tfjs op with a hand-written backward pass. Unrolled training is dominated by the cost
 * per op, not by arithmetic (about 30 small ops per step otherwise), so the cell update runs as
 * typed-array loops in both directions; tests compare it with the op-by-op version and with finite
 * differences of the float64 reference backend.
 *
 * Forward, per neuron (the reference's order, src/sim/kernels/lif.ts):
 *   I_E ← I_E + a_E, I_I ← I_I + a_I (this step's arrivals)
 *   v′ = vReset if refractory, else v·decay + rest + pE·I_E + pI·I_I   (rest = (1 − decay)·v∞)
 *   θ = vThresh + a;  s = [ (v′ − θ)·g ≥ 0 ]  with g = 1/(vThresh − vReset), held constant
 *   v ← v′ − s·(v′ − vReset);  a ← (a + s·dThresh)·decayθ;  I ← I·decay_syn;  refractory timers
 * Backward: the step's derivative is the surrogate σ′(u)·g; resets and threshold jumps use s with
 * its gradient stopped unless `resetGradient`.
 */
import { tf } from "../learn/tf.js";
import type { SurrogateOptions } from "../learn/layers/spiking.js";
import type { CellConstants } from "./compile.js";

/** The surrogate derivative at u, the formulas of the learning core's `surrogateDerivative`. */
export function surrogateAt(u: number, options: SurrogateOptions): number {
  switch (options.surrogate ?? "fastSigmoid") {
    case "fastSigmoid": { const b = options.slope ?? 10; const d = b * Math.abs(u) + 1; return 1 / (d * d); }
    case "sigmoid": { const b = options.slope ?? 5; const s = 1 / (1 + Math.exp(-b * u)); return b * s * (1 - s); }
    case "triangle": { const b = options.slope ?? 1; return b * Math.max(0, 1 - b * Math.abs(u)); }
    case "straightThrough": return 1;
  }
}

/** Outputs of one fused step, [batch, size] each. */
export interface FusedOutputs { v: tf.Tensor; exc: tf.Tensor; inh: tf.Tensor; theta: tf.Tensor; ref: tf.Tensor; spikes: tf.Tensor }

/** Builds the fused step of one population (constants captured once); `scale` multiplies the surrogate derivative (default 1). */
export function createFusedStep(c: CellConstants, invGap: Float32Array, surrogate: SurrogateOptions, resetGradient: boolean, scale = 1) {
  const n = c.decay.length;
  const f = (x: Float64Array) => Float32Array.from(x);
  const decay = f(c.decay), pE = f(c.pE), pI = f(c.pI), decayE = f(c.decayE), decayI = f(c.decayI);
  const vReset = f(c.vReset), refSteps = f(c.refractorySteps), dThresh = f(c.dThresh), decayTheta = f(c.decayTheta);
  const adaptive = c.adaptive;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [vT, excT, inhT, aET, aIT, thetaT, refT, vThreshT, restT] = args as tf.Tensor[];
    const save = args[9] as tf.GradSaveFunc;
    const v = vT!.dataSync(), exc = excT!.dataSync(), inh = inhT!.dataSync(), aE = aET!.dataSync(), aI = aIT!.dataSync();
    const theta = thetaT!.dataSync(), ref = refT!.dataSync(), vThresh = vThreshT!.dataSync(), rest = restT!.dataSync();
    const total = v.length;
    const batch = total / n;
    // Packed outputs [6, batch, n]: v, exc, inh, theta, ref, spikes; plus what the backward needs.
    const out = new Float32Array(6 * total);
    const vNewAll = new Float32Array(total);
    const uAll = new Float32Array(total);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < n; i++) {
        const k = b * n + i;
        const e = exc[k]! + aE[k]!;
        const h = inh[k]! + aI[k]!;
        const refractory = ref[k]! > 0;
        const vNew = refractory ? vReset[i]! : v[k]! * decay[i]! + rest[i]! + pE[i]! * e + pI[i]! * h;
        const thr = vThresh[i]! + (adaptive ? theta[k]! : 0);
        const u = (vNew - thr) * invGap[i]!;
        const s = u >= 0 ? 1 : 0;
        vNewAll[k] = vNew;
        uAll[k] = u;
        out[k] = s ? vReset[i]! : vNew;
        out[total + k] = e * decayE[i]!;
        out[2 * total + k] = h * decayI[i]!;
        out[3 * total + k] = adaptive ? (theta[k]! + s * dThresh[i]!) * decayTheta[i]! : theta[k]!;
        out[4 * total + k] = s ? refSteps[i]! : Math.max(ref[k]! - 1, 0);
        out[5 * total + k] = s;
      }
    }
    const packed = tf.tensor3d(out, [6, batch, n]);
    save([tf.tensor1d(vNewAll), tf.tensor1d(uAll), refT!]);
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const g = dy.dataSync();
        const vNew = saved[0]!.dataSync(), uu = saved[1]!.dataSync(), rf = saved[2]!.dataSync();
        const gv = new Float32Array(total), gE: Float32Array = new Float32Array(total), gI: Float32Array = new Float32Array(total), gTheta: Float32Array = new Float32Array(total);
        const gThresh = new Float32Array(n), gRest: Float32Array = new Float32Array(n);
        for (let b = 0; b < batch; b++) {
          for (let i = 0; i < n; i++) {
            const k = b * n + i;
            const s = uu[k]! >= 0 ? 1 : 0;
            const gvOut = g[k]!, gThetaOut = g[3 * total + k]!;
            let gs = g[5 * total + k]!;
            if (resetGradient) {
              gs += gvOut * (vReset[i]! - vNew[k]!);
              if (adaptive) gs += gThetaOut * dThresh[i]! * decayTheta[i]!;
            }
            const gu = gs * scale * surrogateAt(uu[k]!, surrogate) * invGap[i]!;
            const gvNew = gvOut * (1 - s) + gu;
            gThresh[i]! -= gu;
            if (adaptive) gTheta[k] = gThetaOut * decayTheta[i]! - gu;
            let ge = g[total + k]! * decayE[i]!;
            let gh = g[2 * total + k]! * decayI[i]!;
            if (!(rf[k]! > 0)) {
              gv[k] = gvNew * decay[i]!;
              ge += gvNew * pE[i]!;
              gh += gvNew * pI[i]!;
              gRest[i]! += gvNew;
            }
            gE[k] = ge;
            gI[k] = gh;
          }
        }
        const shape = [batch, n];
        const tE = tf.tensor2d(gE, shape as [number, number]);
        const tI = tf.tensor2d(gI, shape as [number, number]);
        return [tf.tensor2d(gv, shape as [number, number]), tE, tI, tE.clone(), tI.clone(), tf.tensor2d(gTheta, shape as [number, number]), tf.zeros(shape), tf.tensor1d(gThresh), tf.tensor1d(gRest)];
      },
    };
  });
  /** One step; `vThresh` and `rest` are [n] tensors (trainable or constant). */
  return (s: { v: tf.Tensor; exc: tf.Tensor; inh: tf.Tensor; theta: tf.Tensor; ref: tf.Tensor }, arrE: tf.Tensor, arrI: tf.Tensor, vThresh: tf.Tensor, rest: tf.Tensor): FusedOutputs => {
    const packed = op(s.v, s.exc, s.inh, arrE, arrI, s.theta, s.ref, vThresh, rest) as tf.Tensor3D;
    const [v, exc, inh, theta, ref, spikes] = tf.unstack(packed);
    return { v: v!, exc: exc!, inh: inh!, theta: theta!, ref: ref!, spikes: spikes! };
  };
}
