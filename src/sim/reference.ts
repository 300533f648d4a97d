/** The reference backend: float64, exact where a closed form exists. Registers itself as "reference". */
import { CajalError, type Problem } from "../core/errors.js";
import { badSetup } from "../model/messages.js";
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

/**
 * The reference backend's options (`net.run(ms, { backendOptions: { threads: 2 } })`): `threads`,
 * a whole number from 1 (default) to 16, runs the step loop on that many threads when the network
 * allows it (fused IF_curr_exp / IF_cond_exp cells, static synapses, no sources, current sources or
 * traces; otherwise one thread). The run's provenance item "threads" says how many ran.
 */
function threadsOption(options: Readonly<Record<string, unknown>> | undefined): number {
  if (!options) return 1;
  const unknown = Object.keys(options).filter((k) => k !== "threads");
  const problems: Problem[] = unknown.map((k) => badSetup(`net.run.backendOptions.${k}`, "an option of the reference backend", k, "only threads (a whole number from 1 to 16)"));
  const threads = options.threads ?? 1;
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1 || threads > 16) {
    problems.push(badSetup("net.run.backendOptions.threads", "the number of threads", threads, "a whole number from 1 to 16 (2 uses the second core)"));
  }
  if (problems.length) throw new CajalError(problems);
  return threads as number;
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
  start(net, backendOptions) {
    const threads = threadsOption(backendOptions);
    let connections = drawn.get(net);
    if (!connections) {
      connections = new Map();
      for (const proj of net.projections) connections.set(proj.label, expandProjection(net, proj).connections);
    }
    return isRateNetwork(net) ? new RateSession(net, connections) : new ReferenceSession(net, connections, { threads });
  },
};

if (!backendNames().includes("reference")) registerBackend(referenceBackend);
