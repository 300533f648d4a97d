import { paramArray, type KernelFactory, type NeuronKernel } from "../state.js";

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
export const lifKernel: KernelFactory = (_p, ctx): NeuronKernel => {
  const h = ctx.dtMs;
  const n = ctx.size;
  // Every parameter may differ between neurons: constants are computed per neuron, with the same
  // formulas as the fused kernel's (lifConstants), so shared parameters give identical numbers.
  const tauM = paramArray(ctx, "tauM");
  const cm = paramArray(ctx, "cm");
  const vRest = paramArray(ctx, "vRest");
  const vReset = paramArray(ctx, "vReset");
  const tauRefrac = paramArray(ctx, "tauRefrac");
  const iOffset = paramArray(ctx, "iOffset");
  const R = new Float64Array(n);
  const decay = new Float64Array(n);
  const refractorySteps = new Int32Array(n);
  const constants = Array.from({ length: n }, (_, i) => {
    const c = lifConstants({ tauM: tauM[i]!, cm: cm[i]!, vRest: vRest[i]!, vReset: vReset[i]!, tauRefrac: tauRefrac[i]!, iOffset: iOffset[i]! }, h);
    R[i] = c.R;
    decay[i] = c.decay;
    refractorySteps[i] = c.refractorySteps;
    return c;
  });
  const taus = ctx.synapse?.exponentialTaus;
  const conductance = ctx.input?.conductance ?? false;
  const spiked = (s: { v: Float64Array; refractory: Int32Array }, i: number) => {
    s.v[i] = vReset[i]!;
    s.refractory[i] = refractorySteps[i]!;
  };

  if (!conductance && taus) {
    const pE = Float64Array.from(constants, (c, i) => c.propagator(taus.exc[i]!));
    const pI = Float64Array.from(constants, (c, i) => c.propagator(taus.inh[i]!));
    const vInf0 = Float64Array.from(constants, (c) => c.vRest + c.R * c.iOffset);
    return {
      readsCurrent: false,
      step(s) {
        const { v, exc, inh, refractory, iInject } = s;
        for (let i = 0; i < s.size; i++) {
          if (refractory[i]! > 0) { refractory[i]!--; v[i] = vReset[i]!; continue; }
          const vInf = vInf0[i]! + R[i]! * iInject[i]!;
          v[i] = vInf + (v[i]! - vInf) * decay[i]! + pE[i]! * exc[i]! + pI[i]! * inh[i]!;
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
          if (refractory[i]! > 0) { refractory[i]!--; v[i] = vReset[i]!; continue; }
          const vInf = vRest[i]! + R[i]! * (iSyn[i]! + iOffset[i]! + iInject[i]!);
          v[i] = vInf + (v[i]! - vInf) * decay[i]!;
        }
      },
      spiked,
    };
  }
  const eE = paramArray(ctx, "eRevE"); // the input component owns the reversal potentials
  const eI = paramArray(ctx, "eRevI");
  const meanE = taus ? taus.exc.map((tau) => (tau / h) * (1 - Math.exp(-h / tau))) : new Float64Array(n).fill(1);
  const meanI = taus ? taus.inh.map((tau) => (tau / h) * (1 - Math.exp(-h / tau))) : new Float64Array(n).fill(1);
  return {
    readsCurrent: false,
    step(s) {
      const { v, exc, inh, refractory, iInject } = s;
      for (let i = 0; i < s.size; i++) {
        if (refractory[i]! > 0) { refractory[i]!--; v[i] = vReset[i]!; continue; }
        const gE = exc[i]! * meanE[i]!;
        const gI = inh[i]! * meanI[i]!;
        // cm·dv/dt = cm(vRest − v)/τm + gE(eE − v) + gI(eI − v) + I = A − B·v
        const c = cm[i]!;
        const B = c / tauM[i]! + gE + gI;
        const vInf = (c * vRest[i]! / tauM[i]! + gE * eE[i]! + gI * eI[i]! + iOffset[i]! + iInject[i]!) / B;
        v[i] = vInf + (v[i]! - vInf) * (gE === 0 && gI === 0 ? decay[i]! : Math.exp(-h * B / c));
      }
    },
    spiked,
  };
};
