import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { fftInPlace } from "../../core/fft.js";
import { type ImageSet, head } from "../image-set.js";
import { loadMnist } from "../mnist.js";
import {
  CORRUPTION_NAMES, contrast, corrupt, elastic, fog, gaussianBlur, gaussianNoise, impulseNoise, motionBlur, motionKernel, pinkField, pixelate,
  rotate, rotateImage, shotNoise, speckleNoise,
} from "./index.js";

function constantSet(value: number, count: number, rows = 28, cols = 28): ImageSet {
  return { images: new Float32Array(count * rows * cols).fill(value), labels: new Uint8Array(count), count, rows, cols, classes: 10 };
}
function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  const mean = s / values.length;
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(v / values.length) };
}
/** A 28 × 28 image with a bright square in rows/cols 11–16, far from the border. */
function blobSet(): ImageSet {
  const set = constantSet(0, 1);
  for (let r = 11; r <= 16; r++) for (let c = 11; c <= 16; c++) set.images[r * 28 + c] = 0.2 + 0.1 * ((r + c) % 5);
  return set;
}
const total = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]!; return s; };

test("every corruption is the identity at its neutral setting", () => {
  const digits = head(loadMnist().test, 20);
  const rng = createRng(1);
  const neutral: ImageSet[] = [
    gaussianNoise(digits, rng, { sd: 0 }), shotNoise(digits, rng, { photons: Infinity }), impulseNoise(digits, rng, { probability: 0 }),
    speckleNoise(digits, rng, { sd: 0 }), gaussianBlur(digits, { sdPx: 0 }), motionBlur(digits, rng, { lengthPx: 1 }), contrast(digits, { factor: 1 }),
    fog(digits, rng, { amplitude: 0 }), pixelate(digits, { size: 28 }), rotate(digits, rng, { degrees: 0 }), elastic(digits, rng, { alpha: 0 }),
  ];
  for (const out of neutral) {
    assert.equal(out.count, 20);
    assert.deepEqual(out.labels, digits.labels);
    for (let i = 0; i < digits.images.length; i++) assert.ok(Math.abs(out.images[i]! - digits.images[i]!) < 1e-6, `pixel ${i}`);
  }
});

test("Gaussian noise adds N(0, σ²): mean and s.d. of the change on a mid-grey image, and results stay in [0, 1]", () => {
  const out = gaussianNoise(constantSet(0.5, 100), createRng(2), { sd: 0.1 });
  const { mean, sd } = meanSd(out.images);
  assert.ok(Math.abs(mean - 0.5) < 0.002, `mean ${mean}`); // 78 400 draws: s.e. of the mean 3.6e-4
  assert.ok(Math.abs(sd - 0.1) < 0.002, `sd ${sd}`);
  const strong = gaussianNoise(constantSet(0.5, 10), createRng(3));
  assert.ok(strong.images.every((v) => v >= 0 && v <= 1));
  assert.ok(strong.images.some((v) => v === 0) && strong.images.some((v) => v === 1), "σ = 0.5 clips some pixels at both ends");
});

test("shot noise is Poisson(λx)/λ: mean x and variance x/λ", () => {
  const out = shotNoise(constantSet(0.3, 100), createRng(4), { photons: 10 });
  const { mean, sd } = meanSd(out.images);
  assert.ok(Math.abs(mean - 0.3) < 0.003, `mean ${mean}`);
  assert.ok(Math.abs(sd * sd - 0.03) < 0.0015, `variance ${sd * sd}`);
  assert.ok(out.images.every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-5), "values are photon counts / 10");
});

test("impulse noise replaces a fraction p of pixels, half by 0 and half by 1", () => {
  const out = impulseNoise(constantSet(0.5, 100), createRng(5), { probability: 0.2 });
  let zeros = 0, ones = 0, kept = 0;
  for (const v of out.images) { if (v === 0) zeros++; else if (v === 1) ones++; else if (v === 0.5) kept++; }
  const n = out.images.length;
  assert.equal(zeros + ones + kept, n);
  assert.ok(Math.abs((zeros + ones) / n - 0.2) < 0.005);
  assert.ok(Math.abs(zeros / (zeros + ones) - 0.5) < 0.02);
});

test("speckle noise is multiplicative: black pixels stay black, s.d. x·σ elsewhere", () => {
  const set = constantSet(0.5, 100);
  for (let i = 0; i < set.images.length; i += 2) set.images[i] = 0;
  const out = speckleNoise(set, createRng(6), { sd: 0.2 });
  const grey: number[] = [];
  for (let i = 0; i < out.images.length; i++) {
    if (i % 2 === 0) assert.equal(out.images[i], 0);
    else grey.push(out.images[i]!);
  }
  const { mean, sd } = meanSd(grey);
  assert.ok(Math.abs(mean - 0.5) < 0.003);
  assert.ok(Math.abs(sd - 0.1) < 0.003, `sd ${sd}`);
});

test("Gaussian blur keeps the total intensity of an image away from the border and spreads a point with variance σ²", () => {
  const blob = blobSet();
  const blurred = gaussianBlur(blob, { sdPx: 1.5 });
  assert.ok(Math.abs(total(blurred.images) - total(blob.images)) < 1e-4);
  const point = constantSet(0, 1);
  point.images[14 * 28 + 14] = 1;
  const spread = gaussianBlur(point, { sdPx: 1.5 }).images;
  let m2 = 0;
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) m2 += (r - 14) ** 2 * spread[r * 28 + c]!;
  // Truncation at ±3σ (±5 px) removes a little of the tails: the variance is within 3 % of σ².
  assert.ok(Math.abs(m2 - 2.25) / 2.25 < 0.03, `row variance ${m2}`);
});

test("motion blur: the kernel is a normalised line of the given length along its angle; blurring keeps the total intensity", () => {
  const { kernel, size } = motionKernel(7, 0);
  assert.equal(size, 7);
  assert.ok(Math.abs(total(kernel) - 1) < 1e-12);
  for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) if (r !== 3) assert.equal(kernel[r * 7 + c], 0); // horizontal: one row only
  for (let c = 0; c < 7; c++) assert.ok(kernel[3 * 7 + c]! > 0.1, "covers 7 pixels");
  const vertical = motionKernel(7, Math.PI / 2).kernel;
  for (let r = 0; r < 7; r++) assert.ok(Math.abs(vertical[r * 7 + 3]! - kernel[3 * 7 + r]!) < 1e-9, "a quarter turn moves the line to the middle column");
  const blob = blobSet();
  assert.ok(Math.abs(total(motionBlur(blob, createRng(7)).images) - total(blob.images)) < 1e-4);
});

test("contrast keeps each image's mean and scales its deviations by the factor", () => {
  const digits = head(loadMnist().test, 10);
  const out = contrast(digits, { factor: 0.25 });
  for (let i = 0; i < 10; i++) {
    const a = meanSd(digits.images.subarray(i * 784, (i + 1) * 784));
    const b = meanSd(out.images.subarray(i * 784, (i + 1) * 784));
    assert.ok(Math.abs(a.mean - b.mean) < 1e-6);
    assert.ok(Math.abs(b.sd - 0.25 * a.sd) < 1e-6);
  }
});

test("the fog field has a 1/f² power spectrum; fogged images stay in [0, 1]", () => {
  // Radially averaged periodogram of many 32 × 32 fields; fit log power against log frequency.
  const n = 32;
  const power = new Float64Array(n);
  const counts = new Float64Array(n);
  const rng = createRng(8);
  for (let k = 0; k < 40; k++) {
    const field = pinkField(n, n, rng);
    const re = Float64Array.from(field);
    const im = new Float64Array(n * n);
    const rr = new Float64Array(n), ri = new Float64Array(n);
    for (let u = 0; u < n; u++) { rr.set(re.subarray(u * n, u * n + n)); ri.set(im.subarray(u * n, u * n + n)); fftInPlace(rr, ri); re.set(rr, u * n); im.set(ri, u * n); }
    for (let v = 0; v < n; v++) {
      for (let u = 0; u < n; u++) { rr[u] = re[u * n + v]!; ri[u] = im[u * n + v]!; }
      fftInPlace(rr, ri);
      for (let u = 0; u < n; u++) { re[u * n + v] = rr[u]!; im[u * n + v] = ri[u]!; }
    }
    for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) {
      const f = Math.round(Math.hypot(u <= n / 2 ? u : u - n, v <= n / 2 ? v : v - n));
      if (f >= 2 && f <= 12) { power[f]! += re[u * n + v]! ** 2 + im[u * n + v]! ** 2; counts[f]!++; }
    }
  }
  const xs: number[] = [], ys: number[] = [];
  for (let f = 2; f <= 12; f++) { xs.push(Math.log(f)); ys.push(Math.log(power[f]! / counts[f]!)); }
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0, sxx = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i]! - my); sxx += (x - mx) ** 2; });
  const slope = sxy / sxx;
  assert.ok(Math.abs(slope + 2) < 0.3, `slope ${slope}`);
  const fogged = fog(head(loadMnist().test, 10), createRng(9));
  assert.ok(fogged.images.every((v) => v >= 0 && v <= 1));
});

test("pixelate: 4 × 4 blocks, each constant at the block's mean", () => {
  const digits = head(loadMnist().test, 3);
  const out = pixelate(digits, { size: 7 });
  for (let i = 0; i < 3; i++) {
    for (let R = 0; R < 7; R++) for (let C = 0; C < 7; C++) {
      let s = 0;
      for (let r = 4 * R; r < 4 * R + 4; r++) for (let c = 4 * C; c < 4 * C + 4; c++) s += digits.images[i * 784 + r * 28 + c]!;
      for (let r = 4 * R; r < 4 * R + 4; r++) for (let c = 4 * C; c < 4 * C + 4; c++) assert.ok(Math.abs(out.images[i * 784 + r * 28 + c]! - s / 16) < 1e-6);
    }
  }
  assert.throws(() => pixelate(digits, { size: 5 }), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "corruption-bad-option");
});

test("rotation: a quarter turn moves a point right of the centre to above it; ±40° keeps a centred blob's intensity", () => {
  const src = new Float32Array(9 * 9);
  src[4 * 9 + 7] = 1; // row 4 (centre), col 7: three pixels right of the centre
  const dst = new Float32Array(81);
  rotateImage(src, 9, 9, Math.PI / 2, dst);
  assert.ok(Math.abs(dst[1 * 9 + 4]! - 1) < 1e-9, "now three pixels above the centre");
  assert.ok(Math.abs(total(dst) - 1) < 1e-9);
  const blob = blobSet();
  const out = rotate(blob, createRng(10));
  assert.ok(Math.abs(total(out.images) - total(blob.images)) / total(blob.images) < 0.05);
  assert.notDeepEqual(out.images, blob.images);
});

test("elastic warp moves pixels but keeps a constant region constant, and is reproducible from the seed", () => {
  const set = constantSet(0, 2);
  for (let i = 0; i < set.images.length; i++) {
    const r = Math.floor((i % 784) / 28), c = i % 28;
    if (r >= 4 && r < 24 && c >= 4 && c < 24) set.images[i] = 0.7;
  }
  const a = elastic(set, createRng(11));
  const b = elastic(set, createRng(11));
  assert.deepEqual(a.images, b.images);
  // Displacements have s.d. ≈ α·0.577/(2√π·σ) ≈ 1.4 px, so the centre stays inside the plateau.
  for (let r = 12; r < 16; r++) for (let c = 12; c < 16; c++) assert.ok(Math.abs(a.images[r * 28 + c]! - 0.7) < 1e-5);
  let changed = 0;
  for (let i = 0; i < 784; i++) if (Math.abs(a.images[i]! - set.images[i]!) > 0.05) changed++;
  assert.ok(changed > 20, `${changed} pixels changed at the plateau's edge`);
});

test("corrupt: every named corruption keeps labels and range, is seeded, and an unknown name is an error", () => {
  const digits = head(loadMnist().test, 8);
  for (const name of CORRUPTION_NAMES) {
    const a = corrupt(digits, name, createRng(12));
    assert.deepEqual(a.labels, digits.labels);
    assert.ok(a.images.every((v) => v >= 0 && v <= 1), name);
    assert.deepEqual(corrupt(digits, name, createRng(12)).images, a.images, name);
    let diff = 0;
    for (let i = 0; i < a.images.length; i++) diff += Math.abs(a.images[i]! - digits.images[i]!);
    assert.ok(diff / a.images.length > 0.01, `${name} changes the images`);
  }
  assert.throws(() => corrupt(digits, "snow" as never, createRng(1)), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "corruption-unknown");
});
