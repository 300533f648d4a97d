import type { KernelFactory, SynapseKernel } from "../state.js";

/** Delta synapse: the weights arriving this step are the synaptic value for this step only. */
export const deltaKernel: KernelFactory = (): SynapseKernel => ({
  receive(s, inE, inI) {
    s.exc.set(inE);
    s.inh.set(inI);
    inE.fill(0);
    inI.fill(0);
  },
  decay(s) {
    s.exc.fill(0);
    s.inh.fill(0);
  },
});
