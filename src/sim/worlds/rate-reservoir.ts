/**
 * An excitatory/inhibitory rate reservoir that obeys Dale's law: every unit is either excitatory or
 * inhibitory, all its outgoing weights share its sign. Sigmoid units in discrete time,
 *
 *   h_i(t) = g·(Σ_{j∈E} w_ij x_j(t) − β_i·Σ_{j∈I} w_ij x_j(t)) + s·w_in,i·u(t),
 *   x_i(t+1) = 1 / (1 + e^{−h_i(t)}),
 *
 * with weight magnitudes w_ij ≥ 0, a gain g, an input scaling s and one inhibitory gain β_i per
 * unit (β = 1 balances the mean excitatory and inhibitory weight). A local homeostatic rule can move
 * each β_i so that unit i's rate approaches a target r*_i (Srinivasan, Plenz & Girvan 2025,
 * arXiv:2504.12480; the rule's exact form there is not known, this one is the notebook's choice):
 *
 *   β_i ← max(0, β_i + η·(x_i − r*_i)).
 *
 * Excitatory units are 0 … nExc−1 and inhibitory units nExc … size−1, so each row of the CSR weight
 * matrix is an excitatory run followed by an inhibitory run and the step sums both without a branch.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { blockOffsets, normaliseBlocks, randomCsr, type Csr } from "../../core/sparse.js";

/** Parameters of a reservoir (all dimensionless: this is a rate model in steps, not in ms). */
export interface ReservoirOptions {
  /** Number of units N; default 400. */
  readonly size?: number;
  /** Fraction of excitatory units; default 0.8 (so 320 E and 80 I of 400). */
  readonly excitatoryFraction?: number;
  /** Probability of each directed connection i ← j, i ≠ j; default 0.1. */
  readonly connectionProbability?: number;
  /** Gain g of the recurrent input; default 5. */
  readonly gain?: number;
  /** Input scaling s; default 1. */
  readonly inputScaling?: number;
  /** Inhibitory gain β: one value for every unit, or one per unit; default 1 (balanced). */
  readonly beta?: number | ArrayLike<number>;
  /** Rate every unit starts from (and returns to on `reset()`); default 0.2. */
  readonly initialRate?: number;
}

/** Called after every step of `run`, with the step index and the new rates (read-only by contract). */
export type AfterStep = (step: number, rates: Float64Array, reservoir: RateReservoir) => void;

/** Options of `RateReservoir.run`. */
export interface RunOptions {
  /** Where to write the states, steps × size row-major (row t = rates after input u(t)); default a new array. */
  readonly states?: Float64Array;
  /** Whether to keep the states at all; default true. Adaptation runs need only the final β. */
  readonly record?: boolean;
  /** A hook after each step, e.g. a local adaptation rule. */
  readonly afterStep?: AfterStep;
}

/**
 * A rate reservoir: weights drawn once from a seeded rng, then stepped by `step(u)` or `run(input)`.
 *
 * @example
 * const res = new RateReservoir({ gain: 5, beta: 1.5 }, createRng(seed()).stream("reservoir"));
 * const states = res.run(input);           // input.length × 400
 */
export class RateReservoir {
  /** Number of units N. */
  readonly size: number;
  /** Number of excitatory units; they are units 0 … nExc − 1, the inhibitory ones follow. */
  readonly nExc: number;
  /** Recurrent gain g. */
  readonly gain: number;
  /** Input scaling s. */
  readonly inputScaling: number;
  /** Rate every unit starts from and returns to on `reset()`. */
  readonly initialRate: number;
  /** Recurrent weight magnitudes (≥ 0), rows = post units, columns = pre units; E and I blocks each with mean row sum 1. */
  readonly weights: Csr;
  /** w_in, uniform on (−1, 1). */
  readonly inputWeights: Float64Array;
  /** β_i, per unit; mutable (an adaptation rule writes it). */
  readonly beta: Float64Array;
  /** x_i(t), the current rates. */
  readonly rates: Float64Array;
  /** Where each row's inhibitory run begins in `weights`. */
  private readonly inhStart: Int32Array;
  private readonly next: Float64Array;

  constructor(options: ReservoirOptions, rng: Rng) {
    const size = options.size ?? 400;
    const fraction = options.excitatoryFraction ?? 0.8;
    const p = options.connectionProbability ?? 0.1;
    const gain = options.gain ?? 5;
    const inputScaling = options.inputScaling ?? 1;
    const initialRate = options.initialRate ?? 0.2;
    const problems: Problem[] = [];
    if (!Number.isInteger(size) || size < 2) problems.push(bad("size", size, "an integer ≥ 2"));
    const nExc = Math.round(fraction * size);
    if (!(nExc >= 1 && nExc <= size - 1)) problems.push(bad("excitatoryFraction", fraction, "a fraction leaving ≥ 1 excitatory and ≥ 1 inhibitory unit"));
    if (!(p > 0 && p <= 1)) problems.push(bad("connectionProbability", p, "a probability in (0, 1]"));
    if (!Number.isFinite(gain)) problems.push(bad("gain", gain, "a finite number"));
    if (!Number.isFinite(inputScaling)) problems.push(bad("inputScaling", inputScaling, "a finite number"));
    if (!(initialRate >= 0 && initialRate <= 1)) problems.push(bad("initialRate", initialRate, "a rate in [0, 1]"));
    const beta = new Float64Array(size);
    const givenBeta = options.beta ?? 1;
    if (typeof givenBeta === "number") beta.fill(givenBeta);
    else if (givenBeta.length !== size) problems.push(bad("beta", `${givenBeta.length} values`, `one number, or ${size} values`));
    else beta.set(Array.from(givenBeta));
    if (beta.some((b) => !(b >= 0) || !Number.isFinite(b))) problems.push(bad("beta", "a negative or non-finite value", "β ≥ 0 (β < 0 would make inhibitory units excite, breaking Dale's law)"));
    if (problems.length) throw new CajalError(problems);

    this.size = size;
    this.nExc = nExc;
    this.gain = gain;
    this.inputScaling = inputScaling;
    this.initialRate = initialRate;
    this.beta = beta;
    // Separate streams, so changing how weights are drawn never changes the input weights.
    this.weights = normaliseBlocks(
      randomCsr(size, size, rng.stream("recurrent"), { probability: p, allowDiagonal: false }),
      [0, nExc, size],
      { per: "mean", target: 1 },
    );
    this.inputWeights = rng.stream("input").fillUniform(new Float64Array(size), -1, 1);
    this.inhStart = blockOffsets(this.weights, nExc);
    this.rates = new Float64Array(size).fill(initialRate);
    this.next = new Float64Array(size);
  }

  /** Number of inhibitory units. */
  get nInh(): number {
    return this.size - this.nExc;
  }

  /** Sets every rate back to `rate` (default the initial rate). β is left as it is. */
  reset(rate = this.initialRate): void {
    this.rates.fill(rate);
  }

  /** One step with input u: the rates become x(t+1). Returns `rates` (the same array every time). */
  step(u: number): Float64Array {
    const { rowStart, colIndex, values } = this.weights;
    const inhStart = this.inhStart;
    const x = this.rates;
    const next = this.next;
    const beta = this.beta;
    const win = this.inputWeights;
    const g = this.gain;
    const su = this.inputScaling * u;
    for (let i = 0; i < this.size; i++) {
      let exc = 0;
      let inh = 0;
      const mid = inhStart[i]!;
      const end = rowStart[i + 1]!;
      for (let k = rowStart[i]!; k < mid; k++) exc += values[k]! * x[colIndex[k]!]!;
      for (let k = mid; k < end; k++) inh += values[k]! * x[colIndex[k]!]!;
      const h = g * (exc - beta[i]! * inh) + su * win[i]!;
      next[i] = 1 / (1 + Math.exp(-h));
    }
    x.set(next);
    return x;
  }

  /**
   * Feeds `input` one value per step from the current rates (call `reset()` first for a fresh
   * start) and returns the states, input.length × size row-major: row t holds x after u(t).
   */
  run(input: ArrayLike<number>, options: RunOptions = {}): Float64Array {
    const record = options.record ?? true;
    const steps = input.length;
    const states = record ? options.states ?? new Float64Array(steps * this.size) : new Float64Array(0);
    if (record && states.length < steps * this.size) {
      throw new CajalError({
        ruleId: "reservoir-states-too-small", place: "RateReservoir.run.states",
        reason: `${states.length} values cannot hold ${steps} steps × ${this.size} units.`,
        expected: `at least ${steps * this.size} values`,
      });
    }
    const after = options.afterStep;
    for (let t = 0; t < steps; t++) {
      const x = this.step(input[t]!);
      if (record) states.set(x, t * this.size);
      if (after) after(t, x, this);
    }
    return states;
  }
}

/** Traces an adaptation run leaves behind, one value per step. */
export interface AdaptationTrace {
  /** mean_i |x_i − r*_i| after each step. */
  readonly meanAbsError: Float64Array;
  /** mean_i β_i after each step's update. */
  readonly meanBeta: Float64Array;
}

/** Options of `homeostaticInhibition`. */
export interface HomeostasisOptions {
  /** Target rate r*: one for all units, or one per unit, each in (0, 1). */
  readonly targets: number | ArrayLike<number>;
  /** Learning rate η; default 0.02. */
  readonly learningRate?: number;
  /** Steps to keep traces for (the adaptation run's length); default 0, no traces. */
  readonly traceSteps?: number;
}

/**
 * The local homeostatic rule as an `afterStep` hook: β_i ← max(0, β_i + η·(x_i − r*_i)), so a unit
 * firing above its target gets more inhibition. The returned `trace` fills as the run goes.
 *
 * @example
 * const rule = homeostaticInhibition(res, { targets: 0.3, traceSteps: 2000 });
 * res.run(adaptInput, { record: false, afterStep: rule.afterStep });
 */
export function homeostaticInhibition(
  reservoir: RateReservoir, options: HomeostasisOptions,
): { afterStep: AfterStep; targets: Float64Array; trace: AdaptationTrace } {
  const n = reservoir.size;
  const eta = options.learningRate ?? 0.02;
  const targets = targetArray(options.targets, n);
  const problems: Problem[] = [];
  if (!(eta > 0) || !Number.isFinite(eta)) problems.push(bad("learningRate", eta, "η > 0 (0.02 is the notebook's choice)"));
  if (targets.some((r) => !(r > 0 && r < 1))) problems.push(bad("targets", "a value outside (0, 1)", "target rates in (0, 1): a sigmoid unit reaches neither 0 nor 1"));
  const traceSteps = options.traceSteps ?? 0;
  if (!Number.isInteger(traceSteps) || traceSteps < 0) problems.push(bad("traceSteps", traceSteps, "an integer ≥ 0"));
  if (problems.length) throw new CajalError(problems);
  const trace = { meanAbsError: new Float64Array(traceSteps), meanBeta: new Float64Array(traceSteps) };
  const beta = reservoir.beta;
  const afterStep: AfterStep = (t, x) => {
    let err = 0;
    let sumBeta = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i]! - targets[i]!;
      err += Math.abs(d);
      const b = beta[i]! + eta * d;
      beta[i] = b > 0 ? b : 0; // the rule's own bound: inhibition cannot turn into excitation
      sumBeta += beta[i]!;
    }
    if (t < traceSteps) {
      trace.meanAbsError[t] = err / n;
      trace.meanBeta[t] = sumBeta / n;
    }
  };
  return { afterStep, targets, trace };
}

/**
 * The "one-step" alternative to iterative adaptation: β_i in closed form from a mean-field guess
 * that every unit already sits at its target, so that unit i's mean input maps onto its target,
 *
 *   β_i = max(0, (Σ_E w_ij r*_j − logit(r*_i)/g) / Σ_I w_ij r*_j),
 *
 * ignoring the input's fluctuations (it is exact for u = 0: the targets are then a fixed point).
 * A unit with no inhibitory input keeps its β. Returns the new β (also written into the reservoir).
 */
export function oneStepBeta(reservoir: RateReservoir, targets: number | ArrayLike<number>): Float64Array {
  const n = reservoir.size;
  const r = targetArray(targets, n);
  if (r.some((v) => !(v > 0 && v < 1))) throw new CajalError(bad("targets", "a value outside (0, 1)", "target rates in (0, 1)"));
  const { rowStart, colIndex, values } = reservoir.weights;
  const nExc = reservoir.nExc;
  for (let i = 0; i < n; i++) {
    let exc = 0;
    let inh = 0;
    for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
      const v = values[k]! * r[colIndex[k]!]!;
      if (colIndex[k]! < nExc) exc += v;
      else inh += v;
    }
    if (inh > 0) {
      const logit = Math.log(r[i]! / (1 - r[i]!));
      reservoir.beta[i] = Math.max(0, (exc - logit / reservoir.gain) / inh);
    }
  }
  return reservoir.beta;
}

function targetArray(targets: number | ArrayLike<number>, n: number): Float64Array {
  if (typeof targets === "number") return new Float64Array(n).fill(targets);
  if (targets.length !== n) throw new CajalError(bad("targets", `${targets.length} values`, `one rate, or ${n} rates`));
  return Float64Array.from(targets);
}

function bad(name: string, value: unknown, expected: string): Problem {
  return {
    ruleId: "reservoir-bad-parameter", place: `reservoir.${name}`,
    reason: `${typeof value === "number" ? value : String(value)} is not a valid ${name}.`, expected,
  };
}
