import type { KernelFactory, SynapseKernel } from "../state.js";

/** Exponential synapse: jumps by the arriving weight, decays by e^(−dt/τ) per step (exact). */
export const exponentialKernel: KernelFactory = (p, ctx): SynapseKernel => {
  const tauE = p.tauSynE!;
  const tauI = p.tauSynI!;
  const decayE = Math.exp(-ctx.dtMs / tauE);
  const decayI = Math.exp(-ctx.dtMs / tauI);
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
      for (let i = 0; i < s.size; i++) { exc[i]! *= decayE; inh[i]! *= decayI; }
    },
  };
};
