import type { ComponentDef } from "../compose.js";

/** A spike-detection cutoff for models whose upswing is part of the dynamics (AdEx): the cell spikes when v ≥ vSpike. */
export const cutoffThreshold = {
  kind: "threshold",
  name: "cutoff",
  recordable: [],
  params: {
    vSpike: { unit: "mV", default: -40, pynn: "v_spike", doc: "the spike-detection potential" },
  },
} as const satisfies ComponentDef;
