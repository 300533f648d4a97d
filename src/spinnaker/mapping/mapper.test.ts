import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { spinn3, spinn5, spinn5Boards, virtualMachine } from "../machine/boards.js";
import type { Machine } from "../machine/machine.js";
import type { AppEdge, AppGraph, AppVertex, VertexResources } from "./appGraph.js";
import { keySpacesIntersect, neuronKey } from "./keys.js";
import { type Mapping, mapGraph, routerTables } from "./mapper.js";
import * as msg from "./messages.js";
import { followPacket } from "./multicast.js";

const SMALL: VertexResources = { sdramFixedBytes: 10_000, sdramPerAtomBytes: 100, dtcmFixedBytes: 20_000, dtcmPerAtomBytes: 100 };
const SOURCE: VertexResources = { sdramFixedBytes: 10_000, sdramPerAtomBytes: 8, dtcmFixedBytes: 4_000, dtcmPerAtomBytes: 0 };
const lif = (label: string, nAtoms: number, extra: Partial<AppVertex> = {}): AppVertex =>
  ({ label, nAtoms, model: "IF_curr_exp", resources: SMALL, ...extra });
const edge = (pre: string, post: string): AppEdge => ({ pre, post, nSynapses: 1 });

/** Checks every invariant of spinnaker.md §9.4 on a mapping; colours up to `coloursToCheck`. */
function assertMappingInvariants(m: Mapping, coloursToCheck = 2): void {
  const { graph, machine, vertices, placements, keys } = m;
  // 1. Every neuron placed exactly once; no core used twice; cores are application cores; SDRAM within capacity.
  graph.vertices.forEach((v, a) => {
    const covered = new Uint8Array(v.nAtoms);
    for (const mv of vertices.filter((x) => x.appVertex === a)) for (let n = mv.lo; n < mv.hi; n++) covered[n]!++;
    assert.ok(covered.every((c) => c === 1), `${v.label}: every neuron in exactly one slice`);
  });
  const used = new Set<string>();
  const sdram = new Map<number, number>();
  vertices.forEach((mv, i) => {
    const p = placements[i]!;
    const where = `${p.x},${p.y},${p.p}`;
    assert.ok(!used.has(where), `core ${where} used twice`);
    used.add(where);
    assert.ok(machine.chips[p.chip]!.appCores.includes(p.p), `core ${where} is an application core`);
    sdram.set(p.chip, (sdram.get(p.chip) ?? 0) + mv.sdramBytes);
  });
  for (const [chip, bytes] of sdram) assert.ok(bytes <= machine.chips[chip]!.sdramBytes, `SDRAM of chip ${chip}`);
  // 2. Keys: core key spaces never intersect, each neuron/colour key lies in its own core's space only.
  const senders = vertices.filter((mv) => keys.cores[mv.index]);
  for (let i = 0; i < senders.length; i++) {
    for (let j = i + 1; j < senders.length; j++) {
      assert.ok(!keySpacesIntersect(keys.cores[senders[i]!.index]!, keys.cores[senders[j]!.index]!), "core key spaces overlap");
    }
  }
  assert.ok(keys.apBits + keys.coreBits + keys.atomBits <= 32);
  // 3. Routes: each key reaches exactly the cores of the populations its population projects to.
  const tables = routerTables(m);
  const index = new Map(graph.vertices.map((v, i) => [v.label, i]));
  for (const mv of senders) {
    const expected = new Set<string>();
    for (const e of graph.edges.filter((x) => index.get(x.pre) === mv.appVertex)) {
      for (const t of vertices.filter((x) => x.appVertex === index.get(e.post))) {
        expected.add(`${placements[t.index]!.chip}:${placements[t.index]!.p}`);
      }
    }
    const core = keys.cores[mv.index]!;
    const seenKeys = new Set<number>();
    for (let n = 0; n < mv.hi - mv.lo; n++) {
      for (let colour = 0; colour < Math.min(coloursToCheck, 2 ** keys.colourBits); colour++) {
        const key = neuronKey(core, n, keys.colourBits, colour);
        assert.ok(!seenKeys.has(key), "neuron keys are unique");
        seenKeys.add(key);
        assert.equal((key & core.mask) >>> 0, core.key, "key inside its core's space");
        const d = followPacket(machine, tables, placements[mv.index]!.chip, key);
        assert.equal(d.dropped, 0, `key 0x${key.toString(16)} dropped`);
        const got = d.cores.map(([c, p]) => `${c}:${p}`);
        assert.equal(new Set(got).size, got.length, "no core receives a packet twice");
        assert.deepEqual(new Set(got), expected, `targets of ${graph.vertices[mv.appVertex]!.label}[${mv.lo}:${mv.hi}] neuron ${n}`);
      }
    }
  }
  // 4. Tables fit their routers.
  for (const [chip, t] of m.tables) assert.ok(t.entries.length <= machine.chips[chip]!.routerEntries);
}

/** A seeded random network: populations of random sizes and random projections. */
function randomGraph(seed: number, nPops: number, maxAtoms: number, nEdges: number): AppGraph {
  const rng = createRng(seed).stream("graph");
  const vertices = Array.from({ length: nPops }, (_, i) => lif(`p${i}`, 1 + Math.floor(rng.uniform() * maxAtoms)));
  const edges = Array.from({ length: nEdges }, () =>
    edge(`p${Math.floor(rng.uniform() * nPops)}`, `p${Math.floor(rng.uniform() * nPops)}`));
  return { vertices, edges };
}

test("populations are split into 256-neuron cores (500 for Poisson, one core for spike-source arrays)", () => {
  const graph: AppGraph = {
    vertices: [
      lif("exc", 1000), { ...lif("noise", 1200), model: "SpikeSourcePoisson", resources: SOURCE },
      { ...lif("input", 5000), model: "SpikeSourceArray", resources: SOURCE },
      lif("small", 100, { maxAtomsPerCore: 30 }),
    ],
    edges: [edge("noise", "exc"), edge("input", "exc"), edge("exc", "small")],
  };
  const m = mapGraph(graph, spinn5());
  const sizes = (a: number) => m.vertices.filter((v) => v.appVertex === a).map((v) => v.hi - v.lo);
  assert.deepEqual(sizes(0), [256, 256, 256, 232]);
  assert.deepEqual(sizes(1), [500, 500, 200]);
  assert.deepEqual(sizes(2), [5000]);
  assert.deepEqual(sizes(3), [30, 30, 30, 10]);
  assertMappingInvariants(m, 1);
});

test("the CA3 network's ten single-core populations are placed in order on the Ethernet chip of a SpiNN-5", () => {
  const names = ["IL", "cueCue", "cueCont", "contCue", "contCont", "contCond", "contCondInt", "mergeCue", "mergeCont", "OL"];
  const graph: AppGraph = {
    vertices: names.map((n) => (n === "IL" ? { ...lif(n, 15), model: "SpikeSourceArray" } : lif(n, 10))),
    edges: [edge("IL", "cueCue"), edge("IL", "contCue"), edge("cueCue", "cueCont"), edge("contCue", "contCond"),
      edge("contCondInt", "contCond"), edge("contCond", "contCont"), edge("cueCue", "contCue"), edge("contCont", "cueCont"),
      edge("cueCont", "cueCont"), edge("mergeCue", "OL"), edge("mergeCont", "OL")],
  };
  const m = mapGraph(graph, spinn5());
  assert.ok(m.placements.every((p) => p.x === 0 && p.y === 0));
  assert.deepEqual(m.placements.map((p) => p.p), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal(m.tables.size, 1, "all spikes stay on chip (0, 0)");
  assertMappingInvariants(m, 16);
});

for (const [name, machine, seed] of [
  ["SpiNN-3", spinn3(), 1], ["SpiNN-5", spinn5(), 2], ["3 boards", spinn5Boards(3), 3], ["2 boards (no wrap)", spinn5Boards(2), 4],
] as const) {
  test(`${name}: a random network keeps every mapper invariant (placement, keys, exact delivery)`, () => {
    const cores = machine.chips.reduce((n, c) => n + c.appCores.length, 0);
    const graph = randomGraph(seed, Math.min(40, Math.floor(cores / 4)), 700, 60);
    assertMappingInvariants(mapGraph(graph, machine), 2);
  });
}

test("a straight path is left to default routing: the chips in between hold no entry", () => {
  // Three cores per chip: one application core, none on the Ethernet chip (0, 0).
  const machine = virtualMachine({ width: 7, height: 1, coresPerChip: 3 });
  const graph: AppGraph = { vertices: [lif("a", 5), lif("b", 5), lif("c", 5), lif("d", 5), lif("e", 5)], edges: [edge("a", "e")] };
  const m = mapGraph(graph, machine);
  assert.deepEqual(m.placements.map((p) => p.x), [1, 2, 3, 4, 5]);
  const withEntries = [...m.tables].filter(([, t]) => t.entries.length > 0).map(([c]) => machine.chips[c]!.x);
  assert.deepEqual(withEntries, [1, 5]);
  for (const x of [2, 3, 4]) assert.equal(m.tables.get(x)!.uncompressed.defaultRouted.length, 1, `chip ${x} passes a by default`);
  assertMappingInvariants(m, 1);
});

test("tables above the router's size are pair-compressed and still deliver every key exactly", () => {
  // 15 one-neuron sources on the Ethernet chip all project to a 16-core population on the next chip:
  // 15 entries per chip with one route each, which the compressor must fold into at most 4.
  const machine: Machine = virtualMachine({ width: 3, height: 1, routerEntries: 4 });
  const sources = Array.from({ length: 15 }, (_, i) => lif(`s${i}`, 1));
  const graph: AppGraph = {
    vertices: [...sources, lif("t", 16, { maxAtomsPerCore: 1 })],
    edges: sources.map((s) => edge(s.label, "t")),
  };
  const m = mapGraph(graph, machine);
  const compressed = [...m.tables.values()].filter((t) => t.compressed);
  assert.ok(compressed.length > 0, "some table needed compression");
  for (const t of compressed) assert.ok(t.entries.length < t.uncompressed.entries.length);
  assertMappingInvariants(m, 2);
});

test("compressing every table (compressAll) never changes where a key goes", () => {
  const m = mapGraph(randomGraph(11, 30, 300, 80), spinn5Boards(3), { compressAll: true, colourBits: 0 });
  assert.ok([...m.tables.values()].some((t) => t.entries.length < t.uncompressed.entries.length));
  assertMappingInvariants(m, 1);
});

test("a table that cannot be compressed enough fails with the router-table error for that chip", () => {
  // Each of 15 populations on chip (0,0) sends to its own core on (1,0): 15 different routes there.
  const machine = virtualMachine({ width: 2, height: 1, coresPerChip: 18, routerEntries: 8 });
  const sources = Array.from({ length: 15 }, (_, i) => lif(`s${i}`, 1));
  const targets = Array.from({ length: 15 }, (_, i) => lif(`t${i}`, 1));
  const graph: AppGraph = { vertices: [...sources, ...targets], edges: sources.map((_, i) => edge(`s${i}`, `t${i}`)) };
  assert.throws(() => mapGraph(graph, machine), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.equal(e.problem.ruleId, "spinnaker-router-table");
    assert.deepEqual(e.problem, msg.routingTableFull(1, 0, 15, 8, 15));
    return true;
  });
});

test("a network too big for a SpiNN-5 fails before placement, saying how many cores and boards it needs", () => {
  const graph: AppGraph = { vertices: [lif("huge", 256 * 800)], edges: [] };
  assert.throws(() => mapGraph(graph, spinn5()), (e: unknown) => {
    assert.ok(e instanceof CajalError);
    assert.deepEqual(e.problem, msg.machineTooSmall("SpiNN-5", 800, 759, 2));
    assert.match(e.message, /needs 800 application cores but the SpiNN-5 machine has 759/);
    assert.match(e.message, /boards: 2/);
    return true;
  });
});

test("the stack's other mapping errors: atoms per core above the cap, SDRAM, DTCM, unknown population, keys", () => {
  const problemIds = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof CajalError) return e.problems.map((p) => p.ruleId);
      throw e;
    }
    return [];
  };
  assert.deepEqual(problemIds(() => mapGraph({ vertices: [lif("a", 10, { maxAtomsPerCore: 300 })], edges: [] }, spinn5())),
    ["spinnaker-atoms-per-core"]);
  const bigSdram: VertexResources = { ...SMALL, sdramPerAtomBytes: 1_000_000 };
  assert.deepEqual(problemIds(() => mapGraph({ vertices: [lif("rec", 200, { resources: bigSdram })], edges: [] }, spinn5())),
    ["spinnaker-sdram"]);
  const bigDtcm: VertexResources = { ...SMALL, dtcmPerAtomBytes: 1000 };
  assert.deepEqual(problemIds(() => mapGraph({ vertices: [lif("stdp", 256, { resources: bigDtcm })], edges: [] }, spinn5())),
    ["spinnaker-dtcm"]);
  // Several problems are reported together.
  assert.deepEqual(problemIds(() => mapGraph({ vertices: [lif("a", 0), lif("a", 3)], edges: [edge("a", "zz")] }, spinn5())),
    ["spinnaker-population-size", "spinnaker-duplicate-population", "spinnaker-unknown-population"]);
  const wide: AppGraph = {
    vertices: [{ label: "src", nAtoms: 2 ** 28, model: "SpikeSourceArray", resources: { ...SMALL, sdramPerAtomBytes: 0, dtcmPerAtomBytes: 0 } }, lif("dst", 1)],
    edges: [edge("src", "dst")],
  };
  assert.deepEqual(problemIds(() => mapGraph(wide, spinn5())), ["spinnaker-keys"]);
});

test("a machine whose chips are all full of SDRAM reports that no chip is left to start on", () => {
  const machine = virtualMachine({ width: 1, height: 1, sdramBytes: 100_000 });
  const graph: AppGraph = { vertices: [lif("a", 256), lif("b", 256)], edges: [] }; // 35,600 bytes each
  mapGraph({ vertices: [lif("a", 256), lif("b", 256)], edges: [] }, virtualMachine({ width: 1, height: 1, sdramBytes: 100_000 }));
  const three: AppGraph = { vertices: [...graph.vertices, lif("c", 256)], edges: [] };
  assert.throws(() => mapGraph(three, machine), (e: unknown) =>
    e instanceof CajalError && e.problem.ruleId === "spinnaker-no-more-chips" && e.problem.place === "c");
});

test("the mapping report lists every population's cores and every chip's table sizes", async () => {
  const { formatMappingReport, mappingReport } = await import("./report.js");
  const graph: AppGraph = { vertices: [lif("a", 300), lif("b", 10)], edges: [edge("a", "b")] };
  const r = mappingReport(mapGraph(graph, spinn5()));
  assert.equal(r.coresUsed, 3);
  assert.deepEqual(r.populations[0]!.cores.map((c) => [c.lo, c.hi]), [[0, 256], [256, 300]]);
  assert.equal(r.populations[1]!.key, undefined, "b sends nothing");
  assert.match(r.populations[0]!.key!, /^0x[0-9a-f]{8}$/);
  assert.equal(r.tables.length, 1);
  assert.match(formatMappingReport(r), /SpiNN-5: 3 cores on 1 chips/);
});
