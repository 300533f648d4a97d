/**
 * One core's neurons behind a common face, so the run loop treats every supported model alike:
 * ring-buffer input goes in through `addInput`, `update` runs the tick in the standard order.
 * Each slice is built once per core, so call sites stay monomorphic per core.
 */
import { encS1615 } from "../../core/fixed/hostEncode.js";
import { decayS1615 } from "../../core/fixed/u032.js";
import { createIzhikevichState, izhikevichUpdate } from "./izhikevich.js";
import { CONDUCTANCE_WEIGHT_SCALE, createLifCondExpState, lifCondExpConstants, lifCondExpUpdate } from "./lifCondExp.js";
import { createLifCurrExpState, expSynapseConstants, lifCurrExpAddInput, lifCurrExpConstants, lifCurrExpUpdate, type LifRecordBuffers } from "./lifCurrExp.js";
import type { EmuNeuronPopulation } from "./network.js";
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
  /** One tick; returns the number of spikes and sets `spiked[n]`. */
  update(spiked: Uint8Array, record: LifRecordBuffers): number;
}

/** Builds the slice of `size` neurons of a population for a profile at timestep `dtMs`. */
export function createNeuronSlice(pop: EmuNeuronPopulation, size: number, dtMs: number, profile: FixedProfile): NeuronSlice {
  const v0 = pop.initialVMv === undefined ? undefined : new Array<number>(size).fill(pop.initialVMv);
  switch (pop.kind) {
    case "IF_curr_exp": {
      const s = createLifCurrExpState(new Array(size).fill(lifCurrExpConstants(pop.params, dtMs, profile, pop.label)), v0, pop.label);
      return {
        size, globalWeightScale: 1, v: s.v,
        addInput: (n, type, value, shift) => lifCurrExpAddInput(s, n, type, value, shift),
        update: (spiked, record) => lifCurrExpUpdate(s, spiked, record),
      };
    }
    case "IF_cond_exp": {
      const s = createLifCondExpState(new Array(size).fill(lifCondExpConstants(pop.params, dtMs, profile, pop.label)), v0, pop.label);
      return {
        size, globalWeightScale: CONDUCTANCE_WEIGHT_SCALE, v: s.v,
        addInput: (n, type, value, shift) => lifCurrExpAddInput(s, n, type, value, shift),
        update: (spiked, record) => lifCondExpUpdate(s, spiked, record),
      };
    }
    case "Izhikevich": {
      const params = new Array(size).fill({ ...pop.params, ...(pop.initialVMv !== undefined && { v: pop.initialVMv }) });
      const s = createIzhikevichState(params, dtMs, pop.label);
      const e = expSynapseConstants(pop.params.tauSynE, dtMs, profile, `${pop.label}.tauSynE`);
      const i = expSynapseConstants(pop.params.tauSynI, dtMs, profile, `${pop.label}.tauSynI`);
      const exc = new Int32Array(size);
      const inh = new Int32Array(size);
      const input = new Int32Array(size);
      return {
        size, globalWeightScale: 1, v: s.v,
        addInput: (n, type, value, shift) => {
          const raw = (value << shift) | 0;
          if (type === 0) exc[n] = (exc[n]! + decayS1615(raw, e.init)) | 0;
          else inh[n] = (inh[n]! + decayS1615(raw, i.init)) | 0;
        },
        update: (spiked, record) => {
          for (let n = 0; n < size; n++) {
            input[n] = (exc[n]! - inh[n]!) | 0;
            if (record.gsynExc) record.gsynExc[n] = exc[n]!;
            if (record.gsynInh) record.gsynInh[n] = inh[n]!;
          }
          const nSpikes = izhikevichUpdate(s, input, spiked, record.v);
          for (let n = 0; n < size; n++) {
            exc[n] = decayS1615(exc[n]!, e.decay);
            inh[n] = decayS1615(inh[n]!, i.decay);
          }
          return nSpikes;
        },
      };
    }
  }
}

/** Encodes a value in mV as the host would (for tests and reports). */
export function encodeMv(valueMv: number): number {
  return encS1615(valueMv);
}
