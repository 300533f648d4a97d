import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { pairCompress } from "./compress.js";
import { highMask, type KeyAndMask } from "./keys.js";
import { lookup } from "./multicast.js";
import { orderedCoveringCompress } from "./orderedCovering.js";
import type { RoutingEntry } from "./tables.js";

/** Random disjoint key spaces (zone | core | atom, as the allocator makes them), some default-routed. */
function randomTable(rng: { uniform(): number }) {
  const int = (n: number) => Math.floor(rng.uniform() * n);
  const atomBits = 4 + int(4);
  const nSpaces = 10 + int(90);
  const spaces: KeyAndMask[] = Array.from({ length: nSpaces }, (_, i) => ({ key: (i * 2 ** atomBits) >>> 0, mask: highMask(atomBits) }));
  // Shuffle so that same-route spaces are not always neighbours.
  for (let i = spaces.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [spaces[i], spaces[j]] = [spaces[j]!, spaces[i]!];
  }
  const protectedCount = int(5);
  const nRoutes = 1 + int(5);
  const entries: RoutingEntry[] = spaces.slice(protectedCount).map((s, i) => ({ ...s, route: 1 << int(nRoutes), source: `e${i}` }));
  return { atomBits, entries, protectedSpaces: spaces.slice(0, protectedCount), int };
}

test("ordered covering: every key of every entry reaches exactly its route, default-routed keys stay unmatched (200 random tables)", () => {
  const rng = createRng(11).stream("tables");
  let before = 0;
  let after = 0;
  let afterPair = 0;
  for (let trial = 0; trial < 200; trial++) {
    const { atomBits, entries, protectedSpaces, int } = randomTable(rng);
    const compressed = orderedCoveringCompress(entries, protectedSpaces);
    assert.ok(compressed.length <= entries.length);
    for (const e of compressed) assert.equal((e.key & ~e.mask) >>> 0, 0, "no key bit outside the mask (such an entry never matches)");
    for (const e of entries) {
      for (const low of [0, 1, 2 ** atomBits - 1, int(2 ** atomBits)]) {
        const key = (e.key + low) >>> 0;
        assert.equal(lookup(compressed, key)?.route, e.route, `trial ${trial}: key 0x${key.toString(16)}`);
      }
    }
    for (const s of protectedSpaces) {
      for (const low of [0, 2 ** atomBits - 1]) assert.equal(lookup(compressed, (s.key + low) >>> 0), undefined, `trial ${trial}: default-routed key`);
    }
    before += entries.length;
    after += compressed.length;
    afterPair += pairCompress(entries, protectedSpaces).length;
  }
  // Measured: 10 582 → 5 235 entries (the pair compressor, whose merged entries may overlap earlier buckets: 3 789).
  assert.ok(after < before / 2, `ordered covering shrinks the tables (${before} → ${after} entries; pair compressor ${afterPair})`);
});

test("ordered covering merges a contiguous block of one route into one entry and stops at the target length", () => {
  const entries: RoutingEntry[] = Array.from({ length: 16 }, (_, i) => ({ key: (i << 8) >>> 0, mask: highMask(8), route: 0b10, source: "" }));
  const one = orderedCoveringCompress(entries);
  assert.equal(one.length, 1);
  assert.equal(one[0]!.mask, highMask(12));
  // A space of another route inside the block: the merged entries must leave it to its own route.
  const withHole: RoutingEntry[] = entries.map((e, i) => (i === 5 ? { ...e, route: 0b100 } : e));
  const c = orderedCoveringCompress(withHole);
  for (const e of withHole) assert.equal(lookup(c, (e.key + 7) >>> 0)?.route, e.route);
  assert.ok(c.length < withHole.length);
  // With a target, merging stops as soon as the table fits; a table that fits is left alone.
  assert.ok(orderedCoveringCompress(entries, [], 12).length <= 12);
  assert.equal(orderedCoveringCompress(entries, [], 16).length, 16);
});

test("the mapper can use the ordered-covering compressor: routes still reach exactly their targets", async () => {
  const { mapGraph } = await import("./mapper.js");
  const { machineFor } = await import("../machine/boards.js");
  const { followPacket } = await import("./multicast.js");
  const machine = machineFor("spinn5");
  const graph = {
    vertices: Array.from({ length: 12 }, (_, i) => ({
      label: `p${i}`, nAtoms: 600, model: "IF_curr_exp",
      resources: { sdramFixedBytes: 10_000, sdramPerAtomBytes: 100, dtcmFixedBytes: 20_000, dtcmPerAtomBytes: 100 },
    })),
    edges: Array.from({ length: 12 }, (_, i) => ({ pre: `p${i}`, post: `p${(i * 5 + 3) % 12}`, nSynapses: 100 })),
  };
  const pair = mapGraph(graph, machine, { compressAll: true });
  const covering = mapGraph(graph, machine, { compressAll: true, compressor: "orderedCovering" });
  const targets = (m: typeof pair, mv: number) => {
    const d = followPacket(machine, new Map([...m.tables].map(([chip, t]) => [chip, t.entries])), m.placements[mv]!.chip, m.keys.cores[mv]!.key);
    assert.equal(d.dropped, 0);
    return d.cores.map(([chip, p]) => `${chip}:${p}`).sort().join(" ");
  };
  const uncompressedTargets = (mv: number) => {
    const d = followPacket(machine, new Map([...covering.tables].map(([chip, t]) => [chip, t.uncompressed.entries])), covering.placements[mv]!.chip, covering.keys.cores[mv]!.key);
    return d.cores.map(([chip, p]) => `${chip}:${p}`).sort().join(" ");
  };
  for (let mv = 0; mv < covering.vertices.length; mv++) {
    assert.equal(targets(covering, mv), uncompressedTargets(mv), `core ${mv}`);
    assert.equal(targets(pair, mv), uncompressedTargets(mv), `core ${mv} (pair)`);
  }
  for (const t of covering.tables.values()) assert.ok(t.entries.length <= 1023);
  assert.ok([...covering.tables.values()].some((t) => t.entries.length < t.uncompressed.entries.length), "some table shrank");
  assert.throws(() => mapGraph(graph, machine, { compressor: "bogus" as "pair" }), (e: unknown) => e instanceof CajalError);
});
