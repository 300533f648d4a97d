import type { ComponentDef } from "../compose.js";

/** Alpha-shaped synaptic current or conductance, w·(t/τ)·e^(1 − t/τ): peaks at the weight after τ. PyNN's IF_curr_alpha defaults. */
export const alpha = {
  kind: "synapse",
  name: "alpha",
  recordable: [],
  params: {
    tauSynE: { unit: "ms", default: 0.5, min: 0, open: "min", pynn: "tau_syn_E", doc: "the excitatory synaptic rise time" },
    tauSynI: { unit: "ms", default: 0.5, min: 0, open: "min", pynn: "tau_syn_I", doc: "the inhibitory synaptic rise time" },
  },
} as const satisfies ComponentDef;
