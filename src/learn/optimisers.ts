/**
 * Optimisers over named variables: SGD (momentum, Nesterov, coupled weight decay) and Adam /
 * AdamW, each with optional global-norm gradient clipping, plus a pure (differentiable) SGD
 * update for unrolled inner loops. Updates run inside `tf.tidy`, so no tensor outlives a step
 * except the optimiser's own state. On wasm each parameter's update is one fused kernel
 * (kernels/update-wasm.ts) with the same float32 arithmetic as the op-by-op form used elsewhere.
 */
import { CajalError } from "../core/errors.js";
import { badOption, unknownParam } from "./messages.js";
import type { Tensors, Variables } from "./params.js";
import { tf } from "./tf.js";
import { fusedAdam, fusedMomentum, fusedSgd } from "./kernels/update-wasm.js";

/** A learning rate, fixed or as a function of the step count (0-based). */
export type LearningRate = number | ((step: number) => number);

/** What every optimiser offers. */
export interface Optimizer {
  /** The variables it updates. */
  readonly params: Variables;
  /** Steps taken so far. */
  readonly iterations: number;
  /** Applies one update from gradients keyed like `params` (missing keys are left alone). */
  step(grads: Readonly<Record<string, tf.Tensor>>): void;
  /** The global gradient norm seen at the last step, before clipping (NaN before the first). */
  readonly lastGradNorm: number;
  /** Releases the optimiser's state (momentum, moments). */
  dispose(): void;
}

/** Options shared by the optimisers. */
export interface OptimizerOptions {
  readonly params: Variables;
  readonly lr: LearningRate;
  /** Rescale all gradients together when their global L2 norm exceeds this. */
  readonly clipNorm?: number;
}

/** Global L2 norm of a set of gradients, and the gradients rescaled to at most `maxNorm`. */
export function clipByGlobalNorm(grads: Readonly<Record<string, tf.Tensor>>, maxNorm: number): { grads: Record<string, tf.Tensor>; norm: tf.Scalar } {
  const list = Object.values(grads);
  const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
  const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-12)));
  const out: Record<string, tf.Tensor> = {};
  for (const [name, g] of Object.entries(grads)) out[name] = tf.mul(g, scale);
  return { grads: out, norm };
}

function checkNames(place: string, params: Variables, grads: Readonly<Record<string, tf.Tensor>>): void {
  for (const name of Object.keys(grads)) if (!(name in params)) throw new CajalError(unknownParam(place, name, Object.keys(params)));
}

function rateAt(lr: LearningRate, step: number): number {
  return typeof lr === "number" ? lr : lr(step);
}

function zerosState(params: Variables): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const [name, v] of Object.entries(params)) {
    const zeros = tf.zerosLike(v);
    out[name] = tf.variable(zeros, false);
    zeros.dispose(); // the variable holds its own copy
  }
  return out;
}

function prepare(place: string, options: OptimizerOptions, grads: Readonly<Record<string, tf.Tensor>>): { grads: Readonly<Record<string, tf.Tensor>>; norm: number } {
  checkNames(place, options.params, grads);
  if (options.clipNorm === undefined) return { grads, norm: NaN };
  const clipped = clipByGlobalNorm(grads, options.clipNorm);
  return { grads: clipped.grads, norm: clipped.norm.dataSync()[0]! };
}

/** Options of `sgd`. */
export interface SgdOptions extends OptimizerOptions {
  /** Momentum μ (default 0): v ← μv + g, θ ← θ − lr·v (PyTorch's convention). */
  readonly momentum?: number;
  /** Nesterov momentum: θ ← θ − lr·(g + μv). */
  readonly nesterov?: boolean;
  /** Coupled L2 weight decay λ: g ← g + λθ (default 0). */
  readonly weightDecay?: number;
}

/** Stochastic gradient descent, PyTorch's update rule. */
export function sgd(options: SgdOptions): Optimizer {
  const momentum = options.momentum ?? 0;
  const decay = options.weightDecay ?? 0;
  if (!(momentum >= 0 && momentum < 1)) throw new CajalError(badOption("sgd", "momentum", momentum, "0 ≤ momentum < 1"));
  const velocity = momentum > 0 ? zerosState(options.params) : undefined;
  let iterations = 0;
  let lastGradNorm = NaN;
  return {
    params: options.params,
    get iterations() { return iterations; },
    get lastGradNorm() { return lastGradNorm; },
    step(rawGrads) {
      const lr = rateAt(options.lr, iterations);
      tf.tidy(() => {
        const { grads, norm } = prepare("sgd", options, rawGrads);
        lastGradNorm = norm;
        for (const [name, g0] of Object.entries(grads)) {
          const p = options.params[name]!;
          if (velocity) {
            const fused = fusedMomentum(p, g0, velocity[name]!, { lr, decay, momentum, nesterov: Boolean(options.nesterov) });
            if (fused) {
              velocity[name]!.assign(fused[1]);
              p.assign(fused[0]);
              continue;
            }
          } else {
            const fused = fusedSgd(p, g0, lr, decay);
            if (fused) {
              p.assign(fused);
              continue;
            }
          }
          const g = decay ? tf.add(g0, tf.mul(decay, p)) : g0;
          if (velocity) {
            const v = velocity[name]!;
            const vNext = tf.add(tf.mul(momentum, v), g);
            v.assign(vNext);
            p.assign(tf.sub(p, tf.mul(lr, options.nesterov ? tf.add(g, tf.mul(momentum, vNext)) : vNext)));
          } else {
            p.assign(tf.sub(p, tf.mul(lr, g)));
          }
        }
      });
      iterations++;
    },
    dispose() {
      if (velocity) for (const v of Object.values(velocity)) v.dispose();
    },
  };
}

/** Options of `adam`. */
export interface AdamOptions extends OptimizerOptions {
  /** β₁ (default 0.9). */
  readonly beta1?: number;
  /** β₂ (default 0.999). */
  readonly beta2?: number;
  /** ε (default 1e-8). */
  readonly epsilon?: number;
  /** Weight decay λ (default 0): coupled (added to g) for Adam, decoupled (θ ← θ − lr·λθ) when `decoupled`. */
  readonly weightDecay?: number;
  /** AdamW's decoupled weight decay (Loshchilov & Hutter 2019); default false. */
  readonly decoupled?: boolean;
}

/** Adam (Kingma & Ba 2015) with bias correction; AdamW with `decoupled: true`. */
export function adam(options: AdamOptions): Optimizer {
  const b1 = options.beta1 ?? 0.9;
  const b2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  const decay = options.weightDecay ?? 0;
  const m = zerosState(options.params);
  const v = zerosState(options.params);
  let iterations = 0;
  let lastGradNorm = NaN;
  return {
    params: options.params,
    get iterations() { return iterations; },
    get lastGradNorm() { return lastGradNorm; },
    step(rawGrads) {
      const lr = rateAt(options.lr, iterations);
      const t = iterations + 1;
      const stepSize = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      tf.tidy(() => {
        const { grads, norm } = prepare("adam", options, rawGrads);
        lastGradNorm = norm;
        for (const [name, g0] of Object.entries(grads)) {
          const p = options.params[name]!;
          const mi = m[name]!;
          const vi = v[name]!;
          const fused = fusedAdam(p, g0, mi, vi, {
            b1, b2, stepSize, epsHat: eps * Math.sqrt(1 - b2 ** t),
            decay: options.decoupled ? 0 : decay, lrDecay: options.decoupled ? lr * decay : 0,
          });
          if (fused) {
            mi.assign(fused[1]);
            vi.assign(fused[2]);
            p.assign(fused[0]);
            continue;
          }
          const g = decay && !options.decoupled ? tf.add(g0, tf.mul(decay, p)) : g0;
          const mNext = tf.add(tf.mul(b1, mi), tf.mul(1 - b1, g));
          const vNext = tf.add(tf.mul(b2, vi), tf.mul(1 - b2, tf.square(g)));
          mi.assign(mNext);
          vi.assign(vNext);
          // ε is scaled by √(1 − β₂ᵗ) so that this matches PyTorch's m̂/(√v̂ + ε) exactly.
          let update = tf.div(tf.mul(stepSize, mNext), tf.add(tf.sqrt(vNext), eps * Math.sqrt(1 - b2 ** t)));
          if (decay && options.decoupled) update = tf.add(update, tf.mul(lr * decay, p));
          p.assign(tf.sub(p, update));
        }
      });
      iterations = t;
    },
    dispose() {
      for (const s of [...Object.values(m), ...Object.values(v)]) s.dispose();
    },
  };
}

/**
 * One differentiable SGD(-momentum) step on plain tensors: returns θ − lr·(μv + g) and the new
 * velocity, as functions of their inputs, so an outer gradient can flow through an unrolled
 * inner loop (learned learning rates may be tensors).
 */
export function sgdUpdate(
  params: Tensors,
  grads: Tensors,
  lr: number | tf.Tensor,
  options: { momentum?: number | tf.Tensor; velocity?: Tensors } = {},
): { params: Record<string, tf.Tensor>; velocity: Record<string, tf.Tensor> } {
  const next: Record<string, tf.Tensor> = {};
  const velocity: Record<string, tf.Tensor> = {};
  for (const [name, p] of Object.entries(params)) {
    const g = grads[name];
    if (!g) { next[name] = p; continue; }
    const v0 = options.velocity?.[name];
    const v = options.momentum !== undefined && v0 ? tf.add(tf.mul(options.momentum, v0), g) : g;
    velocity[name] = v;
    next[name] = tf.sub(p, tf.mul(lr, v));
  }
  return { params: next, velocity };
}
