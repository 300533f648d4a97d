/**
 * Structure learning by surprise: a predictive-coding graph that grows a new value parent when no
 * existing one explains an observation. Each "source" is a continuous state (a slowly drifting
 * mean) with its own continuous input node; an observation goes to the source least surprised by
 * it, or — when every source's surprise exceeds a threshold — to a new source created at the
 * observation. Sources not chosen see no input that step: their beliefs only widen.
 *
 * This illustrates the paper's claim that network structure can adapt to surprising inputs; it is
 * a simple mixture-of-sources learner, not pyhgf's own structure-learning code.
 */
import { CajalError, type Problem } from "../../../core/errors.js";
import { PredictiveGraph } from "./graph.js";
import * as msg from "./messages.js";
import { continuousInputSurprise } from "./updates.js";

/** Options of `learnSourcesOnline`. */
export interface SourceLearningOptions {
  /** Create a new source when the smallest surprise exceeds this (nats); default 8. */
  readonly surpriseThreshold?: number;
  /** Observation precision of every source's input (1/variance); default 4 (s.d. 0.5). */
  readonly inputPrecision?: number;
  /** Tonic volatility ω of every source's mean; default −4. */
  readonly tonicVolatility?: number;
  /** Precision of a new source's mean when created at an observation; default equals `inputPrecision`. */
  readonly initialPrecision?: number;
}

/** The outcome of structure learning on a stream. */
export interface SourceLearningResult {
  /** The grown graph (inspect `graph.nodes`). */
  readonly graph: PredictiveGraph;
  /** For each sample, the index (creation order, 0-based) of the source that explained it. */
  readonly assignment: Int32Array;
  /** For each source, the sample at which it was created. */
  readonly createdAt: readonly number[];
  /** For each source, the ids of its state node and its input node. */
  readonly sources: readonly { readonly state: number; readonly input: number }[];
  /** For each sample, the smallest surprise over the sources that existed (Infinity for the first), nats. */
  readonly minSurprise: Float64Array;
}

/** Runs surprise-driven structure learning over a stream of real values. */
export function learnSourcesOnline(observations: ArrayLike<number>, options: SourceLearningOptions = {}): SourceLearningResult {
  const threshold = options.surpriseThreshold ?? 8;
  const inputPrecision = options.inputPrecision ?? 4;
  const omega = options.tonicVolatility ?? -4;
  const initialPrecision = options.initialPrecision ?? inputPrecision;
  const problems: Problem[] = [];
  if (!Number.isFinite(threshold)) problems.push(msg.badParameter("learnSourcesOnline", "surpriseThreshold", threshold, "a finite number of nats"));
  if (!(inputPrecision > 0 && Number.isFinite(inputPrecision))) problems.push(msg.badParameter("learnSourcesOnline", "inputPrecision", inputPrecision, "a finite number > 0"));
  if (!Number.isFinite(omega)) problems.push(msg.badParameter("learnSourcesOnline", "tonicVolatility", omega, "a finite number"));
  if (!(initialPrecision > 0 && Number.isFinite(initialPrecision))) problems.push(msg.badParameter("learnSourcesOnline", "initialPrecision", initialPrecision, "a finite number > 0"));
  for (let t = 0; t < observations.length; t++) {
    if (!Number.isFinite(observations[t]!)) {
      problems.push(msg.badObservation(`learnSourcesOnline.observations[${t}]`, `${observations[t]} is not a finite value.`, "finite numbers"));
      break;
    }
  }
  if (problems.length) throw new CajalError(problems);

  const graph = new PredictiveGraph();
  const sources: { state: number; input: number }[] = [];
  const createdAt: number[] = [];
  const assignment = new Int32Array(observations.length);
  const minSurprise = new Float64Array(observations.length);
  for (let t = 0; t < observations.length; t++) {
    const x = observations[t]!;
    graph.predict();
    let best = -1;
    let bestSurprise = Infinity;
    for (let s = 0; s < sources.length; s++) {
      const surprise = continuousInputSurprise(graph, sources[s]!.input, x);
      if (surprise < bestSurprise) {
        bestSurprise = surprise;
        best = s;
      }
    }
    minSurprise[t] = bestSurprise;
    if (bestSurprise > threshold) {
      // No source explains x: grow the graph. The new belief starts at the observation.
      const state = graph.addNode({ kind: "continuous-state", name: `source ${sources.length}`, mean: x, precision: initialPrecision, tonicVolatility: omega });
      const input = graph.addNode({ kind: "continuous-input", name: `input ${sources.length}`, inputPrecision }, { valueParents: [state] });
      sources.push({ state, input });
      createdAt.push(t);
      best = sources.length - 1;
      // The structure changed after the prediction phase: predict the new nodes so the step completes consistently.
      graph.predict();
    } else {
      graph.observe(sources[best]!.input, x);
    }
    graph.updatePosterior();
    assignment[t] = best;
  }
  return { graph, assignment, createdAt, sources, minSurprise };
}
