import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { fitCentroids, lz76Complexity, lzFeatures, normalisedLz } from "./lz.js";

const bits = (s: string) => Uint8Array.from(s, (ch) => (ch === "1" ? 1 : 0));

/** The exhaustive-history parsing by its definition: extend each word while it can be copied from an earlier start. */
function bruteForce(s: Uint8Array): number {
  const n = s.length;
  let c = 0, p = 0;
  while (p < n) {
    let q = p;
    for (;;) {
      // Is s[p..q] a copy of s[j..j+q−p] for some start j < p (overlap allowed)?
      let copyable = false;
      for (let j = 0; j < p && !copyable; j++) {
        let ok = true;
        for (let m = 0; m <= q - p; m++) if (s[j + m] !== s[p + m]) { ok = false; break; }
        copyable = ok;
      }
      if (!copyable || q === n - 1) break;
      q++;
    }
    c++;
    p = q + 1;
  }
  return c;
}

test("LZ76 of hand-parsed strings: 0·001·10·100·1000·101 has 6 words, constants 2, alternations 3", () => {
  assert.equal(lz76Complexity(bits("0001101001000101")), 6); // Lempel & Ziv 1976 / Kaspar & Schuster 1987 example
  assert.equal(lz76Complexity(bits("0000000000")), 2);       // 0 · 000000000
  assert.equal(lz76Complexity(bits("1")), 1);
  assert.equal(lz76Complexity(bits("01")), 2);               // 0 · 1
  assert.equal(lz76Complexity(bits("0101010101")), 3);       // 0 · 1 · 01010101
  assert.equal(lz76Complexity(bits("0110")), 3);             // 0 · 1 · 10
  assert.equal(lz76Complexity(bits("")), 0);
});

test("LZ76 (Kaspar–Schuster scan) equals the brute-force exhaustive parsing on random sequences of many densities", () => {
  const rng = createRng(4);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + rng.int(60);
    const p = rng.uniform();
    const s = Uint8Array.from({ length: n }, () => (rng.uniform() < p ? 1 : 0));
    assert.equal(lz76Complexity(s), bruteForce(s), `sequence ${s.join("")}`);
  }
});

test("normalised LZ: near 1 for fair coin flips, small for a periodic train; strided access reads one neuron of a raster", () => {
  const rng = createRng(9);
  const coin = Uint8Array.from({ length: 4000 }, () => (rng.uniform() < 0.5 ? 1 : 0));
  const c = normalisedLz(coin);
  assert.ok(c > 0.85 && c < 1.15, `fair coin ${c}`);
  const periodic = Uint8Array.from({ length: 4000 }, (_, k) => (k % 10 === 0 ? 1 : 0));
  assert.ok(normalisedLz(periodic) < 0.05);
  // Raster [trial=1, step=16, neuron=2]: neuron 0 is the hand-parsed example, neuron 1 all zeros.
  const ex = bits("0001101001000101");
  const raster = new Uint8Array(32);
  ex.forEach((b, t) => (raster[2 * t] = b));
  const f = lzFeatures(raster, 1, 16, 2);
  assert.ok(Math.abs(f[0]! - (6 * 4) / 16) < 1e-12);
  assert.ok(Math.abs(f[1]! - (2 * 4) / 16) < 1e-12);
});

test("the LZC feature encoder is deterministic for a seed and changes with it; the centroid classifier separates shifted clouds", () => {
  const raster = (seed: number) => { const r = createRng(seed); return Uint8Array.from({ length: 3 * 50 * 4 }, () => (r.uniform() < 0.2 ? 1 : 0)); };
  assert.deepEqual(lzFeatures(raster(1), 3, 50, 4), lzFeatures(raster(1), 3, 50, 4));
  assert.notDeepEqual(lzFeatures(raster(1), 3, 50, 4), lzFeatures(raster(2), 3, 50, 4));
  const x = Float64Array.from([0, 0, 0.1, 0, 5, 5, 5.1, 4.9]);
  const clf = fitCentroids(x, [0, 0, 1, 1], 2);
  assert.deepEqual(Array.from(clf.centroids), [0.05, 0, 5.05, 4.95]);
  assert.deepEqual(Array.from(clf.predict([0.2, 0.1, 4, 4.5, 2, 2])), [0, 1, 0]);
});
