/**
 * Generative teaching (Such et al. 2020, "Generative Teaching Networks"): a generator makes
 * labelled synthetic batches, a fresh learner is trained on them for a few SGD-momentum steps,
 * and the learner's loss on real data is differentiated through the whole unrolled inner loop to
 * the generator, to the curriculum of generator inputs (one learned noise batch per inner step)
 * and to the per-step learning rates and momenta (learned in log space).
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { valueAndGrads } from "../grad.js";
import { initTensor } from "../init.js";
import { crossEntropy } from "../losses.js";
import { badOption } from "../messages.js";
import type { Optimizer } from "../optimisers.js";
import { sgdUpdate } from "../optimisers.js";
import { scope, type Tensors } from "../params.js";
import { tf } from "../tf.js";
import { type MlpSpec, applyMlp, initMlp } from "./mlp.js";

/** What a generative teacher is. */
export interface TeacherSpec {
  /** Size of the generator's noise input (paper 128; the notebook 32). */
  readonly noiseSize: number;
  /** Hidden units of the generator MLP. */
  readonly hidden: number;
  /** Pixels of one generated image (196 for 14×14). */
  readonly pixels: number;
  /** Classes; labels are spread evenly over a batch: label i = i mod classes. */
  readonly classes: number;
  /** Generated images per inner step. */
  readonly batchSize: number;
  /** Inner SGD steps T. */
  readonly steps: number;
  /** Learn one fixed noise batch per inner step (CGTN) instead of drawing fresh noise (GTN). */
  readonly curriculum: boolean;
  /** Generated pixels are outputScale·tanh(·) (default 2, as the released generator). */
  readonly outputScale?: number;
  /** Weight-normalised generator layers (default true). */
  readonly weightNorm?: boolean;
  /** Initial inner learning rate (default 0.02) and momentum (default 0.5), as the released code. */
  readonly initialLr?: number;
  readonly initialMomentum?: number;
}

function checkTeacher(spec: TeacherSpec): void {
  for (const key of ["noiseSize", "hidden", "pixels", "classes", "batchSize", "steps"] as const) {
    const v = spec[key];
    if (!(Number.isInteger(v) && v >= 1)) throw new CajalError(badOption("teacher", key, v, "an integer ≥ 1"));
  }
}

/** The generator MLP's description: [noise + one-hot label] → hidden → pixels. */
export function generatorSpec(spec: TeacherSpec): MlpSpec {
  return { sizes: [spec.noiseSize + spec.classes, spec.hidden, spec.pixels], activation: "leakyRelu", leakySlope: 0.1, weightNorm: spec.weightNorm ?? true };
}

/**
 * The teacher's learnable tensors, as variables: `gen/…` (generator), `curriculum` [T, B, noise]
 * when `spec.curriculum`, `logLr` [T] and `logMomentum` [T].
 */
export function createTeacher(spec: TeacherSpec, rng: Rng): Record<string, tf.Variable> {
  checkTeacher(spec);
  const out: Record<string, tf.Variable> = {};
  const gen = initMlp(generatorSpec(spec), rng.stream("generator"));
  for (const [name, t] of Object.entries(gen)) { out[`gen/${name}`] = tf.variable(t, true); t.dispose(); }
  if (spec.curriculum) {
    const c = initTensor(rng.stream("curriculum"), [spec.steps, spec.batchSize, spec.noiseSize], { kind: "normal" });
    out.curriculum = tf.variable(c, true);
    c.dispose();
  }
  out.logLr = tf.variable(tf.fill([spec.steps], Math.log(spec.initialLr ?? 0.02)), true);
  out.logMomentum = tf.variable(tf.fill([spec.steps], Math.log(spec.initialMomentum ?? 0.5)), true);
  return out;
}

/** Labels of a generated batch: i mod classes, so every class is equally represented. */
export function teacherLabels(spec: TeacherSpec): Int32Array {
  return Int32Array.from({ length: spec.batchSize }, (_, i) => i % spec.classes);
}

/**
 * All T synthetic batches at once, in one generator pass: images [T·B, pixels] (rows s·B … s·B+B−1
 * belong to inner step s) and int32 labels [T·B]. With a curriculum the generator inputs are the
 * learned noise tensor; otherwise fresh N(0, 1) noise from `noiseRng` (required then).
 */
export function syntheticData(spec: TeacherSpec, params: Tensors, noiseRng?: Rng): { x: tf.Tensor; y: tf.Tensor } {
  const rows = spec.steps * spec.batchSize;
  let noise: tf.Tensor;
  if (spec.curriculum) {
    const c = params.curriculum;
    if (!c) throw new Error("syntheticData: a curriculum teacher needs its `curriculum` tensor");
    noise = tf.reshape(c, [rows, spec.noiseSize]);
  } else {
    if (!noiseRng) throw new CajalError(badOption("syntheticData", "noiseRng", "missing", "a generator of fresh noise for a teacher without curriculum"));
    noise = initTensor(noiseRng, [rows, spec.noiseSize], { kind: "normal" });
  }
  const labels = new Int32Array(rows);
  const perStep = teacherLabels(spec);
  for (let s = 0; s < spec.steps; s++) labels.set(perStep, s * spec.batchSize);
  const y = tf.tensor1d(labels, "int32");
  const input = tf.concat([noise, tf.oneHot(y, spec.classes).asType("float32")], 1);
  const out = applyMlp(generatorSpec(spec), scope(params, "gen")!, input);
  return { x: tf.mul(spec.outputScale ?? 2, tf.tanh(out)), y };
}

/** The batch of inner step `step` out of `syntheticData`'s result. */
export function stepBatch(spec: TeacherSpec, all: { x: tf.Tensor; y: tf.Tensor }, step: number): { x: tf.Tensor; y: tf.Tensor } {
  const start = step * spec.batchSize;
  return { x: tf.slice(all.x, [start, 0], [spec.batchSize, spec.pixels]), y: tf.slice(all.y, [start], [spec.batchSize]) };
}

/** Inner-loop learning rate and momentum of every step, as numbers: exp of the learned logs. */
export function innerSchedule(params: Tensors): { lr: number[]; momentum: number[] } {
  const lr = Array.from(tf.tidy(() => tf.exp(params.logLr!)).dataSync());
  const momentum = Array.from(tf.tidy(() => tf.exp(params.logMomentum!)).dataSync());
  return { lr, momentum };
}

/** Options of `teacherMetaLoss`. */
export interface MetaLossOptions {
  readonly teacher: TeacherSpec;
  readonly learner: MlpSpec;
  /** The fresh learner's initial parameters (drawn anew each meta-iteration). */
  readonly learnerInit: Tensors;
  /** A batch of real images [n, pixels] and int32 labels [n]. */
  readonly real: { readonly x: tf.Tensor; readonly y: tf.Tensor };
  /** Also score the learner on the real batch after every `lossEvery` inner steps (default: only at the end). */
  readonly lossEvery?: number;
  /** Fresh noise for a teacher without curriculum. */
  readonly noiseRng?: Rng;
}

/**
 * The meta-loss: mean real-data cross-entropy of a learner trained for T differentiable
 * SGD-momentum steps on the teacher's batches, taken after every `lossEvery` steps (intermediate
 * meta-losses) and at the end. Differentiable in every teacher tensor.
 */
export function teacherMetaLoss(params: Tensors, options: MetaLossOptions): tf.Scalar {
  const { teacher, learner, real } = options;
  const every = options.lossEvery ?? teacher.steps;
  const innerLoss = (batch: { x: tf.Tensor; y: tf.Tensor }) => (p: Tensors) => crossEntropy(applyMlp(learner, p, batch.x), batch.y) as tf.Scalar;
  const lr = tf.exp(params.logLr!);
  const momentum = tf.exp(params.logMomentum!);
  let theta: Tensors = options.learnerInit;
  let velocity: Tensors | undefined;
  const losses: tf.Tensor[] = [];
  const all = syntheticData(teacher, params, options.noiseRng);
  for (let s = 0; s < teacher.steps; s++) {
    const batch = stepBatch(teacher, all, s);
    const { grads } = valueAndGrads(innerLoss(batch), theta);
    const next = sgdUpdate(theta, grads, tf.gather(lr, s), { momentum: tf.gather(momentum, s), ...(velocity ? { velocity } : {}) });
    theta = next.params;
    velocity = next.velocity;
    if ((s + 1) % every === 0 || s + 1 === teacher.steps) losses.push(crossEntropy(applyMlp(learner, theta, real.x), real.y));
  }
  return tf.mean(tf.stack(losses)) as tf.Scalar;
}

/** One outer step: the meta-loss's gradient for every teacher variable, applied by `optimizer`. Returns the meta-loss. */
export function metaTrainStep(optimizer: Optimizer, options: MetaLossOptions): number {
  return tf.tidy(() => {
    const { value, grads } = valueAndGrads((p) => teacherMetaLoss(p, options), optimizer.params);
    optimizer.step(grads);
    return value.dataSync()[0]!;
  });
}

/** Options of `trainLearner`. */
export interface TrainLearnerOptions {
  readonly learner: MlpSpec;
  /** Initial parameters (not modified, not disposed). */
  readonly init: Tensors;
  readonly steps: number;
  /** The batch of step s (0-based); its tensors are disposed after the step. */
  readonly batch: (step: number) => { x: tf.Tensor; y: tf.Tensor };
  /** Learning rate and momentum of step s. */
  readonly lr: (step: number) => number;
  readonly momentum: (step: number) => number;
  /** Called after step s (1-based count of steps done) with the current parameters. */
  readonly afterStep?: (stepsDone: number, params: Tensors) => void;
}

/**
 * Trains a learner by plain (not differentiated) SGD with momentum, θ ← θ − lr·(μv + g), the
 * update `teacherMetaLoss` unrolls; used to evaluate teachers and the real-data baseline.
 * Returns the final parameters (the caller disposes them).
 */
export function trainLearner(options: TrainLearnerOptions): Record<string, tf.Tensor> {
  const { learner } = options;
  let theta: Record<string, tf.Tensor> = Object.fromEntries(Object.entries(options.init).map(([k, t]) => [k, tf.clone(t)]));
  let velocity: Record<string, tf.Tensor> | undefined;
  for (let s = 0; s < options.steps; s++) {
    const next = tf.tidy(() => {
      const batch = options.batch(s);
      const { grads } = valueAndGrads((p) => crossEntropy(applyMlp(learner, p, batch.x), batch.y) as tf.Scalar, theta);
      return sgdUpdate(theta, grads, options.lr(s), { momentum: options.momentum(s), ...(velocity ? { velocity } : {}) });
    });
    for (const t of Object.values(theta)) t.dispose();
    if (velocity) for (const t of Object.values(velocity)) t.dispose();
    theta = next.params;
    velocity = next.velocity;
    options.afterStep?.(s + 1, theta);
  }
  if (velocity) for (const t of Object.values(velocity)) t.dispose();
  return theta;
}

/** Fraction of rows of x [n, pixels] whose arg-max output equals the label. */
export function mlpAccuracy(learner: MlpSpec, params: Tensors, x: tf.Tensor, labels: ArrayLike<number>): number {
  const predicted = tf.tidy(() => tf.argMax(applyMlp(learner, params, x), 1).dataSync());
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) right++;
  return right / labels.length;
}

/** Cosine decay from `lr` to `lr·finalFactor` over `total` steps (then constant), as a LearningRate function. */
export function cosineDecay(lr: number, total: number, finalFactor = 0.1): (step: number) => number {
  return (step) => {
    const t = Math.min(1, step / Math.max(1, total));
    return lr * (finalFactor + (1 - finalFactor) * 0.5 * (1 + Math.cos(Math.PI * t)));
  };
}
