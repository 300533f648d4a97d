import type { InputKernel, KernelFactory } from "../state.js";

/** Current input: the synaptic values are currents (inhibitory ones negative). */
export const currentKernel: KernelFactory = (): InputKernel => ({
  conductance: false,
  current(s) {
    const { exc, inh, iSyn } = s;
    for (let i = 0; i < s.size; i++) iSyn[i] = exc[i]! + inh[i]!;
  },
  currentAt(s, i) {
    return s.exc[i]! + s.inh[i]!;
  },
});
