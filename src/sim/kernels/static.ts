import { paramArray, type KernelFactory, type ThresholdKernel } from "../state.js";

/** Static threshold: spike when v ≥ vThresh after the update (vThresh may differ per neuron). */
export const staticThresholdKernel: KernelFactory = (_p, ctx): ThresholdKernel => {
  const vThresh = paramArray(ctx, "vThresh");
  return {
    crossed(s) {
      const { v, spiked } = s;
      let n = 0;
      for (let i = 0; i < s.size; i++) {
        const fired = v[i]! >= vThresh[i]! ? 1 : 0;
        spiked[i] = fired;
        n += fired;
      }
      return n;
    },
    spiked() {},
    relax() {},
  };
};
