import type { KernelFactory, NeuronKernel } from "../state.js";

/** The constants of one LIF step of h ms (shared with the fused kernel, so both compute bit-identical values). */
export function lifConstants(p: Readonly<Record<string, number>>, h: number) {
  const tauM = p.tauM!;
  const cm = p.cm!;
  return {
    tauM, cm, vRest: p.vRest!, vReset: p.vReset!, iOffset: p.iOffset!,
    R: tauM / cm,
    decay: Math.exp(-h / tauM),
    refractorySteps: Math.round(p.tauRefrac! / h),
    /** Weight of a synaptic current I₀·e^(−s/τs) in v after one step (exact). */
    propagator: (tauS: number) =>
      Math.abs(tauS - tauM) < 1e-12 * tauM
        ? (h / cm) * Math.exp(-h / tauM)
        : (Math.exp(-h / tauS) - Math.exp(-h / tauM)) / (cm * (1 / tauM - 1 / tauS)),
  };
}

/**
 * Leaky integrate-and-fire, integrated exactly where a closed form exists:
 *
 * - current input with exponential synapses: the exact propagator of the linear system
 *   (v, I_E, I_I) over one step (Rotter & Diesmann 1999): with I(s) = I₀·e^(−s/τs),
 *   v(h) = v∞ + (v − v∞)·e^(−h/τm) + I₀·(e^(−h/τs) − e^(−h/τm)) / (cm·(1/τm − 1/τs)),
 *   v∞ = vRest + R·iOffset, R = τm/cm (→ I₀·h·e^(−h/τm)/cm when τs = τm);
 * - current input with other synapses: the current is held at its value at the start of the
 *   step and v relaxes exactly towards vRest + R·(I + iOffset);
 * - conductance input: the conductances are held at their mean over the step (exact for
 *   exponential synapses, whose decay is known: ḡ = g·τs(1 − e^(−h/τs))/h; the start-of-step
 *   value otherwise), which makes the membrane equation linear in v; it is then solved exactly
 *   over the step (exponential Euler, second order in dt for exponential synapses).
 *
 * Injected current (current sources) is held at its start-of-step value and adds to iOffset.
 * During the refractory period (tauRefrac rounded to whole steps) v is held at vReset.
 */
export const lifKernel: KernelFactory = (p, ctx): NeuronKernel => {
  const h = ctx.dtMs;
  const { tauM, cm, vRest, vReset, iOffset, R, decay, refractorySteps, propagator } = lifConstants(p, h);
  const taus = ctx.synapse?.exponentialTaus;
  const conductance = ctx.input?.conductance ?? false;
  const spiked = (s: { v: Float64Array; refractory: Int32Array }, i: number) => {
    s.v[i] = vReset;
    s.refractory[i] = refractorySteps;
  };

  if (!conductance && taus) {
    const pE = propagator(taus.exc);
    const pI = propagator(taus.inh);
    const vInf0 = vRest + R * iOffset;
    return {
      readsCurrent: false,
      step(s) {
        const { v, exc, inh, refractory, iInject } = s;
        for (let i = 0; i < s.size; i++) {
          if (refractory[i]! > 0) { refractory[i]!--; v[i] = vReset; continue; }
          const vInf = vInf0 + R * iInject[i]!;
          v[i] = vInf + (v[i]! - vInf) * decay + pE * exc[i]! + pI * inh[i]!;
        }
      },
      spiked,
    };
  }
  if (!conductance) {
    return {
      readsCurrent: true,
      step(s) {
        const { v, iSyn, refractory, iInject } = s;
        for (let i = 0; i < s.size; i++) {
          if (refractory[i]! > 0) { refractory[i]!--; v[i] = vReset; continue; }
          const vInf = vRest + R * (iSyn[i]! + iOffset + iInject[i]!);
          v[i] = vInf + (v[i]! - vInf) * decay;
        }
      },
      spiked,
    };
  }
  const { eRevE, eRevI } = ctx.cellParams; // the input component owns the reversal potentials
  const eE = eRevE!;
  const eI = eRevI!;
  const meanE = taus ? (taus.exc / h) * (1 - Math.exp(-h / taus.exc)) : 1;
  const meanI = taus ? (taus.inh / h) * (1 - Math.exp(-h / taus.inh)) : 1;
  return {
    readsCurrent: false,
    step(s) {
      const { v, exc, inh, refractory, iInject } = s;
      for (let i = 0; i < s.size; i++) {
        if (refractory[i]! > 0) { refractory[i]!--; v[i] = vReset; continue; }
        const gE = exc[i]! * meanE;
        const gI = inh[i]! * meanI;
        // cm·dv/dt = cm(vRest − v)/τm + gE(eE − v) + gI(eI − v) + iOffset = A − B·v
        const B = cm / tauM + gE + gI;
        const vInf = (cm * vRest / tauM + gE * eE + gI * eI + iOffset + iInject[i]!) / B;
        v[i] = vInf + (v[i]! - vInf) * (gE === 0 && gI === 0 ? decay : Math.exp(-h * B / cm));
      }
    },
    spiked,
  };
};
