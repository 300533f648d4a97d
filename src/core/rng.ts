/**
 * The one seeded random number generator every stochastic part of Cajal draws from.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018), 128 bits of state, period 2^128 − 1, fast on
 * 32-bit integer arithmetic, which is what V8 does best. Streams: `rng.stream(name)` derives an
 * independent generator by hashing (parent seed, name) through SplitMix32, the way NumPy's
 * SeedSequence spawns children, so adding a population or a projection never changes another's
 * random numbers: each draws from a stream named after itself.
 */
import { CajalError } from "./errors.js";

/** SplitMix32 finaliser (a strong 32-bit mixer), used to expand seeds into state words. */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of a stream name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** A seeded generator with the distributions the notebooks need. Not thread-safe; one per consumer. */
export class Rng {
  /** The 32-bit key this generator was made from: streams derive their keys from it. */
  readonly key: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;

  /** Prefer `createRng(seed)`; `key` is any 32-bit integer. */
  constructor(key: number) {
    this.key = key >>> 0;
    let z = this.key;
    // Four SplitMix32 steps fill the state; it can never be all zero because mix32 is a bijection
    // of distinct inputs.
    z = (z + 0x9e3779b9) >>> 0; this.s0 = mix32(z);
    z = (z + 0x9e3779b9) >>> 0; this.s1 = mix32(z);
    z = (z + 0x9e3779b9) >>> 0; this.s2 = mix32(z);
    z = (z + 0x9e3779b9) >>> 0; this.s3 = mix32(z);
  }

  /** An independent generator for a named consumer ("exc", "exc→inh/connect"); same name, same stream. */
  stream(name: string): Rng {
    return new Rng(mix32((this.key ^ Math.imul(hashName(name), 0x9e3779b1)) >>> 0) ^ hashName(name + "\u0000"));
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits (every float64 of the form k·2⁻⁵³). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Uniform on [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Uniform integer in [0, n), without modulo bias (Lemire's method with rejection). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new CajalError({
        ruleId: "rng-bad-bound", place: "rng.int", reason: `${n} is not a valid upper bound.`,
        expected: "an integer in 1 … 2^32", fix: "pass the number of choices.",
      });
    }
    if (n === 1) return 0;
    const threshold = (TWO_POW_32 - n) % n; // 2^32 mod n
    for (;;) {
      const x = this.nextUint32();
      const m = x * n; // exact in float64: < 2^64 but we only need the high word and the low word's order
      const low = m % TWO_POW_32;
      if (low >= threshold) return Math.floor(m / TWO_POW_32);
    }
  }

  /** Standard normal draw (Marsaglia's polar method; the second value of each pair is kept). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /** Exponential draw with the given mean (inverse transform). */
  exponential(mean = 1): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Bernoulli draw: true with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /**
   * Poisson draw with mean `lambda`. Small means multiply uniforms (Knuth); large means use the
   * transformed rejection method PTRS (Hörmann 1993), exact and O(1).
   */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new CajalError({
        ruleId: "rng-bad-parameter", place: "rng.poisson", reason: `mean ${lambda} is not valid.`,
        expected: "a finite mean ≥ 0", fix: "check the rate × duration that produced it.",
      });
    }
    if (lambda === 0) return 0;
    if (lambda < 10) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  /**
   * Binomial draw: successes in `n` trials of probability `p`. Skips between successes by
   * geometric waiting times: exact, and O(n·min(p, 1−p)) draws.
   */
  binomial(n: number, p: number): number {
    if (!Number.isInteger(n) || n < 0 || !(p >= 0 && p <= 1)) {
      throw new CajalError({
        ruleId: "rng-bad-parameter", place: "rng.binomial", reason: `binomial(${n}, ${p}) is not valid.`,
        expected: "an integer n ≥ 0 and 0 ≤ p ≤ 1",
      });
    }
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (p === 0 || n === 0) return 0;
    // Waiting-time method: skip ahead by geometric gaps between successes.
    const logq = Math.log1p(-p);
    let successes = 0;
    let position = 0;
    for (;;) {
      position += Math.floor(Math.log(1 - this.uniform()) / logq) + 1;
      if (position > n) return successes;
      successes++;
    }
  }

  /** Shuffles an array or typed array in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0 … n−1. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /** Fills `out` with standard normal draws (or N(mean, sd²)) and returns it. */
  fillNormal<A extends Float32Array | Float64Array>(out: A, mean = 0, sd = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, sd);
    return out;
  }

  /** Fills `out` with uniform draws on [low, high) and returns it. */
  fillUniform<A extends Float32Array | Float64Array>(out: A, low = 0, high = 1): A {
    for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * this.uniform();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const logFactorialTable: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = logFactorialTable.length; i <= k; i++) logFactorialTable[i] = logFactorialTable[i - 1]! + Math.log(i);
    return logFactorialTable[k]!;
  }
  // Stirling's series; error < 1e-10 for k ≥ 256.
  return (k + 0.5) * Math.log(k) - k + 0.9189385332046728 + 1 / (12 * k) - 1 / (360 * k * k * k);
}

/**
 * Makes the generator for one seed. Seeds are integers; the same seed gives the same numbers on
 * every machine and Node version.
 *
 * @example
 * const rng = createRng(seed());
 * const connections = rng.stream("exc→inh");
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new CajalError({
      ruleId: "rng-bad-seed", place: "seed", reason: `${seed} is not an integer seed.`,
      expected: "a safe integer (e.g. 42)", fix: "pass seed() from the notebook helpers, or any whole number.",
    });
  }
  // Fold the high bits in so seeds above 2^32 still differ.
  const high = Math.floor(seed / TWO_POW_32);
  return new Rng(mix32((seed >>> 0) ^ mix32(high >>> 0)));
}
