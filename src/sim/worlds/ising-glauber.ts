/**
 * ±1 spin networks with Hebbian (low-rank) couplings, simulated by Glauber Monte Carlo: the
 * Hopfield network and its diluted, multitasking and learning-from-examples variants.
 *
 * The couplings are never stored as an N × N matrix. In the low-storage regime they have rank P ≪ N,
 * J = s·FᵀF (F is P × N, s a scale), so the field on neuron i is h_i = s·(Σ_p F_pi u_p − D_i σ_i) with
 * the P overlaps u = F·σ kept up to date as spins flip; D_i = Σ_p F_pi² removes the self-coupling.
 * A sweep costs O(N·P).
 *
 * Patterns are stored as Int8Array rows (count × n) with entries −1, 0, +1; 0 is a blank (diluted)
 * entry.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";

function invalid(place: string, reason: string, expected: string, fix?: string): CajalError {
  const p: Problem = { ruleId: "ising-invalid", place, reason, expected, ...(fix ? { fix } : {}) };
  return new CajalError(p);
}

function checkCount(place: string, name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) throw invalid(place, `${name} = ${value} is not valid.`, `${name} a whole number ≥ ${min}`);
}

function checkProbability(place: string, name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw invalid(place, `${name} = ${value} is not a probability.`, `0 ≤ ${name} ≤ 1`);
}

/**
 * K diluted patterns of N entries: each entry is 0 with probability `dilution` and ±1 with
 * probability (1 − dilution)/2 each, independently. Returns a K × N Int8Array (row μ = pattern μ).
 */
export function dilutedPatterns(n: number, count: number, dilution: number, rng: Rng): Int8Array {
  checkCount("dilutedPatterns", "n", n);
  checkCount("dilutedPatterns", "count", count);
  checkProbability("dilutedPatterns", "dilution", dilution);
  const out = new Int8Array(count * n);
  for (let i = 0; i < out.length; i++) {
    const u = rng.uniform();
    out[i] = u < dilution ? 0 : u < dilution + (1 - dilution) / 2 ? 1 : -1;
  }
  return out;
}

/**
 * Noisy examples of each pattern: η^{μ,a}_i = χ^{μ,a}_i ξ^μ_i with χ = +1 with probability (1 + r)/2
 * and −1 otherwise, so E[η] = r·ξ (r is the example quality, 0 < r ≤ 1). Blank entries stay blank.
 * Returns a (K·M) × N Int8Array, example a of pattern μ in row μ·M + a.
 */
export function noisyExamples(patterns: Int8Array, n: number, examplesPerPattern: number, quality: number, rng: Rng): Int8Array {
  checkCount("noisyExamples", "n", n);
  checkCount("noisyExamples", "examplesPerPattern", examplesPerPattern);
  if (!(quality > 0 && quality <= 1)) throw invalid("noisyExamples", `quality r = ${quality} is not valid.`, "0 < r ≤ 1");
  if (patterns.length % n !== 0) throw invalid("noisyExamples", `patterns has ${patterns.length} entries, not a multiple of n = ${n}.`, "a K × n array");
  const k = patterns.length / n;
  const m = examplesPerPattern;
  const out = new Int8Array(k * m * n);
  const pFlip = (1 - quality) / 2;
  for (let mu = 0; mu < k; mu++) {
    for (let a = 0; a < m; a++) {
      const o = (mu * m + a) * n;
      for (let i = 0; i < n; i++) {
        const xi = patterns[mu * n + i]!;
        out[o + i] = rng.uniform() < pFlip ? -xi : xi;
      }
    }
  }
  return out;
}

/** Dataset-quality parameter ρ = (1 − r²)/(M r²): the variance of the example average η̄/r around ξ on non-blank entries. */
export function datasetNoise(quality: number, examplesPerPattern: number): number {
  return (1 - quality * quality) / (examplesPerPattern * quality * quality);
}

/**
 * Couplings of rank P in factored form: J_ij = scale · Σ_p F_pi F_pj for i ≠ j, J_ii = 0.
 * `factorsByNeuron` holds F transposed (N × P) so a neuron's P factors are contiguous.
 */
export interface LowRankCouplings {
  readonly n: number;
  readonly rank: number;
  readonly scale: number;
  /** F transposed, N × P, row i = (F_0i … F_{P−1,i}). */
  readonly factorsByNeuron: Float64Array;
  /** D_i = Σ_p F_pi²: the self-coupling removed from every field (before `scale`). */
  readonly diagonal: Float64Array;
}

/** Builds factored couplings J = scale·FᵀF (diagonal removed) from P rows of N entries. */
export function lowRankCouplings(rows: ArrayLike<number>, rank: number, n: number, scale: number): LowRankCouplings {
  checkCount("lowRankCouplings", "rank", rank);
  checkCount("lowRankCouplings", "n", n);
  if (rows.length !== rank * n) throw invalid("lowRankCouplings", `rows has ${rows.length} entries.`, `rank × n = ${rank * n}`);
  if (!Number.isFinite(scale)) throw invalid("lowRankCouplings", `scale ${scale} is not finite.`, "a finite number");
  const byNeuron = new Float64Array(n * rank);
  const diagonal = new Float64Array(n);
  for (let p = 0; p < rank; p++) {
    for (let i = 0; i < n; i++) {
      const f = rows[p * n + i]!;
      byNeuron[i * rank + p] = f;
      diagonal[i]! += f * f;
    }
  }
  return { n, rank, scale, factorsByNeuron: byNeuron, diagonal };
}

/** Hebbian storage of the patterns themselves: J = (1/N) Σ_μ ξ^μ ξ^μᵀ. */
export function patternCouplings(patterns: Int8Array, n: number): LowRankCouplings {
  return lowRankCouplings(patterns, patterns.length / n, n, 1 / n);
}

/**
 * Supervised Hebbian learning: the teacher groups examples by pattern, so each pattern enters
 * through its example average, J = (1/N) Σ_μ (η̄^μ/r)(η̄^μ/r)ᵀ.
 */
export function supervisedCouplings(examples: Int8Array, n: number, patternCount: number, examplesPerPattern: number, quality: number): LowRankCouplings {
  const m = examplesPerPattern;
  if (examples.length !== patternCount * m * n) throw invalid("supervisedCouplings", `examples has ${examples.length} entries.`, `K·M·n = ${patternCount * m * n}`);
  const rows = new Float64Array(patternCount * n);
  const f = 1 / (m * quality);
  for (let mu = 0; mu < patternCount; mu++) {
    for (let a = 0; a < m; a++) {
      const o = (mu * m + a) * n;
      for (let i = 0; i < n; i++) rows[mu * n + i]! += examples[o + i]!;
    }
  }
  for (let i = 0; i < rows.length; i++) rows[i]! *= f;
  return lowRankCouplings(rows, patternCount, n, 1 / n);
}

/**
 * Unsupervised Hebbian learning: every example enters the Hebbian sum on its own,
 * J = (1/(N M r²)) Σ_{μ,a} η^{μ,a} η^{μ,a}ᵀ (rank K·M).
 */
export function unsupervisedCouplings(examples: Int8Array, n: number, patternCount: number, examplesPerPattern: number, quality: number): LowRankCouplings {
  const rank = patternCount * examplesPerPattern;
  if (examples.length !== rank * n) throw invalid("unsupervisedCouplings", `examples has ${examples.length} entries.`, `K·M·n = ${rank * n}`);
  return lowRankCouplings(examples, rank, n, 1 / (n * examplesPerPattern * quality * quality));
}

/** Fields h_i = Σ_j J_ij σ_j for every neuron (O(N·P)); for checks and for energies. */
export function localFields(c: LowRankCouplings, spins: Int8Array, out: Float64Array = new Float64Array(c.n)): Float64Array {
  const u = factorOverlaps(c, spins);
  const p = c.rank;
  const f = c.factorsByNeuron;
  for (let i = 0; i < c.n; i++) {
    let s = 0;
    for (let q = 0; q < p; q++) s += f[i * p + q]! * u[q]!;
    out[i] = c.scale * (s - c.diagonal[i]! * spins[i]!);
  }
  return out;
}

/** u = F·σ: the P unnormalised overlaps of the state with the coupling factors. */
export function factorOverlaps(c: LowRankCouplings, spins: Int8Array, out: Float64Array = new Float64Array(c.rank)): Float64Array {
  out.fill(0);
  const p = c.rank;
  const f = c.factorsByNeuron;
  for (let i = 0; i < c.n; i++) {
    const s = spins[i]!;
    for (let q = 0; q < p; q++) out[q]! += f[i * p + q]! * s;
  }
  return out;
}

/** Energy E = −½ Σ_{i≠j} J_ij σ_i σ_j of a state under factored couplings. */
export function energy(c: LowRankCouplings, spins: Int8Array): number {
  const u = factorOverlaps(c, spins);
  let uu = 0;
  for (let q = 0; q < c.rank; q++) uu += u[q]! * u[q]!;
  let d = 0;
  for (let i = 0; i < c.n; i++) d += c.diagonal[i]!; // σ_i² = 1
  return -0.5 * c.scale * (uu - d);
}

/**
 * Mattis overlaps m_μ = (1/N) Σ_i ξ^μ_i σ_i of a state with each of K patterns (K × N Int8Array).
 */
export function mattisOverlaps(patterns: Int8Array, n: number, spins: Int8Array, out: Float64Array = new Float64Array(patterns.length / n)): Float64Array {
  const k = patterns.length / n;
  for (let mu = 0; mu < k; mu++) {
    let s = 0;
    const o = mu * n;
    for (let i = 0; i < n; i++) s += patterns[o + i]! * spins[i]!;
    out[mu] = s / n;
  }
  return out;
}

/** The Hebbian Hamiltonian in terms of Mattis overlaps, H = −(N/2) Σ_μ m_μ² (self-couplings included). */
export function hamiltonianFromOverlaps(overlaps: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let mu = 0; mu < overlaps.length; mu++) s += overlaps[mu]! * overlaps[mu]!;
  return -0.5 * n * s;
}

/**
 * Summed per-pattern squared-error loss L = Σ_μ min_{s=±1} (1/2N) Σ_{i: ξ^μ_i ≠ 0} (ξ^μ_i − s σ_i)²,
 * counted only on each pattern's non-blank entries, with the sign that minimises it (a state and
 * its reverse are equivalent). For ±1 entries this is Σ_μ (n_μ/N − |m_μ|), n_μ the non-blank count.
 */
export function patternLoss(patterns: Int8Array, n: number, spins: Int8Array): number {
  const k = patterns.length / n;
  let total = 0;
  for (let mu = 0; mu < k; mu++) {
    let plus = 0;
    let minus = 0;
    const o = mu * n;
    for (let i = 0; i < n; i++) {
      const x = patterns[o + i]!;
      if (x === 0) continue;
      const s = spins[i]!;
      plus += (x - s) * (x - s);
      minus += (x + s) * (x + s);
    }
    total += Math.min(plus, minus) / (2 * n);
  }
  return total;
}

/** A uniformly random ±1 state of N spins. */
export function randomSpins(n: number, rng: Rng): Int8Array {
  checkCount("randomSpins", "n", n);
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) s[i] = rng.uniform() < 0.5 ? -1 : 1;
  return s;
}

/** A state equal to `pattern` on its non-blank entries and random ±1 on its blank ones. */
export function patternStart(pattern: ArrayLike<number>, rng: Rng): Int8Array {
  const n = pattern.length;
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const x = pattern[i]!;
    s[i] = x > 0 ? 1 : x < 0 ? -1 : rng.uniform() < 0.5 ? -1 : 1;
  }
  return s;
}

/** Options of a Glauber run. */
export interface GlauberOptions {
  /** Inverse temperature β (> 0; `Infinity` is the zero-temperature limit, ties broken at random). */
  readonly beta: number;
  /** Number of sweeps; each updates every neuron once. */
  readonly sweeps: number;
  /**
   * Blocks per sweep (default 10): a sweep draws a random permutation of the neurons and cuts it
   * into this many blocks; the neurons of a block are updated together from the fields at the
   * block's start, then the overlaps are updated. `blocks = n` is plain random sequential Glauber.
   */
  readonly blocks?: number;
  /** Called after every sweep with the sweep number (1…sweeps) and the current state. */
  readonly onSweep?: (sweep: number, spins: Int8Array) => void;
}

/**
 * Runs Glauber dynamics in place on `spins`: each updated spin becomes +1 with probability
 * 1/(1 + exp(−2βh_i)), h_i its current field. Returns the number of spin flips.
 */
export function glauber(c: LowRankCouplings, spins: Int8Array, rng: Rng, options: GlauberOptions): number {
  const { beta, sweeps } = options;
  const blocks = options.blocks ?? 10;
  const n = c.n;
  if (spins.length !== n) throw invalid("glauber", `the state has ${spins.length} spins, the couplings ${n}.`, "one spin per neuron");
  if (!(beta > 0)) throw invalid("glauber", `β = ${beta} is not a valid inverse temperature.`, "β > 0 (Infinity for zero temperature)");
  checkCount("glauber", "sweeps", sweeps, 0);
  checkCount("glauber", "blocks", blocks);
  if (blocks > n) throw invalid("glauber", `${blocks} blocks cannot be cut from ${n} neurons.`, `1 ≤ blocks ≤ ${n}`);
  const p = c.rank;
  const f = c.factorsByNeuron;
  const diag = c.diagonal;
  const u = factorOverlaps(c, spins);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const newSpin = new Int8Array(Math.ceil(n / blocks));
  const twoBeta = 2 * beta;
  let flips = 0;
  for (let sweep = 1; sweep <= sweeps; sweep++) {
    rng.shuffle(order);
    for (let b = 0; b < blocks; b++) {
      const start = Math.floor((b * n) / blocks);
      const end = Math.floor(((b + 1) * n) / blocks);
      // Fields of the whole block from the same overlaps, then the spins, then the overlaps.
      for (let t = start; t < end; t++) {
        const i = order[t]!;
        const o = i * p;
        let s = 0;
        for (let q = 0; q < p; q++) s += f[o + q]! * u[q]!;
        const h = c.scale * (s - diag[i]! * spins[i]!);
        let up: boolean;
        if (beta === Infinity) up = h > 0 || (h === 0 && rng.uniform() < 0.5);
        else up = rng.uniform() * (1 + Math.exp(-twoBeta * h)) < 1;
        newSpin[t - start] = up ? 1 : -1;
      }
      for (let t = start; t < end; t++) {
        const i = order[t]!;
        const next = newSpin[t - start]!;
        const delta = next - spins[i]!;
        if (delta === 0) continue;
        spins[i] = next;
        flips++;
        const o = i * p;
        for (let q = 0; q < p; q++) u[q]! += delta * f[o + q]!;
      }
    }
    options.onSweep?.(sweep, spins);
  }
  return flips;
}

/** What `runGlauber` records. */
export interface GlauberTrace {
  /** Mattis overlaps with the reference patterns, (sweeps + 1) × K, row 0 = initial state. */
  readonly overlaps: Float64Array;
  /** H = −(N/2) Σ m_μ² per recorded state (sweeps + 1). */
  readonly hamiltonian: Float64Array;
  /** Summed per-pattern loss (see `patternLoss`) per recorded state (sweeps + 1). */
  readonly loss: Float64Array;
  /** The final state (the array passed in, updated). */
  readonly spins: Int8Array;
  readonly patternCount: number;
  readonly sweeps: number;
}

/**
 * Runs Glauber dynamics and records, before the first sweep and after each, the Mattis overlaps
 * with the ground-truth `patterns` (which need not be what the couplings were built from), the
 * Hamiltonian H = −(N/2)Σm² and the pattern loss.
 */
export function runGlauber(
  c: LowRankCouplings, patterns: Int8Array, spins: Int8Array, rng: Rng, options: Omit<GlauberOptions, "onSweep">,
): GlauberTrace {
  const n = c.n;
  if (patterns.length % n !== 0) throw invalid("runGlauber", `patterns has ${patterns.length} entries.`, `a K × ${n} array`);
  const k = patterns.length / n;
  const overlaps = new Float64Array((options.sweeps + 1) * k);
  const hamiltonian = new Float64Array(options.sweeps + 1);
  const loss = new Float64Array(options.sweeps + 1);
  const record = (t: number, s: Int8Array) => {
    const m = overlaps.subarray(t * k, (t + 1) * k);
    mattisOverlaps(patterns, n, s, m);
    hamiltonian[t] = hamiltonianFromOverlaps(m, n);
    loss[t] = patternLoss(patterns, n, s);
  };
  record(0, spins);
  glauber(c, spins, rng, { ...options, onSweep: record });
  return { overlaps, hamiltonian, loss, spins, patternCount: k, sweeps: options.sweeps };
}

/** The last recorded overlaps of a trace, as magnitudes sorted from largest to smallest. */
export function sortedFinalOverlaps(trace: GlauberTrace): Float64Array {
  const k = trace.patternCount;
  const last = trace.overlaps.slice(trace.sweeps * k, (trace.sweeps + 1) * k).map(Math.abs);
  return last.sort().reverse();
}
