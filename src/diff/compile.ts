/**
 * Compiles a Network's description into the numbers a tfjs simulation needs: per-neuron constants
 * of the exact one-step update (the same float64 formulas as the reference kernels, rounded once to
 * float32), initial state, source rasters and dense weight matrices grouped by
 * (pre population, post population, receptor, delay in steps). Nothing here holds tensors.
 */
import type { Problem } from "../core/errors.js";
import type { CellType } from "../model/cells/compose.js";
import { cellParameters, expandProjection, initialValues, streamFor, type Connections } from "../model/expand.js";
import type { CurrentSource } from "../model/currents.js";
import type { NetworkSpec, PopulationSpec, ProjectionSpec } from "../model/spec.js";
import { createArraySource, createPoissonSource } from "../sim/sources.js";
import * as msg from "./messages.js";

/** Component kernels the differentiable backend has, as "kind/name". */
export const SUPPORTED_COMPONENTS = ["neuron/lif", "synapse/exponential", "input/current", "input/conductance", "threshold/static", "threshold/adaptive"] as const;

/** Cell parameters that can be trained (they enter the update linearly, so they stay exact under training). */
export const TRAINABLE_CELL_PARAMETERS = ["vThresh", "vRest", "iOffset"] as const;
/** A trainable cell parameter's name. */
export type TrainableCellParameter = (typeof TRAINABLE_CELL_PARAMETERS)[number];

/** The per-neuron numbers of one population of LIF cells (float64, one value per neuron). */
export interface CellConstants {
  readonly conductance: boolean;
  readonly adaptive: boolean;
  /** e^(−dt/τm). */
  readonly decay: Float64Array;
  /** τm/cm, MΩ. */
  readonly R: Float64Array;
  /** Exact weights of the exponential synaptic currents in v after one step (current input). */
  readonly pE: Float64Array;
  readonly pI: Float64Array;
  /** Mean of a decaying conductance over one step over its start value (conductance input). */
  readonly meanE: Float64Array;
  readonly meanI: Float64Array;
  readonly decayE: Float64Array;
  readonly decayI: Float64Array;
  /** cm/τm, µS (leak conductance), and cm, nF. */
  readonly gLeak: Float64Array;
  readonly cm: Float64Array;
  readonly eRevE: Float64Array;
  readonly eRevI: Float64Array;
  readonly vReset: Float64Array;
  readonly refractorySteps: Float64Array;
  /** Adaptive threshold: jump per spike (mV) and decay per step. */
  readonly dThresh: Float64Array;
  readonly decayTheta: Float64Array;
  /** Trainable-capable parameters: vThresh, vRest, iOffset. */
  readonly base: Record<TrainableCellParameter, Float64Array>;
}

/** One population as compiled. */
export interface CompiledPopulation {
  readonly label: string;
  readonly size: number;
  readonly spec: PopulationSpec;
  /** Present for cells. */
  readonly cells?: CellConstants;
  /** Initial v (mV) and θ (mV) for cells. */
  readonly initial?: { readonly v: Float64Array; readonly theta: Float64Array };
}

/** A projection whose weights are trained: one dense block over its pre × post selections. */
export interface TrainableBlock {
  readonly projection: string;
  readonly preSelection: Int32Array;
  readonly postSelection: Int32Array;
  /** Whether the selections are the whole populations in order (no embedding needed). */
  readonly whole: boolean;
  /** +1, or −1 for inhibitory current-based projections (weights ≤ 0). */
  readonly sign: 1 | -1;
  /** Initial weights as a dense block (sum where several connections join one pair), nA or µS. */
  readonly initial: Float64Array;
  /** Connectivity per delay in steps: 1 where a connection exists. */
  readonly masks: Map<number, Float32Array>;
}

/** Summed weights from one population onto one receptor of another at one delay. */
export interface WeightGroup {
  readonly pre: number;
  readonly post: number;
  readonly receptor: "excitatory" | "inhibitory";
  readonly delaySteps: number;
  /** Fixed weights, dense [nPre × nPost] row-major, or undefined if all are trained. */
  constant?: Float32Array;
  /** Trained blocks contributing at this delay. */
  readonly trained: TrainableBlock[];
}

/** A compiled network. */
export interface CompiledNetwork {
  readonly spec: NetworkSpec;
  readonly dtMs: number;
  readonly populations: readonly CompiledPopulation[];
  readonly groups: readonly WeightGroup[];
  readonly trainable: ReadonlyMap<string, TrainableBlock>;
  /** Drawn connections of every projection (for reporting weights). */
  readonly connections: ReadonlyMap<string, Connections>;
  /** Largest delay in steps (≥ 1). */
  readonly maxDelaySteps: number;
}

/** Every reason the network cannot run on the differentiable backend (never throws). */
export function componentProblems(net: NetworkSpec): Problem[] {
  const problems: Problem[] = [];
  for (const pop of net.populations) {
    if (pop.cell.kind === "rate") {
      problems.push({
        ruleId: "backend-unsupported", place: `${pop.label}.cell`,
        reason: "the differentiable backend compiles spiking populations; this is a rate population.",
        fix: "run rate networks with { backend: \"reference\" }, or build rate models for training with the learning core (cajal.learn).",
      });
      continue;
    }
    if (pop.cell.kind !== "cell") continue;
    for (const part of Object.values(pop.cell.parts)) {
      const key = `${part.kind}/${part.name}`;
      if (!(SUPPORTED_COMPONENTS as readonly string[]).includes(key)) {
        problems.push({
          ruleId: "backend-unsupported", place: `${pop.label}.cell.${part.kind}`,
          reason: `the differentiable backend has no \`${part.name}\` ${part.kind}.`,
          expected: `one of ${SUPPORTED_COMPONENTS.filter((k) => k.startsWith(`${part.kind}/`)).map((k) => `\`${k.split("/")[1]}\``).join(", ")}`,
          fix: `run with { backend: "reference" }, or choose a ${part.kind} that the differentiable backend supports.`,
        });
      }
    }
    problems.push(...cellParameters(net, pop).problems);
  }
  for (const proj of net.projections) if (proj.plasticity) problems.push(msg.plasticUnsupported(`${proj.label}.plasticity`, proj.plasticity.kind));
  return problems;
}

function perNeuron(pop: PopulationSpec, values: Record<string, Float64Array>, name: string): Float64Array {
  const own = values[name];
  if (own) return own;
  const shared = (pop.cell as CellType).params[name];
  if (shared === undefined) throw new Error(`diff: ${pop.label} has no parameter ${name}`); // a Cajal bug
  return new Float64Array(pop.size).fill(shared);
}

/** The exact LIF step constants, with the reference kernels' formulas (src/sim/kernels/lif.ts). */
function cellConstants(net: NetworkSpec, pop: PopulationSpec): CellConstants {
  const cell = pop.cell as CellType;
  const h = net.dtMs;
  const { values } = cellParameters(net, pop);
  const p = (name: string) => perNeuron(pop, values, name);
  const n = pop.size;
  const conductance = cell.parts.input.name === "conductance";
  const adaptive = cell.parts.threshold.name === "adaptive";
  const tauM = p("tauM"), cm = p("cm"), tauE = p("tauSynE"), tauI = p("tauSynI");
  const map = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const propagator = (i: number, tauS: number) => {
    const tm = tauM[i]!, c = cm[i]!;
    return Math.abs(tauS - tm) < 1e-12 * tm ? (h / c) * Math.exp(-h / tm) : (Math.exp(-h / tauS) - Math.exp(-h / tm)) / (c * (1 / tm - 1 / tauS));
  };
  const zeros = new Float64Array(n);
  const tauRefrac = p("tauRefrac");
  return {
    conductance, adaptive,
    decay: map((i) => Math.exp(-h / tauM[i]!)),
    R: map((i) => tauM[i]! / cm[i]!),
    pE: map((i) => propagator(i, tauE[i]!)),
    pI: map((i) => propagator(i, tauI[i]!)),
    meanE: map((i) => (tauE[i]! / h) * (1 - Math.exp(-h / tauE[i]!))),
    meanI: map((i) => (tauI[i]! / h) * (1 - Math.exp(-h / tauI[i]!))),
    decayE: map((i) => Math.exp(-h / tauE[i]!)),
    decayI: map((i) => Math.exp(-h / tauI[i]!)),
    gLeak: map((i) => cm[i]! / tauM[i]!),
    cm,
    eRevE: conductance ? p("eRevE") : zeros,
    eRevI: conductance ? p("eRevI") : zeros,
    vReset: p("vReset"),
    refractorySteps: map((i) => Math.round(tauRefrac[i]! / h)),
    dThresh: adaptive ? p("dThresh") : zeros,
    decayTheta: adaptive ? map((i) => Math.exp(-h / p("tauThresh")[i]!)) : zeros,
    base: { vThresh: p("vThresh"), vRest: p("vRest"), iOffset: p("iOffset") },
  };
}

function selectionIndices(sel: { indices: readonly number[] | null }, size: number): Int32Array {
  return sel.indices === null ? Int32Array.from({ length: size }, (_, i) => i) : Int32Array.from(sel.indices);
}

/**
 * Compiles `net`; `trainable` lists projection labels whose weights become parameters; `dense`
 * false skips the weight matrices (for `check`, which only needs the problems).
 */
export function compileNetwork(net: NetworkSpec, trainable: readonly string[] = [], dense = true): { compiled: CompiledNetwork; problems: Problem[] } {
  const problems = componentProblems(net);
  const labels = net.projections.map((p) => p.label);
  for (const label of trainable) if (!labels.includes(label)) problems.push(msg.unknownTrainableProjection("diff.compile.trainable", label, labels));
  // Constants of unsupported components cannot be computed: report and stop here.
  if (problems.length) return { compiled: { spec: net, dtMs: net.dtMs, populations: [], groups: [], trainable: new Map(), connections: new Map(), maxDelaySteps: 1 }, problems };
  const populations: CompiledPopulation[] = net.populations.map((pop) => {
    if (pop.cell.kind !== "cell") return { label: pop.label, size: pop.size, spec: pop };
    const init = initialValues(net, pop);
    return {
      label: pop.label, size: pop.size, spec: pop, cells: cellConstants(net, pop),
      initial: { v: init.v ?? new Float64Array(pop.size), theta: init.theta ?? new Float64Array(pop.size) },
    };
  });
  const indexOf = new Map(populations.map((p, i) => [p.label, i]));
  const groups = new Map<string, WeightGroup>();
  const trainableBlocks = new Map<string, TrainableBlock>();
  const connections = new Map<string, Connections>();
  let maxDelaySteps = 1;
  const groupFor = (pre: number, post: number, receptor: "excitatory" | "inhibitory", d: number): WeightGroup => {
    const key = `${pre}|${post}|${receptor}|${d}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { pre, post, receptor, delaySteps: d, trained: [] }));
    return g;
  };
  for (const proj of net.projections) {
    const { connections: c, problems: found } = expandProjection(net, proj);
    problems.push(...found);
    connections.set(proj.label, c);
    const pre = indexOf.get(proj.pre.population)!;
    const post = indexOf.get(proj.post.population)!;
    const nPost = populations[post]!.size;
    const delays = Int32Array.from(c.delayMs, (d) => Math.max(1, Math.round(d / net.dtMs)));
    for (const d of delays) maxDelaySteps = Math.max(maxDelaySteps, d);
    if (trainable.includes(proj.label)) {
      trainableBlocks.set(proj.label, trainableBlock(net, proj, populations[pre]!, populations[post]!, c, delays));
      for (const [d] of trainableBlocks.get(proj.label)!.masks) groupFor(pre, post, proj.receptor, d).trained.push(trainableBlocks.get(proj.label)!);
      continue;
    }
    if (!dense) continue;
    for (let k = 0; k < c.pre.length; k++) {
      const g = groupFor(pre, post, proj.receptor, delays[k]!);
      g.constant ??= new Float32Array(populations[pre]!.size * nPost);
      g.constant[c.pre[k]! * nPost + c.post[k]!]! += c.weight[k]!;
    }
  }
  return {
    compiled: { spec: net, dtMs: net.dtMs, populations, groups: [...groups.values()], trainable: trainableBlocks, connections, maxDelaySteps },
    problems,
  };
}

function trainableBlock(net: NetworkSpec, proj: ProjectionSpec, pre: CompiledPopulation, post: CompiledPopulation, c: Connections, delays: Int32Array): TrainableBlock {
  const preSel = selectionIndices(proj.pre, pre.size);
  const postSel = selectionIndices(proj.post, post.size);
  const localPre = new Int32Array(pre.size).fill(-1);
  const localPost = new Int32Array(post.size).fill(-1);
  preSel.forEach((g, l) => (localPre[g] = l));
  postSel.forEach((g, l) => (localPost[g] = l));
  const cols = postSel.length;
  const initial = new Float64Array(preSel.length * cols);
  const masks = new Map<number, Float32Array>();
  for (let k = 0; k < c.pre.length; k++) {
    const at = localPre[c.pre[k]!]! * cols + localPost[c.post[k]!]!;
    initial[at]! += c.weight[k]!;
    let m = masks.get(delays[k]!);
    if (!m) masks.set(delays[k]!, (m = new Float32Array(initial.length)));
    m[at] = 1;
  }
  const input = post.spec.cell.kind === "cell" ? post.spec.cell.parts.input.name : "current";
  const ordered = (sel: Int32Array, size: number) => sel.length === size && sel.every((g, l) => g === l);
  void net;
  return {
    projection: proj.label, preSelection: preSel, postSelection: postSel,
    whole: ordered(preSel, pre.size) && ordered(postSel, post.size),
    sign: input === "current" && proj.receptor === "inhibitory" ? -1 : 1,
    initial, masks,
  };
}

/** Source spikes as counts per step, [steps × size] row-major, drawn exactly as the reference backend draws them. */
export function sourceRaster(net: NetworkSpec, pop: PopulationSpec, steps: number): Float32Array {
  if (pop.cell.kind !== "source") throw new Error(`diff: ${pop.label} is not a source`); // a Cajal bug
  const src = pop.cell.name === "spikeSourceArray"
    ? createArraySource(pop.cell, pop.size, net.dtMs)
    : createPoissonSource(pop.cell, pop.size, net.dtMs, streamFor(net.seed, `population:${pop.label}`, "poisson"));
  const out = new Float32Array(steps * pop.size);
  for (let k = 0; k < steps; k++) {
    if (src.emit(k) === 0) continue;
    out.set(src.spiked, k * pop.size);
  }
  return out;
}

/** Injected current per step, nA, [steps × size]; undefined without current sources. */
export function injectedCurrents(pop: PopulationSpec, dtMs: number, steps: number, currentAt: (s: CurrentSource, tMs: number) => number): Float32Array | undefined {
  if (pop.currents.length === 0) return undefined;
  const out = new Float32Array(steps * pop.size);
  for (let k = 0; k < steps; k++) {
    for (const { indices, source } of pop.currents) {
      const value = currentAt(source, k * dtMs);
      if (value === 0) continue;
      if (indices) for (const i of indices) out[k * pop.size + i]! += value;
      else for (let i = 0; i < pop.size; i++) out[k * pop.size + i]! += value;
    }
  }
  return out;
}
