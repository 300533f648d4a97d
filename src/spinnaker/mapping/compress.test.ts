import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { mergeEntries, pairCompress } from "./compress.js";
import { highMask, type KeyAndMask } from "./keys.js";
import { lookup } from "./multicast.js";
import type { RoutingEntry } from "./tables.js";

test("merging two entries makes their differing key bits don't-care", () => {
  const a: RoutingEntry = { key: 0b1000, mask: 0xfffffff8, route: 1, source: "a" };
  const b: RoutingEntry = { key: 0b1100, mask: 0xfffffff8, route: 1, source: "b" };
  const m = mergeEntries(a, b);
  assert.equal(m.mask, (0xfffffff8 & ~0b0100) >>> 0);
  assert.equal(m.key, 0b1000);
});

test("on random non-overlapping tables, the compressed table routes every key of every entry as before", () => {
  const rng = createRng(5).stream("tables");
  const int = (n: number) => Math.floor(rng.uniform() * n);
  for (let trial = 0; trial < 60; trial++) {
    // Disjoint key spaces: zone | core | atom, as the allocator makes them.
    const atomBits = 4 + int(4);
    const nSpaces = 10 + int(60);
    const spaces: KeyAndMask[] = Array.from({ length: nSpaces }, (_, i) => ({ key: (i * 2 ** atomBits) >>> 0, mask: highMask(atomBits) }));
    const protectedCount = int(4);
    const protectedSpaces = spaces.slice(0, protectedCount);
    const entries: RoutingEntry[] = spaces.slice(protectedCount).map((s, i) => ({ ...s, route: 1 << int(4), source: `e${i}` }));
    const compressed = pairCompress(entries, protectedSpaces);
    assert.ok(compressed.length <= entries.length);
    for (const e of entries) {
      for (const low of [0, 1, 2 ** atomBits - 1, int(2 ** atomBits)]) {
        const key = (e.key + low) >>> 0;
        assert.equal(lookup(compressed, key)?.route, e.route, `trial ${trial}: key 0x${key.toString(16)}`);
      }
    }
    for (const s of protectedSpaces) assert.equal(lookup(compressed, s.key), undefined, "default-routed keys stay unmatched");
  }
});

test("entries of one route over a contiguous block of key spaces compress to a single entry", () => {
  const entries: RoutingEntry[] = Array.from({ length: 16 }, (_, i) => ({ key: (i << 8) >>> 0, mask: highMask(8), route: 0b10, source: "" }));
  const compressed = pairCompress(entries);
  assert.equal(compressed.length, 1);
  assert.equal(compressed[0]!.mask, highMask(12));
});
