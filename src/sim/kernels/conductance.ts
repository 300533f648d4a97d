import { paramArray, type InputKernel, type KernelFactory } from "../state.js";

/** Conductance input: I = gE·(eRevE − v) + gI·(eRevI − v); µS × mV = nA. Reversal potentials may differ per neuron. */
export const conductanceKernel: KernelFactory = (_p, ctx): InputKernel => {
  const eE = paramArray(ctx, "eRevE");
  const eI = paramArray(ctx, "eRevI");
  return {
    conductance: true,
    current(s) {
      const { exc, inh, iSyn, v } = s;
      for (let i = 0; i < s.size; i++) iSyn[i] = exc[i]! * (eE[i]! - v[i]!) + inh[i]! * (eI[i]! - v[i]!);
    },
    currentAt(s, i, v) {
      return s.exc[i]! * (eE[i]! - v) + s.inh[i]! * (eI[i]! - v);
    },
  };
};
