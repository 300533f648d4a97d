import assert from "node:assert/strict";
import { test } from "node:test";
import { initLearn, learnBackend } from "../../src/learn/backend.js";
import { tf } from "../../src/learn/tf.js";

test("initLearn starts wasm by default, says why, and adds the kernels wasm lacks", async () => {
  const info = await initLearn();
  assert.equal(info.name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  assert.ok(info.reason.length > 10);
  assert.equal(info.fastMatMul, true);
  for (const kernel of ["Conv2DBackpropFilter", "UnsortedSegmentSum"]) assert.ok(tf.getKernel(kernel, "wasm"), kernel);
  assert.equal(learnBackend(), info);
  assert.equal(await initLearn(), info, "a second call returns the first choice");
});

test("with measure, both backends are timed on the MLP step and the faster one runs", async () => {
  const info = await initLearn({ measure: true });
  const wasm = info.msPerStep?.wasm;
  const cpu = info.msPerStep?.cpu;
  assert.ok(wasm !== undefined && wasm > 0 && cpu !== undefined && cpu > 0, JSON.stringify(info.msPerStep));
  assert.equal(info.name, wasm <= cpu ? "wasm" : "cpu");
  assert.equal(tf.getBackend(), info.name);
  assert.match(info.reason, /measured faster/);
});

test("cpu can be forced, and the learning core still computes there", async () => {
  const info = await initLearn({ backend: "cpu" });
  assert.equal(info.name, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.deepEqual(Array.from(tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()), [11]);
});
