import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { gradCheck } from "../grad-check.js";
import { tf } from "../tf.js";
import { cosineAddress, emptyMemory, leastUsedSlot, lruaStep, readMemory } from "./lrua.js";

const rows = (t: tf.Tensor) => t.arraySync() as number[][];

test("a read with one-hot weights returns the stored slot exactly", () => {
  tf.tidy(() => {
    const values = [[[1, 2, 3], [4, 5, 6]], [[-1, 0.5, 2], [7, -8, 9]]];
    const read = rows(readMemory(tf.tensor3d(values), tf.tensor2d([[0, 1], [1, 0]])));
    assert.deepEqual(read, [[4, 5, 6], [-1, 0.5, 2]]);
  });
});

test("a key written to the least-used slot is read back by content as that key", () => {
  tf.tidy(() => {
    const key = tf.tensor2d([[0.3, -0.7, 0.2, 0.9]]);
    let state = emptyMemory(1, 5, 4);
    // Fill slots with other content first: gate 0 sends every write to the least-used slot.
    const others = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
    for (const o of others) state = lruaStep(state, tf.tensor2d([o]), tf.tensor2d([[1]]), tf.tensor2d([[0]]), 0.95).state;
    const slot = (leastUsedSlot(state.usage).arraySync() as number[][])[0]!.indexOf(1);
    state = lruaStep(state, key, tf.tensor2d([[1]]), tf.tensor2d([[0]]), 0.95).state;
    const memory = (state.memory.arraySync() as number[][][])[0]!;
    assert.deepEqual(memory[slot]!.map((v) => Math.round(v * 1e6) / 1e6), [0.3, -0.7, 0.2, 0.9]); // erased, then written: exactly the key
    // A sharp content read with the key retrieves it.
    const read = rows(readMemory(state.memory, cosineAddress(state.memory, key, tf.tensor2d([[200]]))))[0]!;
    read.forEach((v, j) => assert.ok(Math.abs(v - [0.3, -0.7, 0.2, 0.9][j]!) < 1e-4, `read[${j}] = ${v}`));
  });
});

test("cosine addressing matches a float64 computation", () => {
  tf.tidy(() => {
    const m = [[[1, 2], [-2, 1], [3, 3]]];
    const k = [0.5, 1];
    const beta = 3;
    const w = rows(cosineAddress(tf.tensor3d(m), tf.tensor2d([k]), tf.tensor2d([[beta]])))[0]!;
    const cos = m[0]!.map((s) => (s[0]! * k[0]! + s[1]! * k[1]!) / (Math.hypot(...s) * Math.hypot(...k)));
    const e = cos.map((c) => Math.exp(beta * c));
    const z = e.reduce((a, b) => a + b);
    w.forEach((v, i) => assert.ok(Math.abs(v - e[i]! / z) < 1e-5));
  });
});

test("an LRUA step mixes last-read and least-used slots, decays usage and finds the next least-used slot", () => {
  tf.tidy(() => {
    const state = {
      memory: tf.tensor3d([[[1, 0], [0, 1], [1, 1]]]),
      readWeights: tf.tensor2d([[0.7, 0.2, 0.1]]),
      usage: tf.tensor2d([[1.0, 0.5, 0.9]]),
      leastUsed: tf.tensor2d([[0, 1, 0]]),
      read: tf.zeros([1, 2]),
    };
    const { state: next, writeWeights } = lruaStep(state, tf.tensor2d([[2, -1]]), tf.tensor2d([[2]]), tf.tensor2d([[0.25]]), 0.9);
    const ww = rows(writeWeights)[0]!;
    const expected = [0.25 * 0.7, 0.25 * 0.2 + 0.75, 0.25 * 0.1];
    ww.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-6));
    const memory = (next.memory.arraySync() as number[][][])[0]!;
    // Slot 1 was erased before the write, so it holds only its share of the key.
    assert.ok(Math.abs(memory[1]![0]! - expected[1]! * 2) < 1e-6 && Math.abs(memory[1]![1]! + expected[1]!) < 1e-6);
    assert.ok(Math.abs(memory[0]![0]! - (1 + expected[0]! * 2)) < 1e-6);
    const wr = rows(next.readWeights)[0]!;
    const usage = rows(next.usage)[0]!;
    usage.forEach((u, i) => assert.ok(Math.abs(u - ([1.0, 0.5, 0.9][i]! * 0.9 + wr[i]! + ww[i]!)) < 1e-6));
    const argmin = usage.indexOf(Math.min(...usage));
    assert.deepEqual(rows(next.leastUsed)[0], [0, 1, 2].map((i) => (i === argmin ? 1 : 0)));
  });
});

test("gradients of reads through two LRUA steps agree with finite differences", () => {
  const rng = createRng(3);
  const draw = (shape: number[], scale = 1) => tf.tensor(rng.stream(shape.join("x") + scale).fillNormal(new Float32Array(shape.reduce((a, b) => a * b)), 0, scale), shape);
  const params = { key1: draw([2, 4]), key2: draw([2, 4], 0.8), strength: tf.tensor2d([[2], [3]]), gate: tf.tensor2d([[0.3], [0.6]]), target: draw([2, 4], 0.5) };
  const f = (p: Record<string, tf.Tensor>) => {
    let s = emptyMemory(2, 3, 4);
    s = lruaStep(s, p.key1!, p.strength!, p.gate!, 0.95).state;
    s = lruaStep(s, p.key2!, tf.add(p.strength!, 1), tf.sub(1, p.gate!), 0.95).state;
    return tf.sum(tf.square(tf.sub(s.read, p.target!))) as tf.Scalar;
  };
  const result = gradCheck(f, params, { rng: rng.stream("coordinates"), perParam: 8 });
  assert.ok(result.worst <= 1, `worst entry ${JSON.stringify(result.worstEntry)} (ratio ${result.worst})`);
});
