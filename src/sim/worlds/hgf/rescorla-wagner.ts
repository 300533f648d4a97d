/**
 * The Rescorla–Wagner learner (Rescorla & Wagner 1972): one value updated by a fixed share α of
 * each prediction error, v ← v + α(u − v). The reference competitor of the HGF in model comparison.
 */
import { CajalError, type Problem } from "../../../core/errors.js";
import * as msg from "./messages.js";

/** Parameters of the Rescorla–Wagner learner. */
export interface RescorlaWagnerParams {
  /** Learning rate α in [0, 1]. */
  readonly learningRate: number;
  /** Value before the first outcome; default 0.5. */
  readonly initialValue?: number;
}

/**
 * Predictions of a Rescorla–Wagner learner: `out[t]` is the value before outcome t is seen.
 * Writes into `out` when given (no allocation in fitting loops).
 */
export function rescorlaWagner(outcomes: ArrayLike<number>, params: RescorlaWagnerParams, out?: Float64Array): Float64Array {
  const alpha = params.learningRate;
  const v0 = params.initialValue ?? 0.5;
  const problems: Problem[] = [];
  if (!(alpha >= 0 && alpha <= 1)) problems.push(msg.badParameter("rescorlaWagner", "learningRate", alpha, "α in [0, 1]"));
  if (!Number.isFinite(v0)) problems.push(msg.badParameter("rescorlaWagner", "initialValue", v0, "a finite number"));
  if (out && out.length < outcomes.length) problems.push(msg.lengthMismatch("rescorlaWagner", "outcomes and out", outcomes.length, out.length));
  if (problems.length) throw new CajalError(problems);
  const predictions = out ?? new Float64Array(outcomes.length);
  let v = v0;
  for (let t = 0; t < outcomes.length; t++) {
    predictions[t] = v;
    v += alpha * (outcomes[t]! - v);
  }
  return predictions;
}
