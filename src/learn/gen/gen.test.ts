import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { tf } from "../tf.js";
import { gbmMarginal, hyvarinenScore, logDensityY, logNormalMixture, logNormalMixtureCdf, sampleLogNormalMixture } from "./log-normal-mixture.js";
import { frechetDistance, ksStatistic, slicedWasserstein, symmetricEigen } from "./metrics.js";
import { conditionalScore, mdsmLoss } from "./score-net.js";
import { eulerMaruyamaStep, gbmPerturb, nonPositiveFraction, reverseGbmStep, sampleReverseGbm } from "./sde.js";

const sigma = 0.8, mu = 0.32;
const mix1 = logNormalMixture({ dim: 1, weights: [0.3, 0.4, 0.3], logMeans: [[-0.6], [0.2], [0.9]], logStds: [0.08, 0.08, 0.08] });

test("the Hyvärinen score equals x·d/dx log p_X(x) by finite differences, with p_X(x) = p_Y(log x)/x", () => {
  const m = gbmMarginal(mix1, 0.3, sigma, mu);
  for (const x of [0.4, 0.9, 1.3, 2.6]) {
    const logPx = (v: number) => logDensityY(m, [Math.log(v)])[0]! - Math.log(v);
    const eps = 1e-5;
    const fd = (x * (logPx(x + eps) - logPx(x - eps))) / (2 * eps);
    assert.ok(Math.abs(hyvarinenScore(m, [x])[0]! - fd) < 1e-4 * Math.max(1, Math.abs(fd)), `x = ${x}`);
  }
});

test("GBM perturbation has the analytic log-moments and E[x_t] = x₀·exp(μt)", () => {
  const rng = createRng(1);
  const n = 40000, t = 0.5;
  const x0 = new Float64Array(n).fill(1.5);
  const xt = gbmPerturb(x0, t, sigma, mu, rng);
  const logs = Array.from(xt, Math.log);
  const m = logs.reduce((s, v) => s + v, 0) / n;
  const v = logs.reduce((s, y) => s + (y - m) ** 2, 0) / (n - 1);
  assert.ok(Math.abs(m - (Math.log(1.5) + (mu - sigma ** 2 / 2) * t)) < 0.01);
  assert.ok(Math.abs(v - sigma ** 2 * t) < 0.01);
  const mean = xt.reduce((s, y) => s + y, 0) / n;
  assert.ok(Math.abs(mean / (1.5 * Math.exp(mu * t)) - 1) < 0.01);
  // The marginal of a mixture follows gbmMarginal: KS against its CDF is small.
  const xm = gbmPerturb(sampleLogNormalMixture(mix1, 20000, rng), t, sigma, mu, rng);
  assert.ok(ksStatistic(xm, (x) => logNormalMixtureCdf(gbmMarginal(mix1, t, sigma, mu), x)) < 0.015);
});

test("a Dale–Langevin step is the exponential of an Euler–Maruyama step of the log-space reverse SDE", () => {
  const rng = createRng(2);
  const x = Float64Array.from({ length: 50 }, () => Math.exp(rng.normal(0, 1)));
  const h = Float64Array.from({ length: 50 }, () => rng.normal(0, 3));
  const z = Float64Array.from({ length: 50 }, () => rng.normal(0, 1));
  const delta = 0.01;
  const y = Float64Array.from(x, Math.log);
  eulerMaruyamaStep(y, Array.from(h, (hi) => -mu + 1.5 * sigma ** 2 + sigma ** 2 * hi), sigma, delta, z);
  const dls = reverseGbmStep("daleLangevin", Float64Array.from(x), h, z, delta, sigma, mu);
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(dls[i]! / Math.exp(y[i]!) - 1) < 1e-12);
  const ambient = reverseGbmStep("signAgnostic", Float64Array.from(x), h, z, delta, sigma, mu);
  for (let i = 0; i < 50; i++) {
    const expected = x[i]! * (1 + 2 * delta * sigma ** 2 - delta * mu + delta * sigma ** 2 * h[i]! + Math.sqrt(delta) * sigma * z[i]!);
    assert.ok(Math.abs(ambient[i]! - expected) < 1e-12);
  }
});

test("with the exact score, the Dale–Langevin sampler recovers a log-normal mixture and never leaves the positive orthant; the sign-agnostic one does at coarse steps", () => {
  const rng = createRng(3);
  const prior = gbmMarginal(mix1, 1, sigma, mu);
  const start = sampleLogNormalMixture(prior, 4000, rng);
  const score = (levels: number) => (x: Float64Array, t: number, out: Float64Array) => {
    const safe: Float64Array = Float64Array.from(x, (v) => (v > 0 ? v : 1e-12));
    hyvarinenScore(gbmMarginal(mix1, t, sigma, mu), safe, out);
    void levels;
  };
  const dls = sampleReverseGbm({ kind: "daleLangevin", x: start, levels: 250, sigma, mu, score: score(250), rng });
  assert.equal(nonPositiveFraction(dls), 0);
  assert.ok(ksStatistic(dls, (x) => logNormalMixtureCdf(mix1, x)) < 0.05);
  const coarseDls = sampleReverseGbm({ kind: "daleLangevin", x: start, levels: 25, sigma, mu, score: score(25), rng });
  const coarseAms = sampleReverseGbm({ kind: "signAgnostic", x: start, levels: 25, sigma, mu, score: score(25), rng });
  assert.equal(nonPositiveFraction(coarseDls), 0);
  assert.ok(nonPositiveFraction(coarseAms) > 0);
});

test("the M-DSM loss is zero exactly at the conditional Hyvärinen score", async () => {
  await initLearn();
  const logX0 = [[0.1, -0.3]], logXt = [[0.5, -0.9]], t = 0.4;
  const h = [logXt[0]!.map((v, j) => conditionalScore(v, logX0[0]![j]!, t, sigma, mu))];
  const at = (hh: number[][]) => mdsmLoss(tf.tensor2d(hh), tf.tensor2d(logXt), tf.tensor2d(logX0), tf.tensor1d([t]), sigma, mu).dataSync()[0]!;
  assert.ok(Math.abs(at(h)) < 1e-10);
  const off = at([[h[0]![0]! + 0.5, h[0]![1]!]]);
  assert.ok(Math.abs(off - (sigma ** 2 * t * 0.5) ** 2) < 1e-5, "loss grows as (σ²t·Δh)²");
});

test("Jacobi eigenvalues, sliced Wasserstein and Fréchet distance match closed forms", () => {
  const { values } = symmetricEigen([2, 1, 0, 1, 2, 0, 0, 0, 5], 3);
  assert.deepEqual(Array.from(values).map((v) => Math.round(v * 1e9) / 1e9).sort(), [1, 3, 5]);
  const rng = createRng(4);
  const n = 20000;
  const a = Float64Array.from({ length: 2 * n }, () => rng.normal(0, 1));
  const shifted = Float64Array.from(a, (v, i) => (i % 2 === 0 ? v + 1 : v));
  // Shifting by (1, 0): every projection on unit direction u is shifted by u₁; E|u₁| = 2/π in 2-D.
  assert.ok(Math.abs(slicedWasserstein(a, shifted, 2, 400, rng) - 2 / Math.PI) < 0.05);
  // Fréchet distance between N(0, I) and N((1,0), diag(4, 1)) is 1 + (1 + 4 − 2·2) = 2.
  const b = Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 1 + 2 * rng.normal(0, 1) : rng.normal(0, 1)));
  assert.ok(Math.abs(frechetDistance(a, b, 2) - 2) < 0.1);
  assert.ok(Math.abs(frechetDistance(a, a, 2)) < 1e-9);
});

test("M-DSM training of a small score network approaches the exact Hyvärinen score of a single log-normal", async () => {
  await initLearn();
  const { initScoreNet } = await import("./score-net.js");
  const { trainScoreNet, networkScore } = await import("./train-score.js");
  const single = logNormalMixture({ dim: 1, weights: [1], logMeans: [[0.3]], logStds: [0.2] });
  const rng = createRng(5);
  const spec = { dim: 1, embed: 8, hidden: [32] };
  const params = initScoreNet(spec, rng.stream("net"));
  const errorAt = () => {
    const f = networkScore(spec, params);
    const t = 0.5, m = gbmMarginal(single, t, sigma, mu);
    const xs = sampleLogNormalMixture(m, 200, rng);
    const learned = new Float64Array(200);
    f(xs, t, learned);
    const exact = hyvarinenScore(m, xs);
    let num = 0, den = 0;
    for (let i = 0; i < 200; i++) { num += (learned[i]! - exact[i]!) ** 2; den += exact[i]! ** 2; }
    return Math.sqrt(num / den);
  };
  const before = errorAt();
  const { losses } = trainScoreNet({ spec, params, data: sampleLogNormalMixture(single, 2000, rng), steps: 400, batchSize: 128, lr: 3e-3, sigma, mu, rng });
  const after = errorAt();
  assert.ok(after < 0.3 && after < before / 2, `relative error ${before.toFixed(3)} → ${after.toFixed(3)}`);
  assert.ok(losses[losses.length - 1]! < losses[0]!);
});

test("the noise weighting divides the M-DSM loss by σ²t, and scaleBySigma maps the network output ε to h = −1 − ε/(σ√t)", async () => {
  await initLearn();
  const { applyScoreNet, initScoreNet } = await import("./score-net.js");
  const logX0 = tf.tensor2d([[0.1]]), logXt = tf.tensor2d([[0.5]]), t = tf.tensor1d([0.3]), h = tf.tensor2d([[2]]);
  const released = mdsmLoss(h, logXt, logX0, t, sigma, mu).dataSync()[0]!;
  const noise = mdsmLoss(h, logXt, logX0, t, sigma, mu, "noise").dataSync()[0]!;
  assert.ok(Math.abs(noise - released / (sigma ** 2 * 0.3)) < 1e-5 * released);
  const spec = { dim: 2, embed: 4, hidden: [3] };
  const params = initScoreNet(spec, createRng(9));
  const x = tf.tensor2d([[0.2, -0.1]]);
  const raw = applyScoreNet(spec, params, x, t).dataSync();
  const scaled = applyScoreNet({ ...spec, scaleBySigma: sigma }, params, x, t).dataSync();
  for (let j = 0; j < 2; j++) assert.ok(Math.abs(scaled[j]! - (-1 - raw[j]! / (sigma * Math.sqrt(0.3)))) < 1e-5);
});
