/**
 * STDP fixed point (spinnaker.md §3.3, §4.2): signed 4.11 traces in 16 bits (1.0 = 2048) and the
 * exponential look-up tables the host writes for the timing rules.
 */
import { mulk } from "./s1615.js";

/** `STDP_FIXED_POINT`: fractional bits of STDP traces and tables. */
export const STDP_FIXED_POINT = 11;
/** 1.0 in STDP fixed point. */
export const STDP_ONE = 2048;

/**
 * `STDP_FIXED_MUL_16X16(a, b)` (ARM `smulbb`): only the low 16 bits of each operand count, as signed
 * 16-bit integers; the 32-bit product is shifted right by 11 (toward −∞). Operands above 16 bits are
 * silently truncated, as on the chip.
 */
export function mul16(a: number, b: number): number {
  const a16 = (a << 16) >> 16;
  const b16 = (b << 16) >> 16;
  return (a16 * b16) >> STDP_FIXED_POINT;
}

/** `mul_accum_fixed(a, s)`: an s16.15 accum times an s4.11 STDP value, `mulk(a, s << 4)`. */
export function mulAccumFixed(a: number, s: number): number {
  return mulk(a, s << 4);
}

/** An exponential decay table as the host writes it: entry k is `floor(e^(−k·2^shift·dt/τ) · 2048)`. */
export interface ExpLut {
  readonly shift: number;
  readonly values: Uint16Array;
}

/**
 * Builds the decay table of `common.py` `get_exp_lut_array` for time constant `tauMs` at timestep
 * `dtMs`: `N = 2·ceil(x/2)` entries with `x = ln(2048)/(dt/τ)/2^shift`. The pair rule uses shift 0.
 */
export function expLut(tauMs: number, dtMs: number, shift = 0): ExpLut {
  if (!(tauMs > 0) || !(dtMs > 0)) throw new RangeError(`expLut needs positive τ and dt, got ${tauMs}, ${dtMs}`);
  const lambda = dtMs / tauMs;
  const x = Math.log(STDP_ONE) / lambda / 2 ** shift;
  const n = 2 * Math.ceil(x / 2);
  const values = new Uint16Array(n);
  for (let k = 0; k < n; k++) values[k] = Math.floor(Math.exp(-k * 2 ** shift * lambda) * STDP_ONE);
  return { shift, values };
}

/** `maths_lut_exponential_decay`: `LUT[Δ >> shift]` inside the table, 0 beyond it (Δ ≥ 0, in ticks). */
export function lutDecay(lut: ExpLut, deltaTicks: number): number {
  const i = deltaTicks >> lut.shift;
  return i < lut.values.length ? lut.values[i]! : 0;
}
