/**
 * Delayed match-to-sample (DMS), the working-memory task of BrainPy's §5.3: direction-tuned Poisson
 * channels (von Mises tuning) show a sample direction, then after a delay a test direction; the
 * network answers "match" when both are equal. Trials, a leaky two-unit readout and one BPTT
 * training loop over a compiled DSL network.
 */
import type { Rng } from "../core/rng.js";
import { adam, type Optimizer } from "../learn/optimisers.js";
import { valueAndGrads } from "../learn/grad.js";
import { tf } from "../learn/tf.js";
import type { DiffModel } from "./model.js";

/** Options of `dmsTrials`. */
export interface DmsOptions {
  /** Direction-tuned input channels (default 24). */
  readonly channels?: number;
  /** Sample directions, evenly spaced (default 8). */
  readonly directions?: number;
  /** Von Mises concentration κ (default 2). */
  readonly kappa?: number;
  /** Peak rate of a channel at its preferred direction, Hz (default 60). */
  readonly peakHz?: number;
  /** Background rate of every channel, Hz (default 1). */
  readonly backgroundHz?: number;
  /** Period lengths, ms. */
  readonly fixationMs: number;
  readonly sampleMs: number;
  readonly delayMs: number;
  readonly testMs: number;
  /** Timestep, ms (default 1). */
  readonly dtMs?: number;
  /** Probability of a match trial (default 0.5). */
  readonly matchProbability?: number;
}

/** A batch of trials. */
export interface DmsBatch {
  /** Input spikes [steps × batch × channels], row-major (0/1). */
  readonly spikes: Float32Array;
  /** 1 for match, 0 for non-match. */
  readonly labels: Int32Array;
  readonly sample: Int32Array;
  readonly test: Int32Array;
  readonly steps: number;
  readonly batch: number;
  readonly channels: number;
  /** First step of the test period. */
  readonly testStart: number;
  /** First steps of sample and delay periods. */
  readonly sampleStart: number;
  readonly delayStart: number;
}

/** Draws `batch` DMS trials with Bernoulli spikes (rate·dt per step). */
export function dmsTrials(options: DmsOptions, batch: number, rng: Rng): DmsBatch {
  const channels = options.channels ?? 24;
  const directions = options.directions ?? 8;
  const kappa = options.kappa ?? 2;
  const peak = options.peakHz ?? 60;
  const bg = options.backgroundHz ?? 1;
  const dt = options.dtMs ?? 1;
  const pMatch = options.matchProbability ?? 0.5;
  const toSteps = (ms: number) => Math.round(ms / dt);
  const sampleStart = toSteps(options.fixationMs);
  const delayStart = sampleStart + toSteps(options.sampleMs);
  const testStart = delayStart + toSteps(options.delayMs);
  const steps = testStart + toSteps(options.testMs);
  const spikes = new Float32Array(steps * batch * channels);
  const labels = new Int32Array(batch), sample: Int32Array = new Int32Array(batch), test: Int32Array = new Int32Array(batch);
  const rate = new Float64Array(channels);
  for (let b = 0; b < batch; b++) {
    sample[b] = rng.int(directions);
    const match = rng.uniform() < pMatch;
    labels[b] = match ? 1 : 0;
    test[b] = match ? sample[b]! : (sample[b]! + 1 + rng.int(directions - 1)) % directions;
    for (let k = 0; k < steps; k++) {
      const dir = k >= sampleStart && k < delayStart ? sample[b]! : k >= testStart ? test[b]! : -1;
      for (let c = 0; c < channels; c++) {
        const tuned = dir < 0 ? 0 : peak * Math.exp(kappa * (Math.cos((2 * Math.PI * dir) / directions - (2 * Math.PI * c) / channels) - 1));
        rate[c] = bg + tuned;
        if (rng.uniform() < (rate[c]! * dt) / 1000) spikes[(k * batch + b) * channels + c] = 1;
      }
    }
  }
  return { spikes, labels, sample, test, steps, batch, channels, testStart, sampleStart, delayStart };
}

/**
 * Leaky readout y_t = α·y_{t−1} + (1 − α)·s_t·W over time as one product with the filter matrix
 * K[t, u] = (1 − α)·α^(t−u), u ≤ t. `spikes` [T, B, n], `weight` [n, m] → [T, B, m].
 */
export function leakyReadout(spikes: tf.Tensor3D, weight: tf.Tensor2D, alpha: number): tf.Tensor3D {
  const [T, B, n] = spikes.shape;
  const m = weight.shape[1];
  const K = new Float32Array(T * T);
  for (let t = 0; t < T; t++) for (let u = 0; u <= t; u++) K[t * T + u] = (1 - alpha) * alpha ** (t - u);
  const drive = tf.reshape(tf.matMul(tf.reshape(spikes, [T * B, n]), weight), [T, B * m]);
  return tf.reshape(tf.matMul(tf.tensor2d(K, [T, T]), drive), [T, B, m]) as tf.Tensor3D;
}

/** Options of `trainDms`. */
export interface TrainDmsOptions {
  readonly model: DiffModel;
  /** Label of the input source population and of the recurrent population read out. */
  readonly input: string;
  readonly recurrent: string;
  /** Neurons read out (default: all of `recurrent`). */
  readonly readFrom?: readonly number[];
  readonly task: DmsOptions;
  readonly trials: number;
  readonly batch: number;
  /** Adam learning rate (default 1e-3, the paper's). */
  readonly lr?: number;
  /** Adam learning rate of the readout (weights and bias), if it should differ from `lr` (default `lr`). */
  readonly readoutLr?: number;
  /** Readout time constant, ms (default 10). */
  readonly readoutTauMs?: number;
  /** Weight of the membrane penalty mean((v − vRest)²) (default 0). */
  readonly membranePenalty?: number;
  /**
   * How the readout's filtered output is pooled over the test period into logits: "mean" (default) or
   * "sum" (a filtered spike count, so logits grow with the test period and need no large readout weights).
   */
  readonly pool?: "mean" | "sum";
  /** Standard deviation of the initial readout weights (default 1/√n for n cells read; 0 starts at chance, loss ln 2). */
  readonly readoutInitSd?: number;
  /** Clip the global gradient norm to this value before each Adam step (default: no clipping). */
  readonly clipNorm?: number;
  readonly rng: Rng;
  /** Called after every batch. */
  readonly onBatch?: (entry: DmsLogEntry) => void;
}

/** One training batch's numbers. */
export interface DmsLogEntry {
  readonly trials: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Trained weights whose sign differs from their projection's sign after this step. */
  readonly signViolations: number;
  /** Global gradient norm of this step, before clipping (NaN when not clipping). */
  readonly gradNorm: number;
}

/** The result of `trainDms`: its log, the readout, and an evaluator. */
export interface DmsTraining {
  readonly log: readonly DmsLogEntry[];
  readonly readout: tf.Variable;
  /** Bias of the two readout units (zero at the start): "match" vs "non-match" needs an offset on positive spike counts. */
  readonly readoutBias: tf.Variable;
  /** The network's optimiser (and the readout's too unless `readoutLr` differs from `lr`). */
  readonly optimizer: Optimizer;
  /** Accuracy on `trials` fresh trials (forward only, batches of `batch`). */
  evaluate(trials: number, rng: Rng): number;
  /** Runs one batch forward and returns spikes, v, θ and readout of it (for figures). */
  example(batch: DmsBatch): { spikes: Float32Array; theta: Float32Array; readout: Float32Array; neurons: number };
}

/** Trains `model` (its trainable weights and a 2-unit leaky readout) on DMS trials by BPTT with Adam. */
export function trainDms(options: TrainDmsOptions): DmsTraining {
  const { model, rng } = options;
  const dt = options.task.dtMs ?? 1;
  const alpha = Math.exp(-dt / (options.readoutTauMs ?? 10));
  const recPop = model.compiled.populations.find((p) => p.label === options.recurrent)!;
  const readFrom = options.readFrom ?? Array.from({ length: recPop.size }, (_, i) => i);
  const select = tf.tensor1d(Int32Array.from(readFrom), "int32");
  const readout = tf.variable(tf.randomNormal([readFrom.length, 2], 0, options.readoutInitSd ?? 1 / Math.sqrt(readFrom.length), "float32", rng.int(2 ** 31)), true);
  const readoutBias = tf.variable(tf.zeros([2]), true);
  const params = { ...model.params, readout, readoutBias };
  const clip = options.clipNorm !== undefined ? { clipNorm: options.clipNorm } : {};
  const lr = options.lr ?? 1e-3;
  const separate = options.readoutLr !== undefined && options.readoutLr !== lr;
  // Two optimisers when the rates differ; each clips its own gradients.
  const optimizer = adam({ params: separate ? model.params : params, lr, ...clip });
  const readoutOptimizer = separate ? adam({ params: { readout, readoutBias }, lr: options.readoutLr!, ...clip }) : undefined;
  const vRest = recPop.cells!.base.vRest[0]!;
  const forward = (batch: DmsBatch, p: Record<string, tf.Tensor>) => {
    const x = tf.tensor3d(batch.spikes, [batch.steps, batch.batch, batch.channels]);
    const sim = model.simulate({ steps: batch.steps, inputs: { [options.input]: x }, params: p, record: { spikes: [options.recurrent], v: options.membranePenalty ? [options.recurrent] : [] } });
    const s = tf.gather(sim.spikes[options.recurrent]!, select, 2) as tf.Tensor3D;
    const y = leakyReadout(s, p.readout as tf.Tensor2D, alpha);
    const pool = options.pool === "sum" ? tf.sum : tf.mean;
    const logits = tf.add(pool(tf.slice(y, [batch.testStart, 0, 0], [batch.steps - batch.testStart, batch.batch, 2]), 0), p.readoutBias!) as tf.Tensor2D;
    return { logits, sim, s, y };
  };
  const log: DmsLogEntry[] = [];
  const batches = Math.ceil(options.trials / options.batch);
  for (let b = 0; b < batches; b++) {
    const batch = dmsTrials(options.task, options.batch, rng.stream(`train/${b}`));
    const { lossValue, acc } = tf.tidy(() => {
      const labels = tf.oneHot(tf.tensor1d(batch.labels, "int32"), 2);
      let acc = 0;
      const { value, grads } = valueAndGrads((p) => {
        const { logits, sim } = forward(batch, p as Record<string, tf.Tensor>);
        const pred = tf.argMax(logits, 1).dataSync();
        acc = 0;
        for (let i = 0; i < batch.batch; i++) if (pred[i] === batch.labels[i]) acc += 1 / batch.batch;
        let loss = tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
        if (options.membranePenalty) loss = tf.add(loss, tf.mul(options.membranePenalty, tf.mean(tf.square(tf.sub(sim.v[options.recurrent]!, vRest))))) as tf.Scalar;
        return loss;
      }, params);
      if (readoutOptimizer) {
        const { readout: gr, readoutBias: gb, ...rest } = grads;
        if (Object.keys(rest).length) optimizer.step(rest);
        readoutOptimizer.step({ readout: gr!, readoutBias: gb! });
      } else optimizer.step(grads);
      return { lossValue: value.dataSync()[0]!, acc };
    });
    model.constrain();
    let violations = 0;
    for (const label of model.compiled.trainable.keys()) {
      const sign = model.sign(label);
      const w = model.effectiveWeight(label);
      const values = w.dataSync();
      w.dispose();
      for (const x of values) if (x * sign < 0) violations++;
    }
    const entry = { trials: (b + 1) * options.batch, loss: lossValue, accuracy: acc, signViolations: violations, gradNorm: optimizer.lastGradNorm };
    log.push(entry);
    options.onBatch?.(entry);
  }
  return {
    log, readout, readoutBias, optimizer,
    evaluate(trials, evalRng) {
      let correct = 0, seen = 0;
      for (let b = 0; seen < trials; b++) {
        const n = Math.min(options.batch, trials - seen);
        const batch = dmsTrials(options.task, n, evalRng.stream(`eval/${b}`));
        const pred = tf.tidy(() => tf.argMax(forward(batch, params).logits, 1).dataSync());
        for (let i = 0; i < n; i++) if (pred[i] === batch.labels[i]) correct++;
        seen += n;
      }
      return correct / seen;
    },
    example(batch) {
      return tf.tidy(() => {
        const x = tf.tensor3d(batch.spikes, [batch.steps, batch.batch, batch.channels]);
        const sim = model.simulate({ steps: batch.steps, inputs: { [options.input]: x }, record: { spikes: [options.recurrent], theta: [options.recurrent] } });
        const s = tf.gather(sim.spikes[options.recurrent]!, select, 2) as tf.Tensor3D;
        const y = leakyReadout(s, readout as tf.Tensor as tf.Tensor2D, alpha);
        return {
          spikes: sim.spikes[options.recurrent]!.dataSync() as Float32Array,
          theta: sim.theta[options.recurrent]!.dataSync() as Float32Array,
          readout: y.dataSync() as Float32Array,
          neurons: recPop.size,
        };
      });
    },
  };
}
