/**
 * The homeostatic-learning paper's classifier (Man, Damasio & Neven 2022, released NumPy code): an
 * MLP 784-80-60-10 with ELU (α = 1) hidden layers, softmax output and the cross-entropy error
 * a − y, trained by summing per-sample gradients over a mini-batch and applying w ← w − (η/m)·Σ∇.
 *
 * Written on typed arrays (float64) with a hand-derived backward pass, because the learners need
 * what tensors make awkward: one sample's gradient at a decision point, and cheap "what-if"
 * updates scored on a few recent samples without touching the weights. Input pixels that are 0
 * (most of an MNIST digit) are skipped in the first layer's products.
 *
 * Layout: weights are stored input-major, `w1[k·h1 + j]` = weight from input k to hidden unit j,
 * so a pixel's outgoing weights are contiguous.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/** Layer sizes of the MLP. */
export interface EluMlpSizes {
  readonly inputs: number;
  readonly hidden1: number;
  readonly hidden2: number;
  readonly classes: number;
}

/** The paper's sizes: 784-80-60-10. */
export const PAPER_SIZES: EluMlpSizes = { inputs: 784, hidden1: 80, hidden2: 60, classes: 10 };

/** Weights and biases of the MLP (input-major weight matrices). */
export interface EluMlp {
  readonly sizes: EluMlpSizes;
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: Float64Array;
  readonly w3: Float64Array;
  readonly b3: Float64Array;
}

/** Summed gradients of a mini-batch, laid out like the weights. */
export interface EluMlpGrads {
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: Float64Array;
  readonly w3: Float64Array;
  readonly b3: Float64Array;
}

/**
 * A new MLP as the released code initialises it: weights He-normal N(0, 2/fan_in), biases N(0, 1).
 */
export function createEluMlp(rng: Rng, sizes: EluMlpSizes = PAPER_SIZES): EluMlp {
  const { inputs, hidden1, hidden2, classes } = sizes;
  for (const [name, n] of Object.entries(sizes)) {
    if (!(Number.isInteger(n) && n >= 1)) throw new CajalError(badOption("createEluMlp", name, n, "an integer ≥ 1"));
  }
  const normal = (n: number, sd: number, stream: string) => rng.stream(stream).fillNormal(new Float64Array(n), 0, sd);
  return {
    sizes,
    w1: normal(inputs * hidden1, Math.sqrt(2 / inputs), "w1"),
    b1: normal(hidden1, 1, "b1"),
    w2: normal(hidden1 * hidden2, Math.sqrt(2 / hidden1), "w2"),
    b2: normal(hidden2, 1, "b2"),
    w3: normal(hidden2 * classes, Math.sqrt(2 / hidden2), "w3"),
    b3: normal(classes, 1, "b3"),
  };
}

/** A deep copy (the three learners of a run start from the same weights). */
export function cloneEluMlp(m: EluMlp): EluMlp {
  return { sizes: m.sizes, w1: m.w1.slice(), b1: m.b1.slice(), w2: m.w2.slice(), b2: m.b2.slice(), w3: m.w3.slice(), b3: m.b3.slice() };
}

/** Zeroed gradient buffers for `m`. */
export function zeroGrads(m: EluMlp): EluMlpGrads {
  return {
    w1: new Float64Array(m.w1.length), b1: new Float64Array(m.b1.length), w2: new Float64Array(m.w2.length),
    b2: new Float64Array(m.b2.length), w3: new Float64Array(m.w3.length), b3: new Float64Array(m.b3.length),
  };
}

const elu = (z: number) => (z > 0 ? z : Math.exp(z) - 1);
const eluSlope = (z: number) => (z > 0 ? 1 : Math.exp(z));

/** Pre-activations of the first layer for one image: out[j] = b1[j] + Σ_k x_k·w1[k, j] (zeros skipped). */
function layer1(m: EluMlp, x: Float32Array | Float64Array, offset: number, out: Float64Array): void {
  const { inputs, hidden1: H } = m.sizes;
  out.set(m.b1);
  for (let k = 0; k < inputs; k++) {
    const xk = x[offset + k]!;
    if (xk === 0) continue;
    const row = k * H;
    for (let j = 0; j < H; j++) out[j]! += xk * m.w1[row + j]!;
  }
}

/** Dense layer with input-major weights: out = b + aᵀW. */
function denseForward(w: Float64Array, b: Float64Array, a: Float64Array, nIn: number, nOut: number, out: Float64Array): void {
  out.set(b);
  for (let k = 0; k < nIn; k++) {
    const ak = a[k]!;
    const row = k * nOut;
    for (let j = 0; j < nOut; j++) out[j]! += ak * w[row + j]!;
  }
}

/** Softmax in place; returns the argmax (the first maximum, as NumPy's argmax). */
function softmaxInPlace(z: Float64Array): number {
  let best = 0;
  for (let j = 1; j < z.length; j++) if (z[j]! > z[best]!) best = j;
  const max = z[best]!;
  let sum = 0;
  for (let j = 0; j < z.length; j++) {
    const e = Math.exp(z[j]! - max);
    z[j] = e;
    sum += e;
  }
  for (let j = 0; j < z.length; j++) z[j] = z[j]! / sum;
  return best;
}

/** Everything one sample's forward and backward pass produce. */
export interface SampleTrace {
  /** Predicted class (argmax of the output). */
  readonly predicted: number;
  /** Output probabilities. */
  readonly output: Float64Array;
  /** Errors δ at each layer (∂loss/∂pre-activation): δ3 = a − y, δ2, δ1. */
  readonly delta3: Float64Array;
  readonly delta2: Float64Array;
  readonly delta1: Float64Array;
  /** Hidden activations a1 (after ELU), a2. */
  readonly a1: Float64Array;
  readonly a2: Float64Array;
}

/** Scratch buffers for one sample's passes (reused: copy what you keep). */
export function createTrace(m: EluMlp): SampleTrace & { readonly z1: Float64Array; readonly z2: Float64Array } {
  const { hidden1, hidden2, classes } = m.sizes;
  return {
    predicted: -1, output: new Float64Array(classes), delta3: new Float64Array(classes), delta2: new Float64Array(hidden2),
    delta1: new Float64Array(hidden1), a1: new Float64Array(hidden1), a2: new Float64Array(hidden2),
    z1: new Float64Array(hidden1), z2: new Float64Array(hidden2),
  };
}

/**
 * Forward and backward pass of image `index` of `images` (pixels per image = inputs) with label
 * `label`: fills `trace` and returns the predicted class. Gradients are not accumulated here.
 */
export function sampleBackward(m: EluMlp, images: Float32Array | Float64Array, index: number, label: number, trace: ReturnType<typeof createTrace>): number {
  const { inputs, hidden1: H1, hidden2: H2, classes: C } = m.sizes;
  const { z1, z2, a1, a2, output, delta1, delta2, delta3 } = trace;
  layer1(m, images, index * inputs, z1);
  for (let j = 0; j < H1; j++) a1[j] = elu(z1[j]!);
  denseForward(m.w2, m.b2, a1, H1, H2, z2);
  for (let j = 0; j < H2; j++) a2[j] = elu(z2[j]!);
  denseForward(m.w3, m.b3, a2, H2, C, output);
  const predicted = softmaxInPlace(output);
  for (let c = 0; c < C; c++) delta3[c] = output[c]! - (c === label ? 1 : 0);
  for (let k = 0; k < H2; k++) {
    let s = 0;
    const row = k * C;
    for (let c = 0; c < C; c++) s += m.w3[row + c]! * delta3[c]!;
    delta2[k] = s * eluSlope(z2[k]!);
  }
  for (let k = 0; k < H1; k++) {
    let s = 0;
    const row = k * H2;
    for (let c = 0; c < H2; c++) s += m.w2[row + c]! * delta2[c]!;
    delta1[k] = s * eluSlope(z1[k]!);
  }
  (trace as { predicted: number }).predicted = predicted;
  return predicted;
}

/** Adds one sample's gradient (from `trace`, after `sampleBackward`) to `g`. */
export function accumulate(m: EluMlp, images: Float32Array | Float64Array, index: number, trace: SampleTrace, g: EluMlpGrads): void {
  const { inputs, hidden1: H1, hidden2: H2, classes: C } = m.sizes;
  const off = index * inputs;
  for (let k = 0; k < inputs; k++) {
    const xk = images[off + k]!;
    if (xk === 0) continue;
    const row = k * H1;
    for (let j = 0; j < H1; j++) g.w1[row + j]! += xk * trace.delta1[j]!;
  }
  for (let j = 0; j < H1; j++) g.b1[j]! += trace.delta1[j]!;
  for (let k = 0; k < H1; k++) {
    const ak = trace.a1[k]!;
    const row = k * H2;
    for (let j = 0; j < H2; j++) g.w2[row + j]! += ak * trace.delta2[j]!;
  }
  for (let j = 0; j < H2; j++) g.b2[j]! += trace.delta2[j]!;
  for (let k = 0; k < H2; k++) {
    const ak = trace.a2[k]!;
    const row = k * C;
    for (let j = 0; j < C; j++) g.w3[row + j]! += ak * trace.delta3[j]!;
  }
  for (let j = 0; j < C; j++) g.b3[j]! += trace.delta3[j]!;
}

/** w ← w − scale·g for every parameter, then zeroes g. */
export function applyAndClear(m: EluMlp, g: EluMlpGrads, scale: number): void {
  for (const key of ["w1", "b1", "w2", "b2", "w3", "b3"] as const) {
    const w = m[key], gk = g[key];
    for (let i = 0; i < w.length; i++) {
      w[i]! -= scale * gk[i]!;
      gk[i] = 0;
    }
  }
}

/** Predicted class of image `index` (no gradient). */
export function predictOne(m: EluMlp, images: Float32Array | Float64Array, index: number, trace: ReturnType<typeof createTrace>): number {
  const { hidden1: H1, hidden2: H2, classes: C } = m.sizes;
  layer1(m, images, index * m.sizes.inputs, trace.z1);
  for (let j = 0; j < H1; j++) trace.a1[j] = elu(trace.z1[j]!);
  denseForward(m.w2, m.b2, trace.a1, H1, H2, trace.z2);
  for (let j = 0; j < H2; j++) trace.a2[j] = elu(trace.z2[j]!);
  denseForward(m.w3, m.b3, trace.a2, H2, C, trace.output);
  return softmaxInPlace(trace.output);
}

/** Accuracy of `m` on images `indices` with `labels(index)` as the truth. */
export function accuracyOn(m: EluMlp, images: Float32Array | Float64Array, count: number, labelOf: (index: number) => number): number {
  const trace = createTrace(m);
  let correct = 0;
  for (let i = 0; i < count; i++) if (predictOne(m, images, i, trace) === labelOf(i)) correct++;
  return count === 0 ? NaN : correct / count;
}

/**
 * "What if" I updated with one sample's gradient at several step sizes? For each step s in
 * `steps`, the number of `memo` images the MLP w − s·∇(sample) classifies correctly — computed
 * exactly without forming the updated weights: every layer's gradient is an outer product
 * δ·aᵀ, so the updated pre-activation of an input u is z(u) − s·δ·(a_sample·u + 1).
 */
export function whatIfCorrect(
  m: EluMlp,
  images: Float32Array | Float64Array,
  sampleIndex: number,
  trace: SampleTrace,
  memo: ArrayLike<number>,
  memoLabels: ArrayLike<number>,
  steps: readonly number[],
): number[] {
  const { inputs, hidden1: H1, hidden2: H2, classes: C } = m.sizes;
  const correct = steps.map(() => 0);
  const base1 = new Float64Array(H1);
  const a1 = new Float64Array(H1), z2: Float64Array = new Float64Array(H2), a2: Float64Array = new Float64Array(H2), z3: Float64Array = new Float64Array(C);
  const xs = sampleIndex * inputs;
  for (let n = 0; n < memo.length; n++) {
    const u = memo[n]! * inputs;
    layer1(m, images, u, base1);
    // a_sample · u over the input layer (the sample's pixels times the memo image's pixels).
    let dot0 = 0;
    for (let k = 0; k < inputs; k++) {
      const xk = images[u + k]!;
      if (xk !== 0) dot0 += xk * images[xs + k]!;
    }
    steps.forEach((s, si) => {
      for (let j = 0; j < H1; j++) a1[j] = elu(base1[j]! - s * trace.delta1[j]! * (dot0 + 1));
      denseForward(m.w2, m.b2, a1, H1, H2, z2);
      let dot1 = 0;
      for (let k = 0; k < H1; k++) dot1 += trace.a1[k]! * a1[k]!;
      for (let j = 0; j < H2; j++) a2[j] = elu(z2[j]! - s * trace.delta2[j]! * (dot1 + 1));
      denseForward(m.w3, m.b3, a2, H2, C, z3);
      let dot2 = 0;
      for (let k = 0; k < H2; k++) dot2 += trace.a2[k]! * a2[k]!;
      let best = 0;
      for (let c = 0; c < C; c++) {
        z3[c] = z3[c]! - s * trace.delta3[c]! * (dot2 + 1);
        if (z3[c]! > z3[best]!) best = c;
      }
      if (best === memoLabels[n]) correct[si]!++;
    });
  }
  return correct;
}
