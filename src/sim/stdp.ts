/**
 * STDP on one projection, applied exactly at spike events with exponential traces that are
 * decayed lazily (no per-step work). Traces are kept per synapse, so each synapse can see pre and
 * post spikes shifted by its own delay.
 *
 * Where the delay sits (`plasticity.stdp({ delay })`):
 * - "dendritic" (PyNN's default `dendritic_delay_fraction = 1`, sPyNNaker 7, NEST): the synapse
 *   sees a pre spike when it is emitted (t_pre) and a post spike after back-propagating through
 *   the delay (t_post + d); Δt = t_post + d − t_pre.
 * - "axonal": the synapse sees a pre spike when it arrives (t_pre + d) and a post spike at once;
 *   Δt = t_post − (t_pre + d).
 * At equal times the post event comes first, so Δt = 0 depresses (sPyNNaker 7). All-to-all pairing:
 * every spike adds 1 to its trace. Weights are clipped to [wMin, wMax] after every single update;
 * A± are absolute weight changes. The engine decides when to call `pre` and `post`.
 *
 * Pair rule (PyNN's SpikePairRule): at a post event Δw₊ = A₊·x, at a pre event Δw₋ = A₋·y, with x
 * (pre) and y (post) traces decaying with τ₊ and τ₋.
 * Triplet rule (Pfister & Gerstner 2006, all-to-all): at a post event Δw₊ = r₁·(A₂₊ + A₃₊·o₂), at a
 * pre event Δw₋ = o₁·(A₂₋ + A₃₋·r₂), with o₂ and r₂ read before their own increment.
 * Multiplicative dependence scales Δw₊ by (wMax − w) and Δw₋ by (w − wMin).
 */
import type { Stdp } from "../model/plasticity.js";
import type { Csr } from "./csr.js";

/** The plasticity state of one projection's synapses. */
export interface StdpState {
  /** A presynaptic spike reaches synapse `s`'s plasticity at tMs: depression, then the pre trace. */
  pre(s: number, tMs: number): void;
  /** A postsynaptic spike reaches synapse `s`'s plasticity at tMs: potentiation, then the post trace. */
  post(s: number, tMs: number): void;
}

/** Builds per-synapse traces for `csr`, whose weights it updates in place. */
export function createStdp(rule: Stdp, csr: Csr): StdpState {
  const n = csr.post.length;
  const w = csr.weight as Float64Array;
  const { wMin, wMax } = rule.weight;
  const multiplicative = rule.weight.kind === "multiplicative";
  const clip = (x: number) => (x < wMin ? wMin : x > wMax ? wMax : x);
  const preLast = new Float64Array(n);
  const postLast = new Float64Array(n);

  if (rule.timing.kind === "spikePair") {
    const { tauPlus, tauMinus, aPlus, aMinus } = rule.timing;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    return {
      pre(s, t) {
        const yNow = y[s]! * Math.exp(-(t - postLast[s]!) / tauMinus);
        const wOld = w[s]!;
        w[s] = clip(wOld - aMinus * yNow * (multiplicative ? wOld - wMin : 1));
        x[s] = x[s]! * Math.exp(-(t - preLast[s]!) / tauPlus) + 1;
        preLast[s] = t;
      },
      post(s, t) {
        const xNow = x[s]! * Math.exp(-(t - preLast[s]!) / tauPlus);
        const wOld = w[s]!;
        w[s] = clip(wOld + aPlus * xNow * (multiplicative ? wMax - wOld : 1));
        y[s] = y[s]! * Math.exp(-(t - postLast[s]!) / tauMinus) + 1;
        postLast[s] = t;
      },
    };
  }
  const { tauPlus, tauMinus, tauX, tauY, a2Plus, a3Plus, a2Minus, a3Minus } = rule.timing;
  const r1 = new Float64Array(n);
  const r2 = new Float64Array(n);
  const o1 = new Float64Array(n);
  const o2 = new Float64Array(n);
  return {
    pre(s, t) {
      const o1Now = o1[s]! * Math.exp(-(t - postLast[s]!) / tauMinus);
      const dt = t - preLast[s]!;
      const r2Before = r2[s]! * Math.exp(-dt / tauX);
      const wOld = w[s]!;
      w[s] = clip(wOld - o1Now * (a2Minus + a3Minus * r2Before) * (multiplicative ? wOld - wMin : 1));
      r1[s] = r1[s]! * Math.exp(-dt / tauPlus) + 1;
      r2[s] = r2Before + 1;
      preLast[s] = t;
    },
    post(s, t) {
      const dt = t - postLast[s]!;
      const o2Before = o2[s]! * Math.exp(-dt / tauY);
      const r1Now = r1[s]! * Math.exp(-(t - preLast[s]!) / tauPlus);
      const wOld = w[s]!;
      w[s] = clip(wOld + r1Now * (a2Plus + a3Plus * o2Before) * (multiplicative ? wMax - wOld : 1));
      o1[s] = o1[s]! * Math.exp(-dt / tauMinus) + 1;
      o2[s] = o2Before + 1;
      postLast[s] = t;
    },
  };
}
