import { paramArray, type KernelFactory, type SynapseKernel } from "../state.js";

/** Exponential synapse: jumps by the arriving weight, decays by e^(−dt/τ) per step (exact). τ may differ per neuron. */
export const exponentialKernel: KernelFactory = (_p, ctx): SynapseKernel => {
  const tauE = paramArray(ctx, "tauSynE");
  const tauI = paramArray(ctx, "tauSynI");
  const decayE = tauE.map((tau) => Math.exp(-ctx.dtMs / tau));
  const decayI = tauI.map((tau) => Math.exp(-ctx.dtMs / tau));
  return {
    exponentialTaus: { exc: tauE, inh: tauI },
    receive(s, inE, inI) {
      const { exc, inh } = s;
      for (let i = 0; i < s.size; i++) {
        exc[i]! += inE[i]!; inE[i] = 0;
        inh[i]! += inI[i]!; inI[i] = 0;
      }
    },
    decay(s) {
      const { exc, inh } = s;
      for (let i = 0; i < s.size; i++) { exc[i]! *= decayE[i]!; inh[i]! *= decayI[i]!; }
    },
  };
};
