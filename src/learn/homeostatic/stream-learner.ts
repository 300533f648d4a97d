/**
 * One learner on a non-stationary stream, as in the released code of Man, Damasio & Neven (2022):
 * mini-batches of m samples, prequential scoring (each prediction is made before the batch's
 * update), label swaps between batches, validation after each epoch with the labels then valid.
 *
 * Three ways to set the learning rate η:
 * - `constant` (LRC): η = η₀ throughout.
 * - `random` (LRR): at the first sample of each batch (except the very first of an epoch), with
 *   probability ½, η moves by ±step according to that sample's *true* label (+ for labels ≥ 5).
 * - `homeostatic` (LRH): at the first sample of each batch once `memory` samples of the epoch have
 *   been seen, the learner simulates the update by that sample's gradient twice — with η ("leave
 *   it") and with η ± step in the direction its *predicted* label would push ("take it") — and
 *   scores both on the `memory` most recent samples; only if "take it" scores strictly higher does
 *   η change, and then in the direction of the *true* label, so a misperceived sample costs it.
 * η is clipped at 10⁻⁸ from below. In the released code the decision falls on the first sample of a
 * batch, so the simulated update is that one sample's gradient; this module does the same.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { type ImageSet, pixelsOf, shuffledIndices } from "../../data/image-set.js";
import { badOption } from "../messages.js";
import { type EluMlp, accumulate, accuracyOn, applyAndClear, createTrace, sampleBackward, whatIfCorrect, zeroGrads } from "./elu-mlp.js";
import { LabelMap, type LabelSwap } from "./label-shift.js";

/** How the learning rate is regulated. */
export type Regulation = "constant" | "random" | "homeostatic";

/** Options of `runStreamLearner`. */
export interface StreamLearnerOptions {
  readonly regulation: Regulation;
  /** The MLP, updated in place (pass a clone to keep the start). */
  readonly model: EluMlp;
  /** Training stream (pixels in [0, 1], labels = true classes). */
  readonly train: ImageSet;
  /** Validation set, relabelled with the same swaps. */
  readonly validation: ImageSet;
  readonly epochs: number;
  /** Samples per batch m (default 10). */
  readonly batchSize?: number;
  /** Initial learning rate η₀ (default 0.01). */
  readonly eta0?: number;
  /** Change of η per regulation event (default η₀/10). */
  readonly etaStep?: number;
  /** Recent samples the homeostatic learner scores its simulations on (default 20). */
  readonly memory?: number;
  /** Label swaps by training batch (counted over the whole run). */
  readonly swaps?: readonly LabelSwap[];
  /** Epoch orders: epoch e uses `order.stream("epoch e")`. Give every learner of a run the same one. */
  readonly order: Rng;
  /** Coin flips of the random regulator. */
  readonly coin?: Rng;
}

/** What one learner did on the stream. */
export interface StreamLearnerRun {
  /** Correct prequential predictions per batch (0 … m). */
  readonly correctPerBatch: Uint8Array;
  /** Samples per batch (the last batch of an epoch may be shorter). */
  readonly samplesPerBatch: Uint8Array;
  /** η used for each batch's update. */
  readonly etaPerBatch: Float64Array;
  /** Validation accuracy after each epoch, with the labels valid then. */
  readonly validationAccuracy: number[];
  /** Batches per epoch. */
  readonly batchesPerEpoch: number;
  /** How often η changed. */
  readonly etaChanges: number;
  /** Homeostatic learner: decisions taken and how many chose "take it". */
  readonly decisions: number;
  readonly takes: number;
}

const FLOOR = 1e-8;

/** Runs one learner over `epochs` passes of the stream; see the module comment for the rules. */
export function runStreamLearner(options: StreamLearnerOptions): StreamLearnerRun {
  const { regulation, model: m, train, validation, epochs } = options;
  const batchSize = options.batchSize ?? 10;
  const eta0 = options.eta0 ?? 0.01;
  const step = options.etaStep ?? eta0 / 10;
  const memory = options.memory ?? 20;
  if (!["constant", "random", "homeostatic"].includes(regulation)) throw new CajalError(badOption("runStreamLearner", "regulation", regulation, "constant, random or homeostatic"));
  if (pixelsOf(train) !== m.sizes.inputs) throw new CajalError(badOption("runStreamLearner", "train pixels", pixelsOf(train), `${m.sizes.inputs}, the MLP's inputs`));
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 255)) throw new CajalError(badOption("runStreamLearner", "batchSize", batchSize, "an integer in 1 … 255"));
  if (regulation === "random" && !options.coin) throw new CajalError(badOption("runStreamLearner", "coin", undefined, "a generator for the random regulator's coin flips"));
  const batchesPerEpoch = Math.ceil(train.count / batchSize);
  const total = batchesPerEpoch * epochs;
  const correctPerBatch = new Uint8Array(total);
  const samplesPerBatch = new Uint8Array(total);
  const etaPerBatch = new Float64Array(total);
  const validationAccuracy: number[] = [];
  const labels = new LabelMap(train.classes);
  const swapsAfter = new Map<number, LabelSwap[]>();
  for (const s of options.swaps ?? []) swapsAfter.set(s.afterBatch, [...(swapsAfter.get(s.afterBatch) ?? []), s]);
  const grads = zeroGrads(m);
  const trace = createTrace(m);
  const memoIdx = new Int32Array(memory);
  const memoLabels = new Int32Array(memory);
  let eta = eta0;
  let etaChanges = 0, decisions = 0, takes = 0;
  const move = (current: number, label: number) => {
    const next = label >= 5 ? current + step : current - step;
    return next < 0 ? FLOOR : next;
  };
  let j = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledIndices(train.count, options.order.stream(`epoch ${epoch}`));
    for (let start = 0; start < train.count; start += batchSize, j++) {
      const end = Math.min(train.count, start + batchSize);
      let correct = 0;
      for (let i = start; i < end; i++) {
        const index = order[i]!;
        const label = labels.labelOf(train.labels[index]!);
        const guess = sampleBackward(m, train.images, index, label, trace);
        if (guess === label) correct++;
        accumulate(m, train.images, index, trace, grads);
        if (i % 10 !== 0) continue; // the released code's lrinterval = 10
        if (regulation === "random" && i !== 0 && options.coin!.uniform() < 0.5) {
          const next = move(eta, label);
          if (next !== eta) etaChanges++;
          eta = next;
        } else if (regulation === "homeostatic" && i > memory) {
          for (let k = 0; k < memory; k++) {
            const past = order[i - memory + k]!;
            memoIdx[k] = past;
            memoLabels[k] = labels.labelOf(train.labels[past]!);
          }
          const [leave, take] = whatIfCorrect(m, train.images, index, trace, memoIdx, memoLabels, [eta / batchSize, move(eta, guess) / batchSize]);
          decisions++;
          if (take! > leave!) {
            takes++;
            const next = move(eta, label);
            if (next !== eta) etaChanges++;
            eta = next;
          }
        }
      }
      applyAndClear(m, grads, eta / batchSize);
      correctPerBatch[j] = correct;
      samplesPerBatch[j] = end - start;
      etaPerBatch[j] = eta;
      for (const s of swapsAfter.get(j) ?? []) labels.swap(s.a, s.b);
    }
    validationAccuracy.push(accuracyOn(m, validation.images, validation.count, (i) => labels.labelOf(validation.labels[i]!)));
  }
  return { correctPerBatch, samplesPerBatch, etaPerBatch, validationAccuracy, batchesPerEpoch, etaChanges, decisions, takes };
}

/** Prequential accuracy over the batches [from, to): correct predictions / samples. */
export function prequentialAccuracy(run: Pick<StreamLearnerRun, "correctPerBatch" | "samplesPerBatch">, from = 0, to = run.correctPerBatch.length): number {
  let c = 0, n = 0;
  for (let j = from; j < to; j++) {
    c += run.correctPerBatch[j]!;
    n += run.samplesPerBatch[j]!;
  }
  return n === 0 ? NaN : c / n;
}

/** Running prequential accuracy: at batch j, the accuracy over the trailing `window` batches (fewer at the start). */
export function runningAccuracy(run: Pick<StreamLearnerRun, "correctPerBatch" | "samplesPerBatch">, window: number): Float64Array {
  if (!(Number.isInteger(window) && window >= 1)) throw new CajalError(badOption("runningAccuracy", "window", window, "an integer ≥ 1"));
  const n = run.correctPerBatch.length;
  const out = new Float64Array(n);
  let c = 0, s = 0;
  for (let j = 0; j < n; j++) {
    c += run.correctPerBatch[j]!;
    s += run.samplesPerBatch[j]!;
    if (j >= window) {
      c -= run.correctPerBatch[j - window]!;
      s -= run.samplesPerBatch[j - window]!;
    }
    out[j] = c / s;
  }
  return out;
}
