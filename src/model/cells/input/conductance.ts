import type { ComponentDef } from "../compose.js";

/** Conductance-based input: I = gE·(eRevE − v) + gI·(eRevI − v), conductances in µS. PyNN's IF_cond_exp defaults. */
export const conductance = {
  kind: "input",
  name: "conductance",
  recordable: [],
  params: {
    eRevE: { unit: "mV", default: 0, pynn: "e_rev_E", doc: "the excitatory reversal potential" },
    eRevI: { unit: "mV", default: -70, pynn: "e_rev_I", doc: "the inhibitory reversal potential" },
  },
} as const satisfies ComponentDef;
