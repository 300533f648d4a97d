/**
 * Concept shift by label swaps (Man, Damasio & Neven 2022): now and then two classes exchange
 * their labels for every image, in the training stream and the validation set alike. A schedule
 * says after which training batches a swap happens; a `LabelMap` holds the current mapping.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";

/** One label swap: after training batch `afterBatch` (0-based, counted over the whole run), classes' labels `a` and `b` exchange. */
export interface LabelSwap {
  readonly afterBatch: number;
  readonly a: number;
  readonly b: number;
}

/** Options of `swapSchedule`. */
export interface SwapScheduleOptions {
  /** Training samples per epoch. */
  readonly samplesPerEpoch: number;
  /** Samples per batch (the paper's m = 10). */
  readonly batchSize: number;
  readonly epochs: number;
  /**
   * Shift rate r: swaps per 1 000 training samples — a number, or a function of the position in
   * the run (fraction of the run done, 0 … 1) for second-order (seasonal) shift.
   */
  readonly ratePer1000: number | ((fraction: number) => number);
  /** Number of classes (10). */
  readonly classes: number;
  /** Draws the pairs (two distinct classes, uniformly). */
  readonly rng: Rng;
}

/**
 * Swaps spread evenly through the run: the expected count up to batch j is the integral of the
 * rate over the samples seen, and a swap happens after each batch where that count passes a whole
 * number. With a constant rate r and N samples per epoch this gives r·N/1000 swaps per epoch.
 */
export function swapSchedule(options: SwapScheduleOptions): LabelSwap[] {
  const { samplesPerEpoch, batchSize, epochs, classes, rng } = options;
  for (const [name, v] of [["samplesPerEpoch", samplesPerEpoch], ["batchSize", batchSize], ["epochs", epochs], ["classes", classes]] as const) {
    if (!(Number.isInteger(v) && v >= (name === "classes" ? 2 : 1))) throw new CajalError(badOption("swapSchedule", name, v, name === "classes" ? "an integer ≥ 2" : "an integer ≥ 1"));
  }
  const batchesPerEpoch = Math.ceil(samplesPerEpoch / batchSize);
  const total = batchesPerEpoch * epochs;
  const rate = typeof options.ratePer1000 === "number" ? (() => options.ratePer1000 as number) : options.ratePer1000;
  const swaps: LabelSwap[] = [];
  let expected = 0;
  for (let j = 0; j < total; j++) {
    const inEpoch = j % batchesPerEpoch;
    const samples = Math.min(batchSize, samplesPerEpoch - inEpoch * batchSize);
    const r = rate((j + 0.5) / total);
    if (!(Number.isFinite(r) && r >= 0)) throw new CajalError(badOption("swapSchedule", "ratePer1000", r, "a finite rate ≥ 0 swaps per 1 000 samples"));
    const before = Math.floor(expected + 1e-9);
    expected += (r * samples) / 1000;
    for (let n = before; n < Math.floor(expected + 1e-9); n++) {
      const a = rng.int(classes);
      let b = rng.int(classes - 1);
      if (b >= a) b++;
      swaps.push({ afterBatch: j, a, b });
    }
  }
  return swaps;
}

/** The current label of each true class; starts as the identity. */
export class LabelMap {
  private readonly map: Int32Array;
  constructor(classes: number) {
    this.map = Int32Array.from({ length: classes }, (_, c) => c);
  }
  /** The label images of true class `c` carry now. */
  labelOf(c: number): number {
    return this.map[c]!;
  }
  /** Exchanges labels `a` and `b`: images labelled a become b and vice versa. */
  swap(a: number, b: number): void {
    for (let c = 0; c < this.map.length; c++) {
      if (this.map[c] === a) this.map[c] = b;
      else if (this.map[c] === b) this.map[c] = a;
    }
  }
  /** A copy of the mapping (true class → current label). */
  snapshot(): Int32Array {
    return this.map.slice();
  }
}
