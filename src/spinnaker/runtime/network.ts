/**
 * The emulator's own network description: populations with resolved parameters and projections
 * with explicit connection lists. It is independent of the DSL; a DSL adapter expands connectors
 * into these lists (with the network's seed) and hands them over.
 */
import type { IzhikevichParams } from "./izhikevich.js";
import type { LifCondExpParams } from "./lifCondExp.js";
import type { LifCurrExpParams } from "./lifCurrExp.js";
import type { EmuProfile } from "./profile.js";

/** A parameter set whose numbers are one value for every neuron or one value per neuron. */
export type PerNeuron<T> = { readonly [K in keyof T]: T[K] extends number ? number | readonly number[] : T[K] };

/** The parameters of neuron `i` of a per-neuron parameter set. */
export function paramsOf<T extends object>(p: PerNeuron<T>, i: number): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) out[k] = Array.isArray(v) ? v[i] : v;
  return out as T;
}

/** Names and lengths of the per-neuron arrays of a parameter set whose length is not `size`. */
export function wrongLengthParams(p: object, size: number): [string, number][] {
  return Object.entries(p).filter(([, v]) => Array.isArray(v) && v.length !== size).map(([k, v]) => [k, (v as unknown[]).length]);
}

/** Fields every neuron population has. */
interface EmuNeuronPopulationBase {
  readonly label: string;
  readonly size: number;
  /** Initial membrane voltage (mV): one for all or one per neuron; default v_rest (Izhikevich: params.v). */
  readonly initialVMv?: number | readonly number[];
  /** Record membrane voltage and synaptic input (raw s16.15 per tick). */
  readonly recordV?: boolean;
  /** A lower limit on neurons per core (default 256). */
  readonly maxAtomsPerCore?: number;
}

/** A population of IF_curr_exp neurons sharing one parameter set. */
export interface EmuLifPopulation extends EmuNeuronPopulationBase {
  readonly kind: "IF_curr_exp";
  readonly params: PerNeuron<LifCurrExpParams>;
}

/** A population of IF_cond_exp neurons (weights in µS). */
export interface EmuLifCondPopulation extends EmuNeuronPopulationBase {
  readonly kind: "IF_cond_exp";
  readonly params: PerNeuron<LifCondExpParams>;
}

/** A population of Izhikevich neurons with current-based exponential synapses. */
export interface EmuIzhikevichPopulation extends EmuNeuronPopulationBase {
  readonly kind: "Izhikevich";
  readonly params: PerNeuron<IzhikevichParams & { readonly tauSynE: number; readonly tauSynI: number }>;
}

/** The neuron models the emulator runs. */
export type EmuNeuronPopulation = EmuLifPopulation | EmuLifCondPopulation | EmuIzhikevichPopulation;

/** Names of the neuron models the emulator supports. */
export const EMULATOR_NEURON_MODELS: readonly EmuNeuronPopulation["kind"][] = ["IF_curr_exp", "IF_cond_exp", "Izhikevich"];

/** A spike-source array: per neuron, the spike times (ms). */
export interface EmuSpikeSourceArray {
  readonly kind: "SpikeSourceArray";
  readonly label: string;
  readonly size: number;
  readonly spikeTimesMs: readonly (readonly number[])[];
}

/**
 * A Poisson spike source: each neuron fires with `rateHz` (one value or one per neuron) between
 * `startMs` (default 0) and `startMs + durationMs` (default: the whole run).
 */
export interface EmuSpikeSourcePoisson {
  readonly kind: "SpikeSourcePoisson";
  readonly label: string;
  readonly size: number;
  readonly rateHz: number | readonly number[];
  readonly startMs?: number;
  readonly durationMs?: number;
}

/** Any kind of population. */
export type EmuPopulation = EmuNeuronPopulation | EmuSpikeSourceArray | EmuSpikeSourcePoisson;

/** True for populations of neurons (as opposed to spike sources). */
export function isNeuronPopulation(p: EmuPopulation): p is EmuNeuronPopulation {
  return p.kind === "IF_curr_exp" || p.kind === "IF_cond_exp" || p.kind === "Izhikevich";
}

/** Pair-based additive STDP (`SpikePairRule` × `AdditiveWeightDependence`); weights in nA. */
export interface EmuPairAdditiveStdp {
  readonly tauPlusMs: number;
  readonly tauMinusMs: number;
  readonly aPlus: number;
  readonly aMinus: number;
  readonly wMin: number;
  readonly wMax: number;
}

/** Connections as parallel arrays: the struct-of-arrays shape the DSL's connector expansion produces. */
export interface EmuConnectionArrays {
  readonly pre: Int32Array | readonly number[];
  readonly post: Int32Array | readonly number[];
  /** nA (µS for conductance targets); the sign is ignored, the receptor decides. */
  readonly weight: Float64Array | readonly number[];
  readonly delayMs: Float64Array | readonly number[];
}

/** Connections in either accepted form, as parallel typed arrays. */
export interface ConnectionColumns {
  readonly length: number;
  readonly pre: Int32Array;
  readonly post: Int32Array;
  readonly weight: Float64Array;
  readonly delayMs: Float64Array;
}

/** Normalises a projection's connections (tuples or parallel arrays) to typed columns, which callers must not modify. */
export function connectionColumns(c: EmuProjection["connections"]): ConnectionColumns {
  if (Array.isArray(c)) {
    const tuples = c as readonly (readonly [number, number, number, number])[];
    return {
      length: tuples.length, pre: Int32Array.from(tuples, (t) => t[0]), post: Int32Array.from(tuples, (t) => t[1]),
      weight: Float64Array.from(tuples, (t) => t[2]), delayMs: Float64Array.from(tuples, (t) => t[3]),
    };
  }
  const a = c as EmuConnectionArrays;
  if (a.post.length !== a.pre.length || a.weight.length !== a.pre.length || a.delayMs.length !== a.pre.length) {
    throw new RangeError("connection arrays must have equal lengths"); // the DSL builds them together
  }
  // Typed columns are used as they are (the emulator only reads them); plain arrays are converted.
  return {
    length: a.pre.length,
    pre: a.pre instanceof Int32Array ? a.pre : new Int32Array(a.pre),
    post: a.post instanceof Int32Array ? a.post : new Int32Array(a.post),
    weight: a.weight instanceof Float64Array ? a.weight : new Float64Array(a.weight),
    delayMs: a.delayMs instanceof Float64Array ? a.delayMs : new Float64Array(a.delayMs),
  };
}

/**
 * One projection: explicit connections, as `[pre, post, weight (nA), delay (ms)]` tuples or as
 * parallel arrays; indices are into the whole populations.
 */
export interface EmuProjection {
  readonly label?: string;
  readonly pre: string;
  readonly post: string;
  readonly receptor: "excitatory" | "inhibitory";
  readonly connections: readonly (readonly [pre: number, post: number, weightNa: number, delayMs: number])[] | EmuConnectionArrays;
  /**
   * The connector's bound on connections onto one post neuron, used for weight scaling (the stack
   * uses the connector's estimate: an all-to-all without self-connections still counts every pre
   * neuron). Default: counted from `connections`.
   */
  readonly maxConnectionsPerPost?: number;
  /** Plastic synapses; absent for static ones. */
  readonly stdp?: EmuPairAdditiveStdp;
}

/** A whole network for the emulator. */
export interface EmuNetwork {
  readonly dtMs: number;
  /** `float` runs the same discretisation in double precision (spinnaker.md §0.1). */
  readonly profile: EmuProfile;
  readonly populations: readonly EmuPopulation[];
  readonly projections: readonly EmuProjection[];
}

/** Connections of a one-to-one connector between index ranges of equal length. */
export function oneToOne(preFrom: number, postFrom: number, n: number, weightNa: number, delayMs: number):
  [number, number, number, number][] {
  return Array.from({ length: n }, (_, i) => [preFrom + i, postFrom + i, weightNa, delayMs]);
}

/** Connections of an all-to-all connector between index lists; `skipSameIndex` drops pre = post pairs. */
export function allToAll(pre: readonly number[], post: readonly number[], weightNa: number, delayMs: number, skipSameIndex = false):
  [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (const i of pre) for (const j of post) if (!(skipSameIndex && i === j)) out.push([i, j, weightNa, delayMs]);
  return out;
}

/** `[0, 1, …, n − 1]` offset by `from`. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
