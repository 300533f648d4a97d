import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "./errors.js";
import { createRng } from "./rng.js";
import { fftInPlace, gaussianSmooth, nextPowerOfTwo, peakFrequencyHz, powerSpectrum } from "./fft.js";

test("the FFT matches a direct discrete Fourier transform of a random complex signal", () => {
  const rng = createRng(3);
  const n = 64;
  const re = rng.fillNormal(new Float64Array(n));
  const im = rng.fillNormal(new Float64Array(n));
  const re0 = re.slice(); const im0 = im.slice();
  fftInPlace(re, im);
  for (let k = 0; k < n; k++) {
    let sr = 0; let si = 0;
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * k * t) / n;
      sr += re0[t]! * Math.cos(a) - im0[t]! * Math.sin(a);
      si += re0[t]! * Math.sin(a) + im0[t]! * Math.cos(a);
    }
    assert.ok(Math.abs(sr - re[k]!) < 1e-9 && Math.abs(si - im[k]!) < 1e-9, `bin ${k}`);
  }
  fftInPlace(re, im, true);
  for (let t = 0; t < n; t++) assert.ok(Math.abs(re[t]! / n - re0[t]!) < 1e-12, "inverse recovers the signal");
});

test("a 40 Hz sinusoid of amplitude 3 gives a single peak at 40 Hz holding power 9/2", () => {
  const fs = 1000; const n = 1000;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 5 + 3 * Math.sin((2 * Math.PI * 40 * i) / fs);
  const s = powerSpectrum(x, fs);
  const peak = peakFrequencyHz(s);
  assert.ok(Math.abs(peak - 40) <= fs / 1024, `peak at ${peak} Hz`);
  // Exact bin placement: 40 Hz at fs 1024 Hz and n 1024 falls on bin 40 with all its power there.
  const y = new Float64Array(1024);
  for (let i = 0; i < 1024; i++) y[i] = 3 * Math.sin((2 * Math.PI * 40 * i) / 1024);
  const exact = powerSpectrum(y, 1024);
  assert.equal(exact.frequenciesHz[40], 40);
  assert.ok(Math.abs(exact.power[40]! - 4.5) < 1e-9, `power ${exact.power[40]}`);
});

test("the one-sided spectrum sums to the mean square of the padded signal (Parseval)", () => {
  const rng = createRng(7);
  const n = 300;
  const x = rng.fillNormal(new Float64Array(n), 2, 1.5);
  const s = powerSpectrum(x, 100);
  const nfft = nextPowerOfTwo(n);
  let mean = 0; for (const v of x) mean += v; mean /= n;
  let sq = 0; for (const v of x) sq += (v - mean) ** 2;
  let total = 0; for (const p of s.power) total += p;
  assert.ok(Math.abs(total - sq / nfft) < 1e-9 * sq, `${total} vs ${sq / nfft}`);
});

test("Gaussian smoothing damps a sinusoid by exp(−(2πfσ)²/2) and lets the fundamental of a pulse train win", () => {
  const n = 2000; const sd = 2; // samples of 1 ms
  for (const f of [20, 60]) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * f * i) / 1000);
    const y = gaussianSmooth(x, sd);
    let amp = 0; for (let i = 100; i < n - 100; i++) amp = Math.max(amp, Math.abs(y[i]!));
    const want = Math.exp(-((2 * Math.PI * f * sd / 1000) ** 2) / 2);
    assert.ok(Math.abs(amp - want) < 2e-3, `${f} Hz: amplitude ${amp} vs ${want}`);
  }
  // A train of 1-ms pulses every 25 ms: flat harmonics at 40, 80, … Hz; smoothed, 40 Hz dominates.
  const pulses = new Float64Array(2048);
  for (let i = 0; i < 2048; i += 25) pulses[i] = 1;
  const peak = peakFrequencyHz(powerSpectrum(gaussianSmooth(pulses, 3), 1000), 5);
  assert.ok(Math.abs(peak - 40) < 1, `peak ${peak}`);
});

test("bad lengths and empty bands are reported as CajalErrors", () => {
  assert.throws(() => fftInPlace(new Float64Array(6), new Float64Array(6)), CajalError);
  assert.throws(() => gaussianSmooth([1, 2], 0), CajalError);
  assert.throws(() => powerSpectrum([], 10), CajalError);
  assert.throws(() => peakFrequencyHz(powerSpectrum([1, 2, 3, 4], 10), 100, 200), CajalError);
});
