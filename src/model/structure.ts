/**
 * Positions of a population's neurons, for distance-dependent connectors. Distances are in
 * whatever unit the spacing is given in (µm by convention).
 */
import { CajalError, type Problem } from "../core/errors.js";
import * as msg from "./messages.js";

/** Neurons on a line, `dx` apart, starting at x = 0. */
export interface Line { readonly kind: "line"; readonly dx: number }
/** Neurons on a 2-D grid filled row by row, `columns` per row, `dx` and `dy` apart. */
export interface Grid2d { readonly kind: "grid2d"; readonly columns: number; readonly dx: number; readonly dy: number }
/** Where a population's neurons sit. */
export type Structure = Line | Grid2d;

const positive = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;

/** Neurons on a line with spacing `dx` (default 1). */
export function line(options: { dx?: number } = {}): Line {
  const dx = options.dx ?? 1;
  if (!positive(dx)) throw new CajalError(msg.badSetup("line.dx", "the spacing dx", dx, "a positive number"));
  return { kind: "line", dx };
}

/** Neurons on a grid of `columns` columns with spacings `dx`, `dy` (default 1). */
export function grid2d(options: { columns: number; dx?: number; dy?: number }): Grid2d {
  const problems: Problem[] = [];
  const { columns, dx = 1, dy = 1 } = options;
  if (!Number.isInteger(columns) || columns < 1) problems.push(msg.badInteger("grid2d.columns", "the number of columns", columns, "a whole number ≥ 1"));
  if (!positive(dx)) problems.push(msg.badSetup("grid2d.dx", "the spacing dx", dx, "a positive number"));
  if (!positive(dy)) problems.push(msg.badSetup("grid2d.dy", "the spacing dy", dy, "a positive number"));
  if (problems.length) throw new CajalError(problems);
  return { kind: "grid2d", columns, dx, dy };
}

/** Position of neuron `i` as [x, y]. */
export function positionOf(s: Structure, i: number): [number, number] {
  return s.kind === "line" ? [i * s.dx, 0] : [(i % s.columns) * s.dx, Math.floor(i / s.columns) * s.dy];
}
