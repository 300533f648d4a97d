/**
 * Per-epoch training-set sizes for curriculum learning, as fractions of the training set.
 * The cyclical schedule is the one of Kesgin & Amasyali (2023), `get_cycle_sizes` in their code.
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/** Options of the size schedules: start fraction, end fraction, factor and the vanilla epoch budget. */
export interface SizeScheduleOptions {
  /** Start fraction sp, 0 < sp ≤ ep (paper default 0.25). */
  readonly start: number;
  /** End (largest) fraction ep ≤ 1 (default 1). */
  readonly end: number;
  /** Factor α in (0, 1): sizes grow by 1/α and shrink by α per epoch (default 0.5). */
  readonly factor: number;
  /** Vanilla epochs T: the schedule stops once its fractions sum to at least T. */
  readonly epochs: number;
}

function check(place: string, o: SizeScheduleOptions): void {
  const problems = [];
  if (!(o.start > 0 && o.start <= o.end)) problems.push(badOption(place, "start", o.start, `0 < start ≤ end (${o.end})`));
  if (!(o.end > 0 && o.end <= 1)) problems.push(badOption(place, "end", o.end, "0 < end ≤ 1"));
  if (!(o.factor > 0 && o.factor < 1)) problems.push(badOption(place, "factor", o.factor, "0 < factor < 1"));
  if (!(o.epochs > 0 && Number.isFinite(o.epochs))) problems.push(badOption(place, "epochs", o.epochs, "a positive number of vanilla epochs"));
  if (problems.length) throw new CajalError(problems);
}

// Sizes are multiplied repeatedly; rounding them keeps 0.25·2·2 equal to 1 exactly.
const tidy = (x: number) => Math.round(x * 1e12) / 1e12;

/**
 * Cyclical sizes: start at sp, multiply by 1/α until reaching ep (capped there), then by α until
 * back at sp (floored there), and repeat; stop once the fractions sum to ≥ T, so the total number
 * of presentations matches T vanilla epochs to within one epoch's worth.
 *
 * @example
 * cyclicalSizes({ start: 0.25, end: 1, factor: 0.5, epochs: 3 }); // [0.25, 0.5, 1, 0.5, 0.25, 0.5]
 */
export function cyclicalSizes(options: SizeScheduleOptions): number[] {
  check("cyclicalSizes", options);
  const { start, end, factor, epochs } = options;
  const sizes: number[] = [];
  let size = start;
  let growing = true;
  let total = 0;
  while (total < epochs - 1e-9) {
    sizes.push(size);
    total += size;
    if (growing) {
      const next = tidy(size / factor);
      if (size >= end) { growing = false; size = Math.max(start, tidy(size * factor)); }
      else size = Math.min(end, next);
    } else {
      if (size <= start) { growing = true; size = Math.min(end, tidy(size / factor)); }
      else size = Math.max(start, tidy(size * factor));
    }
  }
  return sizes;
}

/**
 * Curriculum sizes (the "baby steps" pacing): grow from sp by 1/α up to ep, then stay at ep until
 * the fractions sum to ≥ T.
 */
export function growingSizes(options: SizeScheduleOptions): number[] {
  check("growingSizes", options);
  const sizes: number[] = [];
  let size = options.start;
  let total = 0;
  while (total < options.epochs - 1e-9) {
    sizes.push(size);
    total += size;
    size = Math.min(options.end, tidy(size / options.factor));
  }
  return sizes;
}

/** Vanilla training: T full epochs. */
export function vanillaSizes(epochs: number): number[] {
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new CajalError(badOption("vanillaSizes", "epochs", epochs, "an integer ≥ 1"));
  return new Array<number>(epochs).fill(1);
}

/** Cumulative presentations after each epoch, in vanilla epochs (running sum of the fractions). */
export function cumulativeEpochs(sizes: readonly number[]): number[] {
  let total = 0;
  return sizes.map((s) => (total += s));
}
