/**
 * The 40–H–K spiking classifier of notebook 34, trained by surrogate-gradient BPTT: two layers of
 * `lifSequence` neurons (current-based exponential synapses), the class scores being the output
 * spike counts. With `learnIntrinsic` every neuron's τ_m and θ (and, for the escape-noise stand-in
 * of the paper's "meta neuron", its noise width Δ and the synapses' release probabilities p) are
 * variables trained with the weights, through the reparametrisations of reparam.ts.
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { stopGradient } from "../grad.js";
import { badOption, shapeMismatch } from "../messages.js";
import type { SurrogateOptions } from "../layers/spiking.js";
import { tf } from "../tf.js";
import { lifSequence } from "./lif-sequence.js";
import { TAU_MIN_MS, decayFromRaw, inverseSoftplus, rawFromProbability, rawFromTau, tauFromRaw } from "./reparam.js";

/** Neuron models: deterministic LIF, or the escape-noise LIF with stochastic release ("meta" stand-in). */
export type NeuronModel = "lif" | "escape";

/** Options of `createSnn`. */
export interface SnnOptions extends SurrogateOptions {
  readonly inputs: number;
  readonly hidden: number;
  readonly classes: number;
  /** Default "lif". */
  readonly neuron?: NeuronModel;
  /** Train τ_m, θ (and Δ, p for "escape") with the weights. */
  readonly learnIntrinsic: boolean;
  /** Initial (or fixed) membrane time constant, ms (default 5). */
  readonly tauMs?: number;
  /** Initial (or fixed) threshold (default 1). */
  readonly threshold?: number;
  /** Initial (or fixed) escape-noise width Δ (default 0.1; "escape" only). */
  readonly escapeWidth?: number;
  /** Initial (or fixed) synaptic release probability (default 0.8; "escape" only). */
  readonly release?: number;
  /** Synaptic time constant, ms (default 5). */
  readonly tauSynMs?: number;
  /** Step, ms (default 1). */
  readonly dtMs?: number;
  /** Initial weights ~ N(mean, sd) per layer, scaled by 1/√fan-in: defaults N(0, 1/fan-in) in both layers. */
  readonly init?: { readonly hidden?: { mean: number; sd: number }; readonly output?: { mean: number; sd: number } };
  readonly rng: Rng;
}

/** A forward pass: spikes [time, batch, units] of both layers, and the output spike counts [batch, classes]. */
export interface SnnRun {
  readonly hidden: tf.Tensor;
  readonly output: tf.Tensor;
  readonly counts: tf.Tensor;
}

/** Current intrinsic parameters of one layer (per neuron). */
export interface LayerIntrinsics {
  readonly tauMs: Float32Array;
  readonly threshold: Float32Array;
  /** Escape-noise width (escape model only). */
  readonly escapeWidth?: Float32Array;
  /** Mean release probability of each neuron's input synapses (escape model only). */
  readonly release?: Float32Array;
}

/** The classifier. */
export interface Snn {
  readonly options: SnnOptions;
  /** Trainable variables: w1, w2, and with `learnIntrinsic` tau1, theta1, tau2, theta2 (+ delta*, release*). */
  readonly params: Record<string, tf.Variable>;
  /** Runs trials `x` [time, batch, inputs]; `noise` draws escape noise and releases (required for "escape"). */
  forward(x: tf.Tensor, noise?: Rng, override?: Readonly<Record<string, tf.Tensor>>): SnnRun;
  /** Intrinsic parameters now. */
  intrinsics(): { hidden: LayerIntrinsics; output: LayerIntrinsics };
  /** Synapse operations (multiply–accumulates) of one training pass on one trial of `steps` steps: dense forward + two backward products. */
  trainingOpsPerTrial(steps: number): number;
  dispose(): void;
}

function normalInit(rng: Rng, rows: number, cols: number, mean: number, sd: number): tf.Variable {
  const v = new Float32Array(rows * cols);
  const s = 1 / Math.sqrt(rows);
  for (let k = 0; k < v.length; k++) v[k] = rng.normal(mean * s, sd * s);
  return tf.variable(tf.tensor2d(v, [rows, cols]));
}

/** Builds the 2-layer spiking classifier. */
export function createSnn(options: SnnOptions): Snn {
  const { inputs, hidden, classes, rng } = options;
  const neuron = options.neuron ?? "lif";
  const tauMs = options.tauMs ?? 5;
  const threshold = options.threshold ?? 1;
  const delta0 = options.escapeWidth ?? 0.1;
  const release0 = options.release ?? 0.8;
  const dtMs = options.dtMs ?? 1;
  const synDecay = Math.exp(-dtMs / (options.tauSynMs ?? 5));
  if (neuron !== "lif" && neuron !== "escape") throw new CajalError(badOption("createSnn", "neuron", neuron, "lif or escape"));
  if (!(tauMs > TAU_MIN_MS)) throw new CajalError(badOption("createSnn", "tauMs", tauMs, `τ_m > ${TAU_MIN_MS} ms`));
  if (!(threshold > 0)) throw new CajalError(badOption("createSnn", "threshold", threshold, "θ > 0"));
  const hInit = options.init?.hidden ?? { mean: 0, sd: 1 };
  const oInit = options.init?.output ?? { mean: 0, sd: 1 };
  const params: Record<string, tf.Variable> = {
    w1: normalInit(rng.stream("w1"), inputs, hidden, hInit.mean, hInit.sd),
    w2: normalInit(rng.stream("w2"), hidden, classes, oInit.mean, oInit.sd),
  };
  // No trainable biases: a bias enters every step and is amplified ~τ_s·τ_m-fold in the membrane, so
  // Adam's first steps at lr 1e-2 silenced whole layers in trial runs; the drive is x·W only.
  const fixed: Record<string, tf.Tensor> = { b1: tf.zeros([hidden]), b2: tf.zeros([classes]) };
  const intrinsic = (name: string, shape: number[], raw: number) => {
    const t = tf.fill(shape, raw);
    if (options.learnIntrinsic) { params[name] = tf.variable(t); t.dispose(); } else fixed[name] = t;
  };
  intrinsic("tau1", [hidden], rawFromTau(tauMs));
  intrinsic("theta1", [hidden], inverseSoftplus(threshold));
  intrinsic("tau2", [classes], rawFromTau(tauMs));
  intrinsic("theta2", [classes], inverseSoftplus(threshold));
  if (neuron === "escape") {
    intrinsic("delta1", [hidden], inverseSoftplus(delta0));
    intrinsic("delta2", [classes], inverseSoftplus(delta0));
    intrinsic("release1", [inputs, hidden], rawFromProbability(release0));
    intrinsic("release2", [hidden, classes], rawFromProbability(release0));
  }
  const get = (name: string, override?: Readonly<Record<string, tf.Tensor>>): tf.Tensor => override?.[name] ?? params[name] ?? fixed[name]!;

  /** Synaptic drive x·(W∘p) + b; for "escape" the forward value uses sampled releases (straight-through expectation). */
  function drive(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, releaseRaw: tf.Tensor | undefined, noise: Rng | undefined): tf.Tensor {
    const [time, batch, nIn] = x.shape as [number, number, number];
    const nOut = w.shape[1]!;
    const x2 = tf.reshape(x, [time * batch, nIn]);
    if (!releaseRaw) return tf.reshape(tf.add(tf.matMul(x2, w), b), [time, batch, nOut]);
    const p = tf.sigmoid(releaseRaw);
    const expected = tf.add(tf.matMul(x2, tf.mul(w, p)), b);
    // Sample each synapse's release for every presynaptic spike (event-driven: spikes are sparse).
    const xs = x2.dataSync(), ws = w.dataSync(), ps = p.dataSync(), bs = b.dataSync();
    const sampled = new Float32Array(time * batch * nOut);
    for (let r = 0; r < time * batch; r++) {
      const o = r * nOut;
      for (let j = 0; j < nOut; j++) sampled[o + j] = bs[j]!;
      for (let i = 0; i < nIn; i++) {
        const xi = xs[r * nIn + i]!;
        if (xi === 0) continue;
        for (let j = 0; j < nOut; j++) if (noise!.uniform() < ps[i * nOut + j]!) sampled[o + j]! += xi * ws[i * nOut + j]!;
      }
    }
    const out = tf.add(expected, stopGradient(tf.sub(tf.tensor2d(sampled, [time * batch, nOut]), expected)));
    return tf.reshape(out, [time, batch, nOut]);
  }

  function layer(x: tf.Tensor, k: 1 | 2, noise: Rng | undefined, override?: Readonly<Record<string, tf.Tensor>>): tf.Tensor {
    const escape = neuron === "escape";
    const d = drive(x, get(`w${k}`, override), get(`b${k}`, override), escape ? get(`release${k}`, override) : undefined, noise);
    const beta = decayFromRaw(get(`tau${k}`, override), dtMs);
    const theta = tf.softplus(get(`theta${k}`, override));
    let escapeNoise;
    if (escape) {
      const u = new Float32Array(d.size);
      noise!.fillUniform(u);
      escapeNoise = { delta: tf.softplus(get(`delta${k}`, override)), uniforms: tf.tensor3d(u, d.shape as [number, number, number]) };
    }
    return lifSequence(d, beta, theta, { ...options, synDecay }, escapeNoise).spikes;
  }

  return {
    options,
    params,
    forward(x, noise, override) {
      if (x.rank !== 3 || x.shape[2] !== inputs) throw new CajalError(shapeMismatch("snn.forward", "the input", x.shape, `[time, batch, ${inputs}]`));
      if (neuron === "escape" && !noise) throw new CajalError(badOption("snn.forward", "noise", noise, "an Rng for the escape-noise model's draws"));
      const h = layer(x, 1, noise, override);
      const out = layer(h, 2, noise, override);
      return { hidden: h, output: out, counts: tf.sum(out, 0) };
    },
    intrinsics() {
      let result: { hidden: LayerIntrinsics; output: LayerIntrinsics } | undefined;
      tf.tidy(() => {
        const one = (k: 1 | 2): LayerIntrinsics => ({
          tauMs: Float32Array.from(tauFromRaw(get(`tau${k}`)).dataSync()),
          threshold: Float32Array.from(tf.softplus(get(`theta${k}`)).dataSync()),
          ...(neuron === "escape"
            ? { escapeWidth: Float32Array.from(tf.softplus(get(`delta${k}`)).dataSync()), release: Float32Array.from(tf.mean(tf.sigmoid(get(`release${k}`)), 0).dataSync()) }
            : {}),
        });
        result = { hidden: one(1), output: one(2) };
      });
      return result!;
    },
    trainingOpsPerTrial(steps) {
      return 3 * steps * (inputs * hidden + hidden * classes);
    },
    dispose() {
      for (const t of [...Object.values(params), ...Object.values(fixed)]) t.dispose();
    },
  };
}
