/**
 * The training loop for classifiers over image sets: seeded shuffling, one tidy scope per step
 * (no tensor outlives it), a progress bar, a metric log as arrays (and as a danfojs DataFrame on
 * request), evaluation after each epoch, and an early stop with a CajalError naming the step
 * when the loss stops being finite.
 */
import type { Rng } from "../core/rng.js";
import { CajalError } from "../core/errors.js";
import { batches } from "../data/batches.js";
import { type ImageSet, pixelsOf } from "../data/image-set.js";
import { progress as startProgress } from "../notebook/progress.js";
import { valueAndGrads } from "./grad.js";
import { crossEntropy } from "./losses.js";
import { lossNotFinite } from "./messages.js";
import { accuracy, confusionMatrix } from "./metrics.js";
import type { Optimizer } from "./optimisers.js";
import type { Tensors } from "./params.js";
import { tf } from "./tf.js";

/** A classifier: inputs [batch, ...inputShape] → logits [batch, classes]. */
export type Classifier = (x: tf.Tensor, params?: Tensors) => tf.Tensor;

/** What was measured during training. */
export interface TrainLog {
  /** Global step (1-based) of each logged loss. */
  readonly steps: number[];
  /** Mean training loss over the steps since the previous log point. */
  readonly losses: number[];
  /** Per-epoch summary. */
  readonly epochs: {
    readonly epoch: number[];
    /** Mean training loss over the epoch. */
    readonly trainLoss: number[];
    /** Test accuracy after the epoch (NaN without a test set). */
    readonly testAccuracy: number[];
    /** Wall time of the epoch's training steps, seconds. */
    readonly seconds: number[];
  };
}

/** The log as danfojs DataFrames (loads danfojs-node on first use, about a second). */
export function logToDataFrames(log: TrainLog): { steps: import("danfojs-node").DataFrame; epochs: import("danfojs-node").DataFrame } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require("danfojs-node") as typeof import("danfojs-node");
  return {
    steps: new dfd.DataFrame({ step: log.steps, loss: log.losses }),
    epochs: new dfd.DataFrame({
      epoch: log.epochs.epoch, trainLoss: log.epochs.trainLoss, testAccuracy: log.epochs.testAccuracy, seconds: log.epochs.seconds,
    }),
  };
}

/** Options of `trainClassifier`. */
export interface TrainOptions {
  /** The forward function; it must use the variables in `optimizer.params` (or the given overrides). */
  readonly model: Classifier;
  readonly optimizer: Optimizer;
  readonly train: ImageSet;
  /** Evaluated after every epoch when given. */
  readonly test?: ImageSet;
  readonly epochs: number;
  readonly batchSize: number;
  /** Shuffling: epoch e draws its order from `rng.stream("epoch e")`. */
  readonly rng: Rng;
  /** Shape of one input without the batch axis (default [pixels], flat; [28, 28, 1] for conv nets). */
  readonly inputShape?: readonly number[];
  /** Loss of a batch (default: mean softmax cross-entropy with the fused first-order backward pass). */
  readonly loss?: (logits: tf.Tensor, labels: tf.Tensor) => tf.Scalar;
  /** Steps between two log points (default 50). */
  readonly logEvery?: number;
  /** Show a progress bar (default true). */
  readonly progress?: boolean;
  /** Label of the progress bar (default "training"). */
  readonly label?: string;
}

/** The result of `trainClassifier`. */
export interface TrainResult {
  readonly log: TrainLog;
  /** Test accuracy after the last epoch (NaN without a test set). */
  readonly testAccuracy: number;
  /** Seconds spent in training steps (evaluation excluded). */
  readonly trainSeconds: number;
  /** Training images processed. */
  readonly imagesSeen: number;
}

/**
 * One optimisation step: evaluates `loss` and its gradients for the optimiser's parameters,
 * applies the update, and returns the loss value. Nothing but the updated variables survives.
 */
export function trainStep(optimizer: Optimizer, loss: (params: Tensors) => tf.Scalar): number {
  return tf.tidy(() => {
    const { value, grads } = valueAndGrads(loss, optimizer.params);
    const v = value.dataSync()[0]!;
    // A non-finite loss must not reach the weights: the caller stops before this update.
    if (Number.isFinite(v)) optimizer.step(grads);
    return v;
  });
}

/** Predicted classes (argmax of the logits) for every image of `set`, in batches. */
export function predict(model: Classifier, set: ImageSet, options: { batchSize?: number; inputShape?: readonly number[] } = {}): Uint8Array {
  const batchSize = options.batchSize ?? 1000;
  const pixels = pixelsOf(set);
  const shape = options.inputShape ?? [pixels];
  const out = new Uint8Array(set.count);
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const predicted = tf.tidy(() => {
      const x = tf.tensor(set.images.subarray(start * pixels, (start + n) * pixels), [n, ...shape], "float32");
      return tf.argMax(model(x), -1).dataSync();
    });
    out.set(predicted, start);
  }
  return out;
}

/** Accuracy and confusion matrix of `model` on `set`. */
export function evaluate(model: Classifier, set: ImageSet, options: { batchSize?: number; inputShape?: readonly number[] } = {}): { accuracy: number; confusion: number[][]; predictions: Uint8Array } {
  const predictions = predict(model, set, options);
  return { accuracy: accuracy(set.labels, predictions), confusion: confusionMatrix(set.labels, predictions, set.classes), predictions };
}

/**
 * Trains a classifier with mini-batches for a number of epochs.
 *
 * @example
 * const hidden = dense({ inputs: 784, units: 256, activation: "relu", rng: rng.stream("hidden") });
 * const out = dense({ inputs: 256, units: 10, rng: rng.stream("out") });
 * const params = collectParams({ hidden, out });
 * const model = (x, p) => out.apply(hidden.apply(x, scope(p, "hidden")), scope(p, "out"));
 * const result = trainClassifier({ model, optimizer: adam({ params, lr: 1e-3 }), train, test, epochs: 3, batchSize: 64, rng });
 */
export function trainClassifier(options: TrainOptions): TrainResult {
  const { model, optimizer, train, epochs, batchSize } = options;
  const shape = options.inputShape ?? [pixelsOf(train)];
  const lossOf = options.loss ?? ((logits: tf.Tensor, labels: tf.Tensor) => crossEntropy(logits, labels, { secondOrder: false }) as tf.Scalar);
  const logEvery = options.logEvery ?? 50;
  const stepsPerEpoch = Math.ceil(train.count / batchSize);
  const bar = options.progress === false ? undefined : startProgress(epochs * stepsPerEpoch, options.label ?? "training");
  const log: TrainLog = { steps: [], losses: [], epochs: { epoch: [], trainLoss: [], testAccuracy: [], seconds: [] } };
  let step = 0;
  let trainSeconds = 0;
  let imagesSeen = 0;
  let testAccuracy = NaN;
  let windowSum = 0;
  let windowCount = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      let epochSum = 0;
      let epochCount = 0;
      const started = performance.now();
      for (const batch of batches(train, { batchSize, rng: options.rng.stream(`epoch ${epoch}`) })) {
        step++;
        const loss = trainStep(optimizer, () => {
          const x = tf.tensor(batch.images, [batch.size, ...shape], "float32");
          const y = tf.tensor1d(Int32Array.from(batch.labels), "int32");
          return lossOf(model(x), y);
        });
        if (!Number.isFinite(loss)) throw new CajalError(lossNotFinite(step, epoch, loss));
        epochSum += loss * batch.size;
        epochCount += batch.size;
        windowSum += loss;
        windowCount++;
        imagesSeen += batch.size;
        if (step % logEvery === 0) {
          log.steps.push(step);
          log.losses.push(windowSum / windowCount);
          windowSum = 0;
          windowCount = 0;
        }
        bar?.tick();
      }
      const seconds = (performance.now() - started) / 1000;
      trainSeconds += seconds;
      if (options.test) testAccuracy = evaluate(model, options.test, { inputShape: shape }).accuracy;
      log.epochs.epoch.push(epoch);
      log.epochs.trainLoss.push(epochSum / epochCount);
      log.epochs.testAccuracy.push(testAccuracy);
      log.epochs.seconds.push(seconds);
      bar?.update(step, Number.isFinite(testAccuracy) ? `epoch ${epoch}: test accuracy ${(100 * testAccuracy).toFixed(2)} %` : `epoch ${epoch}`);
    }
  } finally {
    bar?.close();
  }
  return { log, testAccuracy, trainSeconds, imagesSeen };
}
