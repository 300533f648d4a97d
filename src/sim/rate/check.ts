/** What a rate network must satisfy before the rate engine runs it. */
import type { Problem } from "../../core/errors.js";
import type { NetworkSpec } from "../../model/spec.js";

/**
 * Rate and spiking populations do not meet in one network (the DSL already refuses a projection
 * between them; this catches a network that holds both, unconnected), and recordings are rates.
 */
export function rateNetworkProblems(net: NetworkSpec): Problem[] {
  const problems: Problem[] = [];
  const spiking = net.populations.filter((pop) => pop.cell.kind !== "rate");
  if (spiking.length) {
    problems.push({
      ruleId: "rate-meets-spikes",
      place: spiking.map((pop) => pop.label).join(", "),
      reason: `this network has rate populations and spiking ones (${spiking.map((pop) => pop.label).join(", ")}); the reference backend runs one kind per network.`,
      fix: "build the rate model and the spiking model as two networks.",
    });
  }
  return problems;
}
