/**
 * Following a multicast packet through the routers (spinnaker.md §1.2): first matching entry wins;
 * an unmatched packet that arrived on a link leaves on the opposite link (default route); an
 * unmatched packet from a local core is dropped.
 */
import { type Machine, neighbour, chipIndexAt } from "../machine/machine.js";
import type { RoutingEntry } from "./tables.js";

/** Where one packet went. */
export interface Delivery {
  /** Cores reached, as [chip index, core] pairs, in visiting order. */
  readonly cores: readonly (readonly [number, number])[];
  /** Router visits (hops + 1 for the source router), counting each copy. */
  readonly routerVisits: number;
  /** Chip index of every router visited, in visiting order; the first is the sender's (Local), the rest External. */
  readonly routers: readonly number[];
  /** Every link crossed, as [chip index, link id] of the sending side. */
  readonly links: readonly (readonly [number, number])[];
  /** Copies dropped: unmatched local packets, or routes onto links that do not work. */
  readonly dropped: number;
}

/** The first entry matching `key`, or undefined. */
export function lookup(entries: readonly RoutingEntry[], key: number): RoutingEntry | undefined {
  for (const e of entries) if (((key & e.mask) >>> 0) === e.key) return e;
  return undefined;
}

/**
 * Sends `key` from a core on `sourceChip` and follows every copy. `tables` maps chip index → entries.
 * Throws a plain Error on a routing loop (a mapper bug).
 */
export function followPacket(m: Machine, tables: ReadonlyMap<number, readonly RoutingEntry[]>, sourceChip: number, key: number): Delivery {
  const cores: [number, number][] = [];
  const routers: number[] = [];
  const links: [number, number][] = [];
  let routerVisits = 0;
  let dropped = 0;
  const stack: [chip: number, arrivedBy: number][] = [[sourceChip, -1]];
  const limit = m.chips.length * 6 + 1;
  while (stack.length > 0) {
    const [chip, arrivedBy] = stack.pop()!;
    if (++routerVisits > limit) throw new Error(`routing loop for key 0x${key.toString(16)}`);
    routers.push(chip);
    const c = m.chips[chip]!;
    const entry = lookup(tables.get(chip) ?? [], key);
    let route: number;
    if (entry) route = entry.route;
    else if (arrivedBy >= 0) route = 1 << arrivedBy; // default route: straight on
    else {
      dropped++;
      continue;
    }
    for (let p = 0; p < 18; p++) if (route & (1 << (p + 6))) cores.push([chip, p]);
    for (let l = 0; l < 6; l++) {
      if (!(route & (1 << l))) continue;
      const n = neighbour(m, c.x, c.y, l);
      if (!n) dropped++;
      else {
        links.push([chip, l]);
        stack.push([chipIndexAt(m, n.x, n.y), l]);
      }
    }
  }
  return { cores, routerVisits, routers, links, dropped };
}
