/**
 * The `float` profile's kernels (spinnaker.md §0.1, §3.8): the same discretisation as the chip —
 * input held over the step, exact exponentials, synaptic jump `w·(τ/dt)(1 − e^(−dt/τ))`, refractory
 * time rounded up to whole ticks, the same update order — in IEEE double with no quantisation and no
 * saturation. It is the cross-check that separates discretisation effects from fixed-point effects.
 */
import type { IzhikevichParams } from "./izhikevich.js";
import type { LifCondExpParams } from "./lifCondExp.js";
import type { LifCurrExpParams } from "./lifCurrExp.js";

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

/** IF_curr_exp (and, with reversal potentials, IF_cond_exp) in float64. */
export function createLifFloatSlice(
  p: LifCurrExpParams | LifCondExpParams, size: number, dtMs: number, initialVMv?: number,
): FloatNeuronSlice {
  const conductance = "eRevE" in p;
  const r = p.tauM / p.cm;
  const expTc = Math.exp(-dtMs / p.tauM);
  const tRefract = Math.ceil(p.tauRefrac / dtMs);
  const e = expSynapse(p.tauSynE, dtMs);
  const i = expSynapse(p.tauSynI, dtMs);
  const v = new Float64Array(size).fill(initialVMv ?? p.vRest);
  const exc = new Float64Array(size);
  const inh = new Float64Array(size);
  const refract = new Int32Array(size);
  return {
    size, v,
    addInput(n, type, weight) {
      if (type === 0) exc[n] = exc[n]! + weight * e.init;
      else inh[n] = inh[n]! + weight * i.init;
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
        const current = conductance
          ? gE * ((p as LifCondExpParams).eRevE - vn) + gI * ((p as LifCondExpParams).eRevI - vn)
          : gE - gI;
        if (refract[n]! <= 0) {
          const alpha = (current + p.iOffset) * r + p.vRest;
          vn = alpha - expTc * (alpha - vn);
        } else {
          refract[n] = refract[n]! - 1;
        }
        if (vn >= p.vThresh) {
          vn = p.vReset;
          refract[n] = tRefract;
          spiked[n] = 1;
          nSpikes++;
        } else {
          spiked[n] = 0;
        }
        v[n] = vn;
        exc[n] = gE * e.decay;
        inh[n] = gI * i.decay;
      }
      return nSpikes;
    },
  };
}

/** Izhikevich with exponential current synapses in float64 (same midpoint scheme, M = 0.040008544921875, 1.85·h after a spike). */
export function createIzhikevichFloatSlice(
  p: IzhikevichParams & { readonly tauSynE: number; readonly tauSynI: number }, size: number, dtMs: number, initialVMv?: number,
): FloatNeuronSlice {
  const m = 1311 / 32768;
  const e = expSynapse(p.tauSynE, dtMs);
  const i = expSynapse(p.tauSynI, dtMs);
  const v = new Float64Array(size).fill(initialVMv ?? p.v);
  const u = new Float64Array(size).fill(p.u);
  const h = new Float64Array(size).fill(dtMs);
  const exc = new Float64Array(size);
  const inh = new Float64Array(size);
  return {
    size, v,
    addInput(n, type, weight) {
      if (type === 0) exc[n] = exc[n]! + weight * e.init;
      else inh[n] = inh[n]! + weight * i.init;
    },
    update(spiked, record) {
      let nSpikes = 0;
      for (let n = 0; n < size; n++) {
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
        exc[n] = exc[n]! * e.decay;
        inh[n] = inh[n]! * i.decay;
      }
      return nSpikes;
    },
  };
}
