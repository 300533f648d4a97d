/**
 * Continual-learning scores from an accuracy matrix A, where A[i][j] is the accuracy on task j after
 * training task i (j ≤ i; Lopez-Paz & Ranzato 2017): ACC, the mean of the last row, and BWT, the
 * mean change on old tasks between learning them and the end.
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

function lastRow(a: readonly (readonly number[])[], place: string): readonly number[] {
  const n = a.length;
  const row = a[n - 1];
  if (!row || row.length < n) throw new CajalError(badOption(place, "accuracy matrix", `${n} rows`, "a lower-triangular N × N matrix with N ≥ 1"));
  return row;
}

/** ACC: the mean accuracy over all tasks after the last one. */
export function averageAccuracy(a: readonly (readonly number[])[]): number {
  const row = lastRow(a, "averageAccuracy");
  let s = 0;
  for (let j = 0; j < a.length; j++) s += row[j]!;
  return s / a.length;
}

/** BWT: mean over j < N of A[N][j] − A[j][j] (negative means forgetting); 0 for one task. */
export function backwardTransfer(a: readonly (readonly number[])[]): number {
  const row = lastRow(a, "backwardTransfer");
  const n = a.length;
  if (n < 2) return 0;
  let s = 0;
  for (let j = 0; j < n - 1; j++) s += row[j]! - a[j]![j]!;
  return s / (n - 1);
}

/** Forgetting of task j: its accuracy right after it was learned minus its accuracy at the end. */
export function forgetting(a: readonly (readonly number[])[], task: number): number {
  const row = lastRow(a, "forgetting");
  if (!(Number.isInteger(task) && task >= 0 && task < a.length)) throw new CajalError(badOption("forgetting", "task", task, `0 … ${a.length - 1}`));
  return a[task]![task]! - row[task]!;
}
