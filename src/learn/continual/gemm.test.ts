import { test } from "node:test";
import assert from "node:assert/strict";
import { createRng } from "../../core/rng.js";
import { matmul } from "./gemm.js";

test("matmul matches a naive triple loop for every transpose combination, with offsets and accumulation", () => {
  const rng = createRng(8);
  const M = 7, N = 13, K = 9;
  for (const transA of [false, true]) for (const transB of [false, true]) for (const accumulate of [false, true]) {
    const a = Float32Array.from({ length: M * K + 3 }, () => rng.normal());
    const b = Float32Array.from({ length: K * N + 2 }, () => rng.normal());
    const c = Float32Array.from({ length: M * N + 5 }, () => rng.normal());
    const c0 = c.slice();
    matmul(a, b, c, M, N, K, { transA, transB, accumulate, aOffset: 3, bOffset: 2, cOffset: 5 });
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let s = accumulate ? c0[5 + i * N + j]! : 0;
      for (let k = 0; k < K; k++) {
        const aik = transA ? a[3 + k * M + i]! : a[3 + i * K + k]!;
        const bkj = transB ? b[2 + j * K + k]! : b[2 + k * N + j]!;
        s += aik * bkj;
      }
      assert.ok(Math.abs(c[5 + i * N + j]! - s) < 1e-4, `transA=${transA} transB=${transB} (${i},${j})`);
    }
    assert.deepEqual(c.subarray(0, 5), c0.subarray(0, 5));
  }
});

test("matmul grows its memory for large operands", () => {
  const M = 300, N = 300, K = 200;
  const a = new Float32Array(M * K).fill(1), b = new Float32Array(K * N).fill(0.5), c = new Float32Array(M * N);
  matmul(a, b, c, M, N, K);
  assert.equal(c[0], 100);
  assert.equal(c[M * N - 1], 100);
});
