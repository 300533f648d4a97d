/** Every component definition, found by (kind, name): for per-neuron validation, initial values and export. */
import type { ComponentDef } from "./compose.js";
import { adex } from "./neuron/adex.js";
import { izhikevich } from "./neuron/izhikevich.js";
import { lif } from "./neuron/lif.js";
import { alpha } from "./synapse/alpha.js";
import { delta } from "./synapse/delta.js";
import { exponential } from "./synapse/exponential.js";
import { conductance } from "./input/conductance.js";
import { current } from "./input/current.js";
import { adaptiveThreshold } from "./threshold/adaptive.js";
import { cutoffThreshold } from "./threshold/cutoff.js";
import { staticThreshold } from "./threshold/static.js";

/** All component definitions of the model layer. */
export const componentDefs: readonly ComponentDef[] = [
  lif, izhikevich, adex, exponential, alpha, delta, current, conductance, staticThreshold, adaptiveThreshold, cutoffThreshold,
];

/** The definition of a component, or undefined. */
export function componentDef(kind: string, name: string): ComponentDef | undefined {
  return componentDefs.find((d) => d.kind === kind && d.name === name);
}
