import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { averagePool, head } from "../../data/image-set.js";
import { loadMnist } from "../../data/mnist.js";
import { initLearn } from "../backend.js";
import { tf } from "../tf.js";
import { audioPrototypes, avDigits, noiseSdForSnr } from "./av-digits.js";
import { inverseEffectivenessCoefficient, ogmGeCoefficients, sampleSd, scaleWithNoise, trueClassProbabilitySum } from "./iemf.js";
import { avFusionModel } from "./model.js";
import { epochsToReach, trainAvFusion } from "./train.js";

before(async () => { await initLearn(); });

test("audioPrototypes: unit norm; classes c and c+5 share exactly 75 % of coordinates up to the normalisation scale", () => {
  const p = audioPrototypes(createRng(1));
  for (let c = 0; c < 10; c++) {
    let s = 0;
    for (let i = 0; i < 64; i++) s += p[c * 64 + i]! ** 2;
    assert.ok(Math.abs(s - 1) < 1e-5);
  }
  for (let c = 0; c < 5; c++) {
    const ratios = Array.from({ length: 64 }, (_, i) => p[(c + 5) * 64 + i]! / p[c * 64 + i]!);
    // The shared coordinates all have the same ratio (the ratio of the two norms); the others do not.
    const counts = new Map<string, number>();
    for (const r of ratios) counts.set(r.toFixed(4), (counts.get(r.toFixed(4)) ?? 0) + 1);
    assert.equal(Math.max(...counts.values()), 48);
  }
  assert.throws(() => audioPrototypes(createRng(1), { classes: 9 }), CajalError);
});

test("avDigits: measured audio and visual SNRs match the requested dB values", () => {
  const images = averagePool(head(loadMnist().test, 300));
  const prototypes = audioPrototypes(createRng(2));
  const set = avDigits({ images, prototypes, visualSnrDb: -3, audioSnrDb: 6, rng: createRng(3) });
  let signal = 0, noiseV = 0;
  for (let i = 0; i < images.images.length; i++) { signal += images.images[i]! ** 2; noiseV += (set.visual[i]! - images.images[i]!) ** 2; }
  assert.ok(Math.abs(10 * Math.log10(signal / noiseV) + 3) < 0.1);
  let noiseA = 0;
  for (let n = 0; n < set.count; n++) for (let d = 0; d < 64; d++) noiseA += (set.audio[n * 64 + d]! - prototypes[set.labels[n]! * 64 + d]!) ** 2;
  assert.ok(Math.abs(10 * Math.log10((set.count * 1) / noiseA) - 6) < 0.1);
  assert.ok(Math.abs(noiseSdForSnr(2, 10 * Math.log10(2)) - 1) < 1e-12);
});

test("inverse-effectiveness coefficient: 1 when unimodal cues equal the fused one, above 1 when weaker, below when stronger, always in (0, 2)", () => {
  assert.equal(inverseEffectivenessCoefficient(10, 10, 10), 1);
  assert.ok(Math.abs(inverseEffectivenessCoefficient(4, 6, 10) - (1 + Math.tanh(0.5))) < 1e-15);
  assert.ok(inverseEffectivenessCoefficient(20, 20, 10) < 1);
  for (const [a, v, f] of [[0, 0, 1], [50, 50, 5], [1, 2, 3]] as const) {
    const k = inverseEffectivenessCoefficient(a, v, f);
    assert.ok(k > 0 && k < 2);
  }
});

test("OGM-GE coefficients slow the dominant modality by 1 − tanh(α·ρ) and leave the other at 1", () => {
  assert.deepEqual(ogmGeCoefficients(10, 20, 0.8), { audio: 1, visual: 1 - Math.tanh(1.6) });
  assert.deepEqual(ogmGeCoefficients(20, 10, 0.8), { audio: 1 - Math.tanh(1.6), visual: 1 });
});

test("trueClassProbabilitySum equals the summed softmax probability of the labels", () => {
  const logits = tf.tensor2d([[0, Math.log(3)], [Math.log(4), 0]]);
  assert.ok(Math.abs(trueClassProbabilitySum(logits, [1, 1]) - (0.75 + 0.2)) < 1e-6);
});

test("scaleWithNoise: k·g plus zero-mean noise whose sd is the gradient's own sd", () => {
  const rng = createRng(4);
  const g = Float32Array.from({ length: 20000 }, () => 3 + 2 * rng.normal());
  const out = scaleWithNoise(tf.tensor1d(g), 1.5, createRng(5)).dataSync();
  const residual = Float32Array.from(out, (x, i) => x - 1.5 * g[i]!);
  const mean = residual.reduce((s, x) => s + x, 0) / residual.length;
  assert.ok(Math.abs(mean) < 0.05);
  assert.ok(Math.abs(sampleSd(residual) - sampleSd(g)) < 0.05);
});

test("trainAvFusion: vanilla leaves the unimodal heads untouched, IEMF trains them, k stays in (0, 2), and clean data is learned", () => {
  const images = averagePool(head(loadMnist().train, 600));
  const set = avDigits({ images, prototypes: audioPrototypes(createRng(6)), visualSnrDb: 10, audioSnrDb: 10, rng: createRng(7) });
  const vanillaModel = avFusionModel({ rng: createRng(8) });
  const headBefore = vanillaModel.params["audioHead/kernel"]!.dataSync().slice();
  const vanilla = trainAvFusion({ model: vanillaModel, trainer: "vanilla", train: set, test: set, epochs: 2, rng: createRng(9), progress: false });
  assert.deepEqual(Array.from(vanillaModel.params["audioHead/kernel"]!.dataSync()), Array.from(headBefore));
  assert.ok(Number.isNaN(vanilla.meanK[0]!));
  const iemfModel = avFusionModel({ rng: createRng(8) });
  const iemf = trainAvFusion({ model: iemfModel, trainer: "iemf", train: set, test: set, epochs: 3, batchSize: 16, lr: 0.05, rng: createRng(9), progress: false });
  assert.equal(iemf.stepK.length, 3 * Math.ceil(600 / 16));
  assert.ok(iemf.stepK.every((k) => k > 0 && k < 2));
  assert.ok(iemf.fusedAccuracy[2]! > 0.9, `accuracy ${iemf.fusedAccuracy[2]}`);
  assert.ok(iemf.audioAccuracy[2]! > 0.5);
  assert.equal(epochsToReach(iemf, 0), 1);
  assert.ok(Number.isNaN(epochsToReach(iemf, 1.1)));
  const ogm = trainAvFusion({ model: avFusionModel({ rng: createRng(8) }), trainer: "ogmGeIemf", train: set, test: set, epochs: 1, rng: createRng(9), progress: false });
  assert.ok(Number.isFinite(ogm.trainLoss[0]!));
});
