import { paramArray, type KernelFactory, type NeuronKernel } from "../state.js";

/** Longest RK4 substep, ms: the exponential upswing needs short steps near threshold. */
const MAX_SUBSTEP_MS = 0.01;

/**
 * Adaptive exponential integrate-and-fire (Brette & Gerstner 2005), classical RK4 in substeps of
 * at most 0.01 ms with the synaptic current re-evaluated at each stage. Integration stops once
 * v ≥ vSpike (the cutoff threshold then fires: v ← vReset, w ← w + b). While refractory, v is held
 * at vReset and w relaxes exactly towards a·(vReset − vRest).
 */
export const adexKernel: KernelFactory = (_p, ctx): NeuronKernel => {
  // Every parameter may differ between neurons.
  const cm = paramArray(ctx, "cm");
  const vRest = paramArray(ctx, "vRest");
  const vReset = paramArray(ctx, "vReset");
  const iOffset = paramArray(ctx, "iOffset");
  const b = paramArray(ctx, "b");
  const deltaT = paramArray(ctx, "deltaT");
  const tauW = paramArray(ctx, "tauW");
  const vThresh = paramArray(ctx, "vThresh");
  const vSpike = paramArray(ctx, "vSpike");
  const tauM = paramArray(ctx, "tauM");
  const gL = cm.map((c, i) => c / tauM[i]!);                  // µS
  const aUs = paramArray(ctx, "a").map((a) => a / 1000);     // nS → µS
  const refractorySteps = Int32Array.from(paramArray(ctx, "tauRefrac"), (t) => Math.round(t / ctx.dtMs));
  const substeps = Math.max(1, Math.ceil(ctx.dtMs / MAX_SUBSTEP_MS - 1e-9));
  const hs = ctx.dtMs / substeps;
  const wDecay = tauW.map((t) => Math.exp(-ctx.dtMs / t));
  const input = ctx.input!;
  const w = (ctx.state.vars.w ??= new Float64Array(ctx.size));
  const dv = (s: Parameters<NeuronKernel["step"]>[0], i: number, v: number, wi: number) =>
    (-gL[i]! * (v - vRest[i]!) + gL[i]! * deltaT[i]! * Math.exp((v - vThresh[i]!) / deltaT[i]!) - wi
      + input.currentAt(s, i, v) + iOffset[i]! + s.iInject[i]!) / cm[i]!;
  const dw = (i: number, v: number, wi: number) => (aUs[i]! * (v - vRest[i]!) - wi) / tauW[i]!;
  return {
    readsCurrent: false, // it evaluates input.currentAt at each RK stage
    step(s) {
      const { v, refractory } = s;
      for (let i = 0; i < s.size; i++) {
        if (refractory[i]! > 0) {
          refractory[i]!--;
          v[i] = vReset[i]!;
          const wInf = aUs[i]! * (vReset[i]! - vRest[i]!);
          w[i] = wInf + (w[i]! - wInf) * wDecay[i]!;
          continue;
        }
        let vi = v[i]!;
        let wi = w[i]!;
        for (let k = 0; k < substeps && vi < vSpike[i]!; k++) {
          const k1v = dv(s, i, vi, wi); const k1w = dw(i, vi, wi);
          const k2v = dv(s, i, vi + 0.5 * hs * k1v, wi + 0.5 * hs * k1w); const k2w = dw(i, vi + 0.5 * hs * k1v, wi + 0.5 * hs * k1w);
          const k3v = dv(s, i, vi + 0.5 * hs * k2v, wi + 0.5 * hs * k2w); const k3w = dw(i, vi + 0.5 * hs * k2v, wi + 0.5 * hs * k2w);
          const k4v = dv(s, i, vi + hs * k3v, wi + hs * k3w); const k4w = dw(i, vi + hs * k3v, wi + hs * k3w);
          vi += (hs / 6) * (k1v + 2 * k2v + 2 * k3v + k4v);
          wi += (hs / 6) * (k1w + 2 * k2w + 2 * k3w + k4w);
          if (!Number.isFinite(vi)) vi = vSpike[i]!; // the exponential ran away within one substep: that is a spike
        }
        v[i] = vi;
        w[i] = wi;
      }
    },
    spiked(s, i) {
      s.v[i] = vReset[i]!;
      w[i]! += b[i]!;
      s.refractory[i] = refractorySteps[i]!;
    },
  };
};
