/**
 * The fixed-point LIF neuron with conductance-based exponential synapses (`IF_cond_exp`), spinnaker.md
 * §3.5. Same membrane and synapse shaping as IF_curr_exp; synaptic state holds conductance × 1024
 * (weights are scaled by 1024 on the host), and each step the input type turns it into current with
 * the pre-update voltage: `g = isyn >> 10`, `I_e = mulk(g_e, E_e − V)`, `I_i = mulk(−g_i, E_i − V)`,
 * and the neuron sees `I_e − I_i`. The inhibitory conductance is negated **before** the truncating
 * multiply, as the compiled code does.
 */
import { encS1615 } from "../../core/fixed/hostEncode.js";
import { mulk } from "../../core/fixed/s1615.js";
import { decayS1615 } from "../../core/fixed/u032.js";
import { type LifCurrExpConstants, type LifCurrExpParams, type LifCurrExpState, createLifCurrExpState, lifCurrExpConstants } from "./lifCurrExp.js";
import type { LifRecordBuffers } from "./lifCurrExp.js";
import type { FixedProfile } from "./profile.js";

/** IF_cond_exp parameters: IF_curr_exp's plus the reversal potentials (mV). */
export interface LifCondExpParams extends LifCurrExpParams {
  /** Excitatory reversal potential (mV), default 0. */
  readonly eRevE: number;
  /** Inhibitory reversal potential (mV), default −70. */
  readonly eRevI: number;
}

/** PyNN's IF_cond_exp defaults. */
export const LIF_COND_EXP_DEFAULTS: LifCondExpParams = {
  tauM: 20, cm: 1, vRest: -65, vReset: -65, vThresh: -50, tauRefrac: 0.1, iOffset: 0, tauSynE: 5, tauSynI: 5, eRevE: 0, eRevI: -70,
};

/** Multiplier the host applies to conductance weights (`input_type_conductance.py`). */
export const CONDUCTANCE_WEIGHT_SCALE = 1024;

/** Raw constants of one IF_cond_exp neuron. */
export interface LifCondExpConstants extends LifCurrExpConstants {
  readonly eRevE: number;
  readonly eRevI: number;
}

/** IF_cond_exp state: the LIF state plus reversal potentials (s16.15 mV). */
export interface LifCondExpState extends LifCurrExpState {
  readonly eRevE: Int32Array;
  readonly eRevI: Int32Array;
}

/** Derived constants, as for IF_curr_exp, plus the encoded reversal potentials. */
export function lifCondExpConstants(p: LifCondExpParams, dtMs: number, profile: FixedProfile, place = "IF_cond_exp"): LifCondExpConstants {
  return { ...lifCurrExpConstants(p, dtMs, profile, place), eRevE: encS1615(p.eRevE, `${place}.eRevE`), eRevI: encS1615(p.eRevI, `${place}.eRevI`) };
}

/** State of a slice of IF_cond_exp neurons. */
export function createLifCondExpState(constants: readonly LifCondExpConstants[], initialVMv?: readonly number[], place = "IF_cond_exp"): LifCondExpState {
  const base = createLifCurrExpState(constants, initialVMv, place);
  return { ...base, eRevE: Int32Array.from(constants, (c) => c.eRevE), eRevI: Int32Array.from(constants, (c) => c.eRevI) };
}

/**
 * One tick of every neuron of the slice. Recorded `gsyn` values are the shifted conductances
 * (`isyn >> 10`, µS as s16.15). Returns the number of spikes; `spiked[n]` is 1 for neurons that fired.
 */
export function lifCondExpUpdate(s: LifCondExpState, spiked: Uint8Array, record: LifRecordBuffers = {}): number {
  let nSpikes = 0;
  for (let n = 0; n < s.size; n++) {
    let v = s.v[n]!;
    const exc = s.isynExc[n]!;
    const inh = s.isynInh[n]!;
    const gE = exc >> 10;
    const gI = inh >> 10;
    if (record.v) record.v[n] = v;
    if (record.gsynExc) record.gsynExc[n] = gE;
    if (record.gsynInh) record.gsynInh[n] = gI;
    const iE = mulk(gE, (s.eRevE[n]! - v) | 0);
    const iI = mulk(-gI | 0, (s.eRevI[n]! - v) | 0);
    const refract = s.refract[n]!;
    if (refract <= 0) {
      const current = (iE - iI + s.iOffset[n]!) | 0;
      const alpha = (mulk(current, s.r[n]!) + s.vRest[n]!) | 0;
      v = (alpha - mulk(s.expTc[n]!, (alpha - v) | 0)) | 0;
    } else {
      s.refract[n] = refract - 1;
    }
    if (v >= s.vThresh[n]!) {
      v = s.vReset[n]!;
      s.refract[n] = s.tRefract[n]!;
      spiked[n] = 1;
      nSpikes++;
    } else {
      spiked[n] = 0;
    }
    s.v[n] = v;
    s.isynExc[n] = decayS1615(exc, s.decayE[n]!);
    s.isynInh[n] = decayS1615(inh, s.decayI[n]!);
  }
  return nSpikes;
}
