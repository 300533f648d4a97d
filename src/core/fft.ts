/**
 * Radix-2 fast Fourier transform and the power spectrum of a sampled signal, for finding the
 * rhythm in a population rate (gamma in a PING network, theta in a place-cell population).
 */
import { CajalError } from "./errors.js";

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * In-place iterative radix-2 Cooley–Tukey FFT of (re, im): X_k = Σ_n x_n e^{−2πi kn/N}.
 * The length must be a power of two; `inverse` computes the unnormalised inverse (sign +).
 */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (im.length !== n || n === 0 || (n & (n - 1)) !== 0) {
    throw new CajalError({
      ruleId: "fft-bad-length", place: "fft.fftInPlace",
      reason: `the real and imaginary parts have lengths ${re.length} and ${im.length}.`,
      expected: "two arrays of the same power-of-two length",
      fix: "zero-pad the signal to nextPowerOfTwo(length), or use powerSpectrum, which pads for you.",
    });
  }
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!; re[i] = re[j]!; re[j] = tr;
      const ti = im[i]!; im[i] = im[j]!; im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (sign * 2 * Math.PI) / len;
    const wRe = Math.cos(angle);
    const wIm = Math.sin(angle);
    const half = len >> 1;
    for (let start = 0; start < n; start += len) {
      let cRe = 1;
      let cIm = 0;
      for (let k = 0; k < half; k++) {
        const a = start + k;
        const b = a + half;
        const xRe = re[b]! * cRe - im[b]! * cIm;
        const xIm = re[b]! * cIm + im[b]! * cRe;
        re[b] = re[a]! - xRe; im[b] = im[a]! - xIm;
        re[a] = re[a]! + xRe; im[a] = im[a]! + xIm;
        const nRe = cRe * wRe - cIm * wIm;
        cIm = cRe * wIm + cIm * wRe;
        cRe = nRe;
      }
    }
  }
}

/** A one-sided power spectrum. */
export interface PowerSpectrum {
  /** Frequencies in Hz, 0 … sampleRate/2, step sampleRate/nfft. */
  readonly frequenciesHz: Float64Array;
  /**
   * Power per frequency bin: |X_k|²/nfft², doubled for 0 < k < nfft/2 so that the bins sum to the
   * mean square of the (mean-removed, zero-padded) signal (Parseval).
   */
  readonly power: Float64Array;
}

/** Options of {@link powerSpectrum}. */
export interface PowerSpectrumOptions {
  /** Subtract the mean first so the DC bin does not dominate (default true). */
  readonly removeMean?: boolean;
  /** FFT length, a power of two ≥ the signal length (default: the next power of two). */
  readonly nfft?: number;
}

/**
 * One-sided power spectrum of a signal sampled at `sampleRateHz` (a periodogram, zero-padded to
 * a power of two).
 *
 * @example powerSpectrum(rate.rateHz, 1000 / binMs) // peak of a population rate
 */
export function powerSpectrum(signal: ArrayLike<number>, sampleRateHz: number, options: PowerSpectrumOptions = {}): PowerSpectrum {
  const n = signal.length;
  const nfft = options.nfft ?? nextPowerOfTwo(Math.max(1, n));
  if (!(sampleRateHz > 0) || !Number.isFinite(sampleRateHz) || n === 0 || nfft < n || (nfft & (nfft - 1)) !== 0) {
    throw new CajalError({
      ruleId: "fft-bad-spectrum-options", place: "fft.powerSpectrum",
      reason: `signal of ${n} samples, sample rate ${sampleRateHz} Hz, nfft ${nfft}.`,
      expected: "a non-empty signal, a positive sample rate in Hz, and nfft a power of two ≥ the signal length",
      fix: "check the bin width you converted to a sample rate (1000 / binMs) and leave nfft unset.",
    });
  }
  let mean = 0;
  if (options.removeMean ?? true) {
    for (let i = 0; i < n; i++) mean += signal[i]!;
    mean /= n;
  }
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);
  for (let i = 0; i < n; i++) re[i] = signal[i]! - mean;
  fftInPlace(re, im);
  const bins = nfft / 2 + 1;
  const power = new Float64Array(bins);
  const frequenciesHz = new Float64Array(bins);
  const norm = 1 / (nfft * nfft);
  for (let k = 0; k < bins; k++) {
    const p = (re[k]! * re[k]! + im[k]! * im[k]!) * norm;
    power[k] = k === 0 || k === nfft / 2 ? p : 2 * p;
    frequenciesHz[k] = (k * sampleRateHz) / nfft;
  }
  return { frequenciesHz, power };
}

/** Frequency (Hz) of the largest power within [minHz, maxHz] (defaults: above 0, up to Nyquist). */
export function peakFrequencyHz(spectrum: PowerSpectrum, minHz = 1e-12, maxHz = Infinity): number {
  let best = -1;
  let bestPower = -Infinity;
  for (let k = 0; k < spectrum.power.length; k++) {
    const f = spectrum.frequenciesHz[k]!;
    if (f < minHz || f > maxHz) continue;
    if (spectrum.power[k]! > bestPower) { bestPower = spectrum.power[k]!; best = k; }
  }
  if (best < 0) {
    throw new CajalError({
      ruleId: "fft-empty-band", place: "fft.peakFrequencyHz",
      reason: `no frequency bin lies in [${minHz}, ${maxHz}] Hz.`,
      expected: "a band that contains at least one bin of the spectrum",
      fix: "widen the band or use a longer signal (finer frequency resolution).",
    });
  }
  return spectrum.frequenciesHz[best]!;
}

/**
 * Convolution with a normalised Gaussian of s.d. `sdSamples` (truncated at ±4 s.d., renormalised at
 * the edges). In the frequency domain it multiplies amplitudes by exp(−(2π f σ)²/2), which damps
 * the harmonics of a pulse train (a synchronous population rate) so its fundamental is the peak.
 */
export function gaussianSmooth(signal: ArrayLike<number>, sdSamples: number): Float64Array {
  if (!(sdSamples > 0) || !Number.isFinite(sdSamples)) {
    throw new CajalError({ ruleId: "fft-bad-smoothing", place: "fft.gaussianSmooth", reason: `s.d. ${sdSamples} samples.`, expected: "a finite s.d. > 0 samples" });
  }
  const half = Math.ceil(4 * sdSamples);
  const kernel = new Float64Array(2 * half + 1);
  for (let k = -half; k <= half; k++) kernel[k + half] = Math.exp((-k * k) / (2 * sdSamples * sdSamples));
  const n = signal.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0; let w = 0;
    const lo = Math.max(0, i - half); const hi = Math.min(n - 1, i + half);
    for (let j = lo; j <= hi; j++) { const g = kernel[j - i + half]!; s += g * signal[j]!; w += g; }
    out[i] = s / w;
  }
  return out;
}
