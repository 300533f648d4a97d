import type { ComponentDef } from "../compose.js";

/** Exponentially decaying synaptic current or conductance: jumps by the weight, decays with τ. */
export const exponential = {
  kind: "synapse",
  name: "exponential",
  recordable: [],
  params: {
    tauSynE: { unit: "ms", default: 5, min: 0, open: "min", pynn: "tau_syn_E", doc: "the excitatory synaptic time constant" },
    tauSynI: { unit: "ms", default: 5, min: 0, open: "min", pynn: "tau_syn_I", doc: "the inhibitory synaptic time constant" },
  },
} as const satisfies ComponentDef;
