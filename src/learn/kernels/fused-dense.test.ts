import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { valueAndGrads } from "../grad.js";
import { gradCheck } from "../grad-check.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";
import { columnSum, reluBackward } from "./fused-dense.js";
import { randn, maxGap } from "../../../test/learn/helpers.js";

before(async () => {
  await initLearn({ backend: "wasm" });
});

/** The layer op by op (tfjs ops with their own gradients): the independent reference. */
function unfused(p: Tensors, ta: boolean, tb: boolean, relu: boolean, bias: boolean): tf.Tensor {
  let z = tf.matMul(p.a!, p.b!, ta, tb);
  if (bias) z = tf.add(z, p.bias!);
  return relu ? tf.relu(z) : z;
}

function viaFused(p: Tensors, ta: boolean, tb: boolean, relu: boolean, bias: boolean): tf.Tensor {
  return tf.fused.matMul({ a: p.a as tf.Tensor2D, b: p.b as tf.Tensor2D, transposeA: ta, transposeB: tb, activation: relu ? "relu" : "linear", ...(bias ? { bias: p.bias! } : {}) });
}

/** A scalar that weighs every output element differently. */
const probe = (y: tf.Tensor, seed: number) => tf.sum(tf.mul(tf.square(y), randn(seed, y.shape))) as tf.Scalar;

test("reluBackward on wasm equals dy·step(y), for sizes that are not multiples of 4", () => {
  for (const n of [1, 3, 4, 7, 1001]) {
    const dy = randn(n, [n]);
    const y = tf.relu(randn(n + 1, [n]));
    const got = reluBackward(dy, y).dataSync();
    const want = tf.mul(dy, tf.step(y)).dataSync();
    assert.equal(maxGap(got, want), 0, `n = ${n}`);
    assert.ok(Array.from(got).some((v) => v === 0) || n < 3);
  }
});

test("columnSum on wasm equals tf.sum over the first axis, and is differentiable", () => {
  for (const [rows, n] of [[1, 5], [3, 7], [64, 256]] as const) {
    const x = randn(rows * n, [rows, n]);
    assert.ok(maxGap(columnSum(x).dataSync(), tf.sum(x, 0).dataSync()) < 1e-5, `${rows}×${n}`);
  }
  const x = randn(3, [4, 6]);
  const w = randn(4, [6]);
  const g = valueAndGrads((p) => tf.sum(tf.mul(columnSum(p.x!), w)) as tf.Scalar, { x }).grads.x!.dataSync();
  const want = tf.broadcastTo(w, [4, 6]).dataSync();
  assert.equal(maxGap(g, want), 0);
});

test("fused dense under a gradient tape: values and gradients equal the op-by-op layer (transposes, bias, ReLU or linear)", () => {
  for (const ta of [false, true]) {
    for (const tb of [false, true]) {
      for (const relu of [false, true]) {
        for (const bias of [false, true]) {
          const [M, K, N] = [9, 6, 5];
          const params: Record<string, tf.Tensor> = { a: randn(1, ta ? [K, M] : [M, K]), b: randn(2, tb ? [N, K] : [K, N]) };
          if (bias) params.bias = randn(3, [N]);
          const label = `ta=${ta} tb=${tb} relu=${relu} bias=${bias}`;
          const f = valueAndGrads((p) => probe(viaFused(p, ta, tb, relu, bias), 4), params);
          const u = valueAndGrads((p) => probe(unfused(p, ta, tb, relu, bias), 4), params);
          assert.ok(Math.abs(f.value.dataSync()[0]! - u.value.dataSync()[0]!) < 1e-3, label);
          for (const name of Object.keys(params)) {
            const gap = maxGap(f.grads[name]!.dataSync(), u.grads[name]!.dataSync());
            assert.ok(gap < 1e-4, `${label} ∂/∂${name}: ${gap}`);
          }
          tf.dispose([f.value, u.value, ...Object.values(f.grads), ...Object.values(u.grads), ...Object.values(params)]);
        }
      }
    }
  }
});

test("fused dense gradients match finite differences", () => {
  const params = { a: randn(5, [7, 4]), b: randn(6, [4, 3]), bias: randn(7, [3], 0.5) };
  for (const relu of [false, true]) {
    const result = gradCheck((p) => probe(viaFused(p, false, false, relu, true), 8), params, { rng: createRng(1), perParam: 8, step: 1e-2, atol: 2e-3, rtol: 2e-2 });
    assert.ok(result.worst <= 1, `relu=${relu}: ${JSON.stringify(result.worstEntry)}`);
    assert.ok(result.entries.some((e) => Math.abs(e.numeric) > 1e-3));
  }
});

test("gradients of gradients flow through a fused ReLU layer as through the op-by-op one", () => {
  // Outer objective: the squared norm of the inner gradient with respect to the input.
  const params = { a: randn(9, [4, 5]), b: randn(10, [5, 3]), bias: randn(11, [3]) };
  const outer = (layer: typeof viaFused) => (p: Tensors) => {
    const inner = valueAndGrads((q) => probe(layer({ ...p, a: q.a! }, false, false, true, true), 12), { a: p.a! });
    return tf.sum(tf.square(inner.grads.a!)) as tf.Scalar;
  };
  const f = valueAndGrads(outer(viaFused), params);
  const u = valueAndGrads(outer(unfused), params);
  for (const name of ["a", "b", "bias"]) {
    const gf = f.grads[name]!.dataSync();
    const gu = u.grads[name]!.dataSync();
    assert.ok(maxGap(gf, gu) < 1e-3 * (1 + Math.max(...Array.from(gu, Math.abs))), `∂/∂${name}`);
    assert.ok(Array.from(gu).some((v) => Math.abs(v) > 1e-3), `∂/∂${name} is not trivially zero`);
  }
});

test("a fused ReLU layer is one kernel forward; its backward pass skips the unneeded input gradient; nothing leaks", () => {
  const x = randn(13, [8, 6]);
  const w = tf.variable(randn(14, [6, 4]));
  const b = tf.variable(randn(15, [4]));
  const names: string[] = [];
  const engine = tf.engine();
  const original = engine.runKernel.bind(engine);
  engine.runKernel = ((kernel: string, ...rest: unknown[]) => { names.push(kernel); return (original as (...a: unknown[]) => unknown)(kernel, ...rest); }) as never;
  const before = tf.memory().numTensors;
  try {
    tf.tidy(() => {
      tf.variableGrads(() => tf.sum(viaFused({ a: x, b: w, bias: b }, false, false, true, true)) as tf.Scalar, [w, b]);
    });
  } finally {
    engine.runKernel = original;
  }
  assert.equal(tf.memory().numTensors, before);
  assert.equal(names.filter((n) => n === "_FusedMatMul").length, 1);
  assert.ok(!names.includes("Relu") && !names.includes("Add"), names.join(" "));
  assert.equal(names.filter((n) => n === "BatchMatMul").length, 1, "only ∂/∂w, no ∂/∂x");
  assert.equal(names.filter((n) => n === "CajalReluBackward").length, 1);
  tf.dispose([x, w, b]);
});
