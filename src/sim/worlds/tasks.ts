/**
 * Benchmark tasks of reservoir computing, each generated from a seeded rng, and the scores a
 * readout gets on them:
 * - memory capacity (Jaeger 2002): i.i.d. uniform input, MC = Σ_k r²(u(t−k), ŷ_k(t));
 * - NARMA-10 (Atiya & Parlos 2000): a tenth-order nonlinear autoregressive target driven by the input;
 * - Mackey–Glass (1977): the delay differential equation dx/dt = a·x(t−τ)/(1 + x(t−τ)ⁿ) − b·x,
 *   integrated with fixed-step RK4 and cubic Hermite interpolation of the delayed value.
 *
 * States are row-major (one row per time step, row t = the reservoir after input u(t)), and a run is
 * split in time: washout rows are dropped, then a training block, then a test block.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import { nrmse, predict, RidgeSolver, rowRange, squaredCorrelation, type DesignMatrix } from "../../core/ridge.js";
import type { Rng } from "../../core/rng.js";

/** Memory-capacity input: `steps` values uniform on [low, high), default (−1, 1). */
export function uniformInput(steps: number, rng: Rng, low = -1, high = 1): Float64Array {
  checkSteps(steps, "tasks.uniformInput");
  return rng.fillUniform(new Float64Array(steps), low, high);
}

/** A NARMA series: the input it was driven by and the target. */
export interface NarmaSeries {
  /** u(t), in [0, 0.5) for the standard task. */
  readonly input: Float64Array;
  /** target[t] = y(t+1): the output that inputs up to u(t) determine, aligned with state row t. */
  readonly target: Float64Array;
}

/**
 * The NARMA-`order` output for a given input (order 10 is the usual benchmark):
 *
 *   y(t+1) = 0.3·y(t) + 0.05·y(t)·Σ_{i=0}^{order−1} y(t−i) + 1.5·u(t−order+1)·u(t) + 0.1,
 *
 * with y and u zero before the start. Throws if the series diverges (it can for inputs outside
 * [0, 0.5]).
 */
export function narma(input: ArrayLike<number>, order = 10): NarmaSeries {
  if (!Number.isInteger(order) || order < 1) throw new CajalError(bad("tasks.narma.order", order, "an integer ≥ 1"));
  const steps = input.length;
  const u = Float64Array.from(input);
  const y = new Float64Array(steps + 1); // y[t], t = 0 … steps
  let window = 0; // Σ_{i=0}^{order−1} y(t−i), kept as a running sum
  for (let t = 0; t < steps; t++) {
    window += y[t]!;
    if (t - order >= 0) window -= y[t - order]!;
    const uLag = t - order + 1 >= 0 ? u[t - order + 1]! : 0;
    const next = 0.3 * y[t]! + 0.05 * y[t]! * window + 1.5 * uLag * u[t]! + 0.1;
    if (!Number.isFinite(next) || Math.abs(next) > 1e6) {
      throw new CajalError({
        ruleId: "narma-diverged", place: `tasks.narma, step ${t}`, reason: `the NARMA-${order} series diverged (y = ${next}).`,
        expected: "inputs in [0, 0.5], for which the series stays bounded",
        fix: "scale the input into [0, 0.5], or draw it with another seed.",
      });
    }
    y[t + 1] = next;
  }
  return { input: u, target: y.subarray(1) };
}

/** NARMA-10 with input u ~ U(0, 0.5), `steps` long. Feed the reservoir a rescaled copy (e.g. 4u − 1). */
export function narma10(steps: number, rng: Rng): NarmaSeries {
  checkSteps(steps, "tasks.narma10");
  return narma(rng.fillUniform(new Float64Array(steps), 0, 0.5), 10);
}

/** Options of `mackeyGlass`. Times are in the equation's own units. */
export interface MackeyGlassOptions {
  /** Delay τ; default 17 (mildly chaotic). */
  readonly tau?: number;
  /** Production rate a; default 0.2. */
  readonly a?: number;
  /** Decay rate b; default 0.1. */
  readonly b?: number;
  /** Hill exponent n; default 10. */
  readonly n?: number;
  /** Integration step h; τ/h must be a whole number; default 0.1. */
  readonly step?: number;
  /** Time between returned samples, a whole number of steps; default 1. */
  readonly sampleInterval?: number;
  /** Time integrated and discarded before the first sample; default 1000. */
  readonly transient?: number;
  /** Constant history x(t ≤ 0); default drawn from the rng, uniform on [0.5, 1.5). */
  readonly initial?: number;
}

/**
 * `samples` values of the Mackey–Glass series x(t0), x(t0 + Δ), … (t0 = transient, Δ = sampleInterval).
 * Fixed-step RK4 on a grid where τ is a whole number of steps, so x(t−τ) and x(t−τ+h) are grid
 * values; x(t−τ+h/2) is the cubic Hermite midpoint of its two neighbours, from their stored
 * derivatives (fourth-order accurate, so RK4 keeps its order).
 */
export function mackeyGlass(samples: number, rng: Rng, options: MackeyGlassOptions = {}): Float64Array {
  checkSteps(samples, "tasks.mackeyGlass");
  const tau = options.tau ?? 17;
  const a = options.a ?? 0.2;
  const b = options.b ?? 0.1;
  const n = options.n ?? 10;
  const h = options.step ?? 0.1;
  const interval = options.sampleInterval ?? 1;
  const transient = options.transient ?? 1000;
  const x0 = options.initial ?? rng.uniformIn(0.5, 1.5);
  const problems: Problem[] = [];
  const delaySteps = Math.round(tau / h);
  const every = Math.round(interval / h);
  const skip = Math.round(transient / h);
  const isWhole = (v: number, k: number) => k >= 1 && Math.abs(v - k * h) <= 1e-9 * Math.max(1, v);
  if (!(h > 0)) problems.push(bad("tasks.mackeyGlass.step", h, "a step > 0"));
  else {
    if (!isWhole(tau, delaySteps)) problems.push(bad("tasks.mackeyGlass.tau", tau, `a whole multiple of the step ${h}`));
    if (!isWhole(interval, every)) problems.push(bad("tasks.mackeyGlass.sampleInterval", interval, `a whole multiple of the step ${h}`));
    if (!(transient >= 0) || (transient > 0 && !isWhole(transient, skip))) {
      problems.push(bad("tasks.mackeyGlass.transient", transient, `0 or a whole multiple of the step ${h}`));
    }
  }
  if (!(x0 >= 0)) problems.push(bad("tasks.mackeyGlass.initial", x0, "a history x ≥ 0"));
  if (problems.length) throw new CajalError(problems);

  const f = (x: number, xd: number) => (a * xd) / (1 + Math.pow(xd, n)) - b * x;
  // Ring buffers of the last delaySteps + 1 grid values of x and of dx/dt; the history is constant.
  const size = delaySteps + 1;
  const xs = new Float64Array(size).fill(x0);
  const ds = new Float64Array(size); // constant history has zero derivative
  let head = 0; // index of the current time's slot
  let x = x0;
  // ds[head] stays 0: seen from later times, slot 0 belongs to the constant history's left side.
  const out = new Float64Array(samples);
  let taken = 0;
  const totalSteps = skip + (samples - 1) * every;
  for (let s = 0; ; s++) {
    if (s >= skip && (s - skip) % every === 0) {
      out[taken++] = x;
      if (taken === samples) break;
    }
    if (s >= totalSteps) break; // unreachable; guards the loop
    // Delayed values: slot (head + 1) holds t − τ (the oldest), slot (head + 2) holds t − τ + h.
    const old = (head + 1) % size;
    const older = (head + 2) % size;
    const xd0 = xs[old]!;
    const xd1 = delaySteps === 1 ? x : xs[older]!;
    const dd0 = ds[old]!;
    const dd1 = delaySteps === 1 ? ds[head]! : ds[older]!;
    const xdMid = 0.5 * (xd0 + xd1) + (h * (dd0 - dd1)) / 8;
    const k1 = f(x, xd0);
    const k2 = f(x + 0.5 * h * k1, xdMid);
    const k3 = f(x + 0.5 * h * k2, xdMid);
    const k4 = f(x + h * k3, xd1);
    x += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    head = old; // the oldest slot becomes the newest
    xs[head] = x;
    ds[head] = f(x, xd1);
  }
  return out;
}

/** Where a run's rows are cut: washout [0, trainStart), training [trainStart, trainEnd), test [trainEnd, end). */
export interface TimeSplit {
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly end: number;
}

/** Options of the scores: the time split and the ridge penalty. */
export interface ReadoutOptions {
  /** Rows dropped at the start; default 200. */
  readonly washout?: number;
  /** Fraction of the remaining rows used for training, the rest for testing; default 0.7. */
  readonly trainFraction?: number;
  /** Ridge penalty λ; default 1e-6. */
  readonly lambda?: number;
}

/** The washout / train / test split of `steps` rows. */
export function timeSplit(steps: number, options: ReadoutOptions = {}): TimeSplit {
  const washout = options.washout ?? 200;
  const fraction = options.trainFraction ?? 0.7;
  const trainEnd = washout + Math.round(fraction * (steps - washout));
  if (!Number.isInteger(washout) || washout < 0 || !(fraction > 0 && fraction < 1) || trainEnd <= washout || trainEnd >= steps) {
    throw new CajalError({
      ruleId: "tasks-bad-split", place: "tasks.timeSplit",
      reason: `a washout of ${washout} and a train fraction of ${fraction} leave no training or no test rows of ${steps}.`,
      expected: "an integer washout < steps and a fraction in (0, 1) leaving rows on both sides",
    });
  }
  return { trainStart: washout, trainEnd, end: steps };
}

/** Memory capacity: the total and the r² of each delay 1 … maxDelay, on the test rows. */
export interface MemoryCapacity {
  readonly total: number;
  /** perDelay[k − 1] = r²(u(t − k), ŷ_k(t)) on the test rows. */
  readonly perDelay: Float64Array;
}

/**
 * MC = Σ_{k=1}^{maxDelay} r²(u(t−k), ŷ_k(t)), each ŷ_k a ridge readout of the states trained on the
 * training rows and scored on the test rows. One factorisation serves every delay. A constant
 * prediction (r² undefined) counts as 0: it carries no memory.
 *
 * @example
 * const mc = memoryCapacity({ data: states, rows: 2500, cols: 400 }, input, { maxDelay: 60 });
 */
export function memoryCapacity(
  states: DesignMatrix, input: ArrayLike<number>, options: ReadoutOptions & { maxDelay?: number } = {},
): MemoryCapacity {
  const maxDelay = options.maxDelay ?? 60;
  if (input.length !== states.rows) throw new CajalError(lengthMismatch("tasks.memoryCapacity", input.length, states.rows));
  const split = timeSplit(states.rows, options);
  if (!Number.isInteger(maxDelay) || maxDelay < 1 || maxDelay > split.trainStart) {
    throw new CajalError(bad("tasks.memoryCapacity.maxDelay", maxDelay, `an integer in 1…${split.trainStart} (the washout), so every target u(t − k) exists`));
  }
  const solver = new RidgeSolver(rowRange(states, split.trainStart, split.trainEnd), { lambda: options.lambda ?? 1e-6 });
  const test = rowRange(states, split.trainEnd, split.end);
  const nTrain = split.trainEnd - split.trainStart;
  const nTest = split.end - split.trainEnd;
  const targets: Float64Array[] = [];
  for (let k = 1; k <= maxDelay; k++) {
    const target = new Float64Array(nTrain);
    for (let r = 0; r < nTrain; r++) target[r] = input[split.trainStart + r - k]!;
    targets.push(target);
  }
  const readouts = solver.fitMany(targets);
  const testTarget = new Float64Array(nTest);
  const prediction = new Float64Array(nTest);
  const perDelay = new Float64Array(maxDelay);
  let total = 0;
  for (let k = 1; k <= maxDelay; k++) {
    for (let r = 0; r < nTest; r++) testTarget[r] = input[split.trainEnd + r - k]!;
    predict(readouts[k - 1]!, test, prediction);
    const r2 = squaredCorrelation(prediction, testTarget);
    perDelay[k - 1] = Number.isNaN(r2) ? 0 : r2;
    total += perDelay[k - 1]!;
  }
  return { total, perDelay };
}

/** A readout's test score on one target. */
export interface RegressionScore {
  /** NRMSE on the test rows. */
  readonly nrmse: number;
  /** The readout's test-row outputs. */
  readonly prediction: Float64Array;
  /** The target on the test rows. */
  readonly target: Float64Array;
}

/**
 * Trains a ridge readout of the states on the training rows to `target` (one value per row, row t's
 * target aligned with state row t) and scores it by NRMSE on the test rows.
 */
export function regressionScore(states: DesignMatrix, target: ArrayLike<number>, options: ReadoutOptions = {}): RegressionScore {
  if (target.length !== states.rows) throw new CajalError(lengthMismatch("tasks.regressionScore", target.length, states.rows));
  const split = timeSplit(states.rows, options);
  const solver = new RidgeSolver(rowRange(states, split.trainStart, split.trainEnd), { lambda: options.lambda ?? 1e-6 });
  const readout = solver.fit(Float64Array.from(target).subarray(split.trainStart, split.trainEnd));
  const prediction = predict(readout, rowRange(states, split.trainEnd, split.end));
  const testTarget = Float64Array.from(target).subarray(split.trainEnd, split.end);
  return { nrmse: nrmse(prediction, testTarget), prediction, target: testTarget };
}

function checkSteps(steps: number, place: string): void {
  if (!Number.isInteger(steps) || steps < 1) throw new CajalError(bad(place, steps, "an integer number of steps ≥ 1"));
}

function bad(place: string, value: number, expected: string): Problem {
  return { ruleId: "tasks-bad-parameter", place, reason: `${value} is not valid here.`, expected };
}

function lengthMismatch(place: string, got: number, rows: number): Problem {
  return {
    ruleId: "tasks-length-mismatch", place, reason: `the series has ${got} values but the states have ${rows} rows.`,
    expected: "one value per state row",
  };
}
