import type { CellState } from "../state.js";
import { lifConstants } from "./lif.js";

/**
 * One pass over cells lo … hi−1 of a population per step: take the arriving weights, integrate,
 * detect, reset, decay. `arrivingExc`/`arrivingInh` are this step's ring slots (zeroed here). A
 * spiking cell gets `s.spiked[i] = 1` and its index appended to `fired` (from fired[0]); the caller
 * clears the previous step's flags. Returns the number of spiking cells. Cells do not interact
 * within a step, so ranges can run on different threads.
 */
export type FusedStep = (s: CellState, arrivingExc: Float64Array, arrivingInh: Float64Array, fired: Int32Array, lo: number, hi: number) => number;

/** Which fused pass a cell composition has, if any: "currExp" (IF_curr_exp) or "condExp" (IF_cond_exp). */
export type FusedKind = "currExp" | "condExp";

/** The fused pass for a composition key `neuron/synapse/input/threshold`, if there is one. */
export function fusedKindOf(key: string): FusedKind | undefined {
  return key === "lif/exponential/current/static" ? "currExp" : key === "lif/exponential/conductance/static" ? "condExp" : undefined;
}

/**
 * Builds the fused pass of `kind` for shared parameters `cellParams`. With `arrivals: false` the pass
 * ignores `arrivingExc`/`arrivingInh`: the caller has already added them (only to the cells that
 * received something, which saves two loads and two stores per cell; see engine.ts).
 */
export function createFusedStep(kind: FusedKind, cellParams: Readonly<Record<string, number>>, dtMs: number, arrivals = true): FusedStep {
  return kind === "currExp" ? fusedLifCurrExp(cellParams, dtMs, arrivals) : fusedLifCondExp(cellParams, dtMs, arrivals);
}

/**
 * IF_curr_exp with shared parameters in one pass: the same arithmetic, in the same order, as the
 * composed kernels (exponential receive, lif's exact propagator, static threshold, reset,
 * exponential decay), so results are bit-identical (tested). Constants are copied into locals
 * inside the step so the optimising compiler keeps them in registers instead of reloading and
 * re-checking closure slots per cell.
 */
export function fusedLifCurrExp(cellParams: Readonly<Record<string, number>>, dtMs: number, arrivals = true): FusedStep {
  const { vRest, vReset, iOffset, R, decay, refractorySteps, propagator } = lifConstants(cellParams, dtMs);
  const tauE = cellParams.tauSynE!;
  const tauI = cellParams.tauSynI!;
  const k = {
    pE: propagator(tauE), pI: propagator(tauI),
    decayE: Math.exp(-dtMs / tauE), decayI: Math.exp(-dtMs / tauI),
    vInf0: vRest + R * iOffset, vThresh: cellParams.vThresh!, vReset, R, decay, refractorySteps,
  };
  return (s, inE, inI, fired, lo, hi) => {
    const { pE, pI, decayE, decayI, vInf0, vThresh, vReset, R, decay, refractorySteps } = k;
    const { v, exc, inh, refractory, spiked, iInject } = s;
    const injected = s.injected;
    let count = 0;
    const arriving = arrivals;
    for (let i = lo; i < hi; i++) {
      let e = exc[i]!;
      let g = inh[i]!;
      if (arriving) {
        e += inE[i]!;
        g += inI[i]!;
        inE[i] = 0;
        inI[i] = 0;
      }
      exc[i] = e * decayE;
      inh[i] = g * decayI;
      const r = refractory[i]!;
      if (r > 0) {
        refractory[i] = r - 1;
        v[i] = vReset;
        continue;
      }
      // vInf0 + R·0 is vInf0 exactly: without current sources the load is skipped.
      const vInf = injected ? vInf0 + R * iInject[i]! : vInf0;
      const vNext = vInf + (v[i]! - vInf) * decay + pE * e + pI * g;
      if (vNext >= vThresh) {
        v[i] = vReset;
        refractory[i] = refractorySteps;
        spiked[i] = 1;
        fired[count++] = i;
      } else {
        v[i] = vNext;
      }
    }
    return count;
  };
}

/**
 * IF_cond_exp with shared parameters in one pass, with the composed kernels' arithmetic (lif's
 * exponential-Euler step with the conductances' exact mean over the step), bit-identical to them.
 */
export function fusedLifCondExp(cellParams: Readonly<Record<string, number>>, dtMs: number, arrivals = true): FusedStep {
  const { vRest, vReset, iOffset, decay, refractorySteps, tauM, cm } = lifConstants(cellParams, dtMs);
  const h = dtMs;
  const tauE = cellParams.tauSynE!;
  const tauI = cellParams.tauSynI!;
  const k = {
    decayE: Math.exp(-h / tauE), decayI: Math.exp(-h / tauI),
    meanE: (tauE / h) * (1 - Math.exp(-h / tauE)), meanI: (tauI / h) * (1 - Math.exp(-h / tauI)),
    eE: cellParams.eRevE!, eI: cellParams.eRevI!,
    leak: cm / tauM, leakDrive: (cm * vRest) / tauM, negH: -h,
    vThresh: cellParams.vThresh!, vReset, iOffset, decay, refractorySteps, cm,
  };
  return (s, inE, inI, fired, lo, hi) => {
    const { decayE, decayI, meanE, meanI, eE, eI, leak, leakDrive, negH, vThresh, vReset, iOffset, decay, refractorySteps, cm } = k;
    const { v, exc, inh, refractory, spiked, iInject } = s;
    let count = 0;
    const arriving = arrivals;
    for (let i = lo; i < hi; i++) {
      let e = exc[i]!;
      let g = inh[i]!;
      if (arriving) {
        e += inE[i]!;
        g += inI[i]!;
        inE[i] = 0;
        inI[i] = 0;
      }
      exc[i] = e * decayE;
      inh[i] = g * decayI;
      const r = refractory[i]!;
      if (r > 0) {
        refractory[i] = r - 1;
        v[i] = vReset;
        continue;
      }
      const gE = e * meanE;
      const gI = g * meanI;
      // cm·dv/dt = cm(vRest − v)/τm + gE(eE − v) + gI(eI − v) + I = A − B·v, as lif.ts writes it
      const B = leak + gE + gI;
      const vInf = (leakDrive + gE * eE + gI * eI + iOffset + iInject[i]!) / B;
      const vNext = vInf + (v[i]! - vInf) * (gE === 0 && gI === 0 ? decay : Math.exp((negH * B) / cm));
      if (vNext >= vThresh) {
        v[i] = vReset;
        refractory[i] = refractorySteps;
        spiked[i] = 1;
        fired[count++] = i;
      } else {
        v[i] = vNext;
      }
    }
    return count;
  };
}
