import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../src/core/rng.js";
import { CajalError } from "../../src/core/errors.js";
import { activate, type ActivationName } from "../../src/learn/activations.js";
import { causalSelfAttention, transformerBlock } from "../../src/learn/layers/attention.js";
import { avgPool2d, conv2d, maxPool2d } from "../../src/learn/layers/conv.js";
import { dense } from "../../src/learn/layers/dense.js";
import { dropout } from "../../src/learn/layers/dropout.js";
import { embedding } from "../../src/learn/layers/embedding.js";
import { lora } from "../../src/learn/layers/lora.js";
import { layerNorm } from "../../src/learn/layers/norm.js";
import { gruCell, lstmCell } from "../../src/learn/layers/recurrent.js";
import { countParams, type Tensors } from "../../src/learn/params.js";
import { tf } from "../../src/learn/tf.js";
import { assertGradients, probe, randn, setUp } from "./helpers.js";

before(setUp);

const rng = createRng(2024);

test("dense: autodiff matches finite differences for kernel, bias and input (tanh and fused relu)", () => {
  for (const activation of ["tanh", "relu"] as const) {
    const layer = dense({ inputs: 5, units: 4, activation, rng: rng.stream(`dense-${activation}`) });
    const x = randn(1, [3, 5]);
    assertGradients(`dense ${activation}`, (p) => probe(layer.apply(p.x!, p)), { ...layer.params, x }, { step: 1e-3 });
  }
});

test("dense: output equals x·W + b computed by hand", () => {
  const layer = dense({ inputs: 3, units: 2, rng: rng.stream("dense-hand") });
  const W = layer.params.kernel!.arraySync() as number[][];
  const b = layer.params.bias!.arraySync() as number[];
  const x = [[1, -2, 0.5]];
  const y = (layer.apply(tf.tensor(x)).arraySync() as number[][])[0]!;
  for (let j = 0; j < 2; j++) {
    const expected = b[j]! + x[0]!.reduce((s, xi, i) => s + xi * W[i]![j]!, 0);
    assert.ok(Math.abs(y[j]! - expected) < 1e-5, `unit ${j}: ${y[j]} vs ${expected}`);
  }
});

test("dense: initial weights lie in ±1/√inputs and are the same for the same seed", () => {
  const a = dense({ inputs: 100, units: 10, rng: createRng(5).stream("l") });
  const b = dense({ inputs: 100, units: 10, rng: createRng(5).stream("l") });
  const wa = a.params.kernel!.dataSync();
  assert.deepEqual(Array.from(wa), Array.from(b.params.kernel!.dataSync()));
  assert.ok(wa.every((w) => Math.abs(w) <= 0.1));
  assert.ok(Math.max(...wa) > 0.09 && Math.min(...wa) < -0.09, "the range is used");
});

test("dense: a wrong input width throws a CajalError naming the shape", () => {
  const layer = dense({ inputs: 3, units: 2, rng });
  assert.throws(() => layer.apply(tf.zeros([1, 4])), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "learn-shape-mismatch");
});

test("every activation: autodiff matches finite differences", () => {
  const names: ActivationName[] = ["tanh", "sigmoid", "elu", "softplus", "silu", "gelu", "leakyRelu", "softmax", "logSoftmax", "relu"];
  // Inputs kept away from 0 so that finite differences never straddle a kink (relu, elu, leakyRelu).
  const x = tf.tidy(() => { const r = randn(3, [4, 5]); return tf.add(r, tf.mul(tf.sign(r), 0.1)); });
  for (const name of names) assertGradients(`activation ${name}`, (p) => probe(activate(p.x!, name)), { x }, { step: 1e-3 });
});

test("ELU: equals x above zero and eˣ − 1 below", () => {
  const y = activate(tf.tensor([-2, -0.5, 0.5, 3]), "elu").dataSync();
  const expected = [Math.expm1(-2), Math.expm1(-0.5), 0.5, 3];
  expected.forEach((e, i) => assert.ok(Math.abs(y[i]! - e) < 1e-6));
});

test("conv2d and pooling: autodiff matches finite differences", () => {
  const layer = conv2d({ inChannels: 2, outChannels: 3, kernelSize: 3, activation: "tanh", rng: rng.stream("conv") });
  const x = randn(4, [2, 6, 6, 2]);
  assertGradients("conv2d", (p) => probe(layer.apply(p.x!, p)), { ...layer.params, x }, { step: 1e-3 });
  const strided = conv2d({ inChannels: 2, outChannels: 2, kernelSize: 3, stride: 2, padding: "same", activation: "tanh", rng: rng.stream("conv-s2") });
  assertGradients("conv2d stride 2, same padding", (p) => probe(strided.apply(p.x!, p)), { ...strided.params, x }, { step: 1e-3 });
  assertGradients("maxPool2d", (p) => probe(maxPool2d(p.x!, 2)), { x }, { step: 1e-3 });
  // Three channels and overlapping windows: tfjs-backend-wasm 4.22's own MaxPoolGrad gets these wrong.
  // Every input entry is compared (a pooled gradient reaches one input in four, so a sample could miss them all).
  const x3 = randn(6, [2, 7, 7, 3]);
  const weighted = (y: tf.Tensor) => tf.sum(tf.mul(y, randn(8, y.shape))) as tf.Scalar;
  assertGradients("maxPool2d, 3 channels", (p) => weighted(maxPool2d(p.x!, 2)), { x: x3 }, { step: 1e-3, perParam: x3.size });
  assertGradients("maxPool2d, 3 channels, window 3 stride 2", (p) => weighted(maxPool2d(p.x!, 3, 2)), { x: x3 }, { step: 1e-3, perParam: x3.size });
  assertGradients("avgPool2d", (p) => probe(avgPool2d(p.x!, 2)), { x }, { step: 1e-3 });
});

test("conv2d: a 1×1 kernel equals a per-pixel dense map", () => {
  const layer = conv2d({ inChannels: 2, outChannels: 1, kernelSize: 1, bias: false, rng: rng.stream("conv1") });
  const w = layer.params.kernel!.dataSync();
  const y = layer.apply(tf.tensor4d([[[[1, 2]]]])).dataSync()[0]!;
  assert.ok(Math.abs(y - (w[0]! + 2 * w[1]!)) < 1e-6);
});

test("embedding: rows are looked up, and the table's gradient matches finite differences", () => {
  const emb = embedding({ count: 7, dim: 3, rng: rng.stream("emb") });
  const ids = tf.tensor2d([[1, 4], [4, 6]], undefined, "int32");
  const table = emb.params.table!.arraySync() as number[][];
  const out = emb.apply(ids).arraySync() as number[][][];
  assert.deepEqual(out[1]![0]!.map((v) => +v.toFixed(5)), table[4]!.map((v) => +v.toFixed(5)));
  assertGradients("embedding", (p) => probe(emb.apply(ids, p)), emb.params, { perParam: 21 });
  assertGradients("tied embedding logits", (p) => probe(emb.logits(p.x!, p)), { ...emb.params, x: randn(5, [2, 3]) });
});

test("layerNorm: normalises the last axis and its gradients match finite differences", () => {
  const ln = layerNorm({ dim: 6, rng });
  const x = randn(6, [3, 6], 2);
  const y = ln.apply(x);
  const mean = tf.mean(y, -1).dataSync();
  const sd = tf.sqrt(tf.mean(tf.square(y), -1)).dataSync();
  mean.forEach((m) => assert.ok(Math.abs(m) < 1e-5));
  sd.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-3));
  assertGradients("layerNorm", (p) => probe(ln.apply(p.x!, p)), { ...ln.params, x }, { step: 1e-3 });
});

test("dropout: drops about the given fraction, rescales the rest, is seeded and differentiable", () => {
  const x = tf.ones([100, 100]);
  const y = dropout(x, 0.3, createRng(1)).dataSync();
  const zeros = y.filter((v) => v === 0).length / y.length;
  assert.ok(Math.abs(zeros - 0.3) < 0.02, `dropped fraction ${zeros}`);
  assert.ok(y.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-6));
  assert.deepEqual(Array.from(dropout(x, 0.3, createRng(1)).dataSync()), Array.from(y));
  assert.equal(dropout(x, 0.3, createRng(1), false), x);
  assertGradients("dropout", (p) => probe(dropout(p.x!, 0.5, createRng(3))), { x: randn(8, [4, 4]) });
  assert.throws(() => dropout(x, 1, createRng(1)), CajalError);
});

test("LSTM and GRU cells: gradients through three unrolled steps match finite differences", () => {
  const xs = [randn(10, [2, 3]), randn(11, [2, 3]), randn(12, [2, 3])];
  const lstm = lstmCell({ inputs: 3, hidden: 4, forgetBias: 1, rng: rng.stream("lstm") });
  const runLstm = (p: Tensors) => {
    let s = lstm.initialState(2);
    for (const x of xs) s = lstm.step(x, s, p);
    return probe(tf.concat([s.h, s.c], 1));
  };
  assertGradients("lstm", runLstm, lstm.params, { step: 1e-3 });
  const gru = gruCell({ inputs: 3, hidden: 4, rng: rng.stream("gru") });
  const runGru = (p: Tensors) => {
    let h = gru.initialState(2);
    for (const x of xs) h = gru.step(x, h, p);
    return probe(h);
  };
  assertGradients("gru", runGru, gru.params, { step: 1e-3 });
});

test("LSTM: forgetBias lands on the forget gate's slice of the bias", () => {
  const a = lstmCell({ inputs: 2, hidden: 3, rng: createRng(9) }).params.bias!.dataSync();
  const b = lstmCell({ inputs: 2, hidden: 3, forgetBias: 5, rng: createRng(9) }).params.bias!.dataSync();
  for (let i = 0; i < 12; i++) assert.ok(Math.abs(b[i]! - a[i]! - (i >= 3 && i < 6 ? 5 : 0)) < 1e-6);
});

test("causal self-attention: later positions never change earlier outputs", () => {
  const attn = causalSelfAttention({ dim: 8, heads: 2, rng: rng.stream("attn") });
  const x = randn(20, [1, 5, 8]);
  const y = attn.apply(x).arraySync() as number[][][];
  const changed = tf.tidy(() => tf.concat([tf.slice(x, [0, 0, 0], [1, 3, 8]), randn(21, [1, 2, 8])], 1));
  const y2 = attn.apply(changed).arraySync() as number[][][];
  for (let t = 0; t < 3; t++) for (let d = 0; d < 8; d++) assert.ok(Math.abs(y[0]![t]![d]! - y2[0]![t]![d]!) < 1e-5);
  assert.ok(Math.abs(y[0]![4]![0]! - y2[0]![4]![0]!) > 1e-6, "the last position does see its own input");
});

test("transformer block: gradients match finite differences", () => {
  const block = transformerBlock({ dim: 8, heads: 2, mlpDim: 12, rng: rng.stream("block") });
  const x = randn(22, [2, 4, 8]);
  assert.equal(countParams(block.params), 4 * (8 * 8 + 8) + 2 * 16 + (8 * 12 + 12) + (12 * 8 + 8));
  assertGradients("transformer block", (p) => probe(block.apply(p.x!, p)), { ...block.params, x }, { step: 1e-3, perParam: 3 });
});

test("LoRA: starts equal to the base, trains only A and B, merges exactly", () => {
  const base = dense({ inputs: 6, units: 5, rng: rng.stream("base") });
  const adapted = lora({ base, rank: 2, alpha: 4, rng: rng.stream("lora") });
  const x = randn(30, [3, 6]);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(adapted.apply(x), base.apply(x)))).dataSync()[0]!);
  assert.ok(diff < 1e-7, "B = 0 at start");
  assert.deepEqual(Object.keys(adapted.params).sort(), ["loraA", "loraB"]);
  adapted.params.loraB!.assign(randn(31, [2, 5]));
  assertGradients("lora", (p) => probe(adapted.apply(p.x!, p)), { ...adapted.params, x }, { step: 1e-3 });
  const merged = adapted.mergedKernel();
  const viaMerged = tf.tidy(() => tf.add(tf.matMul(x, merged), base.params.bias!));
  const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(viaMerged, adapted.apply(x)))).dataSync()[0]!);
  assert.ok(gap < 1e-5, `merged kernel reproduces the adapter (gap ${gap})`);
  assert.throws(() => lora({ base, rank: 9, rng }), CajalError);
});
