/**
 * The Willshaw net (Willshaw, Buneman & Longuet-Higgins 1969): a binary auto-associative memory
 * with clipped Hebbian learning, w_ij = 1 if units i and j were ever active together, optionally
 * on a diluted structure (each synapse exists with probability c). Recall counts synaptic events
 * (an active input × an existing synapse), the energy proxy shared with other notebooks.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";

/** Random sparse binary patterns: `count` patterns of exactly `active` ones among `n` units, as sorted index lists. */
export function randomPatterns(n: number, active: number, count: number, rng: Rng): Int32Array[] {
  if (!(Number.isInteger(active) && active >= 1 && active <= n) || !(Number.isInteger(count) && count >= 0)) {
    throw new CajalError({
      ruleId: "willshaw-bad-patterns", place: "willshaw.randomPatterns",
      reason: `asked for ${count} patterns with ${active} active units out of ${n}.`,
      expected: "1 ≤ active ≤ n and a whole count ≥ 0", fix: "choose active = round(f·n) with 0 < f ≤ 1.",
    });
  }
  const out: Int32Array[] = [];
  const pool = new Int32Array(n);
  for (let p = 0; p < count; p++) {
    for (let i = 0; i < n; i++) pool[i] = i;
    // Partial Fisher–Yates: the first `active` entries are a uniform random subset.
    for (let k = 0; k < active; k++) {
      const j = k + rng.int(n - k);
      const t = pool[k]!; pool[k] = pool[j]!; pool[j] = t;
    }
    out.push(pool.slice(0, active).sort());
  }
  return out;
}

/** Result of one recall. */
export interface Recall {
  /** Output state, 1 = active. */
  readonly output: Uint8Array;
  /** Synaptic events: Σ over active cue units of their existing outgoing synapses. */
  readonly synapticEvents: number;
}

/** A Willshaw memory of `n` binary units with a structural mask (connection probability c). */
export class WillshawMemory {
  /** Clipped Hebbian weights, row = presynaptic unit, 0/1. */
  readonly weights: Uint8Array;
  /** 1 where a synapse exists (all ones for c = 1). */
  readonly mask: Uint8Array;
  /** Existing outgoing synapses per presynaptic unit. */
  readonly outDegree: Int32Array;
  /** Patterns stored so far. */
  stored = 0;

  /**
   * @param n units
   * @param connectionProbability c in (0, 1], default 1; each synapse i→j exists independently with probability c
   * @param rng needed only when c < 1
   */
  constructor(readonly n: number, readonly connectionProbability = 1, rng?: Rng) {
    const problems: Problem[] = [];
    if (!(Number.isInteger(n) && n >= 1)) problems.push({ ruleId: "willshaw-bad-size", place: "willshaw.WillshawMemory.n", reason: `n is ${n}.`, expected: "a whole number of units ≥ 1" });
    if (!(connectionProbability > 0 && connectionProbability <= 1)) {
      problems.push({ ruleId: "willshaw-bad-dilution", place: "willshaw.WillshawMemory.connectionProbability", reason: `c is ${connectionProbability}.`, expected: "a probability in (0, 1]" });
    } else if (connectionProbability < 1 && !rng) {
      problems.push({ ruleId: "willshaw-needs-rng", place: "willshaw.WillshawMemory", reason: "a diluted memory was asked for without a random generator.", fix: "pass rng.stream(\"mask\")." });
    }
    if (problems.length) throw new CajalError(problems);
    this.weights = new Uint8Array(n * n);
    this.mask = new Uint8Array(n * n);
    this.outDegree = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let deg = 0;
      for (let j = 0; j < n; j++) {
        const exists = connectionProbability >= 1 || rng!.uniform() < connectionProbability ? 1 : 0;
        this.mask[i * n + j] = exists;
        deg += exists;
      }
      this.outDegree[i] = deg;
    }
  }

  /** Stores one pattern (sorted active indices): w_ij ← 1 for every existing synapse between active units. */
  store(pattern: ArrayLike<number>): void {
    const { n, weights, mask } = this;
    for (let a = 0; a < pattern.length; a++) {
      const row = pattern[a]! * n;
      for (let b = 0; b < pattern.length; b++) {
        const k = row + pattern[b]!;
        if (mask[k]) weights[k] = 1;
      }
    }
    this.stored++;
  }

  /** Fraction of existing synapses that are potentiated (p₁ of the capacity analysis). */
  potentiatedFraction(): number {
    let on = 0; let exist = 0;
    for (let k = 0; k < this.weights.length; k++) { on += this.weights[k]!; exist += this.mask[k]!; }
    return exist ? on / exist : 0;
  }

  /**
   * One-step recall from a cue (active indices). Unit j fires when every existing synapse it has from
   * an active cue unit is potentiated, s_j = a_j > 0 (the Willshaw threshold, normalised by a_j,
   * the number of such synapses, so that it also works on a diluted structure).
   */
  recall(cue: ArrayLike<number>, out: Uint8Array = new Uint8Array(this.n), scratch: Int32Array = new Int32Array(2 * this.n)): Recall {
    const { n, weights, mask } = this;
    scratch.fill(0);
    let events = 0;
    const full = this.connectionProbability >= 1;
    for (let a = 0; a < cue.length; a++) {
      const i = cue[a]!;
      const row = i * n;
      events += this.outDegree[i]!;
      // scratch[j] = dendritic sum s_j, scratch[n + j] = existing synapses from the cue a_j
      for (let j = 0; j < n; j++) scratch[j]! += weights[row + j]!;
      if (!full) for (let j = 0; j < n; j++) scratch[n + j]! += mask[row + j]!;
    }
    if (full) scratch.fill(cue.length, n, 2 * n);
    for (let j = 0; j < n; j++) out[j] = scratch[n + j]! > 0 && scratch[j] === scratch[n + j] ? 1 : 0;
    return { output: out, synapticEvents: events };
  }
}

/** Recall error of a stored pattern: (missed + spurious units) / active units of the pattern. */
export function recallError(pattern: ArrayLike<number>, output: Uint8Array): number {
  let hits = 0; let on = 0;
  for (let j = 0; j < output.length; j++) on += output[j]!;
  for (let a = 0; a < pattern.length; a++) hits += output[pattern[a]!]!;
  const missed = pattern.length - hits;
  const spurious = on - hits;
  return (missed + spurious) / pattern.length;
}

/** Options of {@link capacitySweep}. */
export interface CapacityOptions {
  /** Units (default 1000). */
  readonly n?: number;
  /** Coding level f: round(f·n) active units per pattern. */
  readonly codingLevel: number;
  /** Connection probability c (default 1). */
  readonly connectionProbability?: number;
  /** Capacity is the largest P with mean recall error ≤ this (default 0.05). */
  readonly maxError?: number;
  /** Stored patterns tested at each load (default 40). */
  readonly probes?: number;
  /** Relative growth of P between tests (default 1.05; P always grows by ≥ 1). */
  readonly growth?: number;
  /** Stop after this many patterns (default 20 000). */
  readonly maxPatterns?: number;
}

/** Result of {@link capacitySweep}. */
export interface CapacityResult {
  /** Largest load P whose mean recall error stayed ≤ maxError (0 if even one pattern fails). */
  readonly capacity: number;
  /** Mean synaptic events per recall. */
  readonly eventsPerRecall: number;
  /** Loads tested and the mean recall error at each. */
  readonly loads: number[];
  readonly errors: number[];
}

/**
 * Stores random patterns one by one and tests recall (cue = the full stored pattern) at growing
 * loads until the mean error exceeds `maxError`; returns the capacity P* and the cost per recall.
 */
export function capacitySweep(options: CapacityOptions, rng: Rng): CapacityResult {
  const { n = 1000, codingLevel, connectionProbability = 1, maxError = 0.05, probes = 40, growth = 1.05, maxPatterns = 20000 } = options;
  if (!(codingLevel > 0 && codingLevel <= 1)) {
    throw new CajalError({ ruleId: "willshaw-bad-coding-level", place: "willshaw.capacitySweep.codingLevel", reason: `f is ${codingLevel}.`, expected: "a coding level in (0, 1]" });
  }
  const active = Math.max(1, Math.round(codingLevel * n));
  const mem = new WillshawMemory(n, connectionProbability, rng.stream("mask"));
  const patternRng = rng.stream("patterns");
  const probeRng = rng.stream("probes");
  const patterns: Int32Array[] = [];
  const loads: number[] = []; const errors: number[] = [];
  const out = new Uint8Array(n); const scratch = new Int32Array(2 * n);
  let capacity = 0; let events = 0; let recalls = 0;
  let target = 1;
  while (target <= maxPatterns) {
    while (patterns.length < target) {
      const p = randomPatterns(n, active, 1, patternRng)[0]!;
      patterns.push(p);
      mem.store(p);
    }
    let err = 0;
    const m = Math.min(probes, patterns.length);
    for (let q = 0; q < m; q++) {
      const p = patterns[probeRng.int(patterns.length)]!;
      const r = mem.recall(p, out, scratch);
      err += recallError(p, r.output);
      events += r.synapticEvents; recalls++;
    }
    err /= m;
    loads.push(target); errors.push(err);
    if (err > maxError) break;
    capacity = target;
    target = Math.max(target + 1, Math.floor(target * growth));
  }
  return { capacity, eventsPerRecall: events / recalls, loads, errors };
}

/**
 * Mean-field recall error of the full-connectivity Willshaw net (cue = stored pattern): no misses,
 * and each of the n − M silent units fires spuriously with probability p₁^M, where
 * p₁ = 1 − (1 − f²)^P; error ≈ (n − M) p₁^M / M.
 */
export function theoreticalError(n: number, active: number, load: number): number {
  const f = active / n;
  const p1 = 1 - Math.pow(1 - f * f, load);
  return ((n - active) * Math.pow(p1, active)) / active;
}
