import type { ComponentDef } from "../compose.js";

/** Current-based input: the synaptic values are currents (nA); inhibitory weights are negative, as in PyNN. */
export const current = {
  kind: "input",
  name: "current",
  recordable: [],
  params: {},
} as const satisfies ComponentDef;
