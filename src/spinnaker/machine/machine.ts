/**
 * The machine model: chips with their cores and memory, the links between them, and torus
 * geometry (spinnaker.md §1.1–1.3). Plain data plus look-up helpers; boards are built in boards.ts.
 */
import {
  APP_ROUTER_ENTRIES, CORES_PER_CHIP, DTCM_BYTES, EXTRA_MONITOR_CORE, GATHERER_CORE, LINKS, MONITOR_CORE,
  SDRAM_USABLE_BYTES,
} from "./spin1.js";

/** Real board types, or a virtual machine with no board behind it. */
export type BoardKind = "spinn3" | "spinn5" | "virtual";

/** How the chip grid wraps around. */
export type Wrap = "full" | "horizontal" | "vertical" | "none";

/** One chip as the mapper sees it. */
export interface Chip {
  readonly x: number;
  readonly y: number;
  /** Working cores, including the monitor cores. */
  readonly nCores: number;
  /** Cores left to applications after the monitor, extra monitor and (Ethernet chips) gatherer. */
  readonly appCores: readonly number[];
  readonly isEthernet: boolean;
  /** The Ethernet chip of this chip's board. */
  readonly ethernetX: number;
  readonly ethernetY: number;
  /** Index of the board this chip belongs to. */
  readonly board: number;
  /** SDRAM usable by applications (bytes). */
  readonly sdramBytes: number;
  /** DTCM per core (bytes). */
  readonly dtcmBytesPerCore: number;
  /** Multicast router entries available to applications. */
  readonly routerEntries: number;
  /** Bit l set when link l leads to a working neighbour. */
  readonly linkMask: number;
}

/** A whole machine: a grid of chips, some possibly absent, with its wrap-around. */
export interface Machine {
  /** "SpiNN-3", "SpiNN-5", "3 SpiNN-5 boards (12×12 torus)", … */
  readonly name: string;
  /** The hardware the machine stands for: decides which idle power the energy estimate uses. */
  readonly boardKind: BoardKind;
  readonly width: number;
  readonly height: number;
  readonly wrap: Wrap;
  readonly nBoards: number;
  /** Chips in `for x: for y` order (the placer's start-chip order). */
  readonly chips: readonly Chip[];
  /** `chipIndex[x · height + y]` is the chip's index in `chips`, or −1 where no chip exists. */
  readonly chipIndex: Int32Array;
}

/** A chip to build: coordinates, working core count, Ethernet chip, board. */
export interface ChipSpec {
  readonly x: number;
  readonly y: number;
  readonly nCores?: number;
  readonly ethernetX: number;
  readonly ethernetY: number;
  readonly board: number;
}

/** Options of a machine built from chip specs. */
export interface MachineBuildOptions {
  readonly name: string;
  readonly boardKind: BoardKind;
  readonly width: number;
  readonly height: number;
  readonly wrap: Wrap;
  readonly nBoards: number;
  readonly chips: readonly ChipSpec[];
  /** Links that do not work, as [x, y, link]; both directions are removed. */
  readonly deadLinks?: readonly (readonly [number, number, number])[];
  readonly sdramBytes?: number;
  readonly routerEntries?: number;
}

const wrapsX = (w: Wrap) => w === "full" || w === "horizontal";
const wrapsY = (w: Wrap) => w === "full" || w === "vertical";

/** Application cores of a chip: all but the monitor, the extra monitor and, on Ethernet chips, the gatherer. */
function applicationCores(nCores: number, isEthernet: boolean): number[] {
  const reserved = new Set([MONITOR_CORE, EXTRA_MONITOR_CORE, ...(isEthernet ? [GATHERER_CORE] : [])]);
  const cores: number[] = [];
  for (let p = 0; p < nCores; p++) if (!reserved.has(p)) cores.push(p);
  return cores;
}

/** The neighbour of (x, y) across `link` in the grid's geometry, ignoring whether a chip exists there. */
function step(width: number, height: number, wrap: Wrap, x: number, y: number, link: number): { x: number; y: number } | undefined {
  const l = LINKS[link];
  if (!l) return undefined;
  let nx = x + l.dx;
  let ny = y + l.dy;
  if (wrapsX(wrap)) nx = (nx + width) % width;
  else if (nx < 0 || nx >= width) return undefined;
  if (wrapsY(wrap)) ny = (ny + height) % height;
  else if (ny < 0 || ny >= height) return undefined;
  return { x: nx, y: ny };
}

/** Builds a machine from chip specs, working out which links lead to existing chips. */
export function buildMachine(o: MachineBuildOptions): Machine {
  const chipIndex = new Int32Array(o.width * o.height).fill(-1);
  const sorted = [...o.chips].sort((a, b) => a.x - b.x || a.y - b.y);
  sorted.forEach((c, i) => {
    if (c.x < 0 || c.x >= o.width || c.y < 0 || c.y >= o.height) throw new Error(`chip (${c.x}, ${c.y}) outside the machine`);
    if (chipIndex[c.x * o.height + c.y] !== -1) throw new Error(`chip (${c.x}, ${c.y}) listed twice`);
    chipIndex[c.x * o.height + c.y] = i;
  });
  const dead = new Set<string>();
  for (const [x, y, l] of o.deadLinks ?? []) {
    dead.add(`${x},${y},${l}`);
    const n = step(o.width, o.height, o.wrap, x, y, l);
    if (n) dead.add(`${n.x},${n.y},${(l + 3) % 6}`);
  }
  const chips: Chip[] = sorted.map((c) => {
    let linkMask = 0;
    for (let l = 0; l < 6; l++) {
      const n = step(o.width, o.height, o.wrap, c.x, c.y, l);
      if (n && chipIndex[n.x * o.height + n.y] !== -1 && !dead.has(`${c.x},${c.y},${l}`)) linkMask |= 1 << l;
    }
    const nCores = c.nCores ?? CORES_PER_CHIP;
    const isEthernet = c.x === c.ethernetX && c.y === c.ethernetY;
    return {
      x: c.x, y: c.y, nCores, appCores: applicationCores(nCores, isEthernet), isEthernet,
      ethernetX: c.ethernetX, ethernetY: c.ethernetY, board: c.board,
      sdramBytes: o.sdramBytes ?? SDRAM_USABLE_BYTES, dtcmBytesPerCore: DTCM_BYTES,
      routerEntries: o.routerEntries ?? APP_ROUTER_ENTRIES, linkMask,
    };
  });
  return { name: o.name, boardKind: o.boardKind, width: o.width, height: o.height, wrap: o.wrap, nBoards: o.nBoards, chips, chipIndex };
}

/** The chip at (x, y), or undefined where the machine has none. */
export function chipAt(m: Machine, x: number, y: number): Chip | undefined {
  if (x < 0 || x >= m.width || y < 0 || y >= m.height) return undefined;
  const i = m.chipIndex[x * m.height + y]!;
  return i < 0 ? undefined : m.chips[i];
}

/** Index of the chip at (x, y) in `m.chips`, or −1. */
export function chipIndexAt(m: Machine, x: number, y: number): number {
  if (x < 0 || x >= m.width || y < 0 || y >= m.height) return -1;
  return m.chipIndex[x * m.height + y]!;
}

/** The chip across `link` from (x, y), or undefined when that link does not work. */
export function neighbour(m: Machine, x: number, y: number, link: number): Chip | undefined {
  const c = chipAt(m, x, y);
  if (!c || (c.linkMask & (1 << link)) === 0) return undefined;
  const n = step(m.width, m.height, m.wrap, x, y, link);
  return n && chipAt(m, n.x, n.y);
}

/**
 * A route vector on the triangular lattice: `dx` hops East(+)/West(−), `dy` North(+)/South(−),
 * `dd` along the diagonal North-East(+)/South-West(−).
 */
export interface RouteVector {
  readonly dx: number;
  readonly dy: number;
  readonly dd: number;
}

/** Hops of a vector: same-sign x and y share diagonal hops (`max`), opposite signs add. */
function hops(x: number, y: number): number {
  return (x >= 0) === (y >= 0) ? Math.max(Math.abs(x), Math.abs(y)) : Math.abs(x) + Math.abs(y);
}

/** Expresses (x, y) with the diagonal taking the common part of same-sign components. */
function minimise(x: number, y: number): RouteVector {
  if (x > 0 && y > 0) {
    const d = Math.min(x, y);
    return { dx: x - d, dy: y - d, dd: d };
  }
  if (x < 0 && y < 0) {
    const d = Math.max(x, y);
    return { dx: x - d, dy: y - d, dd: d };
  }
  return { dx: x, dy: y, dd: 0 };
}

/**
 * The shortest vector from (sx, sy) to (tx, ty), considering every wrap-around the machine has
 * (SpiNNMachine `get_vector`, after rig's geometry).
 */
export function shortestVector(m: Machine, sx: number, sy: number, tx: number, ty: number): RouteVector {
  const xs = wrapsX(m.wrap) ? [((tx - sx) % m.width + m.width) % m.width] : [tx - sx];
  if (wrapsX(m.wrap)) xs.push(xs[0]! - m.width);
  const ys = wrapsY(m.wrap) ? [((ty - sy) % m.height + m.height) % m.height] : [ty - sy];
  if (wrapsY(m.wrap)) ys.push(ys[0]! - m.height);
  let best = { x: xs[0]!, y: ys[0]! };
  let bestLength = Infinity;
  for (const x of xs) {
    for (const y of ys) {
      const length = hops(x, y);
      if (length < bestLength) {
        bestLength = length;
        best = { x, y };
      }
    }
  }
  return minimise(best.x, best.y);
}

/** Number of hops of a route vector. */
export function vectorLength(v: RouteVector): number {
  return Math.abs(v.dx) + Math.abs(v.dy) + Math.abs(v.dd);
}

/** Total application cores of a machine. */
export function countAppCores(m: Machine): number {
  return m.chips.reduce((n, c) => n + c.appCores.length, 0);
}
