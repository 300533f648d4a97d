/**
 * Named parameter sets. A layer owns `tf.Variable`s under short names ("kernel", "bias"); a model
 * gathers them with prefixes ("hidden/kernel"). Every `apply` also accepts plain tensors under the
 * same names, so one forward function serves training (variables), unrolled inner loops and
 * per-sample gradients (tensors that are functions of other tensors).
 */
import { tf } from "./tf.js";

/** Tensors by name. */
export type Tensors = Readonly<Record<string, tf.Tensor>>;
/** Trainable variables by name. */
export type Variables = Readonly<Record<string, tf.Variable>>;

/** A part of a model with parameters and a forward function. */
export interface Layer {
  /** The layer's trainable variables by short name. */
  readonly params: Variables;
  /** Forward pass; `params` replaces the layer's variables (same names) when given. */
  apply(x: tf.Tensor, params?: Tensors): tf.Tensor;
}

/** The parameters of several layers under prefixed names: `{ hidden: dense(...) }` → "hidden/kernel". */
export function collectParams(layers: Readonly<Record<string, { readonly params: Variables }>>): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const [prefix, layer] of Object.entries(layers)) {
    for (const [name, v] of Object.entries(layer.params)) out[`${prefix}/${name}`] = v;
  }
  return out;
}

/** The entries of `params` under `prefix/`, with the prefix removed (undefined passes through). */
export function scope(params: Tensors | undefined, prefix: string): Tensors | undefined {
  if (!params) return undefined;
  const out: Record<string, tf.Tensor> = {};
  const head = `${prefix}/`;
  for (const [name, t] of Object.entries(params)) if (name.startsWith(head)) out[name.slice(head.length)] = t;
  return out;
}

/** Total number of scalar parameters. */
export function countParams(params: Tensors): number {
  let n = 0;
  for (const t of Object.values(params)) n += t.size;
  return n;
}

/** Copies of the current values (for restore or a frozen reference). The caller disposes them. */
export function snapshot(params: Tensors): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(params)) out[name] = tf.clone(t);
  return out;
}

/** Writes `values` into the variables of the same names. */
export function restore(params: Variables, values: Tensors): void {
  for (const [name, v] of Object.entries(params)) {
    const value = values[name];
    if (value) v.assign(value);
  }
}

/** Releases the variables' memory. */
export function disposeParams(params: Tensors): void {
  for (const t of Object.values(params)) t.dispose();
}

/** The parameters as one flat Float32Array, in the order of `Object.keys(params)`. */
export function flatten(params: Tensors): Float32Array {
  const out = new Float32Array(countParams(params));
  let offset = 0;
  for (const t of Object.values(params)) {
    out.set(t.dataSync() as Float32Array, offset);
    offset += t.size;
  }
  return out;
}

/** Picks a parameter: the override when given, else the layer's own. */
export function pick(own: Variables, override: Tensors | undefined, name: string): tf.Tensor {
  const t = override?.[name] ?? own[name];
  if (!t) throw new Error(`layer has no parameter ${name}`); // a Cajal bug: layers know their names
  return t;
}
