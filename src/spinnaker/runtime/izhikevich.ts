/**
 * The fixed-point Izhikevich neuron of sPyNNaker (spinnaker.md §3.6): a midpoint (RK2) step with
 * truncating accum products in the order the compiled ARM code uses, the constant M = 0.040008544921875
 * (raw 1311) instead of 0.04, a fixed 30 mV threshold, and after a spike one step of length
 * `h · 1.85k` (raw 60620 at dt = 1 ms) as a crude threshold-crossing correction.
 */
import { cLiteralToFixed, encS1615, S1615 } from "../../core/fixed/hostEncode.js";
import { halfk, intToAccum, mulk } from "../../core/fixed/s1615.js";

/** Izhikevich parameters (PyNN units: a, b per ms, c and v in mV, d and u in mV/ms, i_offset in nA). */
export interface IzhikevichParams {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly iOffset: number;
  /** Initial v (mV), default −70, and u, default −14. */
  readonly v: number;
  readonly u: number;
}

/** sPyNNaker's Izhikevich defaults (`izk_curr_exp_base.py`). */
export const IZHIKEVICH_DEFAULTS: IzhikevichParams = { a: 0.02, b: 0.2, c: -65, d: 2, iOffset: 0, v: -70, u: -14 };

/** `MAGIC_MULTIPLIER`: 0.040008544921875, raw 1311. */
export const IZH_MAGIC_MULTIPLIER = 1311;
/** The threshold of the Izhikevich cell types: 30 mV. */
export const IZH_THRESHOLD_RAW = intToAccum(30);
/** `SIMPLE_TQ_OFFSET = 1.85k`, converted by the compiler (truncated): 60620. */
export const SIMPLE_TQ_OFFSET = cLiteralToFixed("1.85", S1615);

const K5 = intToAccum(5);
const K140 = intToAccum(140);

/** State of a slice of Izhikevich neurons (all s16.15 raw). */
export interface IzhikevichState {
  readonly size: number;
  readonly v: Int32Array;
  readonly u: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
  readonly d: Int32Array;
  readonly iOffset: Int32Array;
  /** Step length of the next update (ms); `resetH` except right after a spike. */
  readonly thisH: Int32Array;
  readonly resetH: number;
}

/** Builds the state of `params.length` neurons at timestep `dtMs`, encoding parameters as the host does. */
export function createIzhikevichState(params: readonly IzhikevichParams[], dtMs: number, place = "Izhikevich"): IzhikevichState {
  const size = params.length;
  const enc = (f: (p: IzhikevichParams) => number, name: string) => Int32Array.from(params, (p, n) => encS1615(f(p), `${place}[${n}].${name}`));
  const resetH = encS1615(dtMs, `${place}.dt`);
  return {
    size, v: enc((p) => p.v, "v"), u: enc((p) => p.u, "u"), a: enc((p) => p.a, "a"), b: enc((p) => p.b, "b"),
    c: enc((p) => p.c, "c"), d: enc((p) => p.d, "d"), iOffset: enc((p) => p.iOffset, "iOffset"),
    thisH: new Int32Array(size).fill(resetH), resetH,
  };
}

/**
 * One tick of every neuron given each neuron's synaptic current (s16.15 nA, `exc − inh`).
 * `spiked[n]` is set to 1 for neurons that reached 30 mV.
 */
export function izhikevichUpdate(s: IzhikevichState, inputRaw: Int32Array, spiked: Uint8Array, recordV?: Int32Array): number {
  let nSpikes = 0;
  for (let n = 0; n < s.size; n++) {
    const v = s.v[n]!;
    const u = s.u[n]!;
    if (recordV) recordV[n] = v;
    const h = s.thisH[n]!;
    const a = s.a[n]!;
    const b = s.b[n]!;
    const input = (inputRaw[n]! + s.iOffset[n]!) | 0;
    const preAlpha = (K140 + input - u) | 0;
    const alpha = (preAlpha + mulk((K5 + mulk(IZH_MAGIC_MULTIPLIER, v)) | 0, v)) | 0;
    const eta = (v + halfk(mulk(h, alpha))) | 0;
    const ah = mulk(a, h);
    // The compiled order: ((a·h)·(b·V − U))·½, not the source's ((h·(b·V − U))·a)·½.
    const beta = halfk(mulk(ah, (mulk(b, v) - u) | 0));
    let vNext = (v + mulk(h, (preAlpha - beta + mulk((K5 + mulk(IZH_MAGIC_MULTIPLIER, eta)) | 0, eta)) | 0)) | 0;
    let uNext = (u + mulk(ah, (-u - beta + mulk(b, eta)) | 0)) | 0;
    s.thisH[n] = s.resetH;
    if (vNext >= IZH_THRESHOLD_RAW) {
      vNext = s.c[n]!;
      uNext = (uNext + s.d[n]!) | 0;
      s.thisH[n] = mulk(s.resetH, SIMPLE_TQ_OFFSET);
      spiked[n] = 1;
      nSpikes++;
    } else {
      spiked[n] = 0;
    }
    s.v[n] = vNext;
    s.u[n] = uNext;
  }
  return nSpikes;
}
