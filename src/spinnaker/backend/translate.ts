/**
 * The DSL's NetworkSpec as the emulator's EmuNetwork. Connections come from the DSL's own
 * `expandProjection`, so both backends run exactly the same synapses; parameters and initial values
 * come from `cellParameters` / `initialValues`, so per-neuron values are the same draws too.
 */
import type { Problem } from "../../core/errors.js";
import { createKernelRegistry } from "../../model/backend.js";
import type { CellType } from "../../model/cells/compose.js";
import { cellParameters, type Connections, expandProjection, initialValues } from "../../model/expand.js";
import type { NetworkSpec, PopulationSpec, ProjectionSpec } from "../../model/spec.js";
import type { EmuNetwork, EmuPopulation, EmuProjection } from "../runtime/network.js";
import type { EmuProfile } from "../runtime/profile.js";
import * as msg from "./messages.js";

/**
 * What the emulator runs, by (kind, name) as the DSL names components: sPyNNaker's standard
 * builds IF_curr_exp, IF_cond_exp and Izhikevich with exponential current synapses, the two spike
 * sources, and pair-additive STDP.
 */
export const spinnakerKernels = createKernelRegistry<true>("spinnaker");
for (const [kind, name] of [
  ["neuron", "lif"], ["neuron", "izhikevich"], ["synapse", "exponential"], ["input", "current"], ["input", "conductance"],
  ["threshold", "static"], ["source", "spikeSourceArray"], ["source", "spikeSourcePoisson"], ["plasticity", "stdp"],
] as const) spinnakerKernels.register(kind, name, true);

/** Variables the emulator records (the stack's `spikes`, `v`, `gsyn_exc`, `gsyn_inh`). */
export const SPINNAKER_RECORDABLE = ["spikes", "v", "gsyn_exc", "gsyn_inh"] as const;

/** The emulator's network and what is needed to turn its results back into the DSL's terms. */
export interface Translation {
  readonly emu: EmuNetwork;
  /** Expanded connections of each DSL projection, by label (in DSL order). */
  readonly connections: ReadonlyMap<string, Connections>;
  /** Sign the DSL gives each projection's weights (−1 for inhibitory current synapses). */
  readonly weightSign: ReadonlyMap<string, 1 | -1>;
}

/** Every reason the emulator cannot run `net` (components, rules, recordings, currents). Collects, never throws. */
export function unsupportedProblems(net: NetworkSpec): Problem[] {
  const problems: Problem[] = [];
  for (const pop of net.populations) {
    if (pop.cell.kind === "cell") {
      const cell = pop.cell as CellType;
      for (const part of Object.values(cell.parts)) {
        const p = spinnakerKernels.missing(part, `${pop.label}.cell.${part.kind}`);
        if (p) problems.push(p);
      }
      if (cell.parts.neuron.name === "izhikevich") {
        if (cell.parts.input.name !== "current") {
          problems.push(msg.unsupportedFeature(`${pop.label}.cell.input`, "conductance-based Izhikevich cell", "Izhikevich with current input (cells.izhikevichCurrExp)", "use cells.izhikevichCurrExp, or run with { backend: \"reference\" }."));
        }
        const vThresh = cell.params.vThresh;
        if (vThresh !== undefined && vThresh !== 30) problems.push(msg.izhikevichThreshold(`${pop.label}.cell.threshold.vThresh`, vThresh));
      }
      if (pop.currents.length > 0) {
        problems.push(msg.unsupportedFeature(`${pop.label}.inject`, "injected current sources (DCSource, StepCurrentSource, ACSource)", "a constant current through the cell's iOffset", "set iOffset on the cell, or run with { backend: \"reference\" }."));
      }
    } else {
      const p = spinnakerKernels.missing({ kind: "source", name: pop.cell.name }, `${pop.label}.cell`);
      if (p) problems.push(p);
    }
  }
  for (const r of net.recordings) {
    if (!(SPINNAKER_RECORDABLE as readonly string[]).includes(r.variable)) {
      problems.push(msg.notRecordableHere(`${r.population}.record`, r.variable, SPINNAKER_RECORDABLE));
    }
  }
  for (const proj of net.projections) {
    const place = `${proj.label}.plasticity`;
    const plast = proj.plasticity;
    if (!plast) continue;
    const missing = spinnakerKernels.missing({ kind: "plasticity", name: plast.kind }, place);
    if (missing) { problems.push(missing); continue; }
    if (plast.kind !== "stdp") continue;
    if (plast.timing.kind !== "spikePair") {
      problems.push(msg.unsupportedFeature(`${place}.timing`, `\`${plast.timing.kind}\` timing rule`, "`spikePair`", "use plasticity.spikePair, or run with { backend: \"reference\" }."));
    }
    if (plast.weight.kind !== "additive") {
      problems.push(msg.unsupportedFeature(`${place}.weight`, `\`${plast.weight.kind}\` weight dependence`, "`additive`", "use plasticity.additive, or run with { backend: \"reference\" }."));
    }
    if (plast.delay !== "dendritic") {
      problems.push(msg.unsupportedFeature(`${place}.delay`, "axonal-delay STDP (sPyNNaker requires dendritic_delay_fraction = 1)", "`dendritic`", "use delay: \"dendritic\" (the default)."));
    }
    const post = net.populations.find((p) => p.label === proj.post.population);
    const input = post?.cell.kind === "cell" ? (post.cell as CellType).parts.input.name : "current";
    if (proj.receptor === "inhibitory" && input === "current") {
      problems.push(msg.unsupportedFeature(place, "STDP on inhibitory current synapses (the DSL's weights there are negative, SpiNNaker stores magnitudes)", "plastic excitatory projections, or inhibitory ones onto conductance cells", "make the plastic projection excitatory, or run with { backend: \"reference\" }."));
    }
  }
  return problems;
}

/** Per-neuron values as the emulator takes them: a number, or an array when they differ. */
function perNeuron(shared: number, varied: Float64Array | undefined): number | number[] {
  return varied ? Array.from(varied) : shared;
}

function population(net: NetworkSpec, pop: PopulationSpec): EmuPopulation {
  if (pop.cell.kind === "source") {
    const cell = pop.cell;
    if (cell.name === "spikeSourceArray") {
      const times = cell.spikeTimes;
      const each = times.length > 0 && Array.isArray(times[0]);
      return {
        kind: "SpikeSourceArray", label: pop.label, size: pop.size,
        spikeTimesMs: each ? (times as readonly (readonly number[])[]) : Array.from({ length: pop.size }, () => times as readonly number[]),
      };
    }
    return {
      kind: "SpikeSourcePoisson", label: pop.label, size: pop.size, rateHz: cell.params.rate, startMs: cell.params.start,
      durationMs: cell.params.duration,
    };
  }
  const cell = pop.cell as CellType;
  const { values } = cellParameters(net, pop);
  const p = (name: string) => perNeuron(cell.params[name] ?? NaN, values[name]);
  const init = initialValues(net, pop);
  const recordV = net.recordings.some((r) => r.population === pop.label && r.variable !== "spikes");
  const base = { label: pop.label, size: pop.size, recordV };
  if (cell.parts.neuron.name === "izhikevich") {
    return {
      ...base, kind: "Izhikevich",
      params: {
        a: p("a"), b: p("b"), c: p("c"), d: p("d"), iOffset: p("iOffset"), tauSynE: p("tauSynE"), tauSynI: p("tauSynI"),
        v: init.v ? Array.from(init.v) : -70, u: init.u ? Array.from(init.u) : -14,
      },
    };
  }
  const lif = {
    tauM: p("tauM"), cm: p("cm"), vRest: p("vRest"), vReset: p("vReset"), vThresh: p("vThresh"), tauRefrac: p("tauRefrac"),
    iOffset: p("iOffset"), tauSynE: p("tauSynE"), tauSynI: p("tauSynI"),
  };
  const initialVMv = init.v ? Array.from(init.v) : undefined;
  if (cell.parts.input.name === "conductance") {
    return { ...base, kind: "IF_cond_exp", params: { ...lif, eRevE: p("eRevE"), eRevI: p("eRevI") }, ...(initialVMv && { initialVMv }) };
  }
  return { ...base, kind: "IF_curr_exp", params: lif, ...(initialVMv && { initialVMv }) };
}

/**
 * The bound the stack's connector reports for connections onto one post neuron (used for
 * ring-buffer headroom): an all-to-all counts every pre neuron even without self-connections.
 */
function connectorBound(proj: ProjectionSpec, preSize: number): number | undefined {
  const nPre = proj.pre.indices ? proj.pre.indices.length : preSize;
  switch (proj.connector.kind) {
    case "allToAll": return nPre;
    case "oneToOne": return 1;
    case "fixedNumberPre": return proj.connector.n;
    default: return undefined; // counted from the drawn connections
  }
}

/** Translates a checked network (no problems left) into the emulator's terms, with an optional neurons-per-core limit. */
export function translate(
  net: NetworkSpec, profile: EmuProfile, drawn?: ReadonlyMap<string, Connections>,
  neuronsPerCore?: number | Readonly<Record<string, number>>,
): Translation {
  const connections = new Map<string, Connections>();
  const weightSign = new Map<string, 1 | -1>();
  const projections: EmuProjection[] = net.projections.map((proj) => {
    const c = drawn?.get(proj.label) ?? expandProjection(net, proj).connections;
    connections.set(proj.label, c);
    const post = net.populations.find((p) => p.label === proj.post.population)!;
    const pre = net.populations.find((p) => p.label === proj.pre.population)!;
    const input = post.cell.kind === "cell" ? (post.cell as CellType).parts.input.name : "current";
    weightSign.set(proj.label, proj.receptor === "inhibitory" && input === "current" ? -1 : 1);
    const bound = connectorBound(proj, pre.size);
    const plast = proj.plasticity?.kind === "stdp" ? proj.plasticity : undefined;
    return {
      label: proj.label, pre: proj.pre.population, post: proj.post.population, receptor: proj.receptor,
      connections: { pre: c.pre, post: c.post, weight: c.weight, delayMs: c.delayMs },
      ...(bound !== undefined && { maxConnectionsPerPost: bound }),
      ...(plast && plast.timing.kind === "spikePair" && {
        stdp: {
          tauPlusMs: plast.timing.tauPlus, tauMinusMs: plast.timing.tauMinus, aPlus: plast.timing.aPlus, aMinus: plast.timing.aMinus,
          wMin: plast.weight.wMin, wMax: plast.weight.wMax,
        },
      }),
    };
  });
  return {
    emu: {
      dtMs: net.dtMs, profile, projections,
      populations: net.populations.map((p) => {
        const pop = population(net, p);
        const limit = typeof neuronsPerCore === "number" ? neuronsPerCore : neuronsPerCore?.[p.label];
        return limit !== undefined && pop.kind !== "SpikeSourceArray" && pop.kind !== "SpikeSourcePoisson" ? { ...pop, maxAtomsPerCore: limit } : pop;
      }),
    },
    connections, weightSign,
  };
}
