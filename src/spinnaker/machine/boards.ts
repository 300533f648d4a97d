/**
 * Board geometries (spinnaker.md §1.3): SpiNN-3 (2×2, full wrap), SpiNN-5 (48 chips in an 8×8 box)
 * and multi-board SpiNN-5 machines tiled in triads of three boards on a 12×12 torus.
 */
import { CajalError } from "../../core/errors.js";
import { buildMachine, type ChipSpec, type Machine, type Wrap } from "./machine.js";
import { badBoardCount } from "./messages.js";

/** Chips of a SpiNN-5 board, relative to its Ethernet chip: for column x, the rows y present. */
export const SPINN5_COLUMNS: readonly (readonly [x: number, yFrom: number, yTo: number])[] = [
  [0, 0, 3], [1, 0, 4], [2, 0, 5], [3, 0, 6], [4, 0, 7], [5, 1, 7], [6, 2, 7], [7, 3, 7],
];

/** Chips of the reference SpiNN-5 core map with 17 working cores (all others have 18). */
export const SPINN5_17_CORE_CHIPS: readonly (readonly [number, number])[] = [
  [1, 1], [1, 3], [3, 1], [3, 3], [3, 5], [5, 2], [5, 4], [5, 6],
];

/** Ethernet-chip offsets of the three boards of a triad. */
export const TRIAD_BOARD_OFFSETS: readonly (readonly [number, number])[] = [[0, 0], [4, 8], [8, 4]];

/** The 48 chip offsets of a SpiNN-5 board, with their working core counts. */
export function spinn5BoardChips(): { dx: number; dy: number; nCores: number }[] {
  const seventeen = new Set(SPINN5_17_CORE_CHIPS.map(([x, y]) => `${x},${y}`));
  const chips: { dx: number; dy: number; nCores: number }[] = [];
  for (const [x, from, to] of SPINN5_COLUMNS) {
    for (let y = from; y <= to; y++) chips.push({ dx: x, dy: y, nCores: seventeen.has(`${x},${y}`) ? 17 : 18 });
  }
  return chips;
}

/** A SpiNN-3 board: 4 chips (2×2), all with 18 cores, Ethernet on (0, 0), modelled as a full-wrap machine. */
export function spinn3(): Machine {
  const chips: ChipSpec[] = [];
  for (let x = 0; x < 2; x++) for (let y = 0; y < 2; y++) chips.push({ x, y, ethernetX: 0, ethernetY: 0, board: 0 });
  return buildMachine({ name: "SpiNN-3", boardKind: "spinn3", width: 2, height: 2, wrap: "full", nBoards: 1, chips });
}

/** A single SpiNN-5 board: 48 chips in an 8×8 box, no wrap-around, the reference core map. */
export function spinn5(): Machine {
  const chips = spinn5BoardChips().map((c) => ({ x: c.dx, y: c.dy, nCores: c.nCores, ethernetX: 0, ethernetY: 0, board: 0 }));
  return buildMachine({ name: "SpiNN-5", boardKind: "spinn5", width: 8, height: 8, wrap: "none", nBoards: 1, chips });
}

/**
 * A machine of `nBoards` SpiNN-5 boards, as a virtual machine of the stack: a whole number of
 * triads arranged w × h (w = ceil(sqrt(triads))) wraps in both directions (12w × 12h chips);
 * any other count is a non-wrapping rectangle of 12w + 4 by 12h + 4 chips holding the first
 * `nBoards` boards of the triads (`size_from_n_boards`).
 */
export function spinn5Boards(nBoards: number): Machine {
  if (!Number.isInteger(nBoards) || nBoards < 1) throw new CajalError(badBoardCount(nBoards));
  if (nBoards === 1) return spinn5();
  const triads = Math.ceil(nBoards / 3);
  const w = Math.ceil(Math.sqrt(triads));
  const h = Math.ceil(triads / w);
  const fullWrap = nBoards % 3 === 0 && w * h === triads;
  const width = fullWrap ? 12 * w : 12 * w + 4;
  const height = fullWrap ? 12 * h : 12 * h + 4;
  const wrap: Wrap = fullWrap ? "full" : "none";
  const boardChips = spinn5BoardChips();
  const chips: ChipSpec[] = [];
  let board = 0;
  for (let ty = 0; ty < h && board < nBoards; ty++) {
    for (let tx = 0; tx < w && board < nBoards; tx++) {
      for (const [ox, oy] of TRIAD_BOARD_OFFSETS) {
        if (board >= nBoards) break;
        const ex = 12 * tx + ox;
        const ey = 12 * ty + oy;
        for (const c of boardChips) {
          chips.push({ x: (ex + c.dx) % width, y: (ey + c.dy) % height, nCores: c.nCores, ethernetX: ex, ethernetY: ey, board });
        }
        board++;
      }
    }
  }
  const shape = fullWrap ? `${width}×${height} torus` : `${width}×${height}, no wrap`;
  return buildMachine({ name: `${nBoards} SpiNN-5 boards (${shape})`, boardKind: "spinn5", width, height, wrap, nBoards, chips });
}

/** Options of a uniform virtual machine (every chip present, same core count). */
export interface VirtualMachineOptions {
  readonly width: number;
  readonly height: number;
  readonly wrap?: Wrap;
  /** Working cores per chip, monitors included (default 18). */
  readonly coresPerChip?: number;
  readonly sdramBytes?: number;
  readonly routerEntries?: number;
}

/** A rectangular virtual machine with every chip present, Ethernet on (0, 0) only. */
export function virtualMachine(o: VirtualMachineOptions): Machine {
  const chips: ChipSpec[] = [];
  for (let x = 0; x < o.width; x++) {
    for (let y = 0; y < o.height; y++) chips.push({ x, y, nCores: o.coresPerChip ?? 18, ethernetX: 0, ethernetY: 0, board: 0 });
  }
  return buildMachine({
    name: `virtual ${o.width}×${o.height}`, boardKind: "virtual", width: o.width, height: o.height, wrap: o.wrap ?? "none", nBoards: 1, chips,
    ...(o.sdramBytes !== undefined && { sdramBytes: o.sdramBytes }),
    ...(o.routerEntries !== undefined && { routerEntries: o.routerEntries }),
  });
}

/** What a backend option names: a board kind or a number of SpiNN-5 boards. */
export type BoardOption = "spinn3" | "spinn5" | { readonly boards: number };

/** The machine a board option describes. */
export function machineFor(board: BoardOption): Machine {
  if (board === "spinn3") return spinn3();
  if (board === "spinn5") return spinn5();
  return spinn5Boards(board.boards);
}
