import { paramArray, type KernelFactory, type NeuronKernel } from "../state.js";

/** Longest RK4 substep, ms: Izhikevich's upstroke is fast, and 0.025 ms keeps RK4's error far below a spike's width. */
const MAX_SUBSTEP_MS = 0.025;

/**
 * Izhikevich (2003), integrated with classical RK4 in substeps of at most 0.025 ms; the synaptic
 * current is re-evaluated at each stage (conductance inputs see the moving v). Current enters as
 * I/C with C = 1 nF. Integration stops at the threshold so the fast upswing cannot overflow; the
 * threshold component then fires and resets (v ← c, u ← u + d).
 */
export const izhikevichKernel: KernelFactory = (_p, ctx): NeuronKernel => {
  // Every parameter may differ between neurons (Izhikevich 2003's network draws c and d per cell).
  const a = paramArray(ctx, "a");
  const b = paramArray(ctx, "b");
  const c = paramArray(ctx, "c");
  const d = paramArray(ctx, "d");
  const iOffset = paramArray(ctx, "iOffset");
  const peak = paramArray(ctx, "vThresh");
  const substeps = Math.max(1, Math.ceil(ctx.dtMs / MAX_SUBSTEP_MS - 1e-9));
  const hs = ctx.dtMs / substeps;
  const input = ctx.input!;
  const u = (ctx.state.vars.u ??= new Float64Array(ctx.size));
  return {
    readsCurrent: false, // it evaluates input.currentAt at each RK stage
    step(s) {
      const v = s.v;
      for (let i = 0; i < s.size; i++) {
        let vi = v[i]!;
        let ui = u[i]!;
        const iConst = iOffset[i]! + s.iInject[i]!;
        const ai = a[i]!;
        const bi = b[i]!;
        const peakI = peak[i]!;
        for (let k = 0; k < substeps && vi < peakI; k++) {
          const I1 = input.currentAt(s, i, vi) + iConst;
          const dv1 = 0.04 * vi * vi + 5 * vi + 140 - ui + I1;
          const du1 = ai * (bi * vi - ui);
          let vt = vi + 0.5 * hs * dv1; let ut = ui + 0.5 * hs * du1;
          const I2 = input.currentAt(s, i, vt) + iConst;
          const dv2 = 0.04 * vt * vt + 5 * vt + 140 - ut + I2;
          const du2 = ai * (bi * vt - ut);
          vt = vi + 0.5 * hs * dv2; ut = ui + 0.5 * hs * du2;
          const I3 = input.currentAt(s, i, vt) + iConst;
          const dv3 = 0.04 * vt * vt + 5 * vt + 140 - ut + I3;
          const du3 = ai * (bi * vt - ut);
          vt = vi + hs * dv3; ut = ui + hs * du3;
          const I4 = input.currentAt(s, i, vt) + iConst;
          const dv4 = 0.04 * vt * vt + 5 * vt + 140 - ut + I4;
          const du4 = ai * (bi * vt - ut);
          vi += (hs / 6) * (dv1 + 2 * dv2 + 2 * dv3 + dv4);
          ui += (hs / 6) * (du1 + 2 * du2 + 2 * du3 + du4);
        }
        v[i] = vi;
        u[i] = ui;
      }
    },
    spiked(s, i) {
      s.v[i] = c[i]!;
      u[i]! += d[i]!;
    },
  };
};
