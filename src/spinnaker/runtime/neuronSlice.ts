/**
 * One core's neurons behind a common face, so the run loop treats every supported model alike:
 * ring-buffer input goes in through `addInput`, `update` runs the tick in the standard order.
 * Each slice is built once per core, so call sites stay monomorphic per core. Parameters may differ
 * per neuron; constants are derived once per distinct parameter set.
 */
import { decayS1615 } from "../../core/fixed/u032.js";
import { createIzhikevichState, izhikevichUpdate, type IzhikevichParams } from "./izhikevich.js";
import { CONDUCTANCE_WEIGHT_SCALE, createLifCondExpState, lifCondExpConstants, type LifCondExpParams } from "./lifCondExp.js";
import { lifCondExpUpdate } from "./lifCondExp.js";
import {
  createLifCurrExpState, expSynapseConstants, lifCurrExpAddInput, lifCurrExpConstants, lifCurrExpTransfer, lifCurrExpTransferAndUpdate, lifCurrExpUpdate, type LifCurrExpParams,
  type LifRecordBuffers,
} from "./lifCurrExp.js";
import { type EmuNeuronPopulation, paramsOf } from "./network.js";
import type { FixedProfile } from "./profile.js";

/** The neurons of one core. */
export interface NeuronSlice {
  readonly size: number;
  /** Weight multiplier of the input type: 1024 for conductance inputs, 1 otherwise. */
  readonly globalWeightScale: number;
  /** Membrane voltages (raw s16.15), for inspection. */
  readonly v: Int32Array;
  /** Adds a ring-buffer value for neuron n's synapse type (0 exc, 1 inh): `isyn += decay_s1615(r << shift, init)`. */
  addInput(n: number, synapseType: number, ringValue: number, shift: number): void;
  /**
   * The start-of-tick ring-buffer transfer: for every neuron n of the slice, a non-zero
   * `ring[baseExc + n]` (`ring[baseInh + n]`) is added as `addInput` would add it and the slot is zeroed.
   */
  transfer(ring: Uint16Array, baseExc: number, baseInh: number, shiftExc: number, shiftInh: number): void;
  /**
   * `transfer` then `update` in one pass, where the model has it (each neuron's transfer touches only that
   * neuron, so the results are the same); the run loop then skips the separate transfer.
   */
  readonly transferAndUpdate?: (
    ring: Uint16Array, baseExc: number, baseInh: number, shiftExc: number, shiftInh: number, spiked: Uint8Array, record: LifRecordBuffers,
  ) => number;
  /** One tick; returns the number of spikes and sets `spiked[n]`. */
  update(spiked: Uint8Array, record: LifRecordBuffers): number;
}

/**
 * Per-neuron values of a derivation, computed once per distinct parameter set (once in all when
 * `uniform`: no parameter is given per neuron).
 */
function perNeuron<P, C>(params: (i: number) => P, lo: number, size: number, derive: (p: P) => C, uniform = false): C[] {
  if (uniform && size > 0) return new Array<C>(size).fill(derive(params(lo)));
  const cache = new Map<string, C>();
  return Array.from({ length: size }, (_, n) => {
    const p = params(lo + n);
    const key = JSON.stringify(p);
    let c = cache.get(key);
    if (c === undefined) cache.set(key, (c = derive(p)));
    return c;
  });
}

/** Initial voltages of neurons lo … lo + size − 1, or undefined for the model's default. */
export function initialVoltages(pop: EmuNeuronPopulation, lo: number, size: number): number[] | undefined {
  const v = pop.initialVMv;
  if (v === undefined) return undefined;
  return Array.from({ length: size }, (_, n) => (typeof v === "number" ? v : v[lo + n]!));
}

/** Builds the slice of neurons lo … lo + size − 1 of a population for a profile at timestep `dtMs`. */
export function createNeuronSlice(pop: EmuNeuronPopulation, lo: number, size: number, dtMs: number, profile: FixedProfile): NeuronSlice {
  const v0 = initialVoltages(pop, lo, size);
  const uniform = !Object.values(pop.params).some((v) => Array.isArray(v));
  switch (pop.kind) {
    case "IF_curr_exp": {
      const at = (i: number) => paramsOf<LifCurrExpParams>(pop.params, i);
      const s = createLifCurrExpState(perNeuron(at, lo, size, (p) => lifCurrExpConstants(p, dtMs, profile, pop.label), uniform), v0, pop.label);
      return {
        size, globalWeightScale: 1, v: s.v,
        addInput: (n, type, value, shift) => lifCurrExpAddInput(s, n, type, value, shift),
        transfer: (ring, baseExc, baseInh, shiftExc, shiftInh) => lifCurrExpTransfer(s, ring, baseExc, baseInh, shiftExc, shiftInh),
        transferAndUpdate: (ring, baseExc, baseInh, shiftExc, shiftInh, spiked, record) =>
          lifCurrExpTransferAndUpdate(s, ring, baseExc, baseInh, shiftExc, shiftInh, spiked, record),
        update: (spiked, record) => lifCurrExpUpdate(s, spiked, record),
      };
    }
    case "IF_cond_exp": {
      const at = (i: number) => paramsOf<LifCondExpParams>(pop.params, i);
      const s = createLifCondExpState(perNeuron(at, lo, size, (p) => lifCondExpConstants(p, dtMs, profile, pop.label), uniform), v0, pop.label);
      return {
        size, globalWeightScale: CONDUCTANCE_WEIGHT_SCALE, v: s.v,
        addInput: (n, type, value, shift) => lifCurrExpAddInput(s, n, type, value, shift),
        transfer: (ring, baseExc, baseInh, shiftExc, shiftInh) => lifCurrExpTransfer(s, ring, baseExc, baseInh, shiftExc, shiftInh),
        update: (spiked, record) => lifCondExpUpdate(s, spiked, record),
      };
    }
    case "Izhikevich": {
      type P = IzhikevichParams & { readonly tauSynE: number; readonly tauSynI: number };
      const at = (i: number) => paramsOf<P>(pop.params, i);
      const params = Array.from({ length: size }, (_, n) => ({ ...at(lo + n), ...(v0 && { v: v0[n]! }) }));
      const s = createIzhikevichState(params, dtMs, pop.label);
      const syn = perNeuron(at, lo, size, (p) => ({
        e: expSynapseConstants(p.tauSynE, dtMs, profile, `${pop.label}.tauSynE`),
        i: expSynapseConstants(p.tauSynI, dtMs, profile, `${pop.label}.tauSynI`),
      }), uniform);
      const decayE = Uint32Array.from(syn, (c) => c.e.decay);
      const initE = Uint32Array.from(syn, (c) => c.e.init);
      const decayI = Uint32Array.from(syn, (c) => c.i.decay);
      const initI = Uint32Array.from(syn, (c) => c.i.init);
      const exc = new Int32Array(size);
      const inh = new Int32Array(size);
      const input = new Int32Array(size);
      const addInput = (n: number, type: number, value: number, shift: number) => {
        const raw = (value << shift) | 0;
        if (type === 0) exc[n] = (exc[n]! + decayS1615(raw, initE[n]!)) | 0;
        else inh[n] = (inh[n]! + decayS1615(raw, initI[n]!)) | 0;
      };
      return {
        size, globalWeightScale: 1, v: s.v, addInput,
        transfer: (ring, baseExc, baseInh, shiftExc, shiftInh) => {
          for (let n = 0; n < size; n++) {
            const e = ring[baseExc + n]!;
            if (e !== 0) {
              addInput(n, 0, e, shiftExc);
              ring[baseExc + n] = 0;
            }
            const i = ring[baseInh + n]!;
            if (i !== 0) {
              addInput(n, 1, i, shiftInh);
              ring[baseInh + n] = 0;
            }
          }
        },
        update: (spiked, record) => {
          for (let n = 0; n < size; n++) {
            input[n] = (exc[n]! - inh[n]!) | 0;
            if (record.gsynExc) record.gsynExc[n] = exc[n]!;
            if (record.gsynInh) record.gsynInh[n] = inh[n]!;
          }
          const nSpikes = izhikevichUpdate(s, input, spiked, record.v);
          for (let n = 0; n < size; n++) {
            exc[n] = decayS1615(exc[n]!, decayE[n]!);
            inh[n] = decayS1615(inh[n]!, decayI[n]!);
          }
          return nSpikes;
        },
      };
    }
  }
}
