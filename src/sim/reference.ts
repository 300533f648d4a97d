/** The reference backend: float64, exact where a closed form exists. Registers itself as "reference". */
import type { Problem } from "../core/errors.js";
import type { Backend } from "../model/backend.js";
import { registerBackend, backendNames } from "../model/backend.js";
import { cellParameters, expandProjection, type Connections } from "../model/expand.js";
import type { NetworkSpec } from "../model/spec.js";
import { ReferenceSession } from "./engine.js";
import { isRateNetwork, rateNetworkProblems, RateSession } from "./rate/index.js";
import { referenceKernels } from "./kernels/index.js";

// check() draws the connections to find bad weights and delays; start() reuses them.
const drawn = new WeakMap<NetworkSpec, Map<string, Connections>>();

function componentProblems(net: NetworkSpec): Problem[] {
  // Rate networks run in sim/rate, which knows every rate unit, source and rate rule.
  if (isRateNetwork(net)) return rateNetworkProblems(net);
  const problems: Problem[] = [];
  for (const pop of net.populations) {
    if (pop.cell.kind === "cell") {
      for (const part of Object.values(pop.cell.parts)) {
        // Every reference kernel reads its parameters per neuron (paramArray): any may vary.
        const p = referenceKernels.missing(part, `${pop.label}.cell.${part.kind}`);
        if (p) problems.push(p);
      }
      problems.push(...cellParameters(net, pop).problems);
    } else {
      const p = referenceKernels.missing({ kind: "source", name: pop.cell.name }, `${pop.label}.cell`);
      if (p) problems.push(p);
    }
  }
  for (const proj of net.projections) {
    if (proj.plasticity) {
      const p = referenceKernels.missing({ kind: "plasticity", name: proj.plasticity.kind }, `${proj.label}.plasticity`);
      if (p) problems.push(p);
    }
  }
  return problems;
}

/** The reference backend. */
export const referenceBackend: Backend = {
  name: "reference",
  check(net) {
    const problems = componentProblems(net);
    const connections = new Map<string, Connections>();
    for (const proj of net.projections) {
      const { connections: c, problems: found } = expandProjection(net, proj);
      connections.set(proj.label, c);
      problems.push(...found);
    }
    if (problems.length === 0) drawn.set(net, connections);
    return problems;
  },
  start(net) {
    let connections = drawn.get(net);
    if (!connections) {
      connections = new Map();
      for (const proj of net.projections) connections.set(proj.label, expandProjection(net, proj).connections);
    }
    return isRateNetwork(net) ? new RateSession(net, connections) : new ReferenceSession(net, connections);
  },
};

if (!backendNames().includes("reference")) registerBackend(referenceBackend);
