import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "./errors.js";
import { createRng } from "./rng.js";
import {
  blockOffsets, blockRowSums, csrFromTriplets, matVec, nnz, normaliseBlocks, randomCsr, toDense, type Csr,
} from "./sparse.js";

/** Dense reference product, row-major a (rows × cols). */
function denseMatVec(a: Float64Array, rows: number, cols: number, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i]! += a[i * cols + j]! * x[j]!;
  return out;
}

function assertSorted(a: Csr): void {
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowStart[i]! + 1; k < a.rowStart[i + 1]!; k++) {
      assert.ok(a.colIndex[k]! > a.colIndex[k - 1]!, `row ${i} columns are not strictly increasing`);
    }
  }
}

test("triplets in any order build the dense matrix they describe, duplicates summed", () => {
  // [[0, 0, 5], [-1, 0, 4]] plus a duplicate (1, 2) += 1 and an empty middle row of a 3-row matrix.
  const a = csrFromTriplets(3, 3, [2, 0, 2, 2], [2, 2, 0, 2], [4, 5, -1, 1]);
  assert.deepEqual(Array.from(toDense(a)), [0, 0, 5, 0, 0, 0, -1, 0, 5]);
  assert.equal(nnz(a), 3);
  assert.deepEqual(Array.from(a.rowStart), [0, 1, 1, 3]);
  assertSorted(a);
});

test("matVec equals the dense product on a random matrix, into a preallocated output", () => {
  const rng = createRng(7);
  const rows = 37, cols = 23;
  const dense = new Float64Array(rows * cols);
  const ri: number[] = [], ci: number[] = [], v: number[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    if (rng.uniform() < 0.3) {
      const w = rng.normal();
      dense[i * cols + j] = w;
      ri.push(i); ci.push(j); v.push(w);
    }
  }
  const perm = rng.permutation(v.length); // shuffle the triplets
  const a = csrFromTriplets(rows, cols, Array.from(perm, (k) => ri[k]!), Array.from(perm, (k) => ci[k]!), Array.from(perm, (k) => v[k]!));
  const x = rng.fillNormal(new Float64Array(cols));
  const out = new Float64Array(rows);
  const returned = matVec(a, x, out);
  assert.equal(returned, out);
  const expected = denseMatVec(dense, rows, cols, x);
  for (let i = 0; i < rows; i++) assert.ok(Math.abs(out[i]! - expected[i]!) < 1e-12);
});

test("randomCsr has the requested density, no diagonal when asked, and is reproducible from the seed", () => {
  const n = 200;
  const a = randomCsr(n, n, createRng(3).stream("w"), { probability: 0.1, allowDiagonal: false });
  const b = randomCsr(n, n, createRng(3).stream("w"), { probability: 0.1, allowDiagonal: false });
  assert.deepEqual(a.colIndex, b.colIndex);
  assert.deepEqual(a.values, b.values);
  assertSorted(a);
  // Binomial(n(n−1), 0.1): mean 3980, sd ≈ 60; 5 sd either side.
  const expected = 0.1 * n * (n - 1);
  assert.ok(Math.abs(nnz(a) - expected) < 5 * Math.sqrt(expected * 0.9), `nnz ${nnz(a)}`);
  for (let i = 0; i < n; i++) {
    for (let k = a.rowStart[i]!; k < a.rowStart[i + 1]!; k++) assert.notEqual(a.colIndex[k], i);
  }
  for (const w of a.values) assert.ok(w >= 0 && w < 1);
  const c = randomCsr(n, n, createRng(4).stream("w"), { probability: 0.1 });
  assert.notDeepEqual(c.colIndex, a.colIndex);
});

test("blockOffsets splits every row at the block's first column", () => {
  const a = randomCsr(50, 40, createRng(9), { probability: 0.3 });
  const off = blockOffsets(a, 30);
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowStart[i]!; k < a.rowStart[i + 1]!; k++) {
      assert.equal(a.colIndex[k]! < 30, k < off[i]!, `row ${i} entry ${k}`);
    }
  }
});

test("normaliseBlocks (mean) gives each column block mean row sum equal to the target, ratios kept", () => {
  const a = randomCsr(100, 100, createRng(11), { probability: 0.1, allowDiagonal: false });
  const before = blockRowSums(a, [0, 80, 100]);
  normaliseBlocks(a, [0, 80, 100], { target: 2 });
  const after = blockRowSums(a, [0, 80, 100]);
  let e = 0, i2 = 0;
  for (let i = 0; i < 100; i++) { e += after[2 * i]!; i2 += after[2 * i + 1]!; }
  assert.ok(Math.abs(e / 100 - 2) < 1e-12 && Math.abs(i2 / 100 - 2) < 1e-12);
  // One factor per block: row i's E sum scales like row 0's.
  const f = after[0]! / before[0]!;
  for (let i = 1; i < 100; i++) if (before[2 * i]! > 0) assert.ok(Math.abs(after[2 * i]! / before[2 * i]! - f) < 1e-12);
  // Dense check of the block sums against toDense.
  const d = toDense(a);
  let dense = 0;
  for (let j = 80; j < 100; j++) dense += d[5 * 100 + j]!;
  assert.ok(Math.abs(dense - after[2 * 5 + 1]!) < 1e-12);
});

test("normaliseBlocks (row) makes every row of every block sum to the target", () => {
  const a = csrFromTriplets(2, 4, [0, 0, 0, 1, 1], [0, 1, 3, 0, 2], [1, 3, 2, 5, 5]);
  normaliseBlocks(a, [0, 2, 4], { per: "row" });
  assert.deepEqual(Array.from(toDense(a)), [0.25, 0.75, 0, 1, 1, 0, 1, 0]);
});

test("mistakes throw CajalErrors that name the rule", () => {
  const expectRule = (f: () => unknown, rule: string) =>
    assert.throws(f, (e: unknown) => e instanceof CajalError && e.problems.some((p) => p.ruleId === rule));
  expectRule(() => csrFromTriplets(2, 2, [0, 2], [0, 0], [1, 1]), "sparse-index-out-of-range");
  expectRule(() => csrFromTriplets(2, 2, [0], [0, 1], [1]), "sparse-triplet-lengths");
  expectRule(() => csrFromTriplets(2, 2, [0], [0], [NaN]), "sparse-value-not-finite");
  expectRule(() => randomCsr(2, 2, createRng(1), { probability: 1.5 }), "sparse-bad-probability");
  const a = csrFromTriplets(2, 2, [0], [0], [1]);
  expectRule(() => matVec(a, [1, 2, 3], new Float64Array(2)), "sparse-matvec-shape");
  expectRule(() => normaliseBlocks(a, [0, 1, 2], { per: "row" }), "sparse-zero-block");
  expectRule(() => normaliseBlocks(a, [0, 3]), "sparse-bad-blocks");
});
