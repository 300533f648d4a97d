/** Messages of the machine model (style.md §5.1). */
import type { Problem } from "../../core/errors.js";

/** A request for a number of boards that is not a positive integer. */
export function badBoardCount(n: number): Problem {
  return {
    ruleId: "spinnaker-board-count",
    place: "spinnaker.board",
    reason: `${n} is not a number of SpiNN-5 boards.`,
    expected: "a positive whole number of boards (3 boards make a 12×12 torus)",
    fix: `use { boards: ${Math.max(1, Math.round(Number.isFinite(n) ? n : 1))} }, or "spinn3" / "spinn5" for a single board.`,
  };
}
