/**
 * The local update functions of the generalised HGF (Mathys et al. 2011, 2014; Weber et al.
 * 2023), each reading and writing one node and its immediate neighbours:
 *
 * - predictions, run top-down (parents before children): what each node expects this step;
 * - observations, run on inputs: the prediction error of the new value;
 * - posteriors, run bottom-up (children before parents): precision-weighted prediction errors
 *   from value children and volatility children change a continuous state's belief, and the
 *   node's own prediction errors are computed for its parents.
 *
 * The equations follow the forms written in pyhgf's update functions (not its code), with Δt the
 * time since the last step.
 */
import type { NodeAttributes } from "./node.js";

/** Read access to a graph's nodes by id, all an update function needs. */
export interface NodeLookup {
  /** The node with this id (throws for a missing id: a broken sequence is a bug at this level). */
  nodeAt(id: number): NodeAttributes;
}

/** Names of the update functions; an update sequence lists (node, name) pairs. */
export type UpdateName = "continuousPrediction" | "continuousInputPrediction" | "binaryInputPrediction" | "continuousPosterior";

/** An update function: changes node `id` using its neighbours. `timeStep` is Δt (time units of ω). */
export type UpdateFunction = (graph: NodeLookup, id: number, timeStep: number) => void;

const LOG_2PI = Math.log(2 * Math.PI);

/** Logistic sigmoid 1/(1+e^−x). */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * Prediction of a continuous state (an HGF level):
 * μ̂ = λ·μ + Δt·(ρ + Σ κ·μ̂_p over value parents),
 * Ω = Δt·exp(ω + Σ κ·μ̂_p over volatility parents),  π̂ = 1 / (1/π + Ω).
 */
export function continuousPrediction(graph: NodeLookup, id: number, timeStep: number): void {
  const node = graph.nodeAt(id);
  let drift = node.tonicDrift;
  for (const c of node.valueParents) drift += c.strength * graph.nodeAt(c.node).expectedMean;
  let logVolatility = node.tonicVolatility;
  for (const c of node.volatilityParents) logVolatility += c.strength * graph.nodeAt(c.node).expectedMean;
  const omega = timeStep * Math.exp(logVolatility);
  node.predictedVolatility = omega;
  node.expectedMean = node.autoconnection * node.mean + timeStep * drift;
  node.expectedPrecision = 1 / (1 / node.precision + omega);
  node.informed = false;
}

/** Prediction of a continuous input: μ̂ = Σ κ·μ̂_p over value parents, π̂ = the input precision. */
export function continuousInputPrediction(graph: NodeLookup, id: number): void {
  const node = graph.nodeAt(id);
  let mean = 0;
  for (const c of node.valueParents) mean += c.strength * graph.nodeAt(c.node).expectedMean;
  node.expectedMean = mean;
  node.expectedPrecision = node.inputPrecision;
  node.informed = false;
}

/** Prediction of a binary input: μ̂ = σ(Σ κ·μ̂_p), π̂ = 1/(μ̂(1−μ̂)) (Mathys et al. 2011, eq. 23). */
export function binaryInputPrediction(graph: NodeLookup, id: number): void {
  const node = graph.nodeAt(id);
  let x = 0;
  for (const c of node.valueParents) x += c.strength * graph.nodeAt(c.node).expectedMean;
  const p = sigmoid(x);
  node.expectedMean = p;
  node.expectedPrecision = 1 / (p * (1 - p));
  node.informed = false;
}

/**
 * Variance of a continuous input's predictive distribution: 1/π_u + Σ κ²/π̂_p over value parents.
 * Its negative log density at the observation is the input's surprise.
 */
export function continuousInputPredictiveVariance(graph: NodeLookup, id: number): number {
  const node = graph.nodeAt(id);
  let variance = 1 / node.inputPrecision;
  for (const c of node.valueParents) variance += (c.strength * c.strength) / graph.nodeAt(c.node).expectedPrecision;
  return variance;
}

/** Surprise −log N(value; μ̂, variance) of a real value under a continuous input's prediction, in nats. */
export function continuousInputSurprise(graph: NodeLookup, id: number, value: number): number {
  const node = graph.nodeAt(id);
  const variance = continuousInputPredictiveVariance(graph, id);
  const d = value - node.expectedMean;
  return 0.5 * (LOG_2PI + Math.log(variance) + (d * d) / variance);
}

/**
 * Writes an observation into a continuous input: mean = u, δ = u − μ̂, surprise under the
 * predictive distribution. Call after the prediction of the step.
 */
export function observeContinuousInput(graph: NodeLookup, id: number, value: number): void {
  const node = graph.nodeAt(id);
  node.surprise = continuousInputSurprise(graph, id, value);
  node.mean = value;
  node.precision = node.inputPrecision;
  node.valuePredictionError = value - node.expectedMean;
  node.informed = true;
}

/** Writes a 0/1 observation into a binary input: mean = u, δ = u − μ̂, surprise −log p(u). */
export function observeBinaryInput(graph: NodeLookup, id: number, value: number): void {
  const node = graph.nodeAt(id);
  const p = node.expectedMean;
  node.surprise = value === 1 ? -Math.log(p) : -Math.log(1 - p);
  node.mean = value;
  node.valuePredictionError = value - p;
  node.informed = true;
}

/**
 * Posterior of a continuous state from its informed children (Mathys et al. 2014, eqs. 9–10 and
 * their value-coupling counterparts), precision first, then the mean with the new precision:
 *
 * value children c:  π += κ²·π̂_c (binary c: κ²/π̂_c = κ²·μ̂_c(1−μ̂_c)),
 *                    μ-step += κ·π̂_c·δ_c (binary c: κ·δ_c);
 * volatility children c, with γ = Ω_c·π̂_c and Δ_c = π̂_c/π_c + π̂_c·δ_c² − 1:
 *                    π += ½(κγ)² + (κγ)²Δ − ½κ²γΔ,  μ-step += ½κγΔ;
 * μ = μ̂ + μ-step / π.
 *
 * Then the node's own prediction errors, for its parents: δ = μ − μ̂, Δ = π̂/π + π̂δ² − 1.
 * A node without informed children keeps its prediction (π = π̂, μ = μ̂) and is not informed.
 */
export function continuousPosterior(graph: NodeLookup, id: number): void {
  const node = graph.nodeAt(id);
  let precision = node.expectedPrecision;
  let meanStep = 0;
  let informed = false;
  for (const c of node.valueChildren) {
    const child = graph.nodeAt(c.node);
    if (!child.informed) continue;
    informed = true;
    const k = c.strength;
    if (child.kind === "binary-input") {
      precision += (k * k) / child.expectedPrecision;
      meanStep += k * child.valuePredictionError;
    } else {
      precision += k * k * child.expectedPrecision;
      meanStep += k * child.expectedPrecision * child.valuePredictionError;
    }
  }
  for (const c of node.volatilityChildren) {
    const child = graph.nodeAt(c.node);
    if (!child.informed) continue;
    informed = true;
    const k = c.strength;
    const gamma = child.predictedVolatility * child.expectedPrecision;
    const delta = child.volatilityPredictionError;
    const kg = k * gamma;
    precision += 0.5 * kg * kg + kg * kg * delta - 0.5 * k * k * gamma * delta;
    meanStep += 0.5 * kg * delta;
  }
  node.informed = informed;
  if (!informed) {
    node.precision = node.expectedPrecision;
    node.mean = node.expectedMean;
  } else {
    node.precision = precision;
    node.mean = node.expectedMean + meanStep / precision;
  }
  const d = node.mean - node.expectedMean;
  node.valuePredictionError = d;
  node.volatilityPredictionError = node.expectedPrecision / node.precision + node.expectedPrecision * d * d - 1;
}

/** The registry: update name → function (observations are applied by the graph between the two phases). */
export const UPDATE_FUNCTIONS: Readonly<Record<UpdateName, UpdateFunction>> = {
  continuousPrediction,
  continuousInputPrediction,
  binaryInputPrediction,
  continuousPosterior,
};
