/**
 * Fully test-time adaptation as an online stream: for each test batch, in a seeded order, the
 * model first adapts on the unlabelled batch — a Hebbian update of the first convolution, then one
 * SGD step on the batch's prediction entropy over the method's parameters — and then predicts the
 * batch. Labels are used only to score the predictions. One pass, no reset inside a stream.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { batches } from "../../data/batches.js";
import type { ImageSet } from "../../data/image-set.js";
import { sgd } from "../optimisers.js";
import { trainStep } from "../train.js";
import { tf } from "../tf.js";
import type { CnnState, NormStatistics, TtaCnn } from "./cnn.js";
import { predictionEntropy } from "./entropy.js";
import { type HebbianOptions, hebbianConvUpdate } from "./hebbian.js";
import { badTtaOption, unknownTtaParam } from "./messages.js";

/** A test-time method: which statistics, which local rule, which feedback. */
export interface TtaMethod {
  /** Shown in tables and figures. */
  readonly name: string;
  /** Batch-norm statistics at test time: the source's running ones, or each test batch's. */
  readonly statistics: NormStatistics;
  /** Hebbian update of the first convolution before each prediction. */
  readonly hebbian?: HebbianOptions;
  /** One SGD step per batch on the mean prediction entropy over these parameters. */
  readonly entropy?: {
    /** Parameter names of the model ("bn1/gamma", …). */
    readonly params: readonly string[];
    /** Learning rate (default 1e-3). */
    readonly lr?: number;
    /** SGD momentum (default 0.9, as Tent). */
    readonly momentum?: number;
  };
}

/** The outcome of one stream. */
export interface StreamResult {
  readonly method: string;
  /** Error over the whole stream (fraction of wrong predictions). */
  readonly error: number;
  /** Wrong predictions in each batch, in stream order. */
  readonly wrongPerBatch: Uint32Array;
  /** Images in each batch. */
  readonly sizePerBatch: Uint32Array;
  /** Mean prediction entropy (nats) of each batch before its adaptation step (NaN without entropy step). */
  readonly entropyPerBatch: Float64Array;
  /** ‖Δw‖/‖w‖ of each Hebbian update (empty without a Hebbian rule). */
  readonly hebbianChange: Float64Array;
}

/** Options of `runTtaStream`. */
export interface TtaStreamOptions {
  readonly model: TtaCnn;
  /** The source model's state, restored before the stream starts (the model ends adapted). */
  readonly source: CnnState;
  readonly method: TtaMethod;
  /** The (corrupted) test images, 28 × 28 in [0, 1]. */
  readonly images: ImageSet;
  /** Images per batch (default 64). */
  readonly batchSize?: number;
  /** Order of the stream; file order when absent. */
  readonly order?: Rng;
  /** Called after each batch (progress). */
  readonly onBatch?: (batch: number) => void;
}

/** The six methods of the notebook, built from their hyper-parameters. */
export interface MethodSettings {
  /** Hebbian learning rate η. */
  readonly eta: number;
  /** Softmax temperature τ. */
  readonly temperature: number;
  /** Learning rate of the neuro-modulator's SGD. */
  readonly modulatorLr: number;
  /** Learning rate of Tent's SGD. */
  readonly tentLr: number;
  /** SGD momentum of both (default 0.9). */
  readonly momentum?: number;
  /** Where the neuro-modulator lives: the first BN's affine (default) or the separate channel affine. */
  readonly modulator?: "bn1-affine" | "channel-affine";
}

/** Names of the methods `ttaMethods` builds, in the order of the paper's tables. */
export const METHOD_NAMES = ["Source", "BN-adapt", "Tent", "Hebb-only", "Hard-Hebb", "NHL"] as const;
/** One of `METHOD_NAMES`. */
export type MethodName = (typeof METHOD_NAMES)[number];

/**
 * Source (no adaptation, running statistics), BN-adapt (test-batch statistics), Tent (entropy on
 * every BN affine), Hebb-only (soft Hebbian conv1 + BN-adapt), Hard-Hebb (winner-take-all), and
 * NHL (soft Hebbian conv1 + the neuro-modulator trained on entropy).
 */
export function ttaMethods(settings: MethodSettings): Record<MethodName, TtaMethod> {
  const momentum = settings.momentum ?? 0.9;
  const soft: HebbianOptions = { eta: settings.eta, temperature: settings.temperature, competition: "soft" };
  const modulatorParams = (settings.modulator ?? "bn1-affine") === "bn1-affine" ? ["bn1/gamma", "bn1/beta"] : ["mod/scale", "mod/shift"];
  return {
    "Source": { name: "Source", statistics: "running" },
    "BN-adapt": { name: "BN-adapt", statistics: "batch" },
    "Tent": { name: "Tent", statistics: "batch", entropy: { params: ["bn1/gamma", "bn1/beta", "bn2/gamma", "bn2/beta"], lr: settings.tentLr, momentum } },
    "Hebb-only": { name: "Hebb-only", statistics: "batch", hebbian: soft },
    "Hard-Hebb": { name: "Hard-Hebb", statistics: "batch", hebbian: { eta: settings.eta, competition: "hard" } },
    "NHL": { name: "NHL", statistics: "batch", hebbian: soft, entropy: { params: modulatorParams, lr: settings.modulatorLr, momentum } },
  };
}

/**
 * Runs one method over one stream: restores the source state, then for each batch adapts
 * (Hebbian, then entropy) and predicts. Parameters outside the method's set are never written.
 */
export function runTtaStream(options: TtaStreamOptions): StreamResult {
  const { model, method, images } = options;
  const batchSize = options.batchSize ?? 64;
  const known = Object.keys(model.params);
  const entropyNames = method.entropy?.params ?? [];
  const problems = entropyNames.filter((n) => !known.includes(n)).map((n) => unknownTtaParam(`tta.runTtaStream (${method.name})`, n, known));
  if (problems.length) throw new CajalError(problems);
  if (method.hebbian && method.statistics !== "batch") {
    // With running statistics, the source's BN would not follow the changed kernels.
    throw new CajalError(badTtaOption(`tta.runTtaStream (${method.name})`, "statistics", method.statistics, "\"batch\" when a Hebbian rule changes the first layer"));
  }
  const [rows, cols] = model.inputShape;
  if (images.rows !== rows || images.cols !== cols) {
    throw new CajalError(badTtaOption("tta.runTtaStream", "images", `${images.rows} × ${images.cols} images`, `${rows} × ${cols} images`));
  }
  model.setState(options.source);
  const trained: Record<string, tf.Variable> = {};
  for (const n of entropyNames) trained[n] = model.params[n]!;
  const optimizer = method.entropy ? sgd({ params: trained, lr: method.entropy.lr ?? 1e-3, momentum: method.entropy.momentum ?? 0.9 }) : undefined;
  const kernel = model.params["conv1/kernel"]!;
  const batchCount = Math.ceil(images.count / batchSize);
  const wrongPerBatch = new Uint32Array(batchCount);
  const sizePerBatch = new Uint32Array(batchCount);
  const entropyPerBatch = new Float64Array(batchCount).fill(NaN);
  const hebbianChange: number[] = [];
  let wrong = 0;
  let index = 0;
  try {
    for (const batch of batches(images, { batchSize, ...(options.order ? { rng: options.order } : {}) })) {
      if (method.hebbian) {
        const values = Float32Array.from(kernel.dataSync() as Float32Array);
        const update = hebbianConvUpdate(values, model.kernelSize, batch.images, { batch: batch.size, height: rows, width: cols, channels: 1 }, method.hebbian);
        hebbianChange.push(update.relativeChange);
        tf.tidy(() => kernel.assign(tf.tensor(values, kernel.shape, "float32")));
      }
      const predicted = tf.tidy(() => {
        const x = tf.tensor4d(batch.images, [batch.size, rows, cols, 1]);
        if (optimizer) {
          entropyPerBatch[index] = trainStep(optimizer, (p) => predictionEntropy(model.apply(x, { statistics: method.statistics, params: p })));
        }
        return tf.argMax(model.apply(x, { statistics: method.statistics }), -1).dataSync();
      });
      let w = 0;
      for (let i = 0; i < batch.size; i++) if (predicted[i] !== batch.labels[i]) w++;
      wrongPerBatch[index] = w;
      sizePerBatch[index] = batch.size;
      wrong += w;
      index++;
      options.onBatch?.(index);
    }
  } finally {
    optimizer?.dispose();
  }
  return { method: method.name, error: images.count > 0 ? wrong / images.count : NaN, wrongPerBatch, sizePerBatch, entropyPerBatch, hebbianChange: Float64Array.from(hebbianChange) };
}

/** Running error after each batch: cumulative wrong / cumulative images. */
export function runningError(result: Pick<StreamResult, "wrongPerBatch" | "sizePerBatch">): Float64Array {
  const out = new Float64Array(result.wrongPerBatch.length);
  let wrong = 0;
  let seen = 0;
  for (let i = 0; i < out.length; i++) {
    wrong += result.wrongPerBatch[i]!;
    seen += result.sizePerBatch[i]!;
    out[i] = wrong / seen;
  }
  return out;
}
