/**
 * Unsupervised pair-STDP layer with winner-take-all lateral inhibition and optional threshold
 * homeostasis (intrinsic plasticity), read out by ridge regression on hidden spike counts — the
 * STDP arm of notebook 34. The neurons are the LIF cells of lif-sequence.ts (exponential synaptic
 * current, V̂ = β·V + I, subtractive reset), simulated event-driven in typed arrays.
 *
 * Per 1 ms step: input spikes decay-then-increment the presynaptic traces x_i (τ₊) and depress
 * w_ij −= A₋·y_j; the neuron with the largest V̂_j − θ_j > 0 wins, spikes, is reset by θ_j, and
 * the others are reset to 0 (hard WTA); the winner's synapses potentiate w_ij* += A₊·x_i and its
 * trace y_j* (τ₋) increments. Weights stay in [0, w_max] (the bounds of the rule: updates are
 * multiplied by the room left, so no value is clipped). With homeostasis, after each trial
 * θ_j ← θ_j + η·(rate_j − target).
 */
import { CajalError } from "../../core/errors.js";
import { RidgeSolver, predict as ridgePredict } from "../../core/ridge.js";
import type { Rng } from "../../core/rng.js";
import { badOption } from "../messages.js";
import type { SpikeTrials } from "./spike-tasks.js";

/** Options of `trainStdp`. */
export interface StdpOptions {
  /** Hidden neurons (default 32). */
  readonly hidden?: number;
  /** Membrane and synaptic time constants, ms (defaults 5 and 5). */
  readonly tauMs?: number;
  readonly tauSynMs?: number;
  /** Initial threshold (default 1). */
  readonly threshold?: number;
  /** Trace time constants τ₊, τ₋ (ms, default 20) and amplitudes A₊ = 0.01, A₋ = 0.012. */
  readonly tauPlusMs?: number;
  readonly tauMinusMs?: number;
  readonly aPlus?: number;
  readonly aMinus?: number;
  /** Upper weight bound (default 1; the lower bound is 0). */
  readonly wMax?: number;
  /** Threshold homeostasis θ_j += eta·(rate_j − targetHz) after each trial; absent = fixed thresholds. */
  readonly homeostasis?: { readonly targetHz?: number; readonly eta?: number };
  /** Initial weights ~ U(0, initMax) (default 0.3). */
  readonly initMax?: number;
  readonly rng: Rng;
}

/** A trained STDP layer. */
export interface StdpLayer {
  readonly inputs: number;
  readonly hidden: number;
  /** [input, hidden] row-major. */
  readonly weights: Float64Array;
  readonly thresholds: Float64Array;
  /** Synaptic events of the training pass (input spikes × fan-out, plus weight updates). */
  readonly trainingEvents: number;
  readonly trainingSeconds: number;
}

/** Runs the layer over every trial (learning when `learn`), returning spike counts [trial, hidden] and the synaptic events. */
function run(layer: { weights: Float64Array; thresholds: Float64Array; hidden: number }, data: SpikeTrials, o: Required<Omit<StdpOptions, "rng" | "homeostasis" | "hidden">> & { homeostasis?: StdpOptions["homeostasis"] }, learn: boolean): { counts: Float64Array; events: number } {
  const H = layer.hidden, C = data.channels, T = data.steps;
  const w = layer.weights, th = layer.thresholds;
  const beta = Math.exp(-1 / o.tauMs), alpha = Math.exp(-1 / o.tauSynMs);
  const dPlus = Math.exp(-1 / o.tauPlusMs), dMinus = Math.exp(-1 / o.tauMinusMs);
  const counts = new Float64Array(data.trials * H);
  const I = new Float64Array(H), V = new Float64Array(H), x = new Float64Array(C), y = new Float64Array(H);
  const target = o.homeostasis?.targetHz ?? 10, eta = o.homeostasis?.eta ?? 1e-3;
  let events = 0;
  for (let r = 0; r < data.trials; r++) {
    I.fill(0); V.fill(0); x.fill(0); y.fill(0);
    const base = r * T * C;
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < C; i++) x[i]! *= dPlus;
      for (let j = 0; j < H; j++) { y[j]! *= dMinus; I[j]! *= alpha; }
      for (let i = 0; i < C; i++) {
        if (!data.spikes[base + t * C + i]) continue;
        x[i]! += 1;
        const row = i * H;
        for (let j = 0; j < H; j++) {
          if (learn) w[row + j]! -= o.aMinus * y[j]! * w[row + j]! / o.wMax; // soft lower bound: room left above 0
          I[j]! += w[row + j]!;
        }
        events += learn ? 2 * H : H;
      }
      let winner = -1, best = 0;
      for (let j = 0; j < H; j++) {
        V[j] = beta * V[j]! + I[j]!;
        const margin = V[j]! - th[j]!;
        if (margin > best) { best = margin; winner = j; }
      }
      if (winner < 0) continue;
      counts[r * H + winner]!++;
      for (let j = 0; j < H; j++) V[j] = j === winner ? V[j]! - th[j]! : 0;
      if (learn) {
        for (let i = 0; i < C; i++) { const k = i * H + winner; w[k]! += o.aPlus * x[i]! * (o.wMax - w[k]!) / o.wMax; }
        y[winner]! += 1;
        events += C;
      }
    }
    if (learn && o.homeostasis) {
      for (let j = 0; j < H; j++) {
        const rate = (counts[r * H + j]! / (T * data.dtMs)) * 1000;
        th[j]! += eta * (rate - target);
        if (!(th[j]! > 0)) throw new CajalError(badOption("trainStdp", `threshold of neuron ${j}`, th[j], "θ > 0 (lower homeostasis.eta)"));
      }
    }
  }
  return { counts, events };
}

function resolve(options: StdpOptions) {
  return {
    tauMs: options.tauMs ?? 5, tauSynMs: options.tauSynMs ?? 5, threshold: options.threshold ?? 1,
    tauPlusMs: options.tauPlusMs ?? 20, tauMinusMs: options.tauMinusMs ?? 20, aPlus: options.aPlus ?? 0.01, aMinus: options.aMinus ?? 0.012,
    wMax: options.wMax ?? 1, initMax: options.initMax ?? 0.3, ...(options.homeostasis ? { homeostasis: options.homeostasis } : {}),
  };
}

/** One unsupervised pass of STDP over the training trials. */
export function trainStdp(data: SpikeTrials, options: StdpOptions): StdpLayer {
  const hidden = options.hidden ?? 16 * 2;
  const o = resolve(options);
  if (!(o.initMax > 0 && o.initMax <= o.wMax)) throw new CajalError(badOption("trainStdp", "initMax", o.initMax, `0 < initMax ≤ wMax = ${o.wMax}`));
  const weights = new Float64Array(data.channels * hidden);
  const rng = options.rng.stream("stdp-init");
  for (let k = 0; k < weights.length; k++) weights[k] = rng.uniformIn(0, o.initMax);
  const thresholds = new Float64Array(hidden).fill(o.threshold);
  const t0 = performance.now();
  const { events } = run({ weights, thresholds, hidden }, data, o as never, true);
  return { inputs: data.channels, hidden, weights, thresholds, trainingEvents: events, trainingSeconds: (performance.now() - t0) / 1000 };
}

/** Hidden spike counts [trial, hidden] of a trained layer (no learning). */
export function stdpCounts(layer: StdpLayer, data: SpikeTrials, options: Omit<StdpOptions, "rng" | "homeostasis">): Float64Array {
  const o = resolve({ ...options, rng: undefined as never });
  return run({ weights: layer.weights.slice(), thresholds: layer.thresholds.slice(), hidden: layer.hidden }, data, o as never, false).counts;
}

/** A ridge readout of one-hot class targets on feature rows; predicts the arg-max. */
export function ridgeClassifier(x: Float64Array, labels: ArrayLike<number>, classes: number, lambda = 1): (rows: Float64Array) => Int32Array {
  const rows = labels.length, cols = x.length / rows;
  const solver = new RidgeSolver({ data: x, rows, cols }, { lambda });
  const readouts = Array.from({ length: classes }, (_, k) => solver.fit(Float64Array.from({ length: rows }, (_, r) => (labels[r] === k ? 1 : 0))));
  return (z) => {
    const n = z.length / cols;
    const scores = readouts.map((ro) => ridgePredict(ro, { data: z, rows: n, cols }));
    const out = new Int32Array(n);
    for (let r = 0; r < n; r++) { let b = 0; for (let k = 1; k < classes; k++) if (scores[k]![r]! > scores[b]![r]!) b = k; out[r] = b; }
    return out;
  };
}
