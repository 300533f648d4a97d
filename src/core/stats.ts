/**
 * Descriptive statistics on typed arrays (or any array of numbers): moments, order statistics,
 * running averages, ranks, correlation, histograms and bootstrap intervals. Nothing here knows of
 * neurons; `spike-stats.ts` builds on it for spike trains.
 *
 * Conventions: an empty input gives `NaN` (as NumPy does) rather than an exception, so a claim on
 * a silent population fails visibly instead of crashing the notebook; a malformed request (lengths
 * that differ, a percentile of 120, a window of 0) throws a `CajalError`.
 */
import { CajalError } from "./errors.js";
import type { Rng } from "./rng.js";

/** Numbers as the statistics take them: a typed array or a plain array. */
export type Numbers = ArrayLike<number>;

/** Arithmetic mean; `NaN` when empty. */
export function mean(x: Numbers): number {
  const n = x.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  return sum / n;
}

/** Sum of the values (0 when empty). */
export function sum(x: Numbers): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/**
 * Variance with `ddof` delta degrees of freedom: Σ(x−x̄)²/(n−ddof). Default ddof = 1, the unbiased
 * sample variance. Two passes, so large offsets do not cancel. `NaN` when n ≤ ddof.
 */
export function variance(x: Numbers, options: { ddof?: number } = {}): number {
  const ddof = options.ddof ?? 1;
  const n = x.length;
  if (n <= ddof) return NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

/** Standard deviation, √variance; default ddof = 1 (sample sd). */
export function sd(x: Numbers, options: { ddof?: number } = {}): number {
  return Math.sqrt(variance(x, options));
}

/** Standard error of the mean: sample sd / √n. `NaN` when n < 2. */
export function sem(x: Numbers): number {
  return sd(x) / Math.sqrt(x.length);
}

/**
 * Coefficient of variation sd/mean with the population sd (ddof = 0), as scipy.stats.variation
 * and Elephant's `cv` compute it. `NaN` when empty or the mean is 0.
 */
export function cv(x: Numbers): number {
  const m = mean(x);
  if (!(m !== 0)) return NaN;
  return sd(x, { ddof: 0 }) / m;
}

/** Smallest and largest value, ignoring NaN; `[NaN, NaN]` when there is none. */
export function extent(x: Numbers): [min: number, max: number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

/** A sorted Float64Array copy of the values (NaN sorts last, as typed-array sort puts it). */
export function sorted(x: Numbers): Float64Array {
  const out = Float64Array.from(x as ArrayLike<number>);
  out.sort();
  return out;
}

/** Median (mean of the two middle values for even n); `NaN` when empty. */
export function median(x: Numbers): number {
  return percentile(x, 50);
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between order statistics: NumPy's
 * default ("linear", Hyndman & Fan type 7). `NaN` when empty.
 */
export function percentile(x: Numbers, p: number): number {
  checkPercent(p, "stats.percentile");
  if (x.length === 0) return NaN;
  return percentileOfSorted(sorted(x), p);
}

/** Several percentiles at once, sorting once. */
export function percentiles(x: Numbers, ps: readonly number[]): Float64Array {
  for (const p of ps) checkPercent(p, "stats.percentiles");
  const out = new Float64Array(ps.length);
  if (x.length === 0) return out.fill(NaN);
  const s = sorted(x);
  ps.forEach((p, k) => (out[k] = percentileOfSorted(s, p)));
  return out;
}

function percentileOfSorted(s: Float64Array, p: number): number {
  const position = (p / 100) * (s.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, s.length - 1);
  const fraction = position - below;
  return s[below]! + fraction * (s[above]! - s[below]!);
}

/** Running mean from the start: out[i] = mean(x[0..i]) (the "prequential" average). */
export function cumulativeMean(x: Numbers): Float64Array {
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i]!;
    out[i] = s / (i + 1);
  }
  return out;
}

/**
 * Trailing moving average over `window` samples: out[i] = mean(x[max(0, i−window+1) .. i]), so the
 * first window−1 values average over what is available. Same length as the input.
 */
export function movingAverage(x: Numbers, window: number): Float64Array {
  checkWindow(window, "stats.movingAverage");
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i]!;
    if (i >= window) s -= x[i - window]!;
    out[i] = s / Math.min(i + 1, window);
  }
  return out;
}

/**
 * Means of consecutive, non-overlapping blocks of `size` samples (a success rate per 25 tasks).
 * A last, shorter block is kept and averaged over its own length; `blockMeans([1,2,3], 2)` = [1.5, 3].
 */
export function blockMeans(x: Numbers, size: number): Float64Array {
  checkWindow(size, "stats.blockMeans");
  const blocks = Math.ceil(x.length / size);
  const out = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const start = b * size;
    const stop = Math.min(start + size, x.length);
    let s = 0;
    for (let i = start; i < stop; i++) s += x[i]!;
    out[b] = s / (stop - start);
  }
  return out;
}

/**
 * Ranks 1…n with ties given their average rank (scipy.stats.rankdata's "average"):
 * ranks([10, 20, 20, 5]) = [2, 3.5, 3.5, 1].
 */
export function ranks(x: Numbers): Float64Array {
  const n = x.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a]! - x[b]!);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && x[order[j]!]! === x[order[i]!]!) j++;
    const averageRank = (i + 1 + j) / 2; // ranks i+1 … j share their mean
    for (let k = i; k < j; k++) out[order[k]!] = averageRank;
    i = j;
  }
  return out;
}

/** Event rate in Hz from a count over a duration in ms. */
export function rateHz(count: number, durationMs: number): number {
  if (!(durationMs > 0)) throw badArgument("stats.rateHz", `duration ${durationMs} ms is not positive.`, "a duration > 0 ms");
  return (count * 1000) / durationMs;
}

/** Differences between consecutive values: intervals from sorted event times. */
export function diff(x: Numbers): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) out[i - 1] = x[i]! - x[i - 1]!;
  return out;
}

/** CV of the inter-event intervals of sorted event times; `NaN` with fewer than two intervals. */
export function isiCv(timesMs: Numbers): number {
  if (timesMs.length < 3) return NaN;
  return cv(diff(timesMs));
}

/** Fano factor of counts: sample variance / mean (ddof = 1, so a Poisson count gives 1 in expectation). */
export function fanoFactor(counts: Numbers): number {
  const m = mean(counts);
  if (!(m > 0)) return NaN;
  return variance(counts) / m;
}

/** Pearson correlation coefficient; `NaN` when either input is constant or n < 2. */
export function pearson(x: Numbers, y: Numbers): number {
  checkSameLength(x, y, "stats.pearson");
  const n = x.length;
  if (n < 2) return NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation: Pearson on average ranks (ties handled). */
export function spearman(x: Numbers, y: Numbers): number {
  checkSameLength(x, y, "stats.spearman");
  return pearson(ranks(x), ranks(y));
}

/**
 * Kendall's τ-b, which corrects for ties in either variable. O(n²): meant for the tens to thousands
 * of items the papers rank, not for millions.
 */
export function kendallTau(x: Numbers, y: Numbers): number {
  checkSameLength(x, y, "stats.kendallTau");
  const n = x.length;
  let concordant = 0, discordant = 0, tiesX = 0, tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[j]! - x[i]!);
      const dy = Math.sign(y[j]! - y[i]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denominator === 0 ? NaN : (concordant - discordant) / denominator;
}

/** Counts of values over bins, with what fell outside reported rather than dropped. */
export interface Histogram {
  /** Bin edges, length bins + 1, increasing. Bin k is [edges[k], edges[k+1]); the last bin includes its right edge. */
  readonly edges: Float64Array;
  /** Count per bin. */
  readonly counts: Float64Array;
  /** Values below the first edge. */
  readonly below: number;
  /** Values above the last edge. */
  readonly above: number;
  /** NaN values, which belong to no bin. */
  readonly invalid: number;
}

/** Options for `histogram`. */
export interface HistogramOptions {
  /**
   * Number of equal bins, or the edges themselves (increasing). Default: the Freedman–Diaconis
   * width, 1 … 200 bins (Sturges' rule when the interquartile range is 0).
   */
  readonly bins?: number | Numbers;
  /** [low, high] of the binned range; default: the data's extent. Values outside are counted in `below`/`above`. */
  readonly range?: readonly [number, number];
}

/** Histogram of the values over equal bins or given edges (NumPy's convention for the last bin). */
export function histogram(x: Numbers, options: HistogramOptions = {}): Histogram {
  const edges = binEdges(x, options);
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  const lo = edges[0]!;
  const hi = edges[bins]!;
  const uniform = typeof options.bins !== "object";
  const width = (hi - lo) / bins;
  let below = 0, above = 0, invalid = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) { invalid++; continue; }
    if (v < lo) { below++; continue; }
    if (v > hi) { above++; continue; }
    let k: number;
    if (uniform) {
      k = Math.min(Math.floor((v - lo) / width), bins - 1);
      // Rounding in (v−lo)/width can land one bin off; the edges are the truth.
      if (k > 0 && v < edges[k]!) k--;
      else if (k < bins - 1 && v >= edges[k + 1]!) k++;
    } else {
      k = upperBound(edges, v) - 1;
      if (k >= bins) k = bins - 1;
    }
    counts[k]!++;
  }
  return { edges, counts, below, above, invalid };
}

/** The bin edges `histogram` would use for these values and options. */
export function binEdges(x: Numbers, options: HistogramOptions = {}): Float64Array {
  const bins = options.bins;
  if (bins !== undefined && typeof bins === "object") {
    if (bins.length < 2) throw badArgument("stats.histogram", `${bins.length} edge(s) given.`, "at least two increasing edges");
    for (let k = 1; k < bins.length; k++) {
      if (!(bins[k]! > bins[k - 1]!)) {
        throw badArgument("stats.histogram", `edges are not increasing at index ${k} (${bins[k - 1]} then ${bins[k]}).`, "strictly increasing edges");
      }
    }
    return Float64Array.from(bins as ArrayLike<number>);
  }
  let [lo, hi] = options.range ?? extent(x);
  if (options.range && !(options.range[1] > options.range[0])) {
    throw badArgument("stats.histogram", `range [${options.range[0]}, ${options.range[1]}] is empty.`, "a range [low, high] with low < high");
  }
  if (Number.isNaN(lo)) [lo, hi] = [0, 1]; // no data: one empty unit range
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  let count: number;
  if (bins === undefined) {
    count = autoBinCount(x, lo, hi);
  } else {
    if (!Number.isInteger(bins) || bins < 1) throw badArgument("stats.histogram", `${bins} bins requested.`, "a whole number of bins ≥ 1, or an array of edges");
    count = bins;
  }
  const edges = new Float64Array(count + 1);
  for (let k = 0; k <= count; k++) edges[k] = lo + ((hi - lo) * k) / count;
  edges[count] = hi;
  return edges;
}

function autoBinCount(x: Numbers, lo: number, hi: number): number {
  const n = x.length;
  if (n < 2) return 1;
  const [q1, q3] = percentiles(x, [25, 75]);
  const iqr = q3! - q1!;
  const sturges = Math.ceil(Math.log2(n)) + 1;
  if (!(iqr > 0)) return Math.min(200, sturges);
  const width = (2 * iqr) / Math.cbrt(n);
  return Math.max(1, Math.min(200, Math.ceil((hi - lo) / width)));
}

/** First index whose edge is > v (edges increasing). */
function upperBound(edges: Float64Array, v: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A bootstrap confidence interval and the estimate on the original sample. */
export interface BootstrapInterval {
  /** The statistic on the data as given. */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly low: number;
  /** Upper end of the interval. */
  readonly high: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
}

/**
 * Percentile bootstrap interval: resample the values with replacement `resamples` times (default
 * 2000), compute `statistic` on each, take the (1−level)/2 and (1+level)/2 percentiles. Default
 * statistic: the mean; default level 0.95. Draws only from the given `rng`. The statistic gets
 * one buffer, refilled for each resample, so it must not keep a reference to it.
 */
export function bootstrapCi(
  x: Numbers,
  rng: Rng,
  options: { statistic?: (sample: Float64Array) => number; resamples?: number; level?: number } = {},
): BootstrapInterval {
  const statistic = options.statistic ?? mean;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw badArgument("stats.bootstrapCi", `level ${level} is outside (0, 1).`, "a confidence level such as 0.95");
  checkWindow(resamples, "stats.bootstrapCi (resamples)");
  const n = x.length;
  const estimate = statistic(Float64Array.from(x as ArrayLike<number>));
  if (n === 0) return { estimate, low: NaN, high: NaN, level };
  const sample = new Float64Array(n);
  const values = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = x[rng.int(n)]!;
    values[r] = statistic(sample);
  }
  const [low, high] = percentiles(values, [(100 * (1 - level)) / 2, (100 * (1 + level)) / 2]);
  return { estimate, low: low!, high: high!, level };
}

// ---- checks and their messages --------------------------------------------------------------

function badArgument(place: string, reason: string, expected: string): CajalError {
  return new CajalError({ ruleId: "stats-bad-argument", place, reason, expected, fix: `pass ${expected}.` });
}

function checkPercent(p: number, place: string): void {
  if (!(p >= 0 && p <= 100)) throw badArgument(place, `percentile ${p} is outside 0 … 100.`, "a percentile between 0 and 100");
}

function checkWindow(window: number, place: string): void {
  if (!Number.isInteger(window) || window < 1) throw badArgument(place, `${window} is not a positive whole number.`, "an integer ≥ 1");
}

function checkSameLength(x: Numbers, y: Numbers, place: string): void {
  if (x.length !== y.length) {
    throw new CajalError({
      ruleId: "stats-length-mismatch", place, reason: `the inputs have ${x.length} and ${y.length} values.`,
      expected: "two arrays of equal length, paired by index", fix: "pass values paired item by item.",
    });
  }
}
