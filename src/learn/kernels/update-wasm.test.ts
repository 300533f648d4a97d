import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { initLearn } from "../backend.js";
import { type Optimizer, adam, sgd } from "../optimisers.js";
import { tf } from "../tf.js";
import { installWasmUpdates, uninstallWasmUpdates, wasmUpdateModules } from "./update-wasm.js";
import { wasmApi } from "./wasm-api.js";
import { randn } from "../../../test/learn/helpers.js";

before(async () => {
  await initLearn({ backend: "wasm" });
});
after(() => {
  installWasmUpdates();
});

/** Parameters after `steps` updates from fixed gradients (odd sizes exercise the scalar tail). */
function train(make: (params: Record<string, tf.Variable>) => Optimizer, steps: number): Float32Array[] {
  const variable = (seed: number, shape: number[]) => {
    const initial = randn(seed, shape);
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  const params = { w: variable(1, [37, 5]), b: variable(2, [3]), s: variable(3, [1]) };
  const optimizer = make(params);
  for (let k = 0; k < steps; k++) {
    tf.tidy(() => optimizer.step({ w: randn(10 + k, [37, 5]), b: randn(20 + k, [3]), s: randn(30 + k, [1], 3) }));
  }
  const out = Object.values(params).map((p) => p.dataSync() as Float32Array);
  optimizer.dispose();
  tf.dispose(Object.values(params));
  return out;
}

const CASES: Array<[string, (params: Record<string, tf.Variable>) => Optimizer]> = [
  ["sgd", (params) => sgd({ params, lr: 0.1 })],
  ["sgd + weight decay", (params) => sgd({ params, lr: 0.05, weightDecay: 0.01 })],
  ["sgd + momentum", (params) => sgd({ params, lr: 0.1, momentum: 0.9 })],
  ["sgd + Nesterov + decay", (params) => sgd({ params, lr: 0.1, momentum: 0.8, nesterov: true, weightDecay: 0.001 })],
  ["sgd + clipping", (params) => sgd({ params, lr: 0.1, clipNorm: 1 })],
  ["adam", (params) => adam({ params, lr: 1e-3 })],
  ["adam + coupled decay", (params) => adam({ params, lr: 1e-2, weightDecay: 0.01 })],
  ["adamw", (params) => adam({ params, lr: 1e-2, weightDecay: 0.1, decoupled: true, beta1: 0.8, beta2: 0.99 })],
];

test("the assembled update modules validate", () => {
  for (const bytes of wasmUpdateModules()) assert.ok(new wasmApi.Module(bytes));
});

for (const [name, make] of CASES) {
  test(`${name}: the fused wasm update gives bitwise the op-by-op result`, () => {
    installWasmUpdates();
    const fusedKernels = tf.memory().numTensors;
    const fused = train(make, 4);
    assert.equal(tf.memory().numTensors, fusedKernels, "no tensor leaks");
    uninstallWasmUpdates();
    const opByOp = train(make, 4);
    installWasmUpdates();
    const start = train(() => sgd({ params: {}, lr: 0 }), 0);
    fused.forEach((f, i) => {
      assert.deepEqual(Array.from(f), Array.from(opByOp[i]!), `${name}: parameter ${i}`);
      assert.notDeepEqual(Array.from(f), Array.from(start[i]!), "the parameters moved");
    });
  });
}

test("the fused update is used on wasm (one kernel per parameter)", () => {
  installWasmUpdates();
  const initial = randn(4, [10]);
  const p = tf.variable(initial);
  initial.dispose();
  const optimizer = adam({ params: { p }, lr: 0.1 });
  const names: string[] = [];
  const original = tf.engine().runKernel.bind(tf.engine());
  tf.engine().runKernel = ((kernel: string, ...rest: unknown[]) => { names.push(kernel); return (original as (...a: unknown[]) => unknown)(kernel, ...rest); }) as never;
  try {
    tf.tidy(() => optimizer.step({ p: randn(5, [10]) }));
  } finally {
    tf.engine().runKernel = original;
  }
  assert.deepEqual(names, ["CajalAdamUpdate"]);
  optimizer.dispose();
  p.dispose();
});
