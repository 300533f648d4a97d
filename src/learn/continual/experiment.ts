/**
 * A continual-learning run on a spiking MLP trained by DSR: tasks in order, after each one every
 * task seen so far is tested. Three methods share everything but the protection of old tasks —
 * "baseline" (plain sequential fine-tuning), "ewc" (Fisher-weighted quadratic anchors) and "hlop"
 * (weight gradients computed from presynaptic residuals orthogonal to the Hebbian principal
 * subspaces of earlier tasks). With the same `rng`, methods start from the same weights and see the
 * same batches in the same order.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { shuffledIndices } from "../../data/image-set.js";
import { badOption } from "../messages.js";
import {
  type DsrMlp, type DsrWorkspace, createDsrMlp, dsrBackward, dsrForward, dsrGradients, dsrWorkspace, predictions,
} from "./dsr-mlp.js";
import { EwcPenalty, dsrFisherDiagonal } from "./ewc.js";
import { HebbianSubspace } from "./hebbian-subspace.js";
import type { TaskSplit } from "./pmnist.js";

/** How old tasks are protected. */
export type ContinualMethod = "baseline" | "ewc" | "hlop";

/** HLOP's lateral circuits: one Hebbian module per weight layer, fed with that layer's input. */
export interface HlopSettings {
  /** subspaceSizes[m][t]: rows module m adds when task t starts (HLOP's schedule). */
  readonly subspaceSizes: readonly (readonly number[])[];
  /** Hebbian learning rate per module (HLOP: 0.001 on pixels, 0.01 on hidden rates). */
  readonly learningRates: readonly number[];
  /** Oja iterations per training batch (default 2). */
  readonly iterations?: number;
  /** Samples of each batch the Hebbian update sees (default 16). */
  readonly samplesPerBatch?: number;
}

/** EWC's strength and how many samples estimate each task's Fisher diagonal (steps are proximal, see `EwcPenalty.proximalStep`). */
export interface EwcSettings {
  readonly lambda: number;
  /** Samples for the Fisher diagonal (default 500, or the task's size if smaller). */
  readonly fisherSamples?: number;
}

/** Options of `runContinual`. */
export interface ContinualOptions {
  readonly method: ContinualMethod;
  readonly tasks: readonly { readonly train: TaskSplit; readonly test: TaskSplit }[];
  /** Hidden LIF layer widths. */
  readonly hidden: readonly number[];
  readonly classes?: number;
  readonly timeSteps: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** SGD learning rate of weights (and thresholds, on task 1 only). */
  readonly learningRate: number;
  readonly hlop?: HlopSettings;
  readonly ewc?: EwcSettings;
  /** Streams "init" (weights), "order" (batches), "hlop" (subspace init). */
  readonly rng: Rng;
  /**
   * Carry errors back through fixed random matrices instead of the transposed weights (feedback
   * alignment; default false). Drawn from stream "feedback" with the weights' initial distribution.
   */
  readonly feedbackAlignment?: boolean;
  /** Called after every training batch (progress bars). */
  readonly onBatch?: () => void;
}

/** What a run leaves behind. */
export interface ContinualResult {
  readonly method: ContinualMethod;
  /** A[i][j]: test accuracy on task j after training task i (j ≤ i), in [0, 1]. */
  readonly accuracy: number[][];
  /** Mean training loss per task. */
  readonly trainLoss: number[];
  readonly net: DsrMlp;
  /** HLOP's modules (empty for the other methods). */
  readonly subspaces: HebbianSubspace[];
  /** HLOP: rows of the first-layer module after task 1 [rows × inputs]. */
  readonly firstSubspaceAfterTask1: Float32Array | null;
  /** Training wall time, s. */
  readonly seconds: number;
}

/** Test accuracy of `net` on a split (batches of `ws.batch`). */
export function evaluateAccuracy(net: DsrMlp, split: TaskSplit, ws: DsrWorkspace): number {
  const inputs = net.sizes[0]!;
  const pred = new Uint8Array(ws.batch);
  let correct = 0;
  for (let start = 0; start < split.count; start += ws.batch) {
    const size = Math.min(ws.batch, split.count - start);
    dsrForward(net, split.x.subarray(start * inputs, (start + size) * inputs), size, ws);
    predictions(net, ws, size, pred);
    for (let b = 0; b < size; b++) if (pred[b] === split.labels[start + b]) correct++;
  }
  return correct / split.count;
}

/** Trains the tasks in order with one method and fills the accuracy matrix. */
export function runContinual(options: ContinualOptions): ContinualResult {
  const { method, tasks, hidden, timeSteps, epochs, batchSize, learningRate, rng } = options;
  if (tasks.length < 1) throw new CajalError(badOption("runContinual", "tasks.length", 0, "≥ 1"));
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new CajalError(badOption("runContinual", "batchSize", batchSize, "an integer ≥ 1"));
  if (method === "hlop" && !options.hlop) throw new CajalError(badOption("runContinual", "hlop", "missing", "HLOP settings when method is \"hlop\""));
  if (method === "ewc" && !options.ewc) throw new CajalError(badOption("runContinual", "ewc", "missing", "EWC settings when method is \"ewc\""));
  const inputs = tasks[0]!.train.x.length / tasks[0]!.train.count;
  const net = createDsrMlp({ inputs, hidden, classes: options.classes ?? 10, timeSteps, rng: rng.stream("init") });
  const L = net.weights.length;
  const ws = dsrWorkspace(net, batchSize);
  const evalWs = dsrWorkspace(net, 125);
  const grads = dsrGradients(net, batchSize);
  const xb = new Float32Array(batchSize * inputs);
  const yb = new Uint8Array(batchSize);
  const subspaces: HebbianSubspace[] = [];
  const hlop = method === "hlop" ? options.hlop! : null;
  if (hlop) {
    if (hlop.subspaceSizes.length !== L || hlop.learningRates.length !== L) {
      throw new CajalError(badOption("runContinual", "hlop.subspaceSizes.length", hlop.subspaceSizes.length, `${L}, one module per weight layer`));
    }
    for (let m = 0; m < L; m++) subspaces.push(new HebbianSubspace({ inputs: net.sizes[m]!, learningRate: hlop.learningRates[m]! }));
  }
  const ewc = method === "ewc" ? new EwcPenalty(net.weights.map((w) => w.length)) : null;
  const hebbRng = rng.stream("hlop");
  const orderRng = rng.stream("order");
  const projector = (l: number, p: Float32Array, b: number) => subspaces[l]!.residual(p, b, p);
  const feedback = options.feedbackAlignment ? createDsrMlp({ inputs, hidden, classes: options.classes ?? 10, timeSteps, rng: rng.stream("feedback") }).weights : undefined;
  const accuracy: number[][] = [];
  const trainLoss: number[] = [];
  let firstSubspaceAfterTask1: Float32Array | null = null;
  const t0 = performance.now();
  for (let t = 0; t < tasks.length; t++) {
    const { train } = tasks[t]!;
    if (hlop) for (let m = 0; m < L; m++) subspaces[m]!.addRows(hlop.subspaceSizes[m]![t] ?? 0, hebbRng);
    let lossSum = 0;
    let batches = 0;
    for (let e = 0; e < epochs; e++) {
      const order = shuffledIndices(train.count, orderRng);
      for (let start = 0; start < train.count; start += batchSize) {
        const size = Math.min(batchSize, train.count - start);
        for (let k = 0; k < size; k++) {
          const i = order[start + k]!;
          xb.set(train.x.subarray(i * inputs, (i + 1) * inputs), k * inputs);
          yb[k] = train.labels[i]!;
        }
        dsrForward(net, xb, size, ws);
        lossSum += dsrBackward(net, xb, size, ws, yb.subarray(0, size), grads, { presynaptic: hlop && t > 0 ? projector : undefined, feedback });
        batches++;
        if (ewc && ewc.consolidated > 0) {
          ewc.proximalStep(net.weights, grads.weights, learningRate, options.ewc!.lambda);
        } else {
          for (let l = 0; l < L; l++) {
            const w = net.weights[l]!, g = grads.weights[l]!;
            for (let i = 0; i < w.length; i++) w[i]! -= learningRate * g[i]!;
          }
        }
        // Thresholds (the network's only vector parameters) learn on the first task only, as in HLOP's script.
        if (t === 0) for (let h = 0; h < net.thresholds.length; h++) net.thresholds[h]! -= learningRate * grads.thresholds[h]!;
        if (hlop) {
          const n = Math.min(size, hlop.samplesPerBatch ?? 16);
          const iterations = hlop.iterations ?? 2;
          for (let m = 0; m < L; m++) subspaces[m]!.update(m === 0 ? xb : ws.weightedRate[m - 1]!, n, iterations);
        }
        options.onBatch?.();
      }
    }
    trainLoss.push(lossSum / Math.max(1, batches));
    const row: number[] = [];
    for (let j = 0; j <= t; j++) row.push(evaluateAccuracy(net, tasks[j]!.test, evalWs));
    accuracy.push(row);
    if (hlop) {
      if (t === 0) firstSubspaceAfterTask1 = subspaces[0]!.weights();
      for (const s of subspaces) s.freeze();
    }
    if (ewc) {
      const n = Math.min(train.count, options.ewc!.fisherSamples ?? 500);
      ewc.consolidate(dsrFisherDiagonal(net, train.x, train.labels, n), net.weights);
    }
  }
  return { method, accuracy, trainLoss, net, subspaces, firstSubspaceAfterTask1, seconds: (performance.now() - t0) / 1000 };
}
