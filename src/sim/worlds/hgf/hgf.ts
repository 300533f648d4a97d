/**
 * The standard Hierarchical Gaussian Filters built on the predictive-coding graph:
 * - the binary HGF (Mathys et al. 2011): a binary input whose log-odds is level 2, with an optional
 *   level 3 predicting level 2's log-volatility (2 or 3 levels);
 * - the continuous HGF: a real-valued input of fixed precision observing level 1, with an optional
 *   level 2 predicting level 1's log-volatility (1 level is a Kalman filter of a random walk).
 *
 * The filters return per-trial trajectories as typed arrays.
 */
import { CajalError, type Problem } from "../../../core/errors.js";
import { PredictiveGraph } from "./graph.js";
import * as msg from "./messages.js";

/** Parameters of the binary HGF. Defaults are this project's notebook choices, not the paper's values. */
export interface BinaryHgfParams {
  /** Number of hidden levels: 2 (log-odds only) or 3 (with a volatility level); default 3. */
  readonly levels?: 2 | 3;
  /** Tonic volatility ω₂ of level 2 (log variance per trial); default −4. */
  readonly omega2?: number;
  /** Tonic volatility ω₃ of level 3; default −6. */
  readonly omega3?: number;
  /** Volatility coupling κ from level 3 to level 2; default 1. */
  readonly kappa?: number;
  /** Initial mean of level 2 (log-odds); default 0. */
  readonly mean2?: number;
  /** Initial precision of level 2; default 1. */
  readonly precision2?: number;
  /** Initial mean of level 3; default 1. */
  readonly mean3?: number;
  /** Initial precision of level 3; default 1. */
  readonly precision3?: number;
}

/** A binary HGF: its graph and the ids of its nodes (`level3` is −1 for 2 levels). */
export interface BinaryHgf {
  readonly graph: PredictiveGraph;
  readonly input: number;
  readonly level2: number;
  readonly level3: number;
}

/** Builds a binary HGF as a predictive-coding graph. */
export function binaryHgf(params: BinaryHgfParams = {}): BinaryHgf {
  const levels = params.levels ?? 3;
  const problems: Problem[] = [];
  if (levels !== 2 && levels !== 3) problems.push(msg.badParameter("binaryHgf", "levels", levels, "2 or 3"));
  checkFinite(problems, "binaryHgf", params, ["omega2", "omega3", "kappa", "mean2", "mean3"]);
  checkPositive(problems, "binaryHgf", params, ["precision2", "precision3"]);
  if (problems.length) throw new CajalError(problems);
  const graph = new PredictiveGraph();
  const level3 = levels === 3
    ? graph.addNode({ kind: "continuous-state", name: "x3 (volatility)", mean: params.mean3 ?? 1, precision: params.precision3 ?? 1, tonicVolatility: params.omega3 ?? -6 })
    : -1;
  const level2 = graph.addNode(
    { kind: "continuous-state", name: "x2 (log-odds)", mean: params.mean2 ?? 0, precision: params.precision2 ?? 1, tonicVolatility: params.omega2 ?? -4 },
    level3 >= 0 ? { volatilityParents: [[level3, params.kappa ?? 1]] } : {},
  );
  const input = graph.addNode({ kind: "binary-input", name: "u (outcome)" }, { valueParents: [level2] });
  return { graph, input, level2, level3 };
}

/** What a binary HGF believed on each trial. Index t is trial t. */
export interface BinaryHgfTrajectories {
  /** μ̂₁: predicted probability that outcome t is 1, before seeing it. */
  readonly expectedMean1: Float64Array;
  /** μ₂, π₂: posterior of level 2 after outcome t. */
  readonly mean2: Float64Array;
  readonly precision2: Float64Array;
  /** μ₃, π₃: posterior of level 3 after outcome t (NaN with 2 levels). */
  readonly mean3: Float64Array;
  readonly precision3: Float64Array;
  /** Surprise −log p(u_t) of each outcome under the prediction, nats. */
  readonly surprise: Float64Array;
  /** Sum of `surprise`. */
  readonly totalSurprise: number;
  /** First trial after which a belief broke down (precision ≤ 0 or non-finite); −1 if none. */
  readonly brokeDownAt: number;
}

/** Filters a 0/1 outcome sequence through a binary HGF. */
export function filterBinaryHgf(outcomes: ArrayLike<number>, params: BinaryHgfParams = {}): BinaryHgfTrajectories {
  const { graph, input, level2, level3 } = binaryHgf(params);
  const n = outcomes.length;
  const expectedMean1 = new Float64Array(n);
  const mean2 = new Float64Array(n);
  const precision2 = new Float64Array(n);
  const mean3 = new Float64Array(n).fill(NaN);
  const precision3 = new Float64Array(n).fill(NaN);
  const surprise = new Float64Array(n);
  const u = graph.nodeAt(input);
  const x2 = graph.nodeAt(level2);
  const x3 = level3 >= 0 ? graph.nodeAt(level3) : undefined;
  let total = 0;
  for (let t = 0; t < n; t++) {
    graph.predict();
    expectedMean1[t] = u.expectedMean;
    graph.observe(input, outcomes[t]!);
    graph.updatePosterior();
    mean2[t] = x2.mean;
    precision2[t] = x2.precision;
    if (x3) {
      mean3[t] = x3.mean;
      precision3[t] = x3.precision;
    }
    surprise[t] = u.surprise;
    total += u.surprise;
  }
  return { expectedMean1, mean2, precision2, mean3, precision3, surprise, totalSurprise: total, brokeDownAt: graph.brokeDownAt };
}

/**
 * Predictions μ̂₁ of a binary HGF for an outcome sequence, written into `out` (no trajectories
 * kept): the inner loop of likelihood fitting. Returns the trial after which beliefs broke down, or −1.
 */
export function binaryHgfPredictions(outcomes: ArrayLike<number>, params: BinaryHgfParams, out: Float64Array): number {
  const { graph, input } = binaryHgf(params);
  const u = graph.nodeAt(input);
  for (let t = 0; t < outcomes.length; t++) {
    graph.predict();
    out[t] = u.expectedMean;
    graph.observe(input, outcomes[t]!);
    graph.updatePosterior();
  }
  return graph.brokeDownAt;
}

/** Parameters of the continuous HGF. Defaults are this project's notebook choices. */
export interface ContinuousHgfParams {
  /** Hidden levels: 1 (a random walk, i.e. a Kalman filter) or 2 (with a volatility level); default 2. */
  readonly levels?: 1 | 2;
  /** Precision of the observation noise (1/variance); default 25 (s.d. 0.2). */
  readonly inputPrecision?: number;
  /** Tonic volatility ω₁ of level 1; default −6. */
  readonly omega1?: number;
  /** Tonic volatility ω₂ of level 2; default −6. */
  readonly omega2?: number;
  /** Volatility coupling κ from level 2 to level 1; default 1. */
  readonly kappa?: number;
  /** Initial mean of level 1; default 0. */
  readonly mean1?: number;
  /** Initial precision of level 1; default 1. */
  readonly precision1?: number;
  /** Initial mean of level 2; default 0. */
  readonly mean2?: number;
  /** Initial precision of level 2; default 1. */
  readonly precision2?: number;
}

/** A continuous HGF: its graph and node ids (`level2` is −1 for 1 level). */
export interface ContinuousHgf {
  readonly graph: PredictiveGraph;
  readonly input: number;
  readonly level1: number;
  readonly level2: number;
}

/** Builds a continuous HGF as a predictive-coding graph. */
export function continuousHgf(params: ContinuousHgfParams = {}): ContinuousHgf {
  const levels = params.levels ?? 2;
  const problems: Problem[] = [];
  if (levels !== 1 && levels !== 2) problems.push(msg.badParameter("continuousHgf", "levels", levels, "1 or 2"));
  checkFinite(problems, "continuousHgf", params, ["omega1", "omega2", "kappa", "mean1", "mean2"]);
  checkPositive(problems, "continuousHgf", params, ["inputPrecision", "precision1", "precision2"]);
  if (problems.length) throw new CajalError(problems);
  const graph = new PredictiveGraph();
  const level2 = levels === 2
    ? graph.addNode({ kind: "continuous-state", name: "x2 (volatility)", mean: params.mean2 ?? 0, precision: params.precision2 ?? 1, tonicVolatility: params.omega2 ?? -6 })
    : -1;
  const level1 = graph.addNode(
    { kind: "continuous-state", name: "x1 (value)", mean: params.mean1 ?? 0, precision: params.precision1 ?? 1, tonicVolatility: params.omega1 ?? -6 },
    level2 >= 0 ? { volatilityParents: [[level2, params.kappa ?? 1]] } : {},
  );
  const input = graph.addNode({ kind: "continuous-input", name: "u (input)", inputPrecision: params.inputPrecision ?? 25 }, { valueParents: [level1] });
  return { graph, input, level1, level2 };
}

/** What a continuous HGF believed at each sample. */
export interface ContinuousHgfTrajectories {
  /** μ̂₁: prediction of sample t before seeing it. */
  readonly expectedMean1: Float64Array;
  /** μ₁, π₁: posterior of level 1 after sample t. */
  readonly mean1: Float64Array;
  readonly precision1: Float64Array;
  /** μ₂, π₂: posterior of level 2 after sample t (NaN with 1 level). */
  readonly mean2: Float64Array;
  readonly precision2: Float64Array;
  /** Implied learning rate (μ₁ − μ̂₁)/(u − μ̂₁): the share of the prediction error taken on (NaN when u = μ̂₁). */
  readonly learningRate: Float64Array;
  /** Surprise −log p(u_t) under the predictive distribution, nats. */
  readonly surprise: Float64Array;
  readonly totalSurprise: number;
  readonly brokeDownAt: number;
}

/** Filters a real-valued series through a continuous HGF. */
export function filterContinuousHgf(inputs: ArrayLike<number>, params: ContinuousHgfParams = {}): ContinuousHgfTrajectories {
  const { graph, input, level1, level2 } = continuousHgf(params);
  const n = inputs.length;
  const expectedMean1 = new Float64Array(n);
  const mean1 = new Float64Array(n);
  const precision1 = new Float64Array(n);
  const mean2 = new Float64Array(n).fill(NaN);
  const precision2 = new Float64Array(n).fill(NaN);
  const learningRate = new Float64Array(n);
  const surprise = new Float64Array(n);
  const u = graph.nodeAt(input);
  const x1 = graph.nodeAt(level1);
  const x2 = level2 >= 0 ? graph.nodeAt(level2) : undefined;
  let total = 0;
  for (let t = 0; t < n; t++) {
    graph.predict();
    expectedMean1[t] = x1.expectedMean;
    graph.observe(input, inputs[t]!);
    graph.updatePosterior();
    mean1[t] = x1.mean;
    precision1[t] = x1.precision;
    if (x2) {
      mean2[t] = x2.mean;
      precision2[t] = x2.precision;
    }
    const error = inputs[t]! - expectedMean1[t]!;
    learningRate[t] = error === 0 ? NaN : (x1.mean - expectedMean1[t]!) / error;
    surprise[t] = u.surprise;
    total += u.surprise;
  }
  return { expectedMean1, mean1, precision1, mean2, precision2, learningRate, surprise, totalSurprise: total, brokeDownAt: graph.brokeDownAt };
}

function checkFinite(problems: Problem[], place: string, params: object, names: readonly string[]): void {
  for (const name of names) {
    const v = (params as Record<string, unknown>)[name];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v))) problems.push(msg.badParameter(place, name, Number(v), "a finite number"));
  }
}

function checkPositive(problems: Problem[], place: string, params: object, names: readonly string[]): void {
  for (const name of names) {
    const v = (params as Record<string, unknown>)[name];
    if (v !== undefined && !(typeof v === "number" && v > 0 && Number.isFinite(v))) problems.push(msg.badParameter(place, name, Number(v), "a finite number > 0"));
  }
}
