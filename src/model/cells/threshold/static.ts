import type { ComponentDef } from "../compose.js";

/** A fixed threshold: the cell spikes when v ≥ vThresh at the end of a timestep. */
export const staticThreshold = {
  kind: "threshold",
  name: "static",
  recordable: [],
  params: {
    vThresh: { unit: "mV", default: -50, pynn: "v_thresh", doc: "the spike threshold" },
  },
} as const satisfies ComponentDef;
