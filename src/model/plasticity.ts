/**
 * Plasticity rules as data: STDP for spiking projections (timing rule × weight dependence, as in
 * PyNN's STDPMechanism) and rate-based rules for rate populations.
 *
 * Cajal's A± are absolute weight changes (nA or µS per pairing), as in sPyNNaker 7; PyNN/NEST
 * scale them by wMax, and toPyNN() converts.
 */
import { CajalError, type Problem } from "../core/errors.js";
import * as msg from "./messages.js";
import { resolveParams, type ParamTable } from "./params.js";

const pairTable = {
  tauPlus: { unit: "ms", default: 20, min: 0, open: "min", pynn: "tau_plus", doc: "the potentiation time constant" },
  tauMinus: { unit: "ms", default: 20, min: 0, open: "min", pynn: "tau_minus", doc: "the depression time constant" },
  aPlus: { unit: "1", default: 0.01, min: 0, pynn: "A_plus", doc: "the potentiation amplitude" },
  aMinus: { unit: "1", default: 0.01, min: 0, pynn: "A_minus", doc: "the depression amplitude" },
} as const satisfies ParamTable;

const tripletTable = {
  tauPlus: { unit: "ms", default: 16.8, min: 0, open: "min", pynn: "tau_plus", doc: "the fast pre trace time constant" },
  tauMinus: { unit: "ms", default: 33.7, min: 0, open: "min", pynn: "tau_minus", doc: "the fast post trace time constant" },
  tauX: { unit: "ms", default: 101, min: 0, open: "min", pynn: "tau_x", doc: "the slow pre trace time constant" },
  tauY: { unit: "ms", default: 125, min: 0, open: "min", pynn: "tau_y", doc: "the slow post trace time constant" },
  a2Plus: { unit: "1", default: 5e-10, min: 0, pynn: "A2_plus", doc: "the pair potentiation amplitude" },
  a3Plus: { unit: "1", default: 6.2e-3, min: 0, pynn: "A3_plus", doc: "the triplet potentiation amplitude" },
  a2Minus: { unit: "1", default: 7e-3, min: 0, pynn: "A2_minus", doc: "the pair depression amplitude" },
  a3Minus: { unit: "1", default: 2.3e-4, min: 0, pynn: "A3_minus", doc: "the triplet depression amplitude" },
} as const satisfies ParamTable;

const boundsTable = {
  wMin: { unit: "1", default: 0, pynn: "w_min", doc: "the lowest weight" },
  wMax: { unit: "1", default: 1, pynn: "w_max", doc: "the highest weight" },
} as const satisfies ParamTable;

/** Pair-based timing rule with all-to-all exponential traces (PyNN's SpikePairRule). */
export interface SpikePair { readonly kind: "spikePair"; readonly tauPlus: number; readonly tauMinus: number; readonly aPlus: number; readonly aMinus: number }
/** Pfister & Gerstner (2006) all-to-all triplet rule. */
export interface Triplet {
  readonly kind: "triplet"; readonly tauPlus: number; readonly tauMinus: number; readonly tauX: number; readonly tauY: number;
  readonly a2Plus: number; readonly a3Plus: number; readonly a2Minus: number; readonly a3Minus: number;
}
/** Δw independent of w, clipped to [wMin, wMax] after every update. */
export interface Additive { readonly kind: "additive"; readonly wMin: number; readonly wMax: number }
/** Potentiation ∝ (wMax − w), depression ∝ (w − wMin) (PyNN's MultiplicativeWeightDependence). */
export interface Multiplicative { readonly kind: "multiplicative"; readonly wMin: number; readonly wMax: number }
/** STDP on a spiking projection. */
export interface Stdp {
  readonly kind: "stdp";
  readonly timing: SpikePair | Triplet;
  readonly weight: Additive | Multiplicative;
  /**
   * Where the synaptic delay sits for timing: "dendritic" (PyNN's default, sPyNNaker, NEST: the
   * post spike reaches the synapse `delay` late, Δt = t_post + d − t_pre) or "axonal" (the pre
   * spike does, Δt = t_post − (t_pre + d)).
   */
  readonly delay: "dendritic" | "axonal";
}

/**
 * Rate-based rules, for projections between rate populations (cells.rateUnit, cells.rateSource).
 * Each is a continuous-time rule dw/dt = …, integrated by the backend once per timestep
 * (Δw = dt·dw/dt); `rate` is the learning rate per ms. x is the presynaptic rate arriving
 * through the connection (after its delay), y the postsynaptic rate after this step's update.
 *
 * Hebbian: dw/dt = rate·x·y − decay·w.
 */
export interface Hebbian { readonly kind: "hebbian"; readonly rate: number; readonly decay: number }
/**
 * Oja's rule, dw/dt = rate·y·(x − y·w): a linear unit's weight vector turns towards the first
 * principal component of its inputs and keeps unit length. With `subspace`, Oja's subspace rule,
 * dw_k/dt = rate·y_k·(x − Σ_j y_j·w_j): the weight vectors of the post units span the leading
 * principal subspace and stay orthonormal.
 */
export interface Oja { readonly kind: "oja"; readonly rate: number; readonly subspace: boolean }
/**
 * BCM: dw/dt = rate·x·y·(y − θ), with a sliding threshold per post unit, tauTheta·dθ/dt = y² − θ
 * (θ starts at 0). For a linear unit under constant input, y settles at 1.
 */
export interface Bcm { readonly kind: "bcm"; readonly rate: number; readonly tauTheta: number }
/** Any plasticity rule. */
export type Plasticity = Stdp | Hebbian | Oja | Bcm;

function resolved<T extends ParamTable>(place: string, table: T, given: object) {
  const problems: Problem[] = [];
  const known = new Map(Object.entries(table).map(([k, s]) => [k, s.pynn]));
  for (const name of Object.keys(given)) if (!(name in table)) problems.push(msg.unknownParameter(place, name, known));
  const { values, problems: found } = resolveParams(place, table, given as Record<string, unknown>);
  problems.push(...found);
  if (problems.length) throw new CajalError(problems);
  return values;
}

function bounds(place: string, given: { wMin?: number; wMax?: number }) {
  const v = resolved(place, boundsTable, given);
  if (!(v.wMin <= v.wMax)) {
    throw new CajalError({ ruleId: "param-out-of-range", place, reason: `wMin (${v.wMin}) is above wMax (${v.wMax}).`, expected: "wMin ≤ wMax" });
  }
  return v;
}

/** Pair STDP timing: Δw₊ = aPlus·e^(−Δt/tauPlus) for post after pre, Δw₋ = aMinus·e^(Δt/tauMinus) otherwise (Δt = 0 depresses). */
export function spikePair(given: Partial<Omit<SpikePair, "kind">> = {}): SpikePair {
  return { kind: "spikePair", ...resolved("plasticity.spikePair", pairTable, given) };
}

/** Triplet STDP timing (Pfister & Gerstner 2006, all-to-all; defaults: their visual-cortex fit). */
export function triplet(given: Partial<Omit<Triplet, "kind">> = {}): Triplet {
  return { kind: "triplet", ...resolved("plasticity.triplet", tripletTable, given) };
}

/** Additive weight dependence on [wMin, wMax] (defaults 0 and 1). */
export function additive(given: { wMin?: number; wMax?: number } = {}): Additive {
  return { kind: "additive", ...bounds("plasticity.additive", given) };
}

/** Multiplicative (soft-bound) weight dependence on [wMin, wMax]. */
export function multiplicative(given: { wMin?: number; wMax?: number } = {}): Multiplicative {
  return { kind: "multiplicative", ...bounds("plasticity.multiplicative", given) };
}

/**
 * Spike-timing-dependent plasticity: a timing rule and a weight dependence.
 *
 * @example plasticity.stdp({ timing: plasticity.spikePair({ aPlus: 0.01, aMinus: 0.012 }), weight: plasticity.additive({ wMax: 1 }) })
 */
export function stdp(options: { timing: SpikePair | Triplet; weight: Additive | Multiplicative; delay?: "dendritic" | "axonal" }): Stdp {
  const problems: Problem[] = [];
  if (!options?.timing || !["spikePair", "triplet"].includes(options.timing.kind)) problems.push(msg.badValue("plasticity.stdp.timing", options?.timing, "timing rule (plasticity.spikePair or plasticity.triplet)"));
  if (!options?.weight || !["additive", "multiplicative"].includes(options.weight.kind)) problems.push(msg.badValue("plasticity.stdp.weight", options?.weight, "weight dependence (plasticity.additive or plasticity.multiplicative)"));
  const delay = options.delay ?? "dendritic";
  if (delay !== "dendritic" && delay !== "axonal") problems.push(msg.badValue("plasticity.stdp.delay", delay, "delay placement (\"dendritic\" or \"axonal\")"));
  if (problems.length) throw new CajalError(problems);
  return { kind: "stdp", timing: options.timing, weight: options.weight, delay };
}

const rateOf = (place: string, rate: unknown) => {
  if (!(typeof rate === "number" && Number.isFinite(rate) && rate > 0)) throw new CajalError(msg.badSetup(place, "the learning rate", rate, "a positive number"));
  return rate;
};

/** Hebbian rate rule dw/dt = rate·x·y − decay·w (rate and decay per ms); for rate populations. */
export function hebbian(options: { rate: number; decay?: number }): Hebbian {
  const decay = options.decay ?? 0;
  if (!(typeof decay === "number" && Number.isFinite(decay) && decay >= 0)) throw new CajalError(msg.badSetup("plasticity.hebbian.decay", "the decay", decay, "a number ≥ 0 (per ms)"));
  return { kind: "hebbian", rate: rateOf("plasticity.hebbian.rate", options.rate), decay };
}
/** Oja's rule (or, with `subspace: true`, Oja's subspace rule); for rate populations. */
export function oja(options: { rate: number; subspace?: boolean }): Oja {
  const subspace = options.subspace ?? false;
  if (typeof subspace !== "boolean") throw new CajalError(msg.badSetup("plasticity.oja.subspace", "subspace", subspace, "true or false"));
  return { kind: "oja", rate: rateOf("plasticity.oja.rate", options.rate), subspace };
}
/** BCM rule with a sliding threshold (tauTheta in ms, default 1000); for rate populations. */
export function bcm(options: { rate: number; tauTheta?: number }): Bcm {
  const tauTheta = options.tauTheta ?? 1000;
  if (!(typeof tauTheta === "number" && Number.isFinite(tauTheta) && tauTheta > 0)) throw new CajalError(msg.badSetup("plasticity.bcm.tauTheta", "the threshold's time constant", tauTheta, "a positive number of ms"));
  return { kind: "bcm", rate: rateOf("plasticity.bcm.rate", options.rate), tauTheta };
}
