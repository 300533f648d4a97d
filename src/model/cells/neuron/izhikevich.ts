import type { ComponentDef } from "../compose.js";

/**
 * Izhikevich (2003): dv/dt = 0.04v² + 5v + 140 − u + I/C, du/dt = a(bv − u); on a spike v ← c,
 * u ← u + d. Current enters with C = 1 nF (as on SpiNNaker), so 10 nA is the paper's I = 10.
 * Defaults are PyNN's Izhikevich defaults; initial v = −70 mV, u = −14 mV/ms.
 */
export const izhikevich = {
  kind: "neuron",
  name: "izhikevich",
  recordable: ["u"],
  initial: () => ({ v: -70, u: -14 }),
  params: {
    a: { unit: "1/ms", default: 0.02, min: 0, open: "min", pynn: "a", doc: "the recovery time scale" },
    b: { unit: "1/ms", default: 0.2, pynn: "b", doc: "the recovery sensitivity to v" },
    c: { unit: "mV", default: -65, pynn: "c", doc: "the reset potential" },
    d: { unit: "mV/ms", default: 2, pynn: "d", doc: "the recovery jump after a spike" },
    iOffset: { unit: "nA", default: 0, pynn: "i_offset", doc: "the constant injected current" },
  },
} as const satisfies ComponentDef;
