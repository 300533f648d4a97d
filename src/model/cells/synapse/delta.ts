import type { ComponentDef } from "../compose.js";

/**
 * Delta synapse: the weights arriving in a timestep act as a current for that one timestep and
 * are then gone (sPyNNaker's `synapse_types_delta`), so the charge delivered is weight × dt.
 */
export const delta = {
  kind: "synapse",
  name: "delta",
  recordable: [],
  params: {},
} as const satisfies ComponentDef;
