/**
 * Values that may be given as a number, a matrix or a random distribution (weights, delays,
 * initial values), validated when given and drawn by the backend from a named random stream.
 */
import type { Problem } from "../core/errors.js";
import type { Rng } from "../core/rng.js";
import * as msg from "./messages.js";

/** A random distribution, described as data (PyNN's RandomDistribution, camelCase). */
export type Distribution =
  | { readonly distribution: "uniform"; readonly low: number; readonly high: number }
  | { readonly distribution: "normal"; readonly mean: number; readonly sd: number }
  /** A normal distribution redrawn until the value lies in [low, high] (PyNN's normal_clipped). */
  | { readonly distribution: "normalClipped"; readonly mean: number; readonly sd: number; readonly low: number; readonly high: number };

/**
 * A value computed from indices: `(i) => value` for a neuron's value (i its index in the population or
 * view), `(pre, post) => value` for a connection's weight or delay (indices within the projection's
 * pre and post groups, as in a matrix). Called once per element when the network is expanded; the
 * result must be a finite number. This is PyNN's index-based expression, written as a function.
 */
export type IndexFunction = (index: number, postIndex: number) => number;

/** A number for every element, one value per element (a list, or a pre × post matrix), a distribution, or a function of the indices. */
export type ValueSpec = number | readonly number[] | readonly (readonly number[])[] | Distribution | IndexFunction;

/** Whether a value is a function of the indices. */
export function isIndexFunction(v: unknown): v is IndexFunction {
  return typeof v === "function";
}

/** Whether a value is a distribution description. */
export function isDistribution(v: unknown): v is Distribution {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "distribution" in v;
}

const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/** Checks a value description; `what` names it in messages ("weight", "delay"). */
export function checkValue(place: string, value: unknown, what: string): Problem[] {
  if (finite(value)) return [];
  if (isIndexFunction(value)) {
    return value.length <= 2 ? [] : [msg.badValue(place, `a function of ${value.length} arguments`, what)];
  }
  if (Array.isArray(value)) {
    const flat = (value as unknown[]).flat();
    return flat.every(finite) ? [] : [msg.badValue(place, value, what)];
  }
  if (isDistribution(value)) {
    const d = value as Record<string, unknown>;
    switch (d.distribution) {
      case "uniform":
        if (!finite(d.low) || !finite(d.high) || d.low > d.high) return [msg.badDistribution(place, `uniform(${d.low}, ${d.high}) needs finite low ≤ high.`)];
        return [];
      case "normal":
        if (!finite(d.mean) || !finite(d.sd) || d.sd < 0) return [msg.badDistribution(place, `normal(mean ${d.mean}, sd ${d.sd}) needs a finite mean and sd ≥ 0.`)];
        return [];
      case "normalClipped":
        if (!finite(d.mean) || !finite(d.sd) || d.sd < 0 || !finite(d.low) || !finite(d.high) || d.low > d.high) {
          return [msg.badDistribution(place, `normalClipped(mean ${d.mean}, sd ${d.sd}, [${d.low}, ${d.high}]) needs finite values, sd ≥ 0 and low ≤ high.`)];
        }
        return [];
    }
  }
  return [msg.badValue(place, value, what)];
}

/** One draw from a distribution. */
export function draw(d: Distribution, rng: Rng): number {
  switch (d.distribution) {
    case "uniform": return rng.uniformIn(d.low, d.high);
    case "normal": return rng.normal(d.mean, d.sd);
    case "normalClipped": {
      if (d.sd === 0 || d.low === d.high) return Math.min(d.high, Math.max(d.low, d.mean));
      for (let tries = 0; tries < 1_000_000; tries++) {
        const x = rng.normal(d.mean, d.sd);
        if (x >= d.low && x <= d.high) return x;
      }
      throw new Error(`normalClipped: [${d.low}, ${d.high}] is too far in the tail of normal(${d.mean}, ${d.sd})`);
    }
  }
}

/**
 * Values for one population: a number, a per-neuron list or a distribution, `size` long. Throws
 * a plain Error on a wrong-size list: callers check sizes with `checkPerNeuron` first.
 */
export function realisePerNeuron(value: ValueSpec, size: number, rng: Rng): Float64Array {
  const out = new Float64Array(size);
  if (typeof value === "number") out.fill(value);
  else if (isDistribution(value)) for (let i = 0; i < size; i++) out[i] = draw(value, rng);
  else if (isIndexFunction(value)) for (let i = 0; i < size; i++) out[i] = value(i, 0);
  else {
    const flat = (value as readonly unknown[]).flat() as number[];
    if (flat.length !== size) throw new Error(`realisePerNeuron: ${flat.length} values for ${size} neurons`);
    out.set(flat);
  }
  return out;
}

/**
 * The first element of `values` that is not a finite number, as a problem naming where it came from
 * (used after a function of the indices was evaluated), or none.
 */
export function nonFiniteProblems(place: string, values: Float64Array, what: string, indexText: (k: number) => string): Problem[] {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k]!)) return [msg.nonFiniteFromFunction(`${place}${indexText(k)}`, values[k]!, what)];
  }
  return [];
}

/** Problems with a per-neuron value for a group of `size` neurons. */
export function checkPerNeuron(place: string, value: unknown, size: number, what: string): Problem[] {
  const problems = checkValue(place, value, what);
  if (problems.length === 0 && isIndexFunction(value)) {
    // Per-neuron functions are evaluated here, so a bad formula is reported where it is given.
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) values[i] = value(i, 0);
    problems.push(...nonFiniteProblems(place, values, what, (i) => `[${i}]`));
  }
  if (problems.length === 0 && Array.isArray(value)) {
    const n = (value as unknown[]).flat().length;
    if (n !== size) problems.push(msg.wrongSize(place, `the list of ${what}s`, n, size));
  }
  return problems;
}
