/**
 * Routing-key allocation (spinnaker.md §5.4, after PACMAN's ZonedRoutingInfoAllocator): a 32-bit key
 * is cut into zones `| AP | M | X |` — the sending population, the core within it, the neuron (and
 * colour) within the core. One key space per sending population, whatever its number of projections.
 */
import { CajalError } from "../../core/errors.js";
import { getNBits } from "../bits.js";
import type { AppGraph } from "./appGraph.js";
import { keysDoNotFit } from "./messages.js";
import type { MachineVertex } from "./splitter.js";
import { groupBy } from "./groupBy.js";

/** Key and mask of one sending core or population; `mask` has 1s where the key must match. */
export interface KeyAndMask {
  readonly key: number;
  readonly mask: number;
}

/** The allocation: zone widths and every sender's key space. */
export interface KeyAllocation {
  readonly colourBits: number;
  readonly apBits: number;
  readonly coreBits: number;
  readonly atomBits: number;
  /** Per population (index in graph.vertices): the key space of the whole population, or undefined if it sends nothing. */
  readonly populations: readonly (KeyAndMask | undefined)[];
  /** Per machine vertex: the core's key space, or undefined if its population sends nothing. */
  readonly cores: readonly (KeyAndMask | undefined)[];
}

/** A 32-bit mask with the top `32 − low` bits set. */
export function highMask(lowBits: number): number {
  return lowBits >= 32 ? 0 : (0xffffffff - (2 ** lowBits - 1)) >>> 0;
}

/**
 * Allocates keys to every population with an outgoing projection. `colourBits` is 4 under
 * `spynnaker7` (late-spike colours) and 0 under `spynnaker6`. Throws a CajalError when the zones
 * need more than 32 bits.
 */
export function allocateKeys(graph: AppGraph, vertices: readonly MachineVertex[], colourBits: number): KeyAllocation {
  const index = new Map(graph.vertices.map((v, i) => [v.label, i]));
  const sends = new Set(graph.edges.map((e) => index.get(e.pre)!));
  const senders = graph.vertices.map((_, i) => i).filter((i) => sends.has(i));
  let maxCores = 0;
  let maxKeysPerCore = 0;
  const coresOf = groupBy(vertices, (mv) => mv.appVertex);
  for (const a of senders) {
    const cores = coresOf.get(a) ?? [];
    maxCores = Math.max(maxCores, cores.length);
    const perAtom = graph.vertices[a]!.nKeysPerAtom ?? 1;
    for (const mv of cores) maxKeysPerCore = Math.max(maxKeysPerCore, (mv.hi - mv.lo) * perAtom * 2 ** colourBits);
  }
  const apBits = getNBits(senders.length);
  const coreBits = getNBits(maxCores);
  const atomBits = getNBits(maxKeysPerCore);
  if (apBits + coreBits + atomBits > 32) throw new CajalError(keysDoNotFit(apBits, coreBits, atomBits));

  const populations: (KeyAndMask | undefined)[] = graph.vertices.map(() => undefined);
  const cores: (KeyAndMask | undefined)[] = vertices.map(() => undefined);
  senders.forEach((a, zone) => {
    const base = (zone * 2 ** (coreBits + atomBits)) >>> 0;
    populations[a] = { key: base, mask: highMask(coreBits + atomBits) };
    for (const mv of coresOf.get(a) ?? []) {
      cores[mv.index] = { key: (base + mv.sliceIndex * 2 ** atomBits) >>> 0, mask: highMask(atomBits) };
    }
  });
  return { colourBits, apBits, coreBits, atomBits, populations, cores };
}

/** The key neuron `n` of a core sends with colour `colour`: `base | (n << colourBits) | colour`. */
export function neuronKey(core: KeyAndMask, neuron: number, colourBits: number, colour = 0): number {
  return (core.key + neuron * 2 ** colourBits + colour) >>> 0;
}

/** True when some key matches both entries: `(k1 XOR k2) AND m1 AND m2 = 0`. */
export function keySpacesIntersect(a: KeyAndMask, b: KeyAndMask): boolean {
  return ((a.key ^ b.key) & a.mask & b.mask) === 0;
}
