import type { ComponentDef } from "../compose.js";

/**
 * Adaptive exponential integrate-and-fire (Brette & Gerstner 2005):
 * cm·dv/dt = −gL(v − vRest) + gL·ΔT·exp((v − vThresh)/ΔT) − w + I, τw·dw/dt = a(v − vRest) − w,
 * gL = cm/τm; on a spike v ← vReset, w ← w + b, held for tauRefrac. PyNN's EIF_cond_exp_isfa_ista
 * defaults; `a` is in nS as in PyNN.
 */
export const adex = {
  kind: "neuron",
  name: "adex",
  recordable: ["w"],
  initial: (p) => ({ v: p.vRest!, w: 0 }),
  params: {
    cm: { unit: "nF", default: 0.281, min: 0, open: "min", pynn: "cm", doc: "the membrane capacitance" },
    tauM: { unit: "ms", default: 9.3667, min: 0, open: "min", pynn: "tau_m", doc: "the membrane time constant" },
    vRest: { unit: "mV", default: -70.6, pynn: "v_rest", doc: "the resting potential" },
    vReset: { unit: "mV", default: -70.6, pynn: "v_reset", doc: "the reset potential" },
    tauRefrac: { unit: "ms", default: 0.1, min: 0, pynn: "tau_refrac", doc: "the refractory period" },
    iOffset: { unit: "nA", default: 0, pynn: "i_offset", doc: "the constant injected current" },
    a: { unit: "nS", default: 4, pynn: "a", doc: "the subthreshold adaptation conductance" },
    b: { unit: "nA", default: 0.0805, pynn: "b", doc: "the spike-triggered adaptation current" },
    deltaT: { unit: "mV", default: 2, min: 0, open: "min", pynn: "delta_T", doc: "the slope factor" },
    tauW: { unit: "ms", default: 144, min: 0, open: "min", pynn: "tau_w", doc: "the adaptation time constant" },
    vThresh: { unit: "mV", default: -50.4, pynn: "v_thresh", doc: "the spike-initiation threshold V_T" },
  },
} as const satisfies ComponentDef;
