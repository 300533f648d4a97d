/**
 * The surrogate dampening γ (`surrogateScale`) and the DMS trainer's readout options. With resets
 * detached and no recurrence, v depends on the input weights without passing through any spike, so
 * the gradient of a loss on spikes is linear in γ: γ = 0.3 must give exactly 0.3 × the γ = 1 gradient,
 * in both the fused and the op-by-op step. A readout starting at zero gives logits 0, so the first
 * batch's cross-entropy is ln 2; separate learning rates leave the network alone when its rate is 0.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import "../../src/sim/index.js";
import { compile, trainDms } from "../../src/diff/index.js";
import { createRng } from "../../src/core/rng.js";
import { initLearn } from "../../src/learn/backend.js";
import { valueAndGrads } from "../../src/learn/grad.js";
import { tf } from "../../src/learn/tf.js";
import { cells, connect, network } from "../../src/model/index.js";

test.before(async () => { await initLearn(); });

function feedforward() {
  const net = network({ dt: 1, seed: 3 });
  const src = net.population("src", 10, cells.spikeSourcePoisson({ rate: 80 }));
  const rec = net.population("rec", 6, cells.lifCurrExpAdaptive({ tauM: 20, vRest: 0, vReset: 0, vThresh: 1, tauRefrac: 0, tauSynE: 5, tauSynI: 5, dThresh: 0.5, tauThresh: 300 }));
  net.project(src, rec, connect.allToAll(), { weight: { distribution: "uniform", low: 0, high: 0.6 }, delay: 1 }, { label: "in" });
  return net;
}

test("surrogateScale multiplies the gradient of a feed-forward network's spikes exactly (fused and op-by-op)", () => {
  const net = feedforward();
  const gradOf = (fused: boolean, surrogateScale: number | undefined) => {
    const model = compile(net, { trainable: { projections: ["in"] }, fused, surrogate: { surrogate: "triangle", slope: 1 }, ...(surrogateScale === undefined ? {} : { surrogateScale }) });
    const out = tf.tidy(() => {
      let count = 0;
      const { grads } = valueAndGrads((p) => {
        const s = model.simulate({ steps: 80, batch: 2, params: p, record: { spikes: ["rec"] } }).spikes.rec!;
        count = tf.sum(s).dataSync()[0]!;
        return tf.sum(tf.mul(s, tf.linspace(0.5, 1.5, 6))) as tf.Scalar;
      }, model.params);
      return { count, g: Array.from(grads["w:in"]!.dataSync()) };
    });
    model.dispose();
    return out;
  };
  for (const fused of [true, false]) {
    const one = gradOf(fused, undefined);
    const damped = gradOf(fused, 0.3);
    assert.ok(one.count > 10, `the cells should spike (got ${one.count})`);
    assert.equal(damped.count, one.count, "γ changes no forward value");
    const scale = Math.max(...one.g.map(Math.abs));
    assert.ok(scale > 0, "some gradient is non-zero");
    one.g.forEach((g, k) => assert.ok(Math.abs(damped.g[k]! - 0.3 * g) <= 1e-5 * scale, `fused ${fused}, w[${k}]: ${damped.g[k]} vs 0.3 × ${g}`));
  }
});

test("trainDms: a zero readout starts at loss ln 2; with lr 0 only the readout (weights and bias) moves", () => {
  const model = compile(feedforward(), { trainable: { projections: ["in"] }, surrogate: { surrogate: "triangle", slope: 1 }, surrogateScale: 0.3 });
  // The source's own Poisson spikes are replaced by the trials' 10 channels.
  const task = { fixationMs: 5, sampleMs: 10, delayMs: 10, testMs: 10, channels: 10, directions: 4 };
  const before = Array.from(model.params["w:in"]!.dataSync());
  const training = trainDms({
    model, input: "src", recurrent: "rec", task, trials: 16, batch: 8, lr: 0, readoutLr: 0.05, pool: "sum", readoutInitSd: 0, clipNorm: 1,
    rng: createRng(4).stream("train"),
  });
  assert.equal(training.log.length, 2);
  assert.ok(Math.abs(training.log[0]!.loss - Math.LN2) < 1e-6, `first loss ${training.log[0]!.loss} should be ln 2`);
  assert.ok(Number.isFinite(training.log[0]!.gradNorm), "gradient norm is reported when clipping");
  assert.deepEqual(Array.from(model.params["w:in"]!.dataSync()), before, "lr 0 leaves the network's weights unchanged");
  const bias = Array.from(training.readoutBias.dataSync());
  assert.ok(bias.some((b) => b !== 0), "the readout bias is trained");
  assert.ok(Array.from(training.readout.dataSync()).some((w) => w !== 0), "the readout weights are trained");
  const acc = training.evaluate(8, createRng(5).stream("eval"));
  assert.ok(acc >= 0 && acc <= 1);
  model.dispose();
});
