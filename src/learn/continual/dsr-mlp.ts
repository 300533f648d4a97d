/**
 * A fully connected spiking network trained by differentiation on spike representation (DSR; Meng
 * et al., CVPR 2022), as HLOP's PMNIST experiments use it. Forward: LIF units (V ← βV + (1 − β)I,
 * β = e^{−Δt/τ}; a spike of amplitude V_th when V ≥ α·V_th, then V −= V_th; the layer passes
 * spike/Δt on) driven by the pixel vector at every step; the readout is the exponentially weighted
 * firing rate of the last hidden layer times the output weights. Backward: the gradient flows
 * through weighted firing rates, straight through where a unit's weighted input rate lies in
 * (0, V_th·τ/Δt) and zero elsewhere. Weight gradients are outer products error ⊗ presynaptic rate,
 * and the presynaptic rate can be replaced (HLOP's projection) without touching the forward pass.
 * Times are in the model's own units (Δt = 0.05 τ by default), not milliseconds.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { matmul } from "./gemm.js";

/** Options of `createDsrMlp`. */
export interface DsrMlpOptions {
  /** Input features (784 for MNIST). */
  readonly inputs: number;
  /** Hidden LIF layer widths, e.g. [200, 200]. */
  readonly hidden: readonly number[];
  /** Output classes. */
  readonly classes: number;
  /** Simulation steps T. */
  readonly timeSteps: number;
  /** Step Δt in units of the membrane time scale (default 0.05). */
  readonly dt?: number;
  /** Membrane time constant τ (default 1). */
  readonly tau?: number;
  /** A spike fires when V ≥ α·V_th (default 0.3). */
  readonly alpha?: number;
  /** Initial threshold V_th of every hidden layer (default 0.3). */
  readonly threshold?: number;
  /** Lower bound kept on trained thresholds (default 5·10⁻⁴). */
  readonly thresholdMin?: number;
  readonly rng: Rng;
}

/** The network's parameters and constants. Weights are float32, row-major [out × in], no biases. */
export interface DsrMlp {
  /** Layer sizes [inputs, ...hidden, classes]. */
  readonly sizes: readonly number[];
  readonly weights: Float32Array[];
  /** Trainable threshold V_th of each hidden layer. */
  readonly thresholds: Float64Array;
  readonly timeSteps: number;
  readonly dt: number;
  readonly tau: number;
  readonly alpha: number;
  readonly thresholdMin: number;
  /** Normalised readout weights w̃_t = e^{−(T−t)Δt/τ} / Σ, t = 1 … T. */
  readonly rateWeights: Float64Array;
}

/** Builds the network; weights ~ U(−1/√in, 1/√in), PyTorch's default for `nn.Linear`. */
export function createDsrMlp(options: DsrMlpOptions): DsrMlp {
  const { inputs, hidden, classes, timeSteps, rng } = options;
  const sizes = [inputs, ...hidden, classes];
  for (const s of sizes) if (!(Number.isInteger(s) && s >= 1)) throw new CajalError(badOption("createDsrMlp", "sizes", sizes.join("–"), "positive integers"));
  if (hidden.length < 1) throw new CajalError(badOption("createDsrMlp", "hidden.length", hidden.length, "≥ 1 hidden layer"));
  if (!(Number.isInteger(timeSteps) && timeSteps >= 1)) throw new CajalError(badOption("createDsrMlp", "timeSteps", timeSteps, "an integer ≥ 1"));
  const dt = options.dt ?? 0.05;
  const tau = options.tau ?? 1;
  if (!(dt > 0 && tau > 0)) throw new CajalError(badOption("createDsrMlp", "dt, tau", `${dt}, ${tau}`, "both > 0"));
  const weights: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const w = new Float32Array(fanIn * sizes[l + 1]!);
    const bound = 1 / Math.sqrt(fanIn);
    const init = rng.stream(`layer${l}`);
    for (let i = 0; i < w.length; i++) w[i] = init.uniformIn(-bound, bound);
    weights.push(w);
  }
  const rateWeights = new Float64Array(timeSteps);
  let sum = 0;
  for (let t = 1; t <= timeSteps; t++) {
    rateWeights[t - 1] = Math.exp(-((timeSteps - t) * dt) / tau);
    sum += rateWeights[t - 1]!;
  }
  for (let t = 0; t < timeSteps; t++) rateWeights[t]! /= sum;
  return {
    sizes, weights, thresholds: new Float64Array(hidden.length).fill(options.threshold ?? 0.3), timeSteps, dt, tau,
    alpha: options.alpha ?? 0.3, thresholdMin: options.thresholdMin ?? 5e-4, rateWeights,
  };
}

/** Buffers of one forward pass, reused across batches of the same size. */
export interface DsrWorkspace {
  readonly batch: number;
  /** Per hidden layer: weighted input rate ī [batch × units] (decides where gradients pass). */
  readonly inputRate: Float32Array[];
  /** Per hidden layer: plain mean of the output spike/Δt over steps [batch × units]. */
  readonly meanRate: Float32Array[];
  /** Per hidden layer: weighted firing rate a [batch × units]. */
  readonly weightedRate: Float32Array[];
  /** Logits [batch × classes]. */
  readonly logits: Float32Array;
  /** Per hidden layer: outputs spike/Δt at every step [T × batch × units]. */
  readonly spikes: Float32Array[];
  /** Per hidden layer: input currents at every step [T × batch × units]. */
  readonly currents: Float32Array[];
}

/** Allocates a workspace for batches of `batch` samples. */
export function dsrWorkspace(net: DsrMlp, batch: number): DsrWorkspace {
  const hidden = net.sizes.slice(1, -1);
  const T = net.timeSteps;
  return {
    batch,
    inputRate: hidden.map((h) => new Float32Array(batch * h)),
    meanRate: hidden.map((h) => new Float32Array(batch * h)),
    weightedRate: hidden.map((h) => new Float32Array(batch * h)),
    logits: new Float32Array(batch * net.sizes[net.sizes.length - 1]!),
    spikes: hidden.map((h) => new Float32Array(T * batch * h)),
    currents: hidden.map((h) => new Float32Array(T * batch * h)),
  };
}

/** out[b, o] = Σ_i x[b, i] · w[o, i] for x [batch × inputs], w [outputs × inputs] (offsets in elements). */
export function linearForward(x: Float32Array, xOffset: number, w: Float32Array, batch: number, inputs: number, outputs: number, out: Float32Array, outOffset: number): void {
  matmul(x, w, out, batch, outputs, inputs, { transB: true, aOffset: xOffset, cOffset: outOffset });
}

/**
 * Runs the network on x [batch × inputs] (the same input at every step). Fills `ws` and returns
 * its logits. `batch` ≤ the workspace's batch.
 */
export function dsrForward(net: DsrMlp, x: Float32Array, batch: number, ws: DsrWorkspace): Float32Array {
  const { sizes, weights, timeSteps: T, dt, tau, alpha, rateWeights } = net;
  if (batch > ws.batch) throw new CajalError(badOption("dsrForward", "batch", batch, `≤ the workspace's ${ws.batch}`));
  if (x.length < batch * sizes[0]!) throw new CajalError(badOption("dsrForward", "x.length", x.length, `≥ ${batch} × ${sizes[0]}`));
  const beta = Math.exp(-dt / tau);
  const hiddenCount = sizes.length - 2;
  for (let l = 0; l < hiddenCount; l++) {
    const units = sizes[l + 1]!;
    const fanIn = sizes[l]!;
    const current = ws.currents[l]!;
    const spikes = ws.spikes[l]!;
    const n = batch * units;
    if (net.thresholds[l]! < net.thresholdMin) net.thresholds[l] = net.thresholdMin;
    const vth = net.thresholds[l]!;
    if (l === 0) {
      linearForward(x, 0, weights[0]!, batch, fanIn, units, current, 0);
      for (let t = 1; t < T; t++) current.copyWithin(t * ws.batch * units, 0, n);
    } else {
      // All steps in one product; rows of unused batch slots (batch < ws.batch) are computed and ignored.
      linearForward(ws.spikes[l - 1]!, 0, weights[l]!, (T - 1) * ws.batch + batch, fanIn, units, current, 0);
    }
    const inRate = ws.inputRate[l]!;
    const mean = ws.meanRate[l]!;
    const wRate = ws.weightedRate[l]!;
    inRate.fill(0, 0, n);
    mean.fill(0, 0, n);
    wRate.fill(0, 0, n);
    const out = vth / dt;
    for (let i = 0; i < n; i++) {
      let v = 0;
      let ir = 0;
      let mr = 0;
      let wr = 0;
      for (let t = 0; t < T; t++) {
        const c = current[t * ws.batch * units + i]!;
        ir += rateWeights[t]! * c;
        v = beta * v + (1 - beta) * c;
        let o = 0;
        if (v >= alpha * vth) {
          v -= vth;
          o = out;
        }
        spikes[t * ws.batch * units + i] = o;
        mr += o;
        wr += rateWeights[t]! * o;
      }
      inRate[i] = ir;
      mean[i] = mr / T;
      wRate[i] = wr;
    }
  }
  const last = sizes.length - 2;
  linearForward(ws.weightedRate[last - 1]!, 0, weights[last]!, batch, sizes[last]!, sizes[last + 1]!, ws.logits, 0);
  return ws.logits;
}

/** Replaces a presynaptic batch [batch × inputs] by what the weight update may use (HLOP's residual). */
export type Presynaptic = (layer: number, x: Float32Array, batch: number) => Float32Array;

/** Gradients of a batch, shaped like the network's parameters. */
export interface DsrGradients {
  readonly weights: Float32Array[];
  readonly thresholds: Float64Array;
  /** Per layer: the error e [batch × outputs] the weight gradient is e ⊗ presynaptic. */
  readonly errors: Float32Array[];
  /** Per layer: the presynaptic vectors used [batch × inputs] (after any replacement). */
  readonly presynaptic: Float32Array[];
}

/** Allocates gradient buffers for `net` and batches up to `batch`. */
export function dsrGradients(net: DsrMlp, batch: number): DsrGradients {
  const layers = net.sizes.length - 1;
  return {
    weights: net.weights.map((w) => new Float32Array(w.length)),
    thresholds: new Float64Array(net.thresholds.length),
    errors: Array.from({ length: layers }, (_, l) => new Float32Array(batch * net.sizes[l + 1]!)),
    presynaptic: Array.from({ length: layers }, (_, l) => new Float32Array(batch * net.sizes[l]!)),
  };
}

/**
 * Softmax cross-entropy of the last forward pass against `labels`, and the DSR gradients of its
 * batch mean (or batch sum with `sum: true`, for per-sample Fisher sums). The weight gradient of
 * layer l is Σ_b e_b ⊗ p_b, with p the pixel vector (l = 0), the mean spike/Δt of the previous
 * layer (hidden → hidden, since the rule sums the per-step products), or its weighted rate (the
 * readout); `presynaptic` may replace p (HLOP's projection) and `feedback` the matrices that carry
 * errors back (feedback alignment). Returns the mean loss.
 */
export function dsrBackward(
  net: DsrMlp, x: Float32Array, batch: number, ws: DsrWorkspace, labels: ArrayLike<number>, grads: DsrGradients,
  options: {
    readonly presynaptic?: Presynaptic; readonly sum?: boolean; readonly skipWeights?: boolean;
    /** Fixed matrices shaped like `net.weights` that carry errors backwards instead of the weights (feedback alignment, Lillicrap et al. 2016). */
    readonly feedback?: readonly Float32Array[];
  } = {},
): number {
  const { sizes, weights, timeSteps: T, dt, tau, rateWeights } = net;
  const L = sizes.length - 1;
  const classes = sizes[L]!;
  const scale = options.sum ? 1 : 1 / batch;
  // Output error δ = softmax − onehot.
  const delta = grads.errors[L - 1]!;
  let loss = 0;
  for (let b = 0; b < batch; b++) {
    const o = b * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, ws.logits[o + c]!);
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(ws.logits[o + c]! - max);
    const label = labels[b]!;
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new CajalError(badOption("dsrBackward", "label", label, `0 … ${classes - 1}`));
    loss += Math.log(z) + max - ws.logits[o + label]!;
    for (let c = 0; c < classes; c++) delta[o + c] = (Math.exp(ws.logits[o + c]! - max) / z - (c === label ? 1 : 0)) * scale;
  }
  // Gradient arriving at a hidden layer's output, rate-coded: g = T · Σ_t w̃_t ∂L/∂o_t.
  // From the readout (∂L/∂o_t = w̃_t Wᵀδ) that is c·Wᵀδ with c = T Σ w̃_t²; from a hidden layer,
  // whose per-step input gradient is e/T, it is Wᵀe.
  let readoutFactor = 0;
  for (let t = 0; t < T; t++) readoutFactor += rateWeights[t]! ** 2;
  readoutFactor *= T;
  grads.thresholds.fill(0);
  for (let l = L - 1; l >= 1; l--) {
    const units = sizes[l]!;
    const next = sizes[l + 1]!;
    const e = grads.errors[l]!;
    const w = options.feedback ? options.feedback[l]! : weights[l]!;
    const hiddenIndex = l - 1;
    const inRate = ws.inputRate[hiddenIndex]!;
    const vth = net.thresholds[hiddenIndex]!;
    const upper = (vth / dt) * tau;
    const factor = l === L - 1 ? readoutFactor : 1;
    const eIn = grads.errors[l - 1]!;
    matmul(e, w, eIn, batch, units, next);
    let thresholdGrad = 0;
    for (let i = 0; i < batch * units; i++) {
      const g = eIn[i]! * factor;
      const r = inRate[i]!;
      eIn[i] = r > 0 && r < upper ? g / tau : 0;
      if (r > upper) thresholdGrad += g;
    }
    grads.thresholds[hiddenIndex] = thresholdGrad * dt;
  }
  if (options.skipWeights) return loss / batch;
  for (let l = 0; l < L; l++) {
    const fanIn = sizes[l]!;
    const units = sizes[l + 1]!;
    let pre: Float32Array;
    if (l === 0) pre = x;
    else if (l === L - 1) pre = ws.weightedRate[l - 1]!;
    else pre = ws.meanRate[l - 1]!;
    const p = grads.presynaptic[l]!;
    p.set(pre.subarray(0, batch * fanIn));
    const used = options.presynaptic ? options.presynaptic(l, p, batch) : p;
    outerSum(grads.errors[l]!, used, batch, units, fanIn, grads.weights[l]!);
  }
  return loss / batch;
}

/** g[o, i] = Σ_b e[b, o] · p[b, i] for e [batch × outputs], p [batch × inputs]. */
export function outerSum(e: Float32Array, p: Float32Array, batch: number, outputs: number, inputs: number, g: Float32Array): void {
  matmul(e, p, g, outputs, inputs, batch, { transA: true });
}

/** Class predicted for each sample of the last forward pass (argmax of the logits). */
export function predictions(net: DsrMlp, ws: DsrWorkspace, batch: number, out: Uint8Array): Uint8Array {
  const classes = net.sizes[net.sizes.length - 1]!;
  for (let b = 0; b < batch; b++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (ws.logits[b * classes + c]! > ws.logits[b * classes + best]!) best = c;
    out[b] = best;
  }
  return out;
}
