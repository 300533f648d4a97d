import { paramArray, type KernelFactory, type ThresholdKernel } from "../state.js";

/** Spike-detection cutoff (AdEx): spike when v ≥ vSpike. */
export const cutoffThresholdKernel: KernelFactory = (_p, ctx): ThresholdKernel => {
  const vSpike = paramArray(ctx, "vSpike");
  return {
    crossed(s) {
      const { v, spiked } = s;
      let n = 0;
      for (let i = 0; i < s.size; i++) {
        const fired = v[i]! >= vSpike[i]! ? 1 : 0;
        spiked[i] = fired;
        n += fired;
      }
      return n;
    },
    spiked() {},
    relax() {},
  };
};
