/**
 * The mapper: application graph → cores, keys, routes and routing tables (spinnaker.md §5), with the
 * stack's checks raised as CajalErrors that say what to change.
 */
import { CajalError, type Problem, throwIfProblems } from "../../core/errors.js";
import type { Machine } from "../machine/machine.js";
import type { AppGraph } from "./appGraph.js";
import { pairCompress } from "./compress.js";
import { orderedCoveringCompress } from "./orderedCovering.js";
import { allocateKeys, type KeyAllocation } from "./keys.js";
import { routingTableFull, unknownCompressor } from "./messages.js";
import { placeVertices, type Placement } from "./placer.js";
import { buildRoutingTree, type RoutingTree } from "./router.js";
import { checkGraph, type MachineVertex, splitGraph } from "./splitter.js";
import { buildRoutingTables, type ChipTable } from "./tables.js";
import { groupBy } from "./groupBy.js";

/** Mapper options. */
export interface MapOptions {
  /** Colour bits in keys: 4 for `spynnaker7` (default), 0 for `spynnaker6`. */
  readonly colourBits?: number;
  /** Compress every table, not only those above the router's size (default false, as the stack). */
  readonly compressAll?: boolean;
  /** The compressor: "pair" (the stack's default) or "orderedCovering" (its optional alternative, spinnaker.md §5.7). */
  readonly compressor?: "pair" | "orderedCovering";
}

/** One chip's table before and after compression. */
export interface MappedTable {
  readonly uncompressed: ChipTable;
  /** The table loaded into the router (the uncompressed one when it fitted and compressAll is off). */
  readonly entries: ChipTable["entries"];
  readonly compressed: boolean;
}

/** Everything the mapper decided. */
export interface Mapping {
  readonly machine: Machine;
  readonly graph: AppGraph;
  /** Machine vertices (one per core), in population order. */
  readonly vertices: readonly MachineVertex[];
  /** `placements[i]` is where machine vertex i runs. */
  readonly placements: readonly Placement[];
  readonly keys: KeyAllocation;
  /** `trees[i]` is the multicast tree of machine vertex i (undefined if it sends nothing). */
  readonly trees: readonly (RoutingTree | undefined)[];
  /** Per chip index with any entry. */
  readonly tables: ReadonlyMap<number, MappedTable>;
}

/** Maps a graph onto a machine; throws one CajalError listing every problem when it does not fit. */
export function mapGraph(graph: AppGraph, machine: Machine, options: MapOptions = {}): Mapping {
  if (options.compressor !== undefined && options.compressor !== "pair" && options.compressor !== "orderedCovering") {
    throw new CajalError(unknownCompressor(options.compressor));
  }
  throwIfProblems(checkGraph(graph));
  const { vertices, problems } = splitGraph(graph);
  throwIfProblems(problems);
  const placements = placeVertices(graph, vertices, machine);
  const keys = allocateKeys(graph, vertices, options.colourBits ?? 4);
  const trees = routeAll(machine, graph, vertices, placements, keys);
  const uncompressed = buildRoutingTables(machine, graph, vertices, keys, trees);
  const tables = new Map<number, MappedTable>();
  const tooBig: Problem[] = [];
  for (const t of uncompressed) {
    const limit = machine.chips[t.chip]!.routerEntries;
    const compress = options.compressAll === true || t.entries.length > limit;
    const entries = !compress ? t.entries
      : options.compressor === "orderedCovering" ? orderedCoveringCompress(t.entries, t.defaultRouted) : pairCompress(t.entries, t.defaultRouted);
    if (entries.length > limit) tooBig.push(routingTableFull(t.x, t.y, entries.length, limit, t.entries.length));
    tables.set(t.chip, { uncompressed: t, entries, compressed: compress });
  }
  if (tooBig.length > 0) throw new CajalError(tooBig);
  return { machine, graph, vertices, placements, keys, trees, tables };
}

/** One tree per sending core, reaching every core of every population it projects to. */
function routeAll(
  machine: Machine, graph: AppGraph, vertices: readonly MachineVertex[], placements: readonly Placement[], keys: KeyAllocation,
): (RoutingTree | undefined)[] {
  const index = new Map(graph.vertices.map((v, i) => [v.label, i]));
  const coresOf = groupBy(vertices, (mv) => mv.appVertex);
  const targetsOf = new Map<number, Map<number, number>>();
  for (const e of graph.edges) {
    const pre = index.get(e.pre)!;
    const targets = targetsOf.get(pre) ?? new Map<number, number>();
    for (const mv of coresOf.get(index.get(e.post)!) ?? []) {
      const p = placements[mv.index]!;
      targets.set(p.chip, (targets.get(p.chip) ?? 0) | (1 << p.p));
    }
    targetsOf.set(pre, targets);
  }
  return vertices.map((mv) => {
    const targets = targetsOf.get(mv.appVertex);
    if (!targets || !keys.cores[mv.index]) return undefined;
    return buildRoutingTree(machine, placements[mv.index]!.chip, targets);
  });
}

/** The tables as the routers hold them: chip index → entries in priority order. */
export function routerTables(mapping: Mapping): Map<number, ChipTable["entries"]> {
  return new Map([...mapping.tables].map(([chip, t]) => [chip, t.entries]));
}
