import type { KernelFactory, ThresholdKernel } from "../state.js";

/** Adaptive threshold vThresh + θ: θ jumps by dThresh per spike and decays exactly with tauThresh. */
export const adaptiveThresholdKernel: KernelFactory = (p, ctx): ThresholdKernel => {
  const vThresh = p.vThresh!;
  const jump = p.dThresh!;
  const decay = Math.exp(-ctx.dtMs / p.tauThresh!);
  const theta = (ctx.state.vars.theta ??= new Float64Array(ctx.size));
  return {
    crossed(s) {
      const { v, spiked } = s;
      let n = 0;
      for (let i = 0; i < s.size; i++) {
        const fired = v[i]! >= vThresh + theta[i]! ? 1 : 0;
        spiked[i] = fired;
        n += fired;
      }
      return n;
    },
    spiked(_s, i) {
      theta[i]! += jump;
    },
    relax(s) {
      for (let i = 0; i < s.size; i++) theta[i]! *= decay;
    },
  };
};
