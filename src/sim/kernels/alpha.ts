import type { KernelFactory, SynapseKernel } from "../state.js";

/**
 * Alpha synapse w·(t/τ)·e^(1 − t/τ) as two linear states: x' = −x/τ (x jumps by w·e/τ),
 * I' = −I/τ + x. Over a step h the exact update is I ← e^(−h/τ)(I + h·x), x ← e^(−h/τ)·x.
 */
export const alphaKernel: KernelFactory = (p, ctx): SynapseKernel => {
  const h = ctx.dtMs;
  const tauE = p.tauSynE!;
  const tauI = p.tauSynI!;
  const dE = Math.exp(-h / tauE);
  const dI = Math.exp(-h / tauI);
  const jumpE = Math.E / tauE;
  const jumpI = Math.E / tauI;
  const xE = (ctx.state.vars.alphaRiseExc = new Float64Array(ctx.size));
  const xI = (ctx.state.vars.alphaRiseInh = new Float64Array(ctx.size));
  return {
    receive(s, inE, inI) {
      for (let i = 0; i < s.size; i++) {
        xE[i]! += inE[i]! * jumpE; inE[i] = 0;
        xI[i]! += inI[i]! * jumpI; inI[i] = 0;
      }
    },
    decay(s) {
      const { exc, inh } = s;
      for (let i = 0; i < s.size; i++) {
        exc[i] = dE * (exc[i]! + h * xE[i]!); xE[i]! *= dE;
        inh[i] = dI * (inh[i]! + h * xI[i]!); xI[i]! *= dI;
      }
    },
  };
};
