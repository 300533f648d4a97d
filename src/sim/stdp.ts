/**
 * STDP on one projection, applied exactly at spike events with exponential traces decayed
 * lazily (no per-step work).
 *
 * Timing: the presynaptic time is the spike's arrival at the synapse (emission + delay, the
 * delay being axonal); the postsynaptic time is the post spike's stamp. All-to-all pairing:
 * every spike adds 1 to its trace. At an arrival the synapse is depressed by the post trace; at
 * a post spike every synapse onto it is potentiated by its pre trace. The engine calls the post
 * spikes of an instant before its arrivals, so Δt = 0 depresses (sPyNNaker 7), and transmits a
 * weight before the depression of its own arrival. Weights are clipped to [wMin, wMax] after every update (sPyNNaker 7's rule).
 * A± are absolute weight changes.
 *
 * Pair rule (PyNN's SpikePairRule): Δw₊ = A₊·x, Δw₋ = A₋·y, x and y decaying with τ₊, τ₋.
 * Triplet rule (Pfister & Gerstner 2006, all-to-all): at a post spike Δw₊ = r₁·(A₂₊ + A₃₊·o₂),
 * at an arrival Δw₋ = o₁·(A₂₋ + A₃₋·r₂), with o₂, r₂ read before their own increment.
 * Multiplicative dependence scales Δw₊ by (wMax − w) and Δw₋ by (w − wMin).
 */
import type { Stdp } from "../model/plasticity.js";
import type { Csr } from "./csr.js";
import { buildColumns } from "./csr.js";

/** The plasticity state of one projection. */
export interface StdpState {
  /** Called when a spike reaches synapse `s` at time tMs (before its weight is transmitted). */
  onArrival(s: number, tMs: number): void;
  /** Called when post neuron `j` spikes at time tMs. */
  onPostSpike(j: number, tMs: number): void;
}

/** Builds the traces for `csr` (whose weights it updates in place). */
export function createStdp(rule: Stdp, csr: Csr, postSize: number): StdpState {
  const n = csr.post.length;
  const w = csr.weight as Float64Array;
  const { colStart, synapses } = buildColumns(csr, postSize);
  const { wMin, wMax } = rule.weight;
  const multiplicative = rule.weight.kind === "multiplicative";
  const clip = (x: number) => (x < wMin ? wMin : x > wMax ? wMax : x);
  const preLast = new Float64Array(n);
  const postLast = new Float64Array(postSize);
  const post = csr.post;

  if (rule.timing.kind === "spikePair") {
    const { tauPlus, tauMinus, aPlus, aMinus } = rule.timing;
    const x = new Float64Array(n);
    const y = new Float64Array(postSize);
    return {
      onArrival(s, t) {
        const j = post[s]!;
        const yNow = y[j]! * Math.exp(-(t - postLast[j]!) / tauMinus);
        const wOld = w[s]!;
        w[s] = clip(wOld - aMinus * yNow * (multiplicative ? wOld - wMin : 1));
        x[s] = x[s]! * Math.exp(-(t - preLast[s]!) / tauPlus) + 1;
        preLast[s] = t;
      },
      onPostSpike(j, t) {
        for (let k = colStart[j]!; k < colStart[j + 1]!; k++) {
          const s = synapses[k]!;
          const xNow = x[s]! * Math.exp(-(t - preLast[s]!) / tauPlus);
          const wOld = w[s]!;
          w[s] = clip(wOld + aPlus * xNow * (multiplicative ? wMax - wOld : 1));
        }
        y[j] = y[j]! * Math.exp(-(t - postLast[j]!) / tauMinus) + 1;
        postLast[j] = t;
      },
    };
  }
  const { tauPlus, tauMinus, tauX, tauY, a2Plus, a3Plus, a2Minus, a3Minus } = rule.timing;
  const r1 = new Float64Array(n);
  const r2 = new Float64Array(n);
  const o1 = new Float64Array(postSize);
  const o2 = new Float64Array(postSize);
  return {
    onArrival(s, t) {
      const j = post[s]!;
      const o1Now = o1[j]! * Math.exp(-(t - postLast[j]!) / tauMinus);
      const dt = t - preLast[s]!;
      const r2Before = r2[s]! * Math.exp(-dt / tauX);
      const wOld = w[s]!;
      w[s] = clip(wOld - o1Now * (a2Minus + a3Minus * r2Before) * (multiplicative ? wOld - wMin : 1));
      r1[s] = r1[s]! * Math.exp(-dt / tauPlus) + 1;
      r2[s] = r2Before + 1;
      preLast[s] = t;
    },
    onPostSpike(j, t) {
      const dt = t - postLast[j]!;
      const o2Before = o2[j]! * Math.exp(-dt / tauY);
      for (let k = colStart[j]!; k < colStart[j + 1]!; k++) {
        const s = synapses[k]!;
        const r1Now = r1[s]! * Math.exp(-(t - preLast[s]!) / tauPlus);
        const wOld = w[s]!;
        w[s] = clip(wOld + r1Now * (a2Plus + a3Plus * o2Before) * (multiplicative ? wMax - wOld : 1));
      }
      o1[j] = o1[j]! * Math.exp(-dt / tauMinus) + 1;
      o2[j] = o2Before + 1;
      postLast[j] = t;
    },
  };
}
