/**
 * Training loop of the IEMF notebook: SGD with momentum, coupled weight decay and a step learning
 * rate, over an `AvSet`, with five trainers:
 * - "vanilla": fused cross-entropy only;
 * - "aux": fused + unimodal-head cross-entropies (what IEMF mode switches on), no gradient change;
 * - "iemf": aux losses, and fcOut's gradients replaced by k·g + n every step;
 * - "ogmGe": fused cross-entropy with OGM-GE modulation of the encoders' kernels (first `ogmEpochs`);
 * - "ogmGeIemf": both.
 * It logs per epoch the fused and unimodal-head test accuracies and the mean k, and k per step.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { shuffledIndices } from "../../data/image-set.js";
import { progress as startProgress } from "../../notebook/progress.js";
import { crossEntropy } from "../losses.js";
import { badOption, lossNotFinite } from "../messages.js";
import { sgd } from "../optimisers.js";
import { tf } from "../tf.js";
import type { AvSet } from "./av-digits.js";
import { inverseEffectivenessCoefficient, ogmGeCoefficients, scaleWithNoise, trueClassProbabilitySum } from "./iemf.js";
import type { AvFusionModel } from "./model.js";

/** The trainers compared in the notebook. */
export type FusionTrainer = "vanilla" | "aux" | "iemf" | "ogmGe" | "ogmGeIemf";

/** Options of `trainAvFusion`. */
export interface TrainAvFusionOptions {
  readonly model: AvFusionModel;
  readonly trainer: FusionTrainer;
  readonly train: AvSet;
  readonly test: AvSet;
  readonly epochs: number;
  /** Default 64. */
  readonly batchSize?: number;
  /** Initial learning rate; default 0.01. */
  readonly lr?: number;
  /** Default 0.9. */
  readonly momentum?: number;
  /** Coupled L2 weight decay; default 5e-4. */
  readonly weightDecay?: number;
  /** Epoch (0-based) from which the learning rate is × 0.1; default 10 (never when ≥ epochs). */
  readonly lrDropEpoch?: number;
  /** OGM-GE's α; default 0.8. */
  readonly alpha?: number;
  /** OGM-GE modulates during epochs 0 … ogmEpochs−1; default half the epochs (the released 0–50 of 100). */
  readonly ogmEpochs?: number;
  /** Shuffling (stream "epoch e") and gradient noise (stream "noise"). */
  readonly rng: Rng;
  /** Show a progress bar (default true). */
  readonly progress?: boolean;
}

/** What a run measured. */
export interface FusionRunLog {
  readonly trainer: FusionTrainer;
  /** Per epoch (1-based epoch numbers). */
  readonly epoch: number[];
  readonly fusedAccuracy: number[];
  readonly audioAccuracy: number[];
  readonly visualAccuracy: number[];
  readonly trainLoss: number[];
  /** Mean IEMF coefficient over the epoch's steps (NaN for trainers without IEMF). */
  readonly meanK: number[];
  /** k at every step (IEMF trainers only). */
  readonly stepK: number[];
}

/** Accuracy of the fused output and of each unimodal head on `set`. */
export function evaluateAvFusion(model: AvFusionModel, set: AvSet, batchSize = 1000): { fused: number; audio: number; visual: number } {
  const correct = { fused: 0, audio: 0, visual: 0 };
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    tf.tidy(() => {
      const v = tf.tensor2d(set.visual.subarray(start * set.visualDim, (start + n) * set.visualDim), [n, set.visualDim]);
      const a = tf.tensor2d(set.audio.subarray(start * set.audioDim, (start + n) * set.audioDim), [n, set.audioDim]);
      const out = model.forward(v, a);
      for (const [key, logits] of [["fused", out.fused], ["audio", out.audioHead], ["visual", out.visualHead]] as const) {
        const predicted = tf.argMax(logits, 1).dataSync();
        for (let i = 0; i < n; i++) if (predicted[i] === set.labels[start + i]) correct[key]++;
      }
    });
  }
  return { fused: correct.fused / set.count, audio: correct.audio / set.count, visual: correct.visual / set.count };
}

/** Trains `model` with one of the five trainers and returns its log. */
export function trainAvFusion(options: TrainAvFusionOptions): FusionRunLog {
  const { model, trainer, train, test, epochs, rng } = options;
  const batchSize = options.batchSize ?? 64;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new CajalError(badOption("trainAvFusion", "epochs", epochs, "an integer ≥ 1"));
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new CajalError(badOption("trainAvFusion", "batchSize", batchSize, "an integer ≥ 1"));
  const stepsPerEpoch = Math.ceil(train.count / batchSize);
  const lr0 = options.lr ?? 0.01;
  const drop = options.lrDropEpoch ?? 10;
  const alpha = options.alpha ?? 0.8;
  const ogmEpochs = options.ogmEpochs ?? Math.ceil(epochs / 2);
  const useAux = trainer === "aux" || trainer === "iemf" || trainer === "ogmGeIemf";
  const useIemf = trainer === "iemf" || trainer === "ogmGeIemf";
  const useOgm = trainer === "ogmGe" || trainer === "ogmGeIemf";
  const names = Object.keys(model.params);
  const byVariable = new Map(names.map((n) => [model.params[n]!.name, n] as const));
  const optimizer = sgd({
    params: model.params, lr: (step) => (Math.floor(step / stepsPerEpoch) >= drop ? lr0 * 0.1 : lr0),
    momentum: options.momentum ?? 0.9, weightDecay: options.weightDecay ?? 5e-4,
  });
  const noise = rng.stream("noise");
  const log: FusionRunLog = { trainer, epoch: [], fusedAccuracy: [], audioAccuracy: [], visualAccuracy: [], trainLoss: [], meanK: [], stepK: [] };
  const bar = options.progress === false ? undefined : startProgress(epochs * stepsPerEpoch, trainer);
  const vBatch = new Float32Array(batchSize * train.visualDim);
  const aBatch = new Float32Array(batchSize * train.audioDim);
  const labels = new Int32Array(batchSize);
  let step = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffledIndices(train.count, rng.stream(`epoch ${epoch}`));
      let lossSum = 0, kSum = 0, kCount = 0;
      for (let start = 0; start < train.count; start += batchSize) {
        const n = Math.min(batchSize, train.count - start);
        for (let k = 0; k < n; k++) {
          const i = order[start + k]!;
          vBatch.set(train.visual.subarray(i * train.visualDim, (i + 1) * train.visualDim), k * train.visualDim);
          aBatch.set(train.audio.subarray(i * train.audioDim, (i + 1) * train.audioDim), k * train.audioDim);
          labels[k] = train.labels[i]!;
        }
        const y = labels.subarray(0, n);
        const loss = tf.tidy(() => {
          const v = tf.tensor2d(vBatch.subarray(0, n * train.visualDim), [n, train.visualDim]);
          const a = tf.tensor2d(aBatch.subarray(0, n * train.audioDim), [n, train.audioDim]);
          const yt = tf.tensor1d(y, "int32");
          // The outputs die with variableGrads' scope, so the scores are read inside it.
          let scores = { audio: 0, visual: 0, fused: 0, ogmAudio: 0, ogmVisual: 0 };
          const ogmNow = useOgm && epoch < ogmEpochs;
          const { value, grads } = tf.variableGrads(() => {
            const o = model.forward(v, a);
            scores = { audio: NaN, visual: NaN, fused: NaN, ogmAudio: NaN, ogmVisual: NaN };
            if (useIemf) {
              scores.audio = trueClassProbabilitySum(o.audioHead, y);
              scores.visual = trueClassProbabilitySum(o.visualHead, y);
              scores.fused = trueClassProbabilitySum(o.fused, y);
            }
            if (ogmNow) {
              // Unimodal scores from each half of fcOut (plus half its bias), as the released code.
              tf.tidy(() => {
                const kernel = model.params["fcOut/kernel"]!, bias = model.params["fcOut/bias"]!;
                const af = model.audioFeatures;
                const half = tf.mul(bias, 0.5);
                scores.ogmAudio = trueClassProbabilitySum(tf.add(tf.matMul(o.audioFeatures, tf.slice(kernel, [0, 0], [af, -1])), half) as tf.Tensor2D, y);
                scores.ogmVisual = trueClassProbabilitySum(tf.add(tf.matMul(o.visualFeatures, tf.slice(kernel, [af, 0], [-1, -1])), half) as tf.Tensor2D, y);
              });
            }
            const fused = crossEntropy(o.fused, yt);
            return (useAux ? tf.addN([fused, crossEntropy(o.audioHead, yt), crossEntropy(o.visualHead, yt)]) : fused) as tf.Scalar;
          }, names.map((nm) => model.params[nm]!));
          const g: Record<string, tf.Tensor> = {};
          for (const [variableName, t] of Object.entries(grads)) g[byVariable.get(variableName)!] = t;
          if (useIemf) {
            const k = inverseEffectivenessCoefficient(scores.audio, scores.visual, scores.fused);
            for (const name of ["fcOut/kernel", "fcOut/bias"]) g[name] = scaleWithNoise(g[name]!, k, noise);
            log.stepK.push(k);
            kSum += k;
            kCount++;
          }
          if (ogmNow) {
            const c = ogmGeCoefficients(scores.ogmAudio, scores.ogmVisual, alpha);
            for (const name of ["audio/h1/kernel", "audio/h2/kernel"]) g[name] = scaleWithNoise(g[name]!, c.audio, noise);
            for (const name of ["visual/h1/kernel", "visual/h2/kernel"]) g[name] = scaleWithNoise(g[name]!, c.visual, noise);
          }
          const lossValue = value.dataSync()[0]!;
          if (Number.isFinite(lossValue)) optimizer.step(g);
          return lossValue;
        });
        step++;
        if (!Number.isFinite(loss)) throw new CajalError(lossNotFinite(step, epoch + 1, loss));
        lossSum += loss * n;
        bar?.tick();
      }
      const acc = evaluateAvFusion(model, test);
      log.epoch.push(epoch + 1);
      log.fusedAccuracy.push(acc.fused);
      log.audioAccuracy.push(acc.audio);
      log.visualAccuracy.push(acc.visual);
      log.trainLoss.push(lossSum / train.count);
      log.meanK.push(kCount ? kSum / kCount : NaN);
    }
  } finally {
    bar?.close();
    optimizer.dispose();
  }
  return log;
}

/** First epoch (1-based) whose fused accuracy reaches `target`, or NaN if none does. */
export function epochsToReach(log: FusionRunLog, target: number): number {
  const i = log.fusedAccuracy.findIndex((a) => a >= target);
  return i < 0 ? NaN : log.epoch[i]!;
}
