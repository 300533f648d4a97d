import type { KernelFactory, NeuronKernel } from "../state.js";

/** Longest RK4 substep, ms: the exponential upswing needs short steps near threshold. */
const MAX_SUBSTEP_MS = 0.01;

/**
 * Adaptive exponential integrate-and-fire (Brette & Gerstner 2005), classical RK4 in substeps of
 * at most 0.01 ms with the synaptic current re-evaluated at each stage. Integration stops once
 * v ≥ vSpike (the cutoff threshold then fires: v ← vReset, w ← w + b). While refractory, v is held
 * at vReset and w relaxes exactly towards a·(vReset − vRest).
 */
export const adexKernel: KernelFactory = (p, ctx): NeuronKernel => {
  const { cm, tauM, vRest, vReset, iOffset, a, b, deltaT, tauW, vThresh } = p as Record<string, number>;
  const gL = cm! / tauM!;            // µS
  const aUs = a! / 1000;             // nS → µS
  const vSpike = ctx.cellParams.vSpike ?? 0;
  const refractorySteps = Math.round(ctx.cellParams.tauRefrac! / ctx.dtMs);
  const substeps = Math.max(1, Math.ceil(ctx.dtMs / MAX_SUBSTEP_MS - 1e-9));
  const hs = ctx.dtMs / substeps;
  const wDecay = Math.exp(-ctx.dtMs / tauW!);
  const input = ctx.input!;
  const w = (ctx.state.vars.w ??= new Float64Array(ctx.size));
  const dv = (s: Parameters<NeuronKernel["step"]>[0], i: number, v: number, wi: number) =>
    (-gL * (v - vRest!) + gL * deltaT! * Math.exp((v - vThresh!) / deltaT!) - wi + input.currentAt(s, i, v) + iOffset! + s.iInject[i]!) / cm!;
  const dw = (v: number, wi: number) => (aUs * (v - vRest!) - wi) / tauW!;
  return {
    readsCurrent: false, // it evaluates input.currentAt at each RK stage
    step(s) {
      const { v, refractory } = s;
      for (let i = 0; i < s.size; i++) {
        if (refractory[i]! > 0) {
          refractory[i]!--;
          v[i] = vReset!;
          const wInf = aUs * (vReset! - vRest!);
          w[i] = wInf + (w[i]! - wInf) * wDecay;
          continue;
        }
        let vi = v[i]!;
        let wi = w[i]!;
        for (let k = 0; k < substeps && vi < vSpike; k++) {
          const k1v = dv(s, i, vi, wi); const k1w = dw(vi, wi);
          const k2v = dv(s, i, vi + 0.5 * hs * k1v, wi + 0.5 * hs * k1w); const k2w = dw(vi + 0.5 * hs * k1v, wi + 0.5 * hs * k1w);
          const k3v = dv(s, i, vi + 0.5 * hs * k2v, wi + 0.5 * hs * k2w); const k3w = dw(vi + 0.5 * hs * k2v, wi + 0.5 * hs * k2w);
          const k4v = dv(s, i, vi + hs * k3v, wi + hs * k3w); const k4w = dw(vi + hs * k3v, wi + hs * k3w);
          vi += (hs / 6) * (k1v + 2 * k2v + 2 * k3v + k4v);
          wi += (hs / 6) * (k1w + 2 * k2w + 2 * k3w + k4w);
          if (!Number.isFinite(vi)) vi = vSpike; // the exponential ran away within one substep: that is a spike
        }
        v[i] = vi;
        w[i] = wi;
      }
    },
    spiked(s, i) {
      s.v[i] = vReset!;
      w[i]! += b!;
      s.refractory[i] = refractorySteps;
    },
  };
};
