/**
 * Routing-table generation (spinnaker.md §5.6): per chip and per sending population, one entry
 * with the population's key space when every core of it whose packets reach the chip takes the
 * same route there (cores whose packets never reach it cannot be misrouted by the wider entry),
 * otherwise one entry per core. Defaultable entries (arrived on a link, leave straight
 * through on the opposite link, no local core) are left out; their key spaces are kept so the
 * compressor never captures them.
 */
import { type Machine } from "../machine/machine.js";
import { LINKS_PER_CHIP } from "../machine/spin1.js";
import type { AppGraph } from "./appGraph.js";
import type { KeyAllocation, KeyAndMask } from "./keys.js";
import type { RoutingTree } from "./router.js";
import type { MachineVertex } from "./splitter.js";
import { groupBy } from "./groupBy.js";

/** One multicast router entry: matches when `(key AND mask) = this.key`; route bits 0–5 links, 6–23 cores. */
export interface RoutingEntry {
  readonly key: number;
  readonly mask: number;
  readonly route: number;
  /** What the entry routes: "exc" or "exc[256:512]" (merged entries list nothing). */
  readonly source: string;
}

/** The multicast table of one chip. */
export interface ChipTable {
  /** Index of the chip in machine.chips. */
  readonly chip: number;
  readonly x: number;
  readonly y: number;
  /** Entries in priority order (first match wins). */
  readonly entries: readonly RoutingEntry[];
  /** Key spaces that pass this chip by default routing and must stay unmatched. */
  readonly defaultRouted: readonly KeyAndMask[];
}

/** Route word of a tree node: links in bits 0–5, cores in bits 6–23. */
export function routeWord(links: number, cores: number): number {
  return (links | (cores << LINKS_PER_CHIP)) >>> 0;
}

/** True when the node only forwards straight on, which the router does by default. */
function defaultable(arrivedBy: number, links: number, cores: number): boolean {
  return arrivedBy >= 0 && cores === 0 && links === 1 << arrivedBy;
}

/** Builds the uncompressed table of every chip that any tree visits. `trees[i]` is machine vertex i's tree. */
export function buildRoutingTables(
  machine: Machine, graph: AppGraph, vertices: readonly MachineVertex[], keys: KeyAllocation,
  trees: readonly (RoutingTree | undefined)[],
): ChipTable[] {
  const entries = new Map<number, RoutingEntry[]>();
  const defaults = new Map<number, KeyAndMask[]>();
  const push = <T>(map: Map<number, T[]>, chip: number, item: T) => {
    const list = map.get(chip);
    if (list) list.push(item);
    else map.set(chip, [item]);
  };
  const coresOf = groupBy(vertices.filter((mv) => trees[mv.index]), (mv) => mv.appVertex);

  for (const [a, cores] of coresOf) {
    const label = graph.vertices[a]!.label;
    const atChip = new Map<number, { mv: MachineVertex; route: number; isDefault: boolean }[]>();
    for (const mv of cores) {
      for (const [chip, node] of trees[mv.index]!) {
        const item = { mv, route: routeWord(node.links, node.cores), isDefault: defaultable(node.arrivedBy, node.links, node.cores) };
        const list = atChip.get(chip);
        if (list) list.push(item);
        else atChip.set(chip, [item]);
      }
    }
    for (const [chip, items] of [...atChip].sort((p, q) => p[0] - q[0])) {
      const sameRoute = items.every((it) => it.route === items[0]!.route);
      const population = keys.populations[a]!;
      if (sameRoute && items.every((it) => it.isDefault)) {
        push(defaults, chip, population);
      } else if (sameRoute) {
        push(entries, chip, { key: population.key, mask: population.mask, route: items[0]!.route, source: label });
      } else {
        for (const it of items) {
          const core = keys.cores[it.mv.index]!;
          if (it.isDefault) push(defaults, chip, core);
          else push(entries, chip, { key: core.key, mask: core.mask, route: it.route, source: `${label}[${it.mv.lo}:${it.mv.hi}]` });
        }
      }
    }
  }
  const chips = new Set([...entries.keys(), ...defaults.keys()]);
  return [...chips].sort((p, q) => p - q).map((chip) => {
    const c = machine.chips[chip]!;
    return { chip, x: c.x, y: c.y, entries: entries.get(chip) ?? [], defaultRouted: defaults.get(chip) ?? [] };
  });
}
