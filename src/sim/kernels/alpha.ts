import { paramArray, type KernelFactory, type SynapseKernel } from "../state.js";

/**
 * Alpha synapse w·(t/τ)·e^(1 − t/τ) as two linear states: x' = −x/τ (x jumps by w·e/τ),
 * I' = −I/τ + x. Over a step h the exact update is I ← e^(−h/τ)(I + h·x), x ← e^(−h/τ)·x.
 */
export const alphaKernel: KernelFactory = (_p, ctx): SynapseKernel => {
  const h = ctx.dtMs;
  const tauE = paramArray(ctx, "tauSynE");
  const tauI = paramArray(ctx, "tauSynI");
  const dE = tauE.map((tau) => Math.exp(-h / tau));
  const dI = tauI.map((tau) => Math.exp(-h / tau));
  const jumpE = tauE.map((tau) => Math.E / tau);
  const jumpI = tauI.map((tau) => Math.E / tau);
  const xE = (ctx.state.vars.alphaRiseExc = new Float64Array(ctx.size));
  const xI = (ctx.state.vars.alphaRiseInh = new Float64Array(ctx.size));
  return {
    receive(s, inE, inI) {
      for (let i = 0; i < s.size; i++) {
        xE[i]! += inE[i]! * jumpE[i]!; inE[i] = 0;
        xI[i]! += inI[i]! * jumpI[i]!; inI[i] = 0;
      }
    },
    decay(s) {
      const { exc, inh } = s;
      for (let i = 0; i < s.size; i++) {
        exc[i] = dE[i]! * (exc[i]! + h * xE[i]!); xE[i]! *= dE[i]!;
        inh[i] = dI[i]! * (inh[i]! + h * xI[i]!); xI[i]! *= dI[i]!;
      }
    },
  };
};
