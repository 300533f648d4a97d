import { paramArray, type KernelFactory, type ThresholdKernel } from "../state.js";

/** Adaptive threshold vThresh + θ: θ jumps by dThresh per spike and decays exactly with tauThresh (all may differ per neuron). */
export const adaptiveThresholdKernel: KernelFactory = (_p, ctx): ThresholdKernel => {
  const vThresh = paramArray(ctx, "vThresh");
  const jump = paramArray(ctx, "dThresh");
  const decay = paramArray(ctx, "tauThresh").map((tau) => Math.exp(-ctx.dtMs / tau));
  const theta = (ctx.state.vars.theta ??= new Float64Array(ctx.size));
  return {
    crossed(s) {
      const { v, spiked } = s;
      let n = 0;
      for (let i = 0; i < s.size; i++) {
        const fired = v[i]! >= vThresh[i]! + theta[i]! ? 1 : 0;
        spiked[i] = fired;
        n += fired;
      }
      return n;
    },
    spiked(_s, i) {
      theta[i]! += jump[i]!;
    },
    relax(s) {
      for (let i = 0; i < s.size; i++) theta[i]! *= decay[i]!;
    },
  };
};
