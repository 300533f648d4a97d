/**
 * A node of a predictive-coding graph: one Gaussian belief (mean, precision) about a hidden state
 * or an input, its prediction for the current step, its prediction errors, and its couplings.
 * Plain mutable data: the update functions read and write it, a notebook may inspect or edit it
 * between steps (as pyhgf's `attributes` dictionary).
 */

/**
 * What a node is:
 * - `continuous-state`: a hidden Gaussian random walk (an HGF level),
 * - `continuous-input`: a real-valued observation of its value parents with fixed precision,
 * - `binary-input`: a 0/1 observation whose probability is the logistic sigmoid of its value parent.
 */
export type NodeKind = "continuous-state" | "continuous-input" | "binary-input";

/** One edge seen from one end: the node at the other end and the coupling strength κ. */
export interface Coupling {
  /** Id of the node at the other end. */
  readonly node: number;
  /** Coupling strength κ (dimensionless); value coupling uses it as a weight, volatility coupling as the log-volatility slope. */
  strength: number;
}

/** The attributes of one node (pyhgf's names in camelCase). Precisions are inverse variances. */
export interface NodeAttributes {
  /** Stable id; never reused after removal. */
  readonly id: number;
  readonly kind: NodeKind;
  /** A label for plots and messages. */
  name: string;
  /** Posterior mean μ after the last step (for an input: the last observation). */
  mean: number;
  /** Posterior precision π after the last step (for a binary input: unused, kept at the prediction's). */
  precision: number;
  /** Prediction μ̂ for the current step. */
  expectedMean: number;
  /** Precision of the prediction, π̂. */
  expectedPrecision: number;
  /** Tonic volatility ω (log variance of the random walk per unit time); continuous states only. */
  tonicVolatility: number;
  /** Tonic drift ρ (mean change per unit time); continuous states only. */
  tonicDrift: number;
  /** Autoconnection strength λ: the previous mean is multiplied by it in the prediction (1: random walk). */
  autoconnection: number;
  /** Precision of a continuous input's observation noise (1/variance); continuous inputs only. */
  inputPrecision: number;
  /**
   * Predicted volatility Ω = Δt·exp(ω + Σ κ·μ̂ over volatility parents) computed by the last
   * prediction: the variance added by one step. Volatility parents use γ = Ω·π̂.
   */
  predictedVolatility: number;
  /** Value prediction error δ = μ − μ̂ (for inputs: observation − prediction). */
  valuePredictionError: number;
  /** Volatility prediction error Δ = π̂/π + π̂·δ² − 1 (continuous states only). */
  volatilityPredictionError: number;
  /** Surprise −log p(observation | prediction) in nats of the last observation (inputs only; NaN otherwise). */
  surprise: number;
  /** Whether this node received information in the last step (an observation, or an informed child). */
  informed: boolean;
  /** Parents predicting this node's mean. */
  readonly valueParents: Coupling[];
  /** Parents predicting this node's log-volatility. */
  readonly volatilityParents: Coupling[];
  /** Children whose mean this node predicts. */
  readonly valueChildren: Coupling[];
  /** Children whose log-volatility this node predicts. */
  readonly volatilityChildren: Coupling[];
}

/** What `addNode` accepts: the kind and any initial attributes (the rest take their defaults). */
export interface NodeSpec {
  readonly kind: NodeKind;
  readonly name?: string;
  /** Initial posterior mean; default 0 (binary inputs: 0.5 is not used). */
  readonly mean?: number;
  /** Initial posterior precision; default 1. */
  readonly precision?: number;
  /** Tonic volatility ω; default −4. */
  readonly tonicVolatility?: number;
  /** Tonic drift ρ; default 0. */
  readonly tonicDrift?: number;
  /** Autoconnection λ; default 1. */
  readonly autoconnection?: number;
  /** Observation precision of a continuous input; default 1e4 (nearly noiseless). */
  readonly inputPrecision?: number;
}

/** Default attribute values (pyhgf's defaults for a continuous node where they exist). */
export const NODE_DEFAULTS = {
  mean: 0,
  precision: 1,
  tonicVolatility: -4,
  tonicDrift: 0,
  autoconnection: 1,
  inputPrecision: 1e4,
} as const;

/** Makes a node record from a spec; validation happens in the graph, which knows the place. */
export function createNode(id: number, spec: NodeSpec): NodeAttributes {
  const mean = spec.mean ?? NODE_DEFAULTS.mean;
  const precision = spec.precision ?? NODE_DEFAULTS.precision;
  return {
    id,
    kind: spec.kind,
    name: spec.name ?? `${spec.kind} ${id}`,
    mean,
    precision,
    expectedMean: mean,
    expectedPrecision: precision,
    tonicVolatility: spec.tonicVolatility ?? NODE_DEFAULTS.tonicVolatility,
    tonicDrift: spec.tonicDrift ?? NODE_DEFAULTS.tonicDrift,
    autoconnection: spec.autoconnection ?? NODE_DEFAULTS.autoconnection,
    inputPrecision: spec.inputPrecision ?? NODE_DEFAULTS.inputPrecision,
    predictedVolatility: NaN,
    valuePredictionError: 0,
    volatilityPredictionError: 0,
    surprise: NaN,
    informed: false,
    valueParents: [],
    volatilityParents: [],
    valueChildren: [],
    volatilityChildren: [],
  };
}

/** Whether a node is an input (observed directly). */
export function isInput(node: NodeAttributes): boolean {
  return node.kind !== "continuous-state";
}
