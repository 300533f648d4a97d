/**
 * The fixed-point LIF neuron with current-based exponential synapses (`IF_curr_exp`) of sPyNNaker,
 * as pure functions over struct-of-arrays state (spinnaker.md §3.4, §2.3 B). Values are raw s16.15
 * (`Int32Array`) and raw u0.32 (`Uint32Array`); the per-tick order is the standard implementation's:
 * record → input → membrane update → threshold → reset → synaptic decay.
 */
import { kdivk } from "../../core/fixed/div.js";
import { expk, expulr } from "../../core/fixed/exp.js";
import { encS1615, encU032 } from "../../core/fixed/hostEncode.js";
import { lifCeilAccum, mulk } from "../../core/fixed/s1615.js";
import { decayS1615, decayS1615ToU032, U032_MAX_RAW } from "../../core/fixed/u032.js";
import type { FixedProfile } from "./profile.js";

/** IF_curr_exp parameters in PyNN units (ms, nF, mV, nA); the defaults are PyNN's. */
export interface LifCurrExpParams {
  /** Membrane time constant (ms), default 20. */
  readonly tauM: number;
  /** Membrane capacitance (nF), default 1. */
  readonly cm: number;
  /** Resting potential (mV), default −65. */
  readonly vRest: number;
  /** Reset potential (mV), default −65. */
  readonly vReset: number;
  /** Threshold (mV), default −50. */
  readonly vThresh: number;
  /** Refractory period (ms), default 0.1. */
  readonly tauRefrac: number;
  /** Constant injected current (nA), default 0. */
  readonly iOffset: number;
  /** Excitatory synaptic time constant (ms), default 5. */
  readonly tauSynE: number;
  /** Inhibitory synaptic time constant (ms), default 5. */
  readonly tauSynI: number;
}

/** PyNN's IF_curr_exp defaults (sPyNNaker `if_curr_exp_base.py`). */
export const LIF_CURR_EXP_DEFAULTS: LifCurrExpParams = {
  tauM: 20, cm: 1, vRest: -65, vReset: -65, vThresh: -50, tauRefrac: 0.1, iOffset: 0, tauSynE: 5, tauSynI: 5,
};

/** The raw constants one neuron runs with: what the chip holds after initialisation. */
export interface LifCurrExpConstants {
  /** Membrane resistance τm/cm (MΩ), s16.15. */
  readonly r: number;
  /** e^(−dt/τm) as an s16.15 number. */
  readonly expTc: number;
  /** Refractory period in whole ticks. */
  readonly tRefract: number;
  readonly vRest: number;
  readonly vReset: number;
  readonly vThresh: number;
  readonly iOffset: number;
  /** Per-step synaptic decays e^(−dt/τ), u0.32. */
  readonly decayE: number;
  readonly decayI: number;
  /** Synaptic init factors (τ/dt)(1 − e^(−dt/τ)), u0.32. */
  readonly initE: number;
  readonly initI: number;
}

/** One exponential synapse's decay and init factors (raw u0.32) for a profile. */
export function expSynapseConstants(tauSynMs: number, dtMs: number, profile: FixedProfile, place = "synapse"):
  { decay: number; init: number } {
  if (profile === "spynnaker6") {
    // 6.0.1 computes both on the host in double precision, then encodes them.
    const decay = Math.exp(-dtMs / tauSynMs);
    return { decay: encU032(decay, `${place}.decay`), init: encU032((tauSynMs / dtMs) * (1 - decay), `${place}.init`) };
  }
  // 7.x derives them on the chip from the s16.15 parameters; dt/τ is truncated before the exponential.
  const h = encS1615(dtMs, `${place}.dt`);
  const tau = encS1615(tauSynMs, `${place}.tauSyn`);
  const decay = expulr(-kdivk(h, tau));
  const init = decayS1615ToU032(kdivk(tau, h), U032_MAX_RAW - decay);
  return { decay, init };
}

/**
 * The constants of one IF_curr_exp neuron at timestep `dtMs` under a profile (spinnaker.md §3.4):
 * `spynnaker7` derives them on the chip with kdivk/expk/expulr, `spynnaker6` on the host in double.
 * Throws a CajalError ("fixed-out-of-range") when a parameter does not fit s16.15.
 */
export function lifCurrExpConstants(p: LifCurrExpParams, dtMs: number, profile: FixedProfile, place = "IF_curr_exp"):
  LifCurrExpConstants {
  const shared = {
    vRest: encS1615(p.vRest, `${place}.vRest`),
    vReset: encS1615(p.vReset, `${place}.vReset`),
    vThresh: encS1615(p.vThresh, `${place}.vThresh`),
    iOffset: encS1615(p.iOffset, `${place}.iOffset`),
  };
  const e = expSynapseConstants(p.tauSynE, dtMs, profile, `${place}.tauSynE`);
  const i = expSynapseConstants(p.tauSynI, dtMs, profile, `${place}.tauSynI`);
  const synapses = { decayE: e.decay, initE: e.init, decayI: i.decay, initI: i.init };
  if (profile === "spynnaker6") {
    return {
      ...shared, ...synapses,
      r: encS1615(p.tauM / p.cm, `${place}.R`),
      expTc: encS1615(Math.exp(-dtMs / p.tauM), `${place}.expTc`),
      tRefract: Math.ceil(p.tauRefrac / dtMs),
    };
  }
  const h = encS1615(dtMs, `${place}.dt`);
  const tauM = encS1615(p.tauM, `${place}.tauM`);
  return {
    ...shared, ...synapses,
    r: kdivk(tauM, encS1615(p.cm, `${place}.cm`)),
    expTc: expk(-kdivk(h, tauM)),
    tRefract: lifCeilAccum(kdivk(encS1615(p.tauRefrac, `${place}.tauRefrac`), h)),
  };
}

/** State and constants of a slice of IF_curr_exp neurons, one typed array per field. */
export interface LifCurrExpState {
  readonly size: number;
  /**
   * True when every neuron has the same constants (one parameter set, as most populations): the update
   * then reads them once instead of once per neuron. Constants never change after creation.
   */
  readonly uniform: boolean;
  /** Membrane voltage, s16.15 mV. */
  readonly v: Int32Array;
  /** Synaptic currents, s16.15 nA. */
  readonly isynExc: Int32Array;
  readonly isynInh: Int32Array;
  /** Ticks of refractoriness left. */
  readonly refract: Int32Array;
  readonly r: Int32Array;
  readonly expTc: Int32Array;
  readonly tRefract: Int32Array;
  readonly vRest: Int32Array;
  readonly vReset: Int32Array;
  readonly vThresh: Int32Array;
  readonly iOffset: Int32Array;
  readonly decayE: Uint32Array;
  readonly decayI: Uint32Array;
  readonly initE: Uint32Array;
  readonly initI: Uint32Array;
}

/**
 * Builds the state of `size` neurons from per-neuron constants (one object per neuron, only at set-up)
 * and initial voltages in mV (default: v_rest), encoded as the host encodes them.
 */
export function createLifCurrExpState(
  constants: readonly LifCurrExpConstants[], initialVMv?: readonly number[], place = "IF_curr_exp",
): LifCurrExpState {
  const size = constants.length;
  const c0 = constants[0];
  const same = (c: LifCurrExpConstants) => c === c0 || (c0 !== undefined && c.r === c0.r && c.expTc === c0.expTc &&
    c.tRefract === c0.tRefract && c.vRest === c0.vRest && c.vReset === c0.vReset && c.vThresh === c0.vThresh &&
    c.iOffset === c0.iOffset && c.decayE === c0.decayE && c.decayI === c0.decayI && c.initE === c0.initE && c.initI === c0.initI);
  const s: LifCurrExpState = {
    size, uniform: size > 0 && constants.every(same),
    v: new Int32Array(size), isynExc: new Int32Array(size), isynInh: new Int32Array(size), refract: new Int32Array(size),
    r: new Int32Array(size), expTc: new Int32Array(size), tRefract: new Int32Array(size), vRest: new Int32Array(size),
    vReset: new Int32Array(size), vThresh: new Int32Array(size), iOffset: new Int32Array(size),
    decayE: new Uint32Array(size), decayI: new Uint32Array(size), initE: new Uint32Array(size), initI: new Uint32Array(size),
  };
  for (let n = 0; n < size; n++) {
    const c = constants[n]!;
    const v0 = initialVMv?.[n];
    s.v[n] = v0 === undefined ? c.vRest : encS1615(v0, `${place}[${n}].v`);
    s.r[n] = c.r; s.expTc[n] = c.expTc; s.tRefract[n] = c.tRefract; s.vRest[n] = c.vRest; s.vReset[n] = c.vReset;
    s.vThresh[n] = c.vThresh; s.iOffset[n] = c.iOffset; s.decayE[n] = c.decayE; s.decayI[n] = c.decayI;
    s.initE[n] = c.initE; s.initI[n] = c.initI;
  }
  return s;
}

/**
 * Adds a ring-buffer value that arrived for neuron `n` to its synaptic input (start of tick):
 * `isyn ← isyn + decay_s1615(r << shift, init)`. `synapseType` 0 is excitatory, 1 inhibitory.
 */
export function lifCurrExpAddInput(s: LifCurrExpState, n: number, synapseType: number, ringValue: number, shift: number): void {
  const raw = (ringValue << shift) | 0; // the C code reinterprets the shifted uint32 as an accum
  if (synapseType === 0) s.isynExc[n] = (s.isynExc[n]! + decayS1615(raw, s.initE[n]!)) | 0;
  else s.isynInh[n] = (s.isynInh[n]! + decayS1615(raw, s.initI[n]!)) | 0;
}

/**
 * The start-of-tick ring-buffer transfer for a whole slice: each non-zero slot `ring[baseExc + n]`
 * (`ring[baseInh + n]`) is added to neuron n's current as `lifCurrExpAddInput` adds it, and zeroed.
 */
export function lifCurrExpTransfer(
  s: Pick<LifCurrExpState, "size" | "uniform" | "isynExc" | "isynInh" | "initE" | "initI">, ring: Uint16Array, baseExc: number, baseInh: number,
  shiftExc: number, shiftInh: number,
): void {
  const { isynExc, isynInh, initE, initI } = s;
  // With uniform constants the init factors are read once (the same numbers, so the same results).
  const stride = s.uniform ? 0 : 1;
  for (let n = 0; n < s.size; n++) {
    const e = ring[baseExc + n]!;
    if (e !== 0) {
      isynExc[n] = (isynExc[n]! + decayS1615((e << shiftExc) | 0, initE[n * stride]!)) | 0;
      ring[baseExc + n] = 0;
    }
    const i = ring[baseInh + n]!;
    if (i !== 0) {
      isynInh[n] = (isynInh[n]! + decayS1615((i << shiftInh) | 0, initI[n * stride]!)) | 0;
      ring[baseInh + n] = 0;
    }
  }
}

/** Where a tick's recorded values go (raw s16.15, one per neuron); any may be omitted. */
export interface LifRecordBuffers {
  readonly v?: Int32Array;
  readonly gsynExc?: Int32Array;
  readonly gsynInh?: Int32Array;
}

/**
 * The background neuron update of one tick for every neuron of the slice, in index order
 * (spinnaker.md §2.3 B, §3.4). Writes 1 into `spiked[n]` for neurons that crossed threshold
 * (0 otherwise) and returns the number of spikes.
 */
export function lifCurrExpUpdate(s: LifCurrExpState, spiked: Uint8Array, record: LifRecordBuffers = {}): number {
  if (s.uniform) return lifCurrExpUpdateUniform(s, spiked, record);
  let nSpikes = 0;
  for (let n = 0; n < s.size; n++) {
    let v = s.v[n]!;
    const exc = s.isynExc[n]!;
    const inh = s.isynInh[n]!;
    // Recorded before the update: v[t] is the voltage at the start of tick t.
    if (record.v) record.v[n] = v;
    if (record.gsynExc) record.gsynExc[n] = exc;
    if (record.gsynInh) record.gsynInh[n] = inh;
    const refract = s.refract[n]!;
    if (refract <= 0) {
      const current = (exc - inh + s.iOffset[n]!) | 0;
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
    // Last: the update above already used this tick's input.
    s.isynExc[n] = decayS1615(exc, s.decayE[n]!);
    s.isynInh[n] = decayS1615(inh, s.decayI[n]!);
  }
  return nSpikes;
}

/** `lifCurrExpUpdate` for a slice whose neurons share one set of constants, read once (the same arithmetic). */
function lifCurrExpUpdateUniform(s: LifCurrExpState, spiked: Uint8Array, record: LifRecordBuffers): number {
  const { v: vs, isynExc, isynInh, refract: refracts } = s;
  const r = s.r[0]!;
  const expTc = s.expTc[0]!;
  const tRefract = s.tRefract[0]!;
  const vRest = s.vRest[0]!;
  const vReset = s.vReset[0]!;
  const vThresh = s.vThresh[0]!;
  const iOffset = s.iOffset[0]!;
  const decayE = s.decayE[0]!;
  const decayI = s.decayI[0]!;
  const recordV = record.v;
  const recordExc = record.gsynExc;
  const recordInh = record.gsynInh;
  let nSpikes = 0;
  for (let n = 0; n < s.size; n++) {
    let v = vs[n]!;
    const exc = isynExc[n]!;
    const inh = isynInh[n]!;
    if (recordV) recordV[n] = v;
    if (recordExc) recordExc[n] = exc;
    if (recordInh) recordInh[n] = inh;
    const refract = refracts[n]!;
    if (refract <= 0) {
      const alpha = (mulk((exc - inh + iOffset) | 0, r) + vRest) | 0;
      v = (alpha - mulk(expTc, (alpha - v) | 0)) | 0;
    } else {
      refracts[n] = refract - 1;
    }
    if (v >= vThresh) {
      v = vReset;
      refracts[n] = tRefract;
      spiked[n] = 1;
      nSpikes++;
    } else {
      spiked[n] = 0;
    }
    vs[n] = v;
    isynExc[n] = decayS1615(exc, decayE);
    isynInh[n] = decayS1615(inh, decayI);
  }
  return nSpikes;
}

/**
 * The start-of-tick ring-buffer transfer and the neuron update in one pass over the slice: for each
 * neuron, its slots are added (as `lifCurrExpTransfer` adds them) just before it is updated (as
 * `lifCurrExpUpdate` updates it). Each neuron's transfer touches only that neuron, so the results are
 * those of the two passes; one pass reads the state once.
 */
export function lifCurrExpTransferAndUpdate(
  s: LifCurrExpState, ring: Uint16Array, baseExc: number, baseInh: number, shiftExc: number, shiftInh: number,
  spiked: Uint8Array, record: LifRecordBuffers = {},
): number {
  if (!s.uniform) {
    lifCurrExpTransfer(s, ring, baseExc, baseInh, shiftExc, shiftInh);
    return lifCurrExpUpdate(s, spiked, record);
  }
  const { v: vs, isynExc, isynInh, refract: refracts } = s;
  const r = s.r[0]!;
  const expTc = s.expTc[0]!;
  const tRefract = s.tRefract[0]!;
  const vRest = s.vRest[0]!;
  const vReset = s.vReset[0]!;
  const vThresh = s.vThresh[0]!;
  const iOffset = s.iOffset[0]!;
  const decayE = s.decayE[0]!;
  const decayI = s.decayI[0]!;
  const initE = s.initE[0]!;
  const initI = s.initI[0]!;
  const recordV = record.v;
  const recordExc = record.gsynExc;
  const recordInh = record.gsynInh;
  let nSpikes = 0;
  for (let n = 0; n < s.size; n++) {
    let exc = isynExc[n]!;
    let inh = isynInh[n]!;
    const e = ring[baseExc + n]!;
    if (e !== 0) {
      exc = (exc + decayS1615((e << shiftExc) | 0, initE)) | 0;
      ring[baseExc + n] = 0;
    }
    const i = ring[baseInh + n]!;
    if (i !== 0) {
      inh = (inh + decayS1615((i << shiftInh) | 0, initI)) | 0;
      ring[baseInh + n] = 0;
    }
    let v = vs[n]!;
    if (recordV) recordV[n] = v;
    if (recordExc) recordExc[n] = exc;
    if (recordInh) recordInh[n] = inh;
    const refract = refracts[n]!;
    if (refract <= 0) {
      const alpha = (mulk((exc - inh + iOffset) | 0, r) + vRest) | 0;
      v = (alpha - mulk(expTc, (alpha - v) | 0)) | 0;
    } else {
      refracts[n] = refract - 1;
    }
    if (v >= vThresh) {
      v = vReset;
      refracts[n] = tRefract;
      spiked[n] = 1;
      nSpikes++;
    } else {
      spiked[n] = 0;
    }
    vs[n] = v;
    isynExc[n] = decayS1615(exc, decayE);
    isynInh[n] = decayS1615(inh, decayI);
  }
  return nSpikes;
}
