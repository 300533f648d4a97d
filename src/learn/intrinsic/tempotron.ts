/**
 * The Tempotron (Gütig & Sompolinsky 2006), one neuron per class, with optional learning of each
 * neuron's membrane time constant τ_m and threshold θ — the Tempotron arm of notebook 34.
 *
 * V_k(t) = Σ_i w_ik Σ_{t_i ≤ t} K(t − t_i),  K(s) = V₀(e^{−s/τ_m} − e^{−s/τ_s}),  V₀ normalising the
 * initial kernel's peak to 1 (held fixed while τ_m learns). V_k is kept as two class-level traces
 * updated only at input spikes (event-driven). On an error at t_max = argmax_t V_k(t) (neuron k should
 * fire, i.e. V_max ≥ θ_k, iff the label is k): w_ik ± λ_w Σ_{t_i ≤ t_max} K(t_max − t_i); with
 * `learnIntrinsic` also τ_m,k ± λ_τ ∂V_k(t_max)/∂τ_m and θ_k ∓ λ_θ (the gradient of V(t_max) − θ), through
 * τ_m = τ_s + softplus(a) and θ = softplus(b) so both stay in range.
 * The class is the arg-max of V_max,k − θ_k.
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { badOption } from "../messages.js";
import { inverseSoftplus, softplus } from "./reparam.js";
import type { SpikeTrials } from "./spike-tasks.js";

/** Options of `createTempotron`. */
export interface TempotronOptions {
  readonly inputs: number;
  readonly classes: number;
  /** Membrane and synaptic time constants, ms (defaults 15 and 3.75). */
  readonly tauMs?: number;
  readonly tauSynMs?: number;
  /** Threshold (default 1). */
  readonly threshold?: number;
  /** Learning rates: weights (default 0.01), τ_m raw value (default 0.5), θ raw value (default 0.01). */
  readonly lr?: number;
  readonly lrTau?: number;
  readonly lrTheta?: number;
  readonly learnIntrinsic: boolean;
  /** Initial weights ~ N(0, initSd) (default 0.05). */
  readonly initSd?: number;
  readonly rng: Rng;
}

/** A Tempotron classifier. */
export interface Tempotron {
  readonly weights: Float64Array;
  /** Raw τ and θ values per class neuron. */
  readonly tauRaw: Float64Array;
  readonly thetaRaw: Float64Array;
  tauMs(): Float64Array;
  thresholds(): Float64Array;
  /** One pass over the trials in a seeded order; returns the synaptic events (input spikes × classes, plus updates). */
  trainEpoch(data: SpikeTrials, rng: Rng): number;
  predict(data: SpikeTrials): Int32Array;
}

/** Builds a Tempotron classifier. */
export function createTempotron(options: TempotronOptions): Tempotron {
  const { inputs: C, classes: K } = options;
  const tauS = options.tauSynMs ?? 3.75;
  const tau0 = options.tauMs ?? 15;
  if (!(tau0 > tauS)) throw new CajalError(badOption("createTempotron", "tauMs", tau0, `τ_m > τ_s = ${tauS} ms`));
  const lr = options.lr ?? 0.01, lrTau = options.lrTau ?? 0.5, lrTheta = options.lrTheta ?? 0.01;
  // V₀ makes the initial kernel peak at 1: the peak is at s* = τ_mτ_s ln(τ_m/τ_s)/(τ_m − τ_s).
  const sPeak = (tau0 * tauS * Math.log(tau0 / tauS)) / (tau0 - tauS);
  const v0 = 1 / (Math.exp(-sPeak / tau0) - Math.exp(-sPeak / tauS));
  const weights = new Float64Array(C * K);
  const init = options.rng.stream("tempotron-init");
  for (let k = 0; k < weights.length; k++) weights[k] = init.normal(0, options.initSd ?? 0.05);
  const tauRaw = new Float64Array(K).fill(inverseSoftplus(tau0 - tauS));
  const thetaRaw = new Float64Array(K).fill(inverseSoftplus(options.threshold ?? 1));
  const dS = Math.exp(-1 / tauS);
  const A = new Float64Array(K), B = new Float64Array(K), D = new Float64Array(K);
  const vMax = new Float64Array(K), tMax = new Int32Array(K), dvdtau = new Float64Array(K);

  /** Per class: V_max, its time, and ∂V(t_max)/∂τ_m; events counted. */
  function scan(data: SpikeTrials, r: number): number {
    const T = data.steps, base = r * T * C;
    let events = 0;
    A.fill(0); B.fill(0); D.fill(0); vMax.fill(-Infinity); tMax.fill(0);
    for (let t = 0; t < T; t++) {
      for (let k = 0; k < K; k++) {
        const tau = tauS + softplus(tauRaw[k]!), dA = Math.exp(-1 / tau);
        // D = Σ w (t − t_i) e^{−(t−t_i)/τ}: D(t) = a·(D(t−1) + A(t−1)); ∂e^{−s/τ}/∂τ = s e^{−s/τ}/τ².
        D[k] = dA * (D[k]! + A[k]!);
        A[k]! *= dA; B[k]! *= dS;
      }
      for (let i = 0; i < C; i++) {
        if (!data.spikes[base + t * C + i]) continue;
        for (let k = 0; k < K; k++) { const wik = weights[i * K + k]!; A[k]! += wik; B[k]! += wik; }
        events += K;
      }
      for (let k = 0; k < K; k++) {
        const v = v0 * (A[k]! - B[k]!);
        if (v > vMax[k]!) { vMax[k] = v; tMax[k] = t; const tau = tauS + softplus(tauRaw[k]!); dvdtau[k] = (v0 * D[k]!) / (tau * tau); }
      }
    }
    return events;
  }

  const api: Tempotron = {
    weights, tauRaw, thetaRaw,
    tauMs: () => Float64Array.from(tauRaw, (a) => tauS + softplus(a)),
    thresholds: () => Float64Array.from(thetaRaw, (b) => softplus(b)),
    trainEpoch(data, rng) {
      const T = data.steps;
      let events = 0;
      for (const r of rng.permutation(data.trials)) {
        events += scan(data, r);
        const base = r * T * C;
        for (let k = 0; k < K; k++) {
          const shouldFire = data.labels[r] === k;
          const fires = vMax[k]! >= softplus(thetaRaw[k]!);
          if (shouldFire === fires) continue;
          const sign = shouldFire ? 1 : -1;
          const tau = tauS + softplus(tauRaw[k]!), tm = tMax[k]!;
          for (let t = 0; t <= tm; t++) {
            const s = tm - t, kern = v0 * (Math.exp(-s / tau) - Math.exp(-s / tauS));
            for (let i = 0; i < C; i++) if (data.spikes[base + t * C + i]) weights[i * K + k]! += sign * lr * kern;
          }
          events += C;
          if (options.learnIntrinsic) {
            // ∂τ/∂a = sigmoid(a); ∂θ/∂b = sigmoid(b): chain rule through the reparametrisations.
            tauRaw[k]! += sign * lrTau * dvdtau[k]! / (1 + Math.exp(-tauRaw[k]!));
            thetaRaw[k]! -= sign * lrTheta / (1 + Math.exp(-thetaRaw[k]!));
          }
        }
      }
      return events;
    },
    predict(data) {
      const out = new Int32Array(data.trials);
      for (let r = 0; r < data.trials; r++) {
        scan(data, r);
        let best = 0, bestM = -Infinity;
        for (let k = 0; k < K; k++) { const m = vMax[k]! - softplus(thetaRaw[k]!); if (m > bestM) { bestM = m; best = k; } }
        out[r] = best;
      }
      return out;
    },
  };
  return api;
}
