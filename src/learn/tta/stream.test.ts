import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../../data/image-set.js";
import { initLearn } from "../backend.js";
import { tf } from "../tf.js";
import { createTtaCnn } from "./cnn.js";
import { METHOD_NAMES, runTtaStream, runningError, ttaMethods } from "./stream.js";

before(async () => {
  await initLearn();
});

/** Images with a bright bar whose row depends on the class, plus noise. */
function toySet(count: number, seed: number): ImageSet {
  const rng = createRng(seed);
  const images = new Float32Array(count * 784);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    for (let p = 0; p < 784; p++) images[i * 784 + p] = 0.3 * rng.uniform();
    const row = 2 + 2 * labels[i]!;
    for (let c = 4; c < 24; c++) images[i * 784 + row * 28 + c] = 1;
  }
  return { images, labels, count, rows: 28, cols: 28, classes: 10 };
}

const settings = { eta: 0.05, temperature: 0.5, modulatorLr: 0.05, tentLr: 0.05 };

test("the CNN has the notebook's layers, and batch statistics differ from running ones until the running ones are learned", () => {
  const cnn = createTtaCnn({ rng: createRng(1) });
  const sizes = Object.fromEntries(Object.entries(cnn.params).map(([n, v]) => [n, v.size]));
  assert.deepEqual(sizes, {
    "conv1/kernel": 72, "bn1/gamma": 8, "bn1/beta": 8, "mod/scale": 8, "mod/shift": 8, "conv2/kernel": 1152,
    "bn2/gamma": 16, "bn2/beta": 16, "out/kernel": 4000, "out/bias": 10,
  });
  assert.ok(!cnn.sourceParamNames.includes("mod/scale"));
  const x = tf.tensor4d(toySet(32, 2).images, [32, 28, 28, 1]);
  const logits = cnn.apply(x, { statistics: "batch" });
  assert.deepEqual(logits.shape, [32, 10]);
  const before = tf.sub(cnn.apply(x, { statistics: "running" }), logits);
  assert.ok(tf.max(tf.abs(before)).dataSync()[0]! > 1e-2);
  // Repeated training passes on the same batch: the running statistics converge to the batch's.
  for (let i = 0; i < 120; i++) tf.tidy(() => { cnn.apply(x, { statistics: "batch", updateRunning: true }); });
  const after = tf.sub(cnn.apply(x, { statistics: "running" }), cnn.apply(x, { statistics: "batch" }));
  assert.ok(tf.max(tf.abs(after)).dataSync()[0]! < 2e-2, `running vs batch: ${tf.max(tf.abs(after)).dataSync()[0]}`);
});

test("each method writes only its own parameters: Source and BN-adapt none, Hebbian rules conv1 only, Tent the BN affines, NHL conv1 and bn1's affine", () => {
  const cnn = createTtaCnn({ rng: createRng(3) });
  const source = cnn.state();
  const images = toySet(96, 4);
  const methods = ttaMethods(settings);
  const expectChanged: Record<string, string[]> = {
    "Source": [], "BN-adapt": [], "Tent": ["bn1/gamma", "bn1/beta", "bn2/gamma", "bn2/beta"], "Hebb-only": ["conv1/kernel"],
    "Hard-Hebb": ["conv1/kernel"], "NHL": ["conv1/kernel", "bn1/gamma", "bn1/beta"],
  };
  for (const name of METHOD_NAMES) {
    const result = runTtaStream({ model: cnn, source, method: methods[name], images, batchSize: 32, order: createRng(5) });
    assert.equal(result.sizePerBatch.length, 3);
    const after = cnn.state();
    const changed = Object.keys(source.params).filter((n) => after.params[n]!.some((v, i) => v !== source.params[n]![i]));
    assert.deepEqual(changed.sort(), expectChanged[name]!.sort(), name);
    assert.deepEqual(after.running, source.running, `${name} leaves the running statistics alone`);
    assert.equal(result.hebbianChange.length, methods[name].hebbian ? 3 : 0);
    assert.equal(Number.isNaN(result.entropyPerBatch[0]!), methods[name].entropy === undefined);
  }
  const alt = ttaMethods({ ...settings, modulator: "channel-affine" }).NHL;
  runTtaStream({ model: cnn, source, method: alt, images, batchSize: 32 });
  const after = cnn.state();
  const changed = Object.keys(source.params).filter((n) => after.params[n]!.some((v, i) => v !== source.params[n]![i]));
  assert.deepEqual(changed.sort(), ["conv1/kernel", "mod/scale", "mod/shift"]);
});

test("a stream restores the source state first, so two runs of one method agree; errors are counted per batch", () => {
  const cnn = createTtaCnn({ rng: createRng(6) });
  const source = cnn.state();
  const images = toySet(70, 7);
  const nhl = ttaMethods(settings).NHL;
  const a = runTtaStream({ model: cnn, source, method: nhl, images, batchSize: 32, order: createRng(8) });
  const b = runTtaStream({ model: cnn, source, method: nhl, images, batchSize: 32, order: createRng(8) });
  assert.deepEqual(a.wrongPerBatch, b.wrongPerBatch);
  assert.deepEqual(Array.from(a.sizePerBatch), [32, 32, 6]);
  const wrong = a.wrongPerBatch.reduce((s, w) => s + w, 0);
  assert.equal(a.error, wrong / 70);
  const running = runningError(a);
  assert.equal(running[2], a.error);
  assert.equal(running[0], a.wrongPerBatch[0]! / 32);
});

test("Source predictions equal the model's running-statistics predictions; BN-adapt's equal batch-statistics predictions", () => {
  const cnn = createTtaCnn({ rng: createRng(9) });
  const source = cnn.state();
  const images = toySet(32, 10);
  const x = tf.tensor4d(images.images, [32, 28, 28, 1]);
  const wrongOf = (statistics: "running" | "batch") => {
    const predicted = tf.argMax(cnn.apply(x, { statistics }), -1).dataSync();
    let w = 0;
    for (let i = 0; i < 32; i++) if (predicted[i] !== images.labels[i]) w++;
    return w;
  };
  const methods = ttaMethods(settings);
  assert.equal(runTtaStream({ model: cnn, source, method: methods.Source, images, batchSize: 32 }).wrongPerBatch[0], wrongOf("running"));
  assert.equal(runTtaStream({ model: cnn, source, method: methods["BN-adapt"], images, batchSize: 32 }).wrongPerBatch[0], wrongOf("batch"));
});

test("a method naming a parameter the model lacks, or a Hebbian rule with running statistics, is refused", () => {
  const cnn = createTtaCnn({ rng: createRng(11) });
  const source = cnn.state();
  const images = toySet(8, 12);
  assert.throws(() => runTtaStream({ model: cnn, source, images, method: { name: "bad", statistics: "batch", entropy: { params: ["bn3/gamma"] } } }),
    (e: unknown) => e instanceof CajalError && e.problem.ruleId === "tta-unknown-param");
  assert.throws(() => runTtaStream({ model: cnn, source, images, method: { name: "bad", statistics: "running", hebbian: { eta: 0.1 } } }),
    (e: unknown) => e instanceof CajalError && e.problem.ruleId === "tta-bad-option");
});
