/**
 * The `float` profile's kernels (spinnaker.md §0.1, §3.8): the same discretisation as the chip —
 * input held over the step, exact exponentials, synaptic jump `w·(τ/dt)(1 − e^(−dt/τ))`, refractory
 * time rounded up to whole ticks, the same update order — in IEEE double with no quantisation and no
 * saturation. It is the cross-check that separates discretisation effects from fixed-point effects.
 */
import type { IzhikevichParams } from "./izhikevich.js";
import type { LifCondExpParams } from "./lifCondExp.js";
import type { LifCurrExpParams } from "./lifCurrExp.js";

/** Izhikevich parameters with the synaptic time constants (ms). */
export type IzhikevichFloatParams = IzhikevichParams & { readonly tauSynE: number; readonly tauSynI: number };

/** Record buffers of the float profile (mV, nA or µS). */
export interface FloatRecordBuffers {
  readonly v?: Float64Array;
  readonly gsynExc?: Float64Array;
  readonly gsynInh?: Float64Array;
}

/** A slice of neurons of any supported model in float64. */
export interface FloatNeuronSlice {
  readonly size: number;
  readonly v: Float64Array;
  /** Adds a synaptic weight (nA, or µS for conductance inputs) that arrived for neuron n's synapse type. */
  addInput(n: number, synapseType: number, weight: number): void;
  update(spiked: Uint8Array, record: FloatRecordBuffers): number;
}

function expSynapse(tauMs: number, dtMs: number): { decay: number; init: number } {
  const decay = Math.exp(-dtMs / tauMs);
  return { decay, init: (tauMs / dtMs) * (1 - decay) };
}

/** One parameter set per neuron, from a shared set or a list. */
function each<P>(p: P | readonly P[], size: number): readonly P[] {
  return Array.isArray(p) ? (p as readonly P[]) : new Array<P>(size).fill(p as P);
}

/** A Float64Array of one derived number per neuron. */
function column<P>(ps: readonly P[], f: (p: P) => number): Float64Array {
  return Float64Array.from(ps, f);
}

/**
 * IF_curr_exp (and, with reversal potentials, IF_cond_exp) in float64. `params` is one set for all
 * neurons or one per neuron; `initialVMv` likewise (default v_rest).
 */
export function createLifFloatSlice(
  params: LifCurrExpParams | LifCondExpParams | readonly (LifCurrExpParams | LifCondExpParams)[], size: number, dtMs: number,
  initialVMv?: number | readonly number[],
): FloatNeuronSlice {
  const ps = each(params, size);
  const conductance = ps.length > 0 && "eRevE" in ps[0]!;
  const r = column(ps, (p) => p.tauM / p.cm);
  const expTc = column(ps, (p) => Math.exp(-dtMs / p.tauM));
  const tRefract = Int32Array.from(ps, (p) => Math.ceil(p.tauRefrac / dtMs));
  const decayE = column(ps, (p) => expSynapse(p.tauSynE, dtMs).decay);
  const initE = column(ps, (p) => expSynapse(p.tauSynE, dtMs).init);
  const decayI = column(ps, (p) => expSynapse(p.tauSynI, dtMs).decay);
  const initI = column(ps, (p) => expSynapse(p.tauSynI, dtMs).init);
  const eRevE = column(ps, (p) => ("eRevE" in p ? p.eRevE : 0));
  const eRevI = column(ps, (p) => ("eRevI" in p ? p.eRevI : 0));
  const vRest = column(ps, (p) => p.vRest);
  const vReset = column(ps, (p) => p.vReset);
  const vThresh = column(ps, (p) => p.vThresh);
  const iOffset = column(ps, (p) => p.iOffset);
  const v = Float64Array.from(ps, (p, n) => (initialVMv === undefined ? p.vRest : typeof initialVMv === "number" ? initialVMv : initialVMv[n]!));
  const exc = new Float64Array(size);
  const inh = new Float64Array(size);
  const refract = new Int32Array(size);
  return {
    size, v,
    addInput(n, type, weight) {
      if (type === 0) exc[n] = exc[n]! + weight * initE[n]!;
      else inh[n] = inh[n]! + weight * initI[n]!;
    },
    update(spiked, record) {
      let nSpikes = 0;
      for (let n = 0; n < size; n++) {
        let vn = v[n]!;
        const gE = exc[n]!;
        const gI = inh[n]!;
        if (record.v) record.v[n] = vn;
        if (record.gsynExc) record.gsynExc[n] = gE;
        if (record.gsynInh) record.gsynInh[n] = gI;
        const current = conductance ? gE * (eRevE[n]! - vn) + gI * (eRevI[n]! - vn) : gE - gI;
        if (refract[n]! <= 0) {
          const alpha = (current + iOffset[n]!) * r[n]! + vRest[n]!;
          vn = alpha - expTc[n]! * (alpha - vn);
        } else {
          refract[n] = refract[n]! - 1;
        }
        if (vn >= vThresh[n]!) {
          vn = vReset[n]!;
          refract[n] = tRefract[n]!;
          spiked[n] = 1;
          nSpikes++;
        } else {
          spiked[n] = 0;
        }
        v[n] = vn;
        exc[n] = gE * decayE[n]!;
        inh[n] = gI * decayI[n]!;
      }
      return nSpikes;
    },
  };
}

/**
 * Izhikevich with exponential current synapses in float64 (same midpoint scheme, M = 0.040008544921875,
 * 1.85·h after a spike); one parameter set for all neurons or one per neuron.
 */
export function createIzhikevichFloatSlice(
  params: IzhikevichFloatParams | readonly IzhikevichFloatParams[], size: number, dtMs: number, initialVMv?: number | readonly number[],
): FloatNeuronSlice {
  const ps = each(params, size);
  const m = 1311 / 32768;
  const decayE = column(ps, (p) => expSynapse(p.tauSynE, dtMs).decay);
  const initE = column(ps, (p) => expSynapse(p.tauSynE, dtMs).init);
  const decayI = column(ps, (p) => expSynapse(p.tauSynI, dtMs).decay);
  const initI = column(ps, (p) => expSynapse(p.tauSynI, dtMs).init);
  const v = Float64Array.from(ps, (p, n) => (initialVMv === undefined ? p.v : typeof initialVMv === "number" ? initialVMv : initialVMv[n]!));
  const u = column(ps, (p) => p.u);
  const h = new Float64Array(size).fill(dtMs);
  const exc = new Float64Array(size);
  const inh = new Float64Array(size);
  return {
    size, v,
    addInput(n, type, weight) {
      if (type === 0) exc[n] = exc[n]! + weight * initE[n]!;
      else inh[n] = inh[n]! + weight * initI[n]!;
    },
    update(spiked, record) {
      let nSpikes = 0;
      for (let n = 0; n < size; n++) {
        const p = ps[n]!;
        const vn = v[n]!;
        const un = u[n]!;
        const hn = h[n]!;
        if (record.v) record.v[n] = vn;
        if (record.gsynExc) record.gsynExc[n] = exc[n]!;
        if (record.gsynInh) record.gsynInh[n] = inh[n]!;
        const input = exc[n]! - inh[n]! + p.iOffset;
        const preAlpha = 140 + input - un;
        const alpha = preAlpha + (5 + m * vn) * vn;
        const eta = vn + (hn * alpha) / 2;
        const beta = (p.a * hn * (p.b * vn - un)) / 2;
        let vNext = vn + hn * (preAlpha - beta + (5 + m * eta) * eta);
        let uNext = un + p.a * hn * (-un - beta + p.b * eta);
        h[n] = dtMs;
        if (vNext >= 30) {
          vNext = p.c;
          uNext += p.d;
          h[n] = dtMs * 1.85;
          spiked[n] = 1;
          nSpikes++;
        } else {
          spiked[n] = 0;
        }
        v[n] = vNext;
        u[n] = uNext;
        exc[n] = exc[n]! * decayE[n]!;
        inh[n] = inh[n]! * decayI[n]!;
      }
      return nSpikes;
    },
  };
}
