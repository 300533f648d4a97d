/**
 * The ordered-covering compressor (spinnaker.md §5.7, after Mundy, Heathcote and Garside's algorithm as
 * rig and PACMAN implement it), the stack's optional alternative to the pair compressor. The table is
 * kept in order of increasing generality (number of don't-care bits); each step merges the largest set
 * of same-route entries into one entry inserted at its generality's place, after refining the set so
 * that the table still routes every original key space as before:
 * - down-check: the merged entry must not capture any original key space (alias) of an entry below it
 *   with another route, nor a key space routed through the chip by default; entries are dropped from the
 *   set so that one more key bit becomes fixed and the conflict disappears (the bit that drops fewest);
 * - up-check: an entry of the set must not be intercepted, on its way down to the merged entry, by an
 *   entry with another route between its old place and the insertion point; such entries leave the set.
 * Merging stops when no set saves an entry, or when the table fits `targetLength`.
 */
import type { KeyAndMask } from "./keys.js";
import type { RoutingEntry } from "./tables.js";

/** Do two key spaces share a key? */
function intersects(a: KeyAndMask, b: KeyAndMask): boolean {
  return ((a.key ^ b.key) & a.mask & b.mask) === 0;
}

/** Don't-care bits of a mask. */
function generality(mask: number): number {
  let x = ~mask >>> 0;
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}

/** The smallest entry covering all of `entries`: bits where they agree are kept, the others become don't-care. */
function cover(entries: readonly KeyAndMask[]): KeyAndMask {
  let allOnes = 0xffffffff;
  let anyOnes = 0;
  let allMasked = 0xffffffff;
  for (const e of entries) {
    allOnes &= e.key;
    anyOnes |= e.key;
    allMasked &= e.mask;
  }
  const mask = (allMasked & ~(anyOnes & ~allOnes)) >>> 0;
  return { key: (allOnes & mask) >>> 0, mask };
}

/** A table entry with the original key spaces it stands for. */
interface Slot extends RoutingEntry {
  readonly aliases: readonly KeyAndMask[];
}

/** Where an entry of this generality goes: after every entry at most as general. */
function insertionIndex(table: readonly Slot[], g: number): number {
  let i = 0;
  while (i < table.length && generality(table[i]!.mask) <= g) i++;
  return i;
}

/**
 * Compresses one chip's table. `protectedSpaces` are key spaces routed through the chip by default,
 * which no entry may capture. The entries must not overlap (as the table generator makes them).
 */
export function orderedCoveringCompress(
  entries: readonly RoutingEntry[], protectedSpaces: readonly KeyAndMask[] = [], targetLength = 0,
): RoutingEntry[] {
  let table: Slot[] = entries.map((e) => ({ ...e, aliases: [{ key: e.key, mask: e.mask }] }))
    .sort((a, b) => generality(a.mask) - generality(b.mask));
  while (table.length > targetLength) {
    let best: { members: number[]; key: number; mask: number; at: number } | undefined;
    const routes = [...new Set(table.map((e) => e.route))];
    for (const route of routes) {
      let members = table.map((e, i) => (e.route === route ? i : -1)).filter((i) => i >= 0);
      if (members.length - 1 <= (best ? best.members.length - 1 : 0)) continue;
      members = refine(table, members, protectedSpaces);
      if (members.length >= 2 && (!best || members.length > best.members.length)) {
        const c = cover(members.map((i) => table[i]!));
        best = { members, ...c, at: insertionIndex(table, generality(c.mask)) };
      }
    }
    if (!best) break;
    const chosen = new Set(best.members);
    const merged: Slot = {
      key: best.key, mask: best.mask, route: table[best.members[0]!]!.route, source: "",
      aliases: best.members.flatMap((i) => table[i]!.aliases),
    };
    const before = table.slice(0, best.at).filter((_, i) => !chosen.has(i));
    const after = table.slice(best.at).filter((_, i) => !chosen.has(best!.at + i));
    table = [...before, merged, ...after];
  }
  return table.map(({ key, mask, route, source }) => ({ key, mask, route, source }));
}

/** Shrinks a same-route set until its merged entry passes the down-check and the up-check (possibly to nothing). */
function refine(table: readonly Slot[], start: readonly number[], protectedSpaces: readonly KeyAndMask[]): number[] {
  let members = [...start];
  for (;;) {
    if (members.length < 2) return [];
    const merged = cover(members.map((i) => table[i]!));
    const at = insertionIndex(table, generality(merged.mask));
    const route = table[members[0]!]!.route;
    const inSet = new Set(members);
    // Down-check: original key spaces below the insertion point (other routes), and default-routed spaces.
    const guarded: KeyAndMask[] = [...protectedSpaces];
    for (let i = at; i < table.length; i++) if (!inSet.has(i) && table[i]!.route !== route) guarded.push(...table[i]!.aliases);
    const clash = guarded.find((g) => intersects(merged, g));
    if (clash) {
      members = avoid(table, members, merged, clash);
      continue;
    }
    // Up-check: a member moving down to `at` must not meet an entry with another route that shares its keys.
    const blocked = members.filter((m) => {
      for (let i = m + 1; i < at; i++) {
        const e = table[i]!;
        if (!inSet.has(i) && e.route !== route && table[m]!.aliases.some((a) => intersects(a, e))) return true;
      }
      return false;
    });
    if (blocked.length === 0) return members;
    members = members.filter((m) => !blocked.includes(m));
  }
}

/**
 * Drops members so that the merged entry no longer shares keys with `clash`: picks a bit the clash fixes
 * and the merged entry leaves open, and keeps only the members that agree with the opposite value there
 * (the choice that keeps most members).
 */
function avoid(table: readonly Slot[], members: readonly number[], merged: KeyAndMask, clash: KeyAndMask): number[] {
  let best: number[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const b = (1 << bit) >>> 0;
    if ((clash.mask & b) === 0 || (merged.mask & b) !== 0) continue;
    const clashBit = clash.key & b;
    // Members whose key space lies wholly on the other side of this bit.
    const keep = members.filter((i) => (table[i]!.mask & b) !== 0 && (table[i]!.key & b) !== clashBit);
    if (keep.length > best.length) best = keep;
  }
  return best;
}
