/**
 * The exponential of `spinn_common` (`stdfix-exp.c`, D. Lester) as spinnaker.md §3.3 specifies it,
 * including its quirks: the rounding threshold 0x7FFFFFFF in `scale64`, the dead rounding term of
 * `expk`, `expulr` saturating high to 2^31 − 1, and `expulr(0) = 0` because 2^32 wraps.
 * These run only when constants are derived, so the 64-bit steps use BigInt (unsigned, mod 2^64).
 */

/** Inputs above this raw s16.15 value saturate (`expk` and `expulr` both return 2^31 − 1). */
export const EXP_MAX_INPUT_RAW = 363408;
/** Inputs below this raw s16.15 value return 0. */
export const EXP_MIN_INPUT_RAW = -340695;

const MASK64 = (1n << 64n) - 1n;
const MASK32 = 0xffffffffn;

/** `HI[k] = e^(k−13) · 2^32` for k = 0..25, as tabulated in the C source. */
const HI: readonly bigint[] = [
  9708n, 26389n, 71733n, 194991n, 530041n, 1440801n, 3916503n, 10646160n, 28939262n, 78665070n, 213833830n,
  581260615n, 1580030169n, 4294967296n, 11674931555n, 31735754293n, 86266724208n, 234497268814n, 637429664642n,
  1732713474316n, 4710003551159n, 12803117065094n, 34802480465680n, 94602950235157n, 257157480542844n,
  699026506411923n,
];

/** `MID[i] = (1 − e^(−i/16)) · 2^32` for i = 0..15. */
const MID: readonly bigint[] = [
  0n, 260218914n, 504671961n, 734314346n, 950043403n, 1152702096n, 1343082321n, 1521927990n, 1689937949n,
  1847768698n, 1996036966n, 2135322113n, 2266168400n, 2389087112n, 2504558555n, 2613033936n,
];

function at(table: readonly bigint[], i: number): bigint {
  const v = table[i];
  if (v === undefined) throw new Error(`exp table index ${i} out of range`); // guarded by the saturation checks
  return v;
}

/** `(c · x) >> 32` on unsigned 32-bit operands. */
function cm(c: bigint, x: bigint): bigint {
  return (c * x) >> 32n;
}

/** Polynomial for `1 − e^(−y/2^32·…)` over the last 11 bits of the fraction (u0.32 result). */
function series(y: bigint): bigint {
  let u = (4293434720n - cm(2081624032n, y)) & MASK32;
  u = cm(u, y);
  return (u + 5294n) & MASK32;
}

/** `round64(p) = (p >> 32) + [low word ≥ 0x7FFFFFFF]`; the threshold is the source's, not 2^31. */
function round64(p: bigint): bigint {
  return (p >> 32n) + ((p & MASK32) >= 0x7fffffffn ? 1n : 0n);
}

/** `scale64(x, y) = round64(lo32(x)·y) + hi32(x)·y`, modulo 2^64. */
function scale64(x: bigint, y: bigint): bigint {
  return (round64((x & MASK32) * y) + (x >> 32n) * y) & MASK64;
}

/**
 * `expi64(n)`: e^(n / 2^15) as an unsigned 32.32 value in 64 bits, for a raw s16.15 input inside
 * [EXP_MIN_INPUT_RAW, EXP_MAX_INPUT_RAW] (callers saturate outside it).
 */
export function expi64(n: number): bigint {
  let z = n >> 15;
  let f = n - z * 32768;
  if (f === 0) return at(HI, 13 + z);
  // e^(n/2^15) = e^(z+1) · e^(−(32768 − f)/2^15)
  z += 1;
  f = 32768 - f;
  let t = at(HI, 13 + z);
  t = (t - scale64(t, at(MID, f >> 11))) & MASK64;
  const y = BigInt((f & 0x7ff) << 17);
  t = (t - scale64(t, series(y))) & MASK64;
  return t;
}

/** `expk(n)`: e^x for an s16.15 raw input, as an s16.15 raw output (truncated). */
export function expk(n: number): number {
  if (n > EXP_MAX_INPUT_RAW) return 0x7fffffff;
  if (n < EXP_MIN_INPUT_RAW) return 0;
  return Number(BigInt.asIntN(32, expi64(n) >> 17n));
}

/**
 * `expulr(n)`: e^x for an s16.15 raw input, as a u0.32 raw output. Meaningful for x < 0 only;
 * `expulr(0) = 0` (2^32 wraps) and large inputs return 2^31 − 1, both as in the C code.
 */
export function expulr(n: number): number {
  if (n > EXP_MAX_INPUT_RAW) return 0x7fffffff;
  if (n < EXP_MIN_INPUT_RAW) return 0;
  return Number(BigInt.asUintN(32, expi64(n)));
}
