/**
 * Maximum-likelihood fits of one free parameter of a learner from an agent's choices, with the
 * binary softmax response model: ω₂ of the binary HGF, or α of Rescorla–Wagner. A 61-point grid
 * finds the basin, golden-section search refines it (`minimizeScalar`); the standard error comes
 * from the curvature of the negative log-likelihood at the optimum.
 */
import { CajalError } from "../../../core/errors.js";
import { minimizeScalar } from "../../../core/scalar-search.js";
import { binaryHgfPredictions, type BinaryHgfParams } from "./hgf.js";
import * as msg from "./messages.js";
import { binarySoftmaxTotalSurprise } from "./response.js";
import { rescorlaWagner } from "./rescorla-wagner.js";

/** One fitted parameter. */
export interface ScalarFit {
  /** The maximum-likelihood value. */
  readonly value: number;
  /** Negative log-likelihood (accumulated choice surprise, nats) at `value`. */
  readonly negLogLikelihood: number;
  /** Standard error from the curvature at `value` (NaN when the curvature is not positive, e.g. on a bound). */
  readonly standardError: number;
  /** Objective evaluations used. */
  readonly evaluations: number;
}

/** Options shared by the fits. */
export interface FitOptions {
  /** Inverse temperature ζ of the response model (known, not fitted). */
  readonly inverseTemperature: number;
  /** Search interval; defaults per model. */
  readonly low?: number;
  readonly high?: number;
  /** Grid points before golden-section refinement; default 61. */
  readonly gridPoints?: number;
}

function checkLengths(place: string, outcomes: ArrayLike<number>, choices: ArrayLike<number>): void {
  if (outcomes.length !== choices.length) throw new CajalError(msg.lengthMismatch(place, "outcomes and choices", outcomes.length, choices.length));
}

/**
 * Negative log-likelihood of choices under a binary HGF with the given ω₂ (other parameters from
 * `base`) and the binary softmax; Infinity where the filter breaks down.
 */
export function binaryHgfNegLogLikelihood(
  outcomes: ArrayLike<number>, choices: ArrayLike<number>, omega2: number, inverseTemperature: number,
  base: BinaryHgfParams = {}, scratch?: Float64Array,
): number {
  checkLengths("binaryHgfNegLogLikelihood", outcomes, choices);
  const beliefs = scratch && scratch.length === outcomes.length ? scratch : new Float64Array(outcomes.length);
  const broke = binaryHgfPredictions(outcomes, { ...base, omega2 }, beliefs);
  if (broke >= 0) return Infinity;
  return binarySoftmaxTotalSurprise(beliefs, choices, inverseTemperature);
}

/** Fits ω₂ of a binary HGF (default interval −7 … −1) to one agent's choices. */
export function fitBinaryHgfOmega2(
  outcomes: ArrayLike<number>, choices: ArrayLike<number>, options: FitOptions & { readonly base?: BinaryHgfParams },
): ScalarFit {
  checkLengths("fitBinaryHgfOmega2", outcomes, choices);
  const scratch = new Float64Array(outcomes.length);
  const f = (w: number) => binaryHgfNegLogLikelihood(outcomes, choices, w, options.inverseTemperature, options.base, scratch);
  return fitScalar(f, options.low ?? -7, options.high ?? -1, options.gridPoints ?? 61);
}

/** Negative log-likelihood of choices under Rescorla–Wagner with learning rate α and the binary softmax. */
export function rescorlaWagnerNegLogLikelihood(
  outcomes: ArrayLike<number>, choices: ArrayLike<number>, learningRate: number, inverseTemperature: number, scratch?: Float64Array,
): number {
  checkLengths("rescorlaWagnerNegLogLikelihood", outcomes, choices);
  const beliefs = rescorlaWagner(outcomes, { learningRate }, scratch && scratch.length >= outcomes.length ? scratch : undefined);
  return binarySoftmaxTotalSurprise(beliefs.subarray(0, outcomes.length), choices, inverseTemperature);
}

/** Fits α of Rescorla–Wagner (default interval 0.001 … 0.999) to one agent's choices. */
export function fitRescorlaWagner(outcomes: ArrayLike<number>, choices: ArrayLike<number>, options: FitOptions): ScalarFit {
  checkLengths("fitRescorlaWagner", outcomes, choices);
  const scratch = new Float64Array(outcomes.length);
  const f = (a: number) => rescorlaWagnerNegLogLikelihood(outcomes, choices, a, options.inverseTemperature, scratch);
  return fitScalar(f, options.low ?? 0.001, options.high ?? 0.999, options.gridPoints ?? 61);
}

function fitScalar(f: (x: number) => number, low: number, high: number, gridPoints: number): ScalarFit {
  const best = minimizeScalar(f, low, high, { gridPoints, tolerance: 1e-5 * (high - low) });
  const step = 1e-3 * (high - low);
  const standardError = best.x - step > low && best.x + step < high ? curvatureStandardError(f, best.x, step) : NaN;
  return { value: best.x, negLogLikelihood: best.fx, standardError, evaluations: best.evaluations + 3 };
}

/**
 * Standard error 1/√f″(x) of a maximum-likelihood estimate from the central second difference of
 * the negative log-likelihood `f` with step `h`; NaN when the curvature is not positive.
 */
export function curvatureStandardError(f: (x: number) => number, x: number, h: number): number {
  const curvature = (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);
  return curvature > 0 && Number.isFinite(curvature) ? 1 / Math.sqrt(curvature) : NaN;
}
