import type { ComponentDef } from "../compose.js";

/**
 * An adaptive threshold θ = vThresh + a: each spike raises `a` by dThresh, which decays back with
 * tauThresh (spike-frequency adaptation through the threshold; no PyNN standard cell has it).
 */
export const adaptiveThreshold = {
  kind: "threshold",
  name: "adaptive",
  recordable: ["theta"],
  initial: () => ({ theta: 0 }),
  params: {
    vThresh: { unit: "mV", default: -50, pynn: "v_thresh", doc: "the resting spike threshold" },
    dThresh: { unit: "mV", default: 2, min: 0, pynn: "", doc: "the threshold jump after a spike" },
    tauThresh: { unit: "ms", default: 100, min: 0, open: "min", pynn: "", doc: "the threshold's recovery time constant" },
  },
} as const satisfies ComponentDef;
