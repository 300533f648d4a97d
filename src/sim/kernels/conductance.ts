import type { InputKernel, KernelFactory } from "../state.js";

/** Conductance input: I = gE·(eRevE − v) + gI·(eRevI − v); µS × mV = nA. */
export const conductanceKernel: KernelFactory = (p): InputKernel => {
  const eE = p.eRevE!;
  const eI = p.eRevI!;
  return {
    conductance: true,
    current(s) {
      const { exc, inh, iSyn, v } = s;
      for (let i = 0; i < s.size; i++) iSyn[i] = exc[i]! * (eE - v[i]!) + inh[i]! * (eI - v[i]!);
    },
    currentAt(s, i, v) {
      return s.exc[i]! * (eE - v) + s.inh[i]! * (eI - v);
    },
  };
};
