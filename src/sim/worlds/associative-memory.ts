/**
 * Associative memories of key → value pairs as a linear-attention head holds them: the state
 * M = Σ_i v_i k_iᵀ (a Hebbian outer-product memory), read by ŷ = M·q. Also the error-correcting
 * (delta / Rescorla–Wagner) write, the softmax-attention read-out for comparison, and the
 * measurements of capacity and fidelity built on them.
 *
 * Vectors are packed row-major: `count × dim` Float64Arrays, item i in row i.
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { normalizeRows, outerAdd, matVec, matMulTransB, dot } from "../../core/linalg.js";

function invalid(place: string, reason: string, expected: string): CajalError {
  return new CajalError({ ruleId: "memory-invalid", place, reason, expected });
}

function checkCount(place: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) throw invalid(place, `${name} = ${value} is not valid.`, `${name} a whole number ≥ ${min}`);
}

/** `count` random unit vectors in ℝ^dim (i.i.d. Gaussian, normalised): uniform on the sphere. */
export function randomUnitVectors(count: number, dim: number, rng: Rng): Float64Array {
  checkCount("randomUnitVectors", "count", count, 0);
  checkCount("randomUnitVectors", "dim", dim);
  const out = rng.fillNormal(new Float64Array(count * dim));
  normalizeRows(out, count, dim);
  return out;
}

/**
 * A linear associative memory M (dValue × dKey), the state of one linear-attention head.
 *
 * @example
 * const mem = new AssociativeMemory(64, 64);
 * mem.writeHebbian(keys, values, 0);   // store pair 0
 * mem.read(keys, out, 0);             // out ≈ value 0 plus crosstalk
 */
export class AssociativeMemory {
  /** Row-major dValue × dKey. */
  readonly weights: Float64Array;
  /** How many writes were made since the last reset. */
  writes = 0;
  private readonly prediction: Float64Array;

  constructor(readonly dKey: number, readonly dValue: number) {
    checkCount("AssociativeMemory", "dKey", dKey);
    checkCount("AssociativeMemory", "dValue", dValue);
    this.weights = new Float64Array(dValue * dKey);
    this.prediction = new Float64Array(dValue);
  }

  /** Forgets everything (M = 0). */
  reset(): void {
    this.weights.fill(0);
    this.writes = 0;
  }

  /** Hebbian write M ← M + α·v·kᵀ of the pair in row `index` of packed `keys` and `values` (α default 1). */
  writeHebbian(keys: Float64Array, values: Float64Array, index: number, alpha = 1): void {
    outerAdd(this.weights, this.dValue, this.dKey, alpha, values, keys, index * this.dValue, index * this.dKey);
    this.writes++;
  }

  /**
   * Error-correcting write M ← M + η·(v − M·k)·kᵀ (the delta rule; Rescorla–Wagner's update when
   * the key is the compound stimulus): only what the memory does not yet predict is stored.
   */
  writeDelta(keys: Float64Array, values: Float64Array, index: number, learningRate = 1): void {
    const dk = this.dKey;
    const dv = this.dValue;
    const p = this.prediction;
    matVec(this.weights, dv, dk, keys, p, index * dk);
    for (let r = 0; r < dv; r++) p[r] = values[index * dv + r]! - p[r]!;
    outerAdd(this.weights, dv, dk, learningRate, p, keys, 0, index * dk);
    this.writes++;
  }

  /** ŷ = M·q for the query in row `index` of packed `queries`; writes into `out` and returns it. */
  read(queries: Float64Array, out: Float64Array = new Float64Array(this.dValue), index = 0): Float64Array {
    return matVec(this.weights, this.dValue, this.dKey, queries, out, index * this.dKey);
  }

  /** Reads `count` queries at once: out row j = M·q_j (count × dValue). */
  readMany(queries: Float64Array, count: number, out: Float64Array = new Float64Array(count * this.dValue)): Float64Array {
    return matMulTransB(queries, this.weights, count, this.dKey, this.dValue, out);
  }
}

/** Builds a Hebbian memory of the first `count` pairs. */
export function hebbianMemory(keys: Float64Array, values: Float64Array, count: number, dKey: number, dValue: number): AssociativeMemory {
  const mem = new AssociativeMemory(dKey, dValue);
  for (let i = 0; i < count; i++) mem.writeHebbian(keys, values, i);
  return mem;
}

/** Builds a delta-rule memory of the first `count` pairs: `passes` sequential sweeps over them (default 5). */
export function deltaRuleMemory(
  keys: Float64Array, values: Float64Array, count: number, dKey: number, dValue: number, options: { passes?: number; learningRate?: number } = {},
): AssociativeMemory {
  const passes = options.passes ?? 5;
  checkCount("deltaRuleMemory", "passes", passes);
  const mem = new AssociativeMemory(dKey, dValue);
  for (let pass = 0; pass < passes; pass++) for (let i = 0; i < count; i++) mem.writeDelta(keys, values, i, options.learningRate ?? 1);
  return mem;
}

/**
 * Mean cosine between the read-out M·k_j and the stored value v_j over the pairs `probes`
 * (default: all of the first `count` pairs): retrieval fidelity.
 */
export function meanRecallCosine(mem: AssociativeMemory, keys: Float64Array, values: Float64Array, probes: ArrayLike<number>): number {
  const out = new Float64Array(mem.dValue);
  let total = 0;
  for (let t = 0; t < probes.length; t++) {
    const j = probes[t]!;
    mem.read(keys, out, j);
    total += cosineWith(out, values, j * mem.dValue, mem.dValue);
  }
  return total / probes.length;
}

/** cos(y, row of `values` at `offset`), with y read from `yOffset`; 0 when either is zero. */
function cosineWith(y: Float64Array, values: Float64Array, offset: number, dv: number, yOffset = 0): number {
  let yv = 0;
  let yy = 0;
  let vv = 0;
  for (let r = 0; r < dv; r++) {
    const a = y[yOffset + r]!;
    const b = values[offset + r]!;
    yv += a * b;
    yy += a * a;
    vv += b * b;
  }
  return yy === 0 || vv === 0 ? 0 : yv / Math.sqrt(yy * vv);
}

/**
 * Retrieval fidelity of a Hebbian memory along a growing load: the memory is built incrementally
 * (one outer product per added pair) and, at each N of `grid` (increasing), the mean cosine of the
 * read-outs of stored pairs is measured. With `maxProbes`, at most that many stored pairs are read
 * at each point (an evenly spaced subset, so the estimate stays unbiased); default: all of them.
 */
export function hebbianFidelityCurve(
  keys: Float64Array, values: Float64Array, dKey: number, dValue: number, grid: readonly number[], options: { maxProbes?: number } = {},
): Float64Array {
  for (let g = 0; g < grid.length; g++) {
    const n = grid[g]!;
    if (!Number.isInteger(n) || n < 1 || (g > 0 && n <= grid[g - 1]!)) throw invalid("hebbianFidelityCurve.grid", `grid point ${n} is not valid.`, "increasing whole numbers ≥ 1");
  }
  const last = grid[grid.length - 1] ?? 0;
  if (keys.length < last * dKey || values.length < last * dValue) {
    throw invalid("hebbianFidelityCurve", `${last} pairs are needed, fewer are given.`, `keys of ${last}×${dKey} and values of ${last}×${dValue} entries`);
  }
  const mem = new AssociativeMemory(dKey, dValue);
  const out = new Float64Array(grid.length);
  let stored = 0;
  for (let g = 0; g < grid.length; g++) {
    const n = grid[g]!;
    while (stored < n) mem.writeHebbian(keys, values, stored++);
    const probes = options.maxProbes !== undefined && n > options.maxProbes ? evenlySpaced(n, options.maxProbes) : range(n);
    out[g] = meanRecallCosine(mem, keys, values, probes);
  }
  return out;
}

function range(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

function evenlySpaced(n: number, count: number): Int32Array {
  const r = new Int32Array(count);
  for (let t = 0; t < count; t++) r[t] = Math.floor(((t + 0.5) * n) / count);
  return r;
}

/** The crosstalk prediction for random unit keys and values: mean cosine ≈ 1/√(1 + N/d_k). */
export function hebbianCosineTheory(loadRatio: number): number {
  return 1 / Math.sqrt(1 + loadRatio);
}

/**
 * Softmax-attention read-out: ŷ = Σ_i v_i·softmax_i(β·k_i·q) over the first `count` pairs
 * (max-subtracted for stability). Writes into `out` and returns it.
 */
export function softmaxRead(
  keys: Float64Array, values: Float64Array, count: number, dKey: number, dValue: number,
  query: Float64Array, beta: number, out: Float64Array = new Float64Array(dValue), queryOffset = 0, scratch: Float64Array = new Float64Array(count),
): Float64Array {
  if (!(beta >= 0) || !Number.isFinite(beta)) throw invalid("softmaxRead.beta", `β = ${beta} is not valid.`, "a finite β ≥ 0");
  let maxScore = -Infinity;
  for (let i = 0; i < count; i++) {
    const s = beta * dot(keys, query, dKey, i * dKey, queryOffset);
    scratch[i] = s;
    if (s > maxScore) maxScore = s;
  }
  let z = 0;
  for (let i = 0; i < count; i++) {
    const w = Math.exp(scratch[i]! - maxScore);
    scratch[i] = w;
    z += w;
  }
  out.fill(0);
  for (let i = 0; i < count; i++) {
    const w = scratch[i]! / z;
    const o = i * dValue;
    for (let r = 0; r < dValue; r++) out[r]! += w * values[o + r]!;
  }
  return out;
}

/** Mean cosine of softmax read-outs of the first `count` stored pairs (each key used as its own query). */
export function softmaxRecallCosine(
  keys: Float64Array, values: Float64Array, count: number, dKey: number, dValue: number, beta: number, probes?: ArrayLike<number>,
): number {
  const list = probes ?? range(count);
  const out = new Float64Array(dValue);
  const scratch = new Float64Array(count);
  let total = 0;
  for (let t = 0; t < list.length; t++) {
    const j = list[t]!;
    softmaxRead(keys, values, count, dKey, dValue, keys, beta, out, j * dKey, scratch);
    total += cosineWith(out, values, j * dValue, dValue);
  }
  return total / list.length;
}

/**
 * Worst-case (error-free) capacity of a Hebbian memory of unit keys, from the interference bound:
 * the read-out of key j is v_j + Σ_{i≠j} (k_i·k_j) v_i, and with unit values the crosstalk is
 * smaller than the signal whenever (N − 1)·max_{i≠j}|k_i·k_j| < 1. Keys are added one at a time;
 * returns the largest N for which the bound holds (at least 1). Throws when every given key fits.
 */
export function errorFreeCapacity(keys: Float64Array, available: number, dKey: number): number {
  let maxOverlap = 0;
  for (let n = 2; n <= available; n++) {
    const j = n - 1;
    for (let i = 0; i < j; i++) maxOverlap = Math.max(maxOverlap, Math.abs(dot(keys, keys, dKey, i * dKey, j * dKey)));
    if ((n - 1) * maxOverlap >= 1) return n - 1;
  }
  throw invalid("errorFreeCapacity", `all ${available} keys satisfy the bound, so the capacity is not reached.`, "more keys");
}

/** Options of a deep chain of Hebbian attention layers. */
export interface ChainOptions {
  /** Embedding width (default 512). */
  readonly dModel?: number;
  /** Key width of every head. */
  readonly dKey: number;
  /** Items stored (the load N of every head). */
  readonly items: number;
  /** Number of layers L. */
  readonly layers: number;
  /** Heads H per layer; their read-outs are averaged and renormalised. */
  readonly heads: number;
}

/**
 * Error propagation through a chain of L Hebbian attention layers. Every item i has a unit
 * embedding x^l_i ∈ ℝ^dModel at each level l = 0…L. In layer l each head h projects an embedding to
 * a key unit(W_{l,h}·x) with its own Gaussian W_{l,h} (dKey × dModel) and stores the pairs
 * (unit(W_{l,h}x^l_i), x^{l+1}_i) Hebbianly; reading item j's estimate through the layer gives the
 * estimate of x^{l+1}_j. Starting from the exact x^0_j, returns the mean (over items) cosine
 * between the estimate after layer l and x^{l}_j, for l = 1…L. A chain of depth L is the first L
 * layers of a deeper chain drawn from the same stream.
 */
export function chainRecallCosines(options: ChainOptions, rng: Rng): Float64Array {
  const dModel = options.dModel ?? 512;
  const { dKey, items, layers, heads } = options;
  checkCount("chainRecallCosines", "dModel", dModel);
  checkCount("chainRecallCosines", "dKey", dKey);
  checkCount("chainRecallCosines", "items", items);
  checkCount("chainRecallCosines", "layers", layers);
  checkCount("chainRecallCosines", "heads", heads);
  let current = randomUnitVectors(items, dModel, rng); // x^0
  let estimate = Float64Array.from(current); // exact queries at the input
  const result = new Float64Array(layers);
  const w = new Float64Array(dKey * dModel);
  const storedKeys = new Float64Array(items * dKey);
  const queryKeys = new Float64Array(items * dKey);
  const readout = new Float64Array(items * dModel);
  const sum = new Float64Array(items * dModel);
  const mem = new AssociativeMemory(dKey, dModel);
  for (let l = 0; l < layers; l++) {
    const next = randomUnitVectors(items, dModel, rng); // x^{l+1}
    sum.fill(0);
    for (let h = 0; h < heads; h++) {
      rng.fillNormal(w);
      matMulTransB(current, w, items, dModel, dKey, storedKeys);
      normalizeRows(storedKeys, items, dKey);
      matMulTransB(estimate, w, items, dModel, dKey, queryKeys);
      normalizeRows(queryKeys, items, dKey);
      mem.reset();
      for (let i = 0; i < items; i++) mem.writeHebbian(storedKeys, next, i);
      mem.readMany(queryKeys, items, readout);
      for (let t = 0; t < sum.length; t++) sum[t]! += readout[t]!;
    }
    normalizeRows(sum, items, dModel);
    estimate = Float64Array.from(sum);
    current = next;
    let total = 0;
    for (let j = 0; j < items; j++) total += cosineWith(estimate, current, j * dModel, dModel, j * dModel);
    result[l] = total / items;
  }
  return result;
}
