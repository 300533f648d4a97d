import type { KernelFactory, ThresholdKernel } from "../state.js";

/** Static threshold: spike when v ≥ vThresh after the update. */
export const staticThresholdKernel: KernelFactory = (p): ThresholdKernel => {
  const vThresh = p.vThresh!;
  return {
    crossed(s) {
      const { v, spiked } = s;
      let n = 0;
      for (let i = 0; i < s.size; i++) {
        const fired = v[i]! >= vThresh ? 1 : 0;
        spiked[i] = fired;
        n += fired;
      }
      return n;
    },
    spiked() {},
    relax() {},
  };
};
