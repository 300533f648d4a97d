/**
 * The pair compressor (spinnaker.md §5.7, after PACMAN's PairCompressor): entries are grouped by
 * route, groups ordered by increasing frequency; inside a group, pairs merge into one entry whose
 * differing key bits become "don't care", provided the merged entry matches no key of a later group
 * (earlier groups come first in the table and keep priority) and no key space that is routed through
 * the chip by default. The result is ordered: first match wins.
 */
import type { KeyAndMask } from "./keys.js";
import type { RoutingEntry } from "./tables.js";

function intersects(a: KeyAndMask, b: KeyAndMask): boolean {
  return ((a.key ^ b.key) & a.mask & b.mask) === 0;
}

/** Merges two entries: `mask = m1 AND m2 AND NOT(k1 XOR k2)`, `key = k1 AND k2 AND mask`. */
export function mergeEntries(a: RoutingEntry, b: RoutingEntry): RoutingEntry {
  const mask = (a.mask & b.mask & ~(a.key ^ b.key)) >>> 0;
  return { key: (a.key & b.key & mask) >>> 0, mask, route: a.route, source: "" };
}

/**
 * Compresses one chip's table. `protectedSpaces` are the key spaces default-routed through the chip,
 * which no merged entry may match.
 */
export function pairCompress(entries: readonly RoutingEntry[], protectedSpaces: readonly KeyAndMask[] = []): RoutingEntry[] {
  const frequency = new Map<number, number>();
  for (const e of entries) frequency.set(e.route, (frequency.get(e.route) ?? 0) + 1);
  const routes = [...frequency.keys()].sort((p, q) => frequency.get(p)! - frequency.get(q)! || p - q);
  const buckets = routes.map((r) => entries.filter((e) => e.route === r));
  const out: RoutingEntry[] = [];
  for (let b = 0; b < buckets.length; b++) {
    const later = buckets.slice(b + 1).flat();
    const list = [...buckets[b]!];
    const allowed = (candidate: RoutingEntry) =>
      !later.some((e) => intersects(candidate, e)) && !protectedSpaces.some((s) => intersects(candidate, s));
    let i = 0;
    while (i < list.length) {
      let merged = false;
      for (let j = i + 1; j < list.length; j++) {
        const candidate = mergeEntries(list[i]!, list[j]!);
        if (allowed(candidate)) {
          list[i] = candidate;
          list.splice(j, 1);
          merged = true;
          break;
        }
      }
      if (!merged) i++;
    }
    out.push(...list);
  }
  return out;
}
