/**
 * Gradients over named parameters, and the tools around them: stop-gradient, taps that see or
 * rewrite the gradient flowing through an intermediate value, and per-sample gradients.
 * tfjs records the backward pass on its tape when an outer gradient is being taken, so calling
 * `valueAndGrads` (or `tf.grad`) inside another gives gradients of gradients; the second-order
 * tests check this against finite differences through an unrolled SGD loop.
 */
import { tf } from "./tf.js";
import type { Tensors } from "./params.js";

/** A loss and its gradients, keyed like the parameters. */
export interface ValueAndGrads {
  readonly value: tf.Scalar;
  readonly grads: Record<string, tf.Tensor>;
}

/**
 * Evaluates `loss(params)` and its gradient with respect to every entry of `params` (variables or
 * plain tensors). Every entry must influence the loss (tfjs raises "Cannot compute gradient"
 * otherwise): pass only the parameters a loss uses. Call it inside `tf.tidy` and keep what you
 * need, or dispose the results.
 */
export function valueAndGrads(loss: (params: Tensors) => tf.Scalar, params: Tensors): ValueAndGrads {
  const names = Object.keys(params);
  const list = names.map((n) => params[n]!);
  const f = tf.valueAndGrads((...xs: tf.Tensor[]) => {
    const p: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => (p[n] = xs[i]!));
    return loss(p);
  });
  const { value, grads } = f(list);
  const out: Record<string, tf.Tensor> = {};
  names.forEach((n, i) => (out[n] = grads[i]!));
  return { value, grads: out };
}

/** `x` in the forward pass, zero gradient in the backward pass (detach). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({ value: tf.clone(args[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));
  return f(x) as T;
}

/**
 * A gradient tap: `x` unchanged in the forward pass; in the backward pass `hook` receives the
 * gradient arriving at `x` (∂L/∂x) and may return a replacement (scaled, noised, masked), or
 * nothing to pass it on unchanged. The tensor given to `hook` is disposed after it returns: clone
 * it (or read `dataSync()`) to keep it.
 *
 * @example
 * const h = gradTap(hidden, (g) => { record.push(g.dataSync().slice()); });
 */
export function gradTap<T extends tf.Tensor>(x: T, hook: (grad: tf.Tensor) => tf.Tensor | void): T {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => {
      const replaced = hook(dy);
      return replaced ?? tf.clone(dy);
    },
  }));
  return f(x) as T;
}

/**
 * Per-sample gradients: row i holds ∂ loss(params, sample i) / ∂params, flattened in the order of
 * `Object.keys(params)`. Returns a Float32Array [samples × parameters]. Samples are processed
 * one at a time inside `tf.tidy` (no tensors survive), so memory stays at one sample's graph.
 */
export function perSampleGrads(
  loss: (params: Tensors, sample: number) => tf.Scalar,
  params: Tensors,
  samples: number,
): { readonly grads: Float32Array; readonly parameters: number } {
  let parameters = 0;
  for (const t of Object.values(params)) parameters += t.size;
  const grads = new Float32Array(samples * parameters);
  for (let i = 0; i < samples; i++) {
    tf.tidy(() => {
      const g = valueAndGrads((p) => loss(p, i), params).grads;
      let offset = i * parameters;
      for (const name of Object.keys(params)) {
        const values = g[name]!.dataSync();
        grads.set(values, offset);
        offset += values.length;
      }
    });
  }
  return { grads, parameters };
}

/**
 * Diagonal empirical Fisher information: the mean over samples of the squared per-sample
 * gradient of the log-likelihood loss (with the true labels, as EWC's implementations use).
 * Returns tensors keyed like `params`.
 */
export function fisherDiagonal(loss: (params: Tensors, sample: number) => tf.Scalar, params: Tensors, samples: number): Record<string, tf.Tensor> {
  const { grads, parameters } = perSampleGrads(loss, params, samples);
  const mean = new Float32Array(parameters);
  for (let i = 0; i < samples; i++) {
    const row = i * parameters;
    for (let j = 0; j < parameters; j++) {
      const g = grads[row + j]!;
      mean[j]! += (g * g) / samples;
    }
  }
  const out: Record<string, tf.Tensor> = {};
  let offset = 0;
  for (const [name, t] of Object.entries(params)) {
    out[name] = tf.tensor(mean.subarray(offset, offset + t.size), t.shape, "float32");
    offset += t.size;
  }
  return out;
}
