/**
 * Placement of machine vertices on cores (spinnaker.md §5.3, after PACMAN's ApplicationPlacer):
 * populations in creation order; a population starts on the first chip, in `for x: for y` order,
 * with a free core and room in SDRAM, then fills that chip and spreads to neighbouring chips
 * (same board first, breadth first over working links).
 */
import { CajalError, type Problem } from "../../core/errors.js";
import { countAppCores, type Machine, neighbour } from "../machine/machine.js";
import { spinn5Boards } from "../machine/boards.js";
import type { AppGraph } from "./appGraph.js";
import { machineTooSmall, noMoreChips, tooBigToPlace } from "./messages.js";
import type { MachineVertex } from "./splitter.js";
import { groupBy } from "./groupBy.js";

/** Where a machine vertex runs. */
export interface Placement {
  readonly x: number;
  readonly y: number;
  /** Core (processor) id on the chip. */
  readonly p: number;
  /** Index of the chip in `machine.chips`. */
  readonly chip: number;
}

/** The smallest number of SpiNN-5 boards with at least `cores` application cores (up to 1200 boards). */
function boardsFor(cores: number): number | undefined {
  for (const n of [1, 2, 3, 6, 12, 24, 48, 120, 240, 600, 1200]) if (countAppCores(spinn5Boards(n)) >= cores) return n;
  return undefined;
}

/**
 * Places every machine vertex; throws one CajalError listing every problem (too big for a chip,
 * machine too small) when the graph cannot be placed.
 */
export function placeVertices(graph: AppGraph, vertices: readonly MachineVertex[], machine: Machine): Placement[] {
  const problems: Problem[] = [];
  const chipBytes = machine.chips.reduce((m, c) => Math.max(m, c.sdramBytes), 0);
  for (const mv of vertices) {
    if (mv.sdramBytes > chipBytes) {
      problems.push(tooBigToPlace(graph.vertices[mv.appVertex]!.label, `[${mv.lo}:${mv.hi}]`, mv.sdramBytes, chipBytes));
    }
  }
  const available = countAppCores(machine);
  if (vertices.length > available) {
    problems.push(machineTooSmall(machine.name, vertices.length, available, boardsFor(vertices.length)));
  }
  if (problems.length > 0) throw new CajalError(problems);

  const freeCores = machine.chips.map((c) => [...c.appCores]);
  const sdramLeft = machine.chips.map((c) => c.sdramBytes);
  const fits = (chip: number, bytes: number) => freeCores[chip]!.length > 0 && sdramLeft[chip]! >= bytes;
  const placements: Placement[] = new Array(vertices.length);

  const byApp = groupBy(vertices, (mv) => mv.appVertex);

  for (const [a, mvs] of byApp) {
    const label = graph.vertices[a]!.label;
    const start = machine.chips.findIndex((_, i) => fits(i, mvs[0]!.sdramBytes));
    if (start < 0) throw new CajalError(noMoreChips(label, machine.name));
    const order = spreadOrder(machine, start);
    let cursor = 0;
    for (const mv of mvs) {
      while (cursor < order.length && !fits(order[cursor]!, mv.sdramBytes)) cursor++;
      if (cursor >= order.length) throw new CajalError(noMoreChips(label, machine.name));
      const chip = order[cursor]!;
      const c = machine.chips[chip]!;
      const p = freeCores[chip]!.shift()!;
      sdramLeft[chip] = sdramLeft[chip]! - mv.sdramBytes;
      placements[mv.index] = { x: c.x, y: c.y, p, chip };
    }
  }
  return placements;
}

/** Chips in breadth-first order from `start` over working links, neighbours on the same board first. */
function spreadOrder(machine: Machine, start: number): number[] {
  const seen = new Uint8Array(machine.chips.length);
  const order = [start];
  seen[start] = 1;
  for (let head = 0; head < order.length; head++) {
    const c = machine.chips[order[head]!]!;
    const next: { i: number; sameBoard: boolean; link: number }[] = [];
    for (let l = 0; l < 6; l++) {
      const n = neighbour(machine, c.x, c.y, l);
      if (!n) continue;
      const i = machine.chipIndex[n.x * machine.height + n.y]!;
      if (seen[i]) continue;
      seen[i] = 1;
      next.push({ i, sameBoard: n.board === c.board, link: l });
    }
    next.sort((p, q) => Number(q.sameBoard) - Number(p.sameBoard) || p.link - q.link);
    for (const n of next) order.push(n.i);
  }
  // Chips unreachable over links (a broken machine) come last, in start-chip order.
  for (let i = 0; i < machine.chips.length; i++) if (!seen[i]) order.push(i);
  return order;
}
