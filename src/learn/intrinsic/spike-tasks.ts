/**
 * Spike-train classification tasks of notebook 34 (Rudnicka, Szczepanski & Pregowska 2025): Poisson
 * and doubly stochastic (two-state Markov-modulated) Poisson inputs in 1 ms bins. The task
 * definitions are the notebook's own (the paper's were not retrieved):
 *  - "R" (rate): 2 classes, half the channels at 20 Hz and half at 10 Hz, halves swapped between classes;
 *  - "T" (timescale): 2 classes at the same mean rate, 15 Hz homogeneous vs a rate switching between
 *    3 and 27 Hz with exponentially distributed dwell times of mean 25 ms (shared by the channels of a
 *    trial by default, or per channel);
 *  - "M" (multi): 4 classes, class c raises channels 10c … 10c+9 to 30 Hz, the others fire at 5 Hz.
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import { badOption } from "../messages.js";

/** The task names. */
export type SpikeTaskName = "R" | "T" | "M";

/** Trials of binary spike rasters, stored [trial, step, channel] (0/1), with class labels. */
export interface SpikeTrials {
  readonly task: SpikeTaskName;
  readonly trials: number;
  readonly steps: number;
  readonly channels: number;
  readonly classes: number;
  /** Bin width in ms (1). */
  readonly dtMs: number;
  /** 0/1 per [trial, step, channel]. */
  readonly spikes: Uint8Array;
  readonly labels: Int32Array;
}

/** Options of `spikeTask`. */
export interface SpikeTaskOptions {
  /** Number of trials; classes appear in equal numbers (trials must be a multiple of the class count). */
  readonly trials: number;
  /** Trial length in 1 ms bins (default 200). */
  readonly steps?: number;
  /** Input channels (default 40; task M needs 40). */
  readonly channels?: number;
  /**
   * Task T's rate switching: one two-state process per trial shared by all channels (default
   * "shared": population bursts, up/down-state-like), or one per channel ("independent").
   */
  readonly modulation?: "shared" | "independent";
  /** Generator of the trials (labels are shuffled with its stream "labels", spikes drawn from "spikes"). */
  readonly rng: Rng;
}

/** Classes of each task. */
export const TASK_CLASSES: Readonly<Record<SpikeTaskName, number>> = { R: 2, T: 2, M: 4 };

/** Rates of task T's modulated class (Hz) and its mean dwell time (ms). */
export const TASK_T = { meanHz: 15, lowHz: 3, highHz: 27, dwellMs: 25 } as const;

/** Generates `trials` trials of a task, deterministic given the rng's seed. */
export function spikeTask(task: SpikeTaskName, options: SpikeTaskOptions): SpikeTrials {
  const classes = TASK_CLASSES[task];
  if (classes === undefined) throw new CajalError(badOption("spikeTask", "task", task, "R, T or M"));
  const steps = options.steps ?? 200;
  const channels = options.channels ?? 40;
  const { trials } = options;
  if (!(Number.isInteger(trials) && trials > 0 && trials % classes === 0)) {
    throw new CajalError(badOption("spikeTask", "trials", trials, `a positive multiple of ${classes} (classes in equal numbers)`));
  }
  if (!(Number.isInteger(steps) && steps > 0)) throw new CajalError(badOption("spikeTask", "steps", steps, "a positive integer"));
  if (!(Number.isInteger(channels) && channels >= 2 && channels % 2 === 0)) throw new CajalError(badOption("spikeTask", "channels", channels, "an even integer ≥ 2"));
  if (task === "M" && channels !== 40) throw new CajalError(badOption("spikeTask", "channels", channels, "40 for task M (4 groups of 10)"));
  const labels = new Int32Array(trials);
  for (let r = 0; r < trials; r++) labels[r] = r % classes;
  options.rng.stream("labels").shuffle(labels);
  const rng = options.rng.stream("spikes");
  const dtMs = 1;
  const spikes = new Uint8Array(trials * steps * channels);
  const rate = new Float64Array(channels);
  const high = new Uint8Array(channels);
  const pSwitch = dtMs / TASK_T.dwellMs;
  const shared = (options.modulation ?? "shared") === "shared";
  for (let r = 0; r < trials; r++) {
    const label = labels[r]!;
    const modulated = task === "T" && label === 1;
    for (let c = 0; c < channels; c++) {
      if (task === "R") rate[c] = (c < channels / 2) === (label === 0) ? 20 : 10;
      else if (task === "M") rate[c] = Math.floor(c / 10) === label ? 30 : 5;
      else rate[c] = TASK_T.meanHz;
      high[c] = rng.uniform() < 0.5 ? 1 : 0; // the stationary distribution of the two-state switch
    }
    const base = r * steps * channels;
    for (let t = 0; t < steps; t++) {
      for (let c = 0; c < channels; c++) {
        let hz = rate[c]!;
        if (modulated) {
          if (!shared || c === 0) { if (rng.uniform() < pSwitch) high[c] = 1 - high[c]!; }
          else high[c] = high[0]!;
          hz = high[c] ? TASK_T.highHz : TASK_T.lowHz;
        }
        spikes[base + t * channels + c] = rng.uniform() < hz * dtMs * 1e-3 ? 1 : 0;
      }
    }
  }
  return { task, trials, steps, channels, classes, dtMs, spikes, labels };
}

/** Trials `from` … `to`−1 as a [steps, batch, channels] float32 array (the time-major layout of the layers). */
export function timeMajorBatch(data: SpikeTrials, from: number, to: number, order?: ArrayLike<number>): Float32Array {
  const { steps, channels } = data;
  const batch = to - from;
  const out = new Float32Array(steps * batch * channels);
  for (let b = 0; b < batch; b++) {
    const r = order ? order[from + b]! : from + b;
    const src = r * steps * channels;
    for (let t = 0; t < steps; t++) {
      const dst = (t * batch + b) * channels;
      for (let c = 0; c < channels; c++) out[dst + c] = data.spikes[src + t * channels + c]!;
    }
  }
  return out;
}

/** Spikes per trial and the mean rate (Hz) of the whole set, as a sanity measure. */
export function meanRateHz(data: SpikeTrials): number {
  let n = 0;
  for (let k = 0; k < data.spikes.length; k++) n += data.spikes[k]!;
  return (n / (data.trials * data.channels * data.steps * data.dtMs)) * 1000;
}
