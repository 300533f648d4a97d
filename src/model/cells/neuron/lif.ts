import type { ComponentDef } from "../compose.js";

/**
 * Leaky integrate-and-fire membrane: τm·dv/dt = (vRest − v) + τm·(I + iOffset)/cm, reset to vReset
 * and held there for tauRefrac after a spike. Defaults are PyNN's IF_curr_exp defaults.
 */
export const lif = {
  kind: "neuron",
  name: "lif",
  recordable: [],
  initial: (p) => ({ v: p.vRest! }),
  params: {
    tauM: { unit: "ms", default: 20, min: 0, open: "min", pynn: "tau_m", doc: "the membrane time constant",
      hint: "a positive duration; cortical cells are typically 10–30 ms" },
    cm: { unit: "nF", default: 1, min: 0, open: "min", pynn: "cm", doc: "the membrane capacitance" },
    vRest: { unit: "mV", default: -65, pynn: "v_rest", doc: "the resting potential" },
    vReset: { unit: "mV", default: -65, pynn: "v_reset", doc: "the reset potential" },
    tauRefrac: { unit: "ms", default: 0.1, min: 0, pynn: "tau_refrac", doc: "the refractory period" },
    iOffset: { unit: "nA", default: 0, pynn: "i_offset", doc: "the constant injected current" },
  },
} as const satisfies ComponentDef;
