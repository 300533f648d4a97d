/**
 * Multicast routing trees over the machine (spinnaker.md §5.5). Unlike PACMAN's application router
 * (one tree per sending population, spread inside the source group), this builds one tree per sending
 * core; the table generator then folds cores that route alike into population entries. The tree is grown
 * target chip by target chip (nearest first) with longest-dimension-first paths along the shortest
 * torus vector; each new path is trimmed to start at the last chip already in the tree, so the
 * result stays a tree. Where a straight path would cross a missing chip or link, a breadth-first
 * shortest path over working links is used instead.
 */
import { chipIndexAt, type Machine, neighbour, shortestVector, vectorLength } from "../machine/machine.js";

/** One chip of a routing tree: the links it sends on and the local cores it delivers to. */
export interface TreeNode {
  /** Bit l set: send on link l. */
  links: number;
  /** Bit p set: deliver to core p of this chip. */
  cores: number;
  /** The link the packet travelled to reach this chip (−1 at the source chip). */
  readonly arrivedBy: number;
}

/** A routing tree: chip index → node. */
export type RoutingTree = Map<number, TreeNode>;

/** Links of a longest-dimension-first path from chip `from` to chip `to`, or undefined if it is blocked. */
export function longestDimensionFirst(m: Machine, from: number, to: number): number[] | undefined {
  const a = m.chips[from]!;
  const b = m.chips[to]!;
  const v = shortestVector(m, a.x, a.y, b.x, b.y);
  const dims = [
    { n: v.dx, pos: 0, neg: 3 },
    { n: v.dy, pos: 2, neg: 5 },
    { n: v.dd, pos: 1, neg: 4 },
  ].sort((p, q) => Math.abs(q.n) - Math.abs(p.n)); // stable: ties keep x, y, diagonal order
  const links: number[] = [];
  let x = a.x;
  let y = a.y;
  for (const d of dims) {
    for (let k = 0; k < Math.abs(d.n); k++) {
      const link = d.n > 0 ? d.pos : d.neg;
      const next = neighbour(m, x, y, link);
      if (!next) return undefined;
      links.push(link);
      x = next.x;
      y = next.y;
    }
  }
  return links;
}

/** Links of a shortest path over working links (breadth first), or undefined if `to` is unreachable. */
export function breadthFirstPath(m: Machine, from: number, to: number): number[] | undefined {
  const previous = new Int32Array(m.chips.length).fill(-1);
  const via = new Int8Array(m.chips.length).fill(-1);
  previous[from] = from;
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    if (i === to) break;
    const c = m.chips[i]!;
    for (let l = 0; l < 6; l++) {
      const n = neighbour(m, c.x, c.y, l);
      if (!n) continue;
      const j = chipIndexAt(m, n.x, n.y);
      if (previous[j] !== -1) continue;
      previous[j] = i;
      via[j] = l;
      queue.push(j);
    }
  }
  if (previous[to] === -1) return undefined;
  const links: number[] = [];
  for (let i = to; i !== from; i = previous[i]!) links.push(via[i]!);
  return links.reverse();
}

/** The chip reached from `from` by following `links`. */
function walk(m: Machine, from: number, links: readonly number[]): number[] {
  const chips = [from];
  let c = m.chips[from]!;
  for (const l of links) {
    const n = neighbour(m, c.x, c.y, l)!;
    chips.push(chipIndexAt(m, n.x, n.y));
    c = n;
  }
  return chips;
}

/**
 * The routing tree from `sourceChip` to every target: `targets` maps a chip index to the mask of
 * cores (bit p = core p) that must receive the packet there.
 */
export function buildRoutingTree(m: Machine, sourceChip: number, targets: ReadonlyMap<number, number>): RoutingTree {
  const tree: RoutingTree = new Map([[sourceChip, { links: 0, cores: 0, arrivedBy: -1 }]]);
  const src = m.chips[sourceChip]!;
  const distance = (i: number) => vectorLength(shortestVector(m, src.x, src.y, m.chips[i]!.x, m.chips[i]!.y));
  const order = [...targets.keys()].sort((p, q) => distance(p) - distance(q) || p - q);
  for (const target of order) {
    if (!tree.has(target)) {
      const links = longestDimensionFirst(m, sourceChip, target) ?? breadthFirstPath(m, sourceChip, target);
      if (!links) {
        const t = m.chips[target]!;
        throw new Error(`no working path from chip (${src.x}, ${src.y}) to chip (${t.x}, ${t.y})`); // a broken machine
      }
      const chips = walk(m, sourceChip, links);
      let start = 0;
      for (let i = chips.length - 1; i >= 0; i--) {
        if (tree.has(chips[i]!)) {
          start = i;
          break;
        }
      }
      for (let i = start; i < links.length; i++) {
        tree.get(chips[i]!)!.links |= 1 << links[i]!;
        tree.set(chips[i + 1]!, { links: 0, cores: 0, arrivedBy: links[i]! });
      }
    }
    tree.get(target)!.cores |= targets.get(target)!;
  }
  return tree;
}
