/**
 * Training a score network by multiplicative denoising score matching on positive data, and
 * using it as the score of a reverse-time GBM sampler.
 */
import type { Rng } from "../../core/rng.js";
import { valueAndGrads } from "../grad.js";
import { type LearningRate, adam } from "../optimisers.js";
import { tf } from "../tf.js";
import { type MdsmWeighting, type ScoreNetSpec, applyScoreNet, mdsmLoss } from "./score-net.js";

/** Options of `trainScoreNet`. */
export interface TrainScoreOptions {
  readonly spec: ScoreNetSpec;
  /** The network's variables (updated in place). */
  readonly params: Record<string, tf.Variable>;
  /** Positive training data [n × dim]. */
  readonly data: ArrayLike<number>;
  readonly steps: number;
  readonly batchSize: number;
  /** Adam learning rate (number or schedule). */
  readonly lr: LearningRate;
  readonly sigma: number;
  readonly mu: number;
  /** Discrete training levels N: t = k/N with k uniform in {1 … N−1} (default 1000, as the released code). */
  readonly levels?: number;
  readonly rng: Rng;
  /** Loss weighting over t (default "released"); see `MdsmWeighting`. */
  readonly weighting?: MdsmWeighting;
  /** Keep an exponential moving average of the weights with this decay (e.g. 0.999). */
  readonly emaDecay?: number;
  /** Called every `every` steps with (step, mean loss since the last call). */
  readonly onLoss?: (step: number, loss: number) => void;
  readonly every?: number;
}

/** Trains by M-DSM; returns the per-step losses and, when asked, the EMA weights (caller disposes). */
export function trainScoreNet(o: TrainScoreOptions): { losses: Float64Array; ema?: Record<string, tf.Tensor> } {
  const { spec, sigma, mu } = o;
  const n = o.data.length / spec.dim;
  const levels = o.levels ?? 1000;
  const optimizer = adam({ params: o.params, lr: o.lr });
  const losses = new Float64Array(o.steps);
  const ema = o.emaDecay === undefined ? undefined
    : Object.fromEntries(Object.entries(o.params).map(([k, v]) => [k, tf.variable(tf.clone(v), false)]));
  const b = o.batchSize, d = spec.dim;
  const logX0 = new Float32Array(b * d), logXt: Float32Array = new Float32Array(b * d), ts: Float32Array = new Float32Array(b);
  const every = o.every ?? 100;
  let acc = 0, count = 0;
  for (let step = 0; step < o.steps; step++) {
    for (let i = 0; i < b; i++) {
      const row = o.rng.int(n);
      const t = (1 + o.rng.int(levels - 1)) / levels;
      ts[i] = t;
      const sd = sigma * Math.sqrt(t), drift = (mu - (sigma * sigma) / 2) * t;
      for (let j = 0; j < d; j++) {
        const l0 = Math.log(o.data[row * d + j]!);
        logX0[i * d + j] = l0;
        logXt[i * d + j] = l0 + drift + sd * o.rng.normal(0, 1);
      }
    }
    const loss = tf.tidy(() => {
      const x0 = tf.tensor2d(logX0, [b, d]), xt = tf.tensor2d(logXt, [b, d]), t = tf.tensor1d(ts);
      const { value, grads } = valueAndGrads((p) => mdsmLoss(applyScoreNet(spec, p, xt, t), xt, x0, t, sigma, mu, o.weighting), o.params);
      optimizer.step(grads);
      if (ema) for (const [k, v] of Object.entries(ema)) v.assign(tf.add(tf.mul(o.emaDecay!, v), tf.mul(1 - o.emaDecay!, o.params[k]!)));
      return value.dataSync()[0]!;
    });
    losses[step] = loss;
    acc += loss; count++;
    if (o.onLoss && ((step + 1) % every === 0 || step + 1 === o.steps)) { o.onLoss(step + 1, acc / count); acc = 0; count = 0; }
  }
  optimizer.dispose();
  return ema ? { losses, ema } : { losses };
}

/**
 * The network as a sampler's score callback: h(x, t) from log x; entries that are not positive
 * (possible with the sign-agnostic sampler) are evaluated at a tiny positive value, so the
 * sampler can go on and count them.
 */
export function networkScore(spec: ScoreNetSpec, params: Readonly<Record<string, tf.Tensor>>): (x: Float64Array, tS: number, out: Float64Array) => void {
  return (x, tS, out) => {
    const n = x.length / spec.dim;
    const logs = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) logs[i] = Math.log(x[i]! > 1e-30 ? x[i]! : 1e-30);
    const h = tf.tidy(() => applyScoreNet(spec, params, tf.tensor2d(logs, [n, spec.dim]), tf.fill([n], tS)).dataSync());
    out.set(h);
  };
}
