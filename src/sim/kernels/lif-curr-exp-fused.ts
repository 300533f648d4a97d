import type { CellState } from "../state.js";
import { lifConstants } from "./lif.js";

/**
 * IF_curr_exp's update in one pass: the same arithmetic, in the same order, as the composed
 * kernels (lif's exact propagator, static threshold, reset, exponential decay), so results are
 * bit-identical (tested) and the most common cell skips three passes over its arrays.
 */
export function fusedLifCurrExp(cellParams: Readonly<Record<string, number>>, dtMs: number): (s: CellState) => number {
  const { vRest, vReset, iOffset, R, decay, refractorySteps, propagator } = lifConstants(cellParams, dtMs);
  const tauE = cellParams.tauSynE!;
  const tauI = cellParams.tauSynI!;
  const pE = propagator(tauE);
  const pI = propagator(tauI);
  const decayE = Math.exp(-dtMs / tauE);
  const decayI = Math.exp(-dtMs / tauI);
  const vInf0 = vRest + R * iOffset;
  const vThresh = cellParams.vThresh!;
  return (s) => {
    const { v, exc, inh, refractory, spiked, iInject } = s;
    let fired = 0;
    for (let i = 0; i < s.size; i++) {
      const e = exc[i]!;
      const g = inh[i]!;
      if (refractory[i]! > 0) {
        refractory[i]!--;
        v[i] = vReset;
        spiked[i] = 0;
      } else {
        const vInf = vInf0 + R * iInject[i]!;
        const vNext = vInf + (v[i]! - vInf) * decay + pE * e + pI * g;
        if (vNext >= vThresh) {
          v[i] = vReset;
          refractory[i] = refractorySteps;
          spiked[i] = 1;
          fired++;
        } else {
          v[i] = vNext;
          spiked[i] = 0;
        }
      }
      exc[i] = e * decayE;
      inh[i] = g * decayI;
    }
    return fired;
  };
}
