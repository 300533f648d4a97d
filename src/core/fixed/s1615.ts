/**
 * s16.15 ("accum", sPyNNaker's `REAL`) arithmetic on raw int32 values, bit-exact with the ARM968
 * build of sPyNNaker (spinnaker.md §3.3). A value `x` is held as the integer `raw = x · 2^15`.
 * Every function takes and returns plain numbers holding integers, so they run over typed arrays
 * without allocation.
 */

/** 2^15: the raw value of 1.0 in s16.15. */
export const S1615_ONE = 32768;
/** Largest raw s16.15 value (65536 − 2^−15). */
export const S1615_MAX_RAW = 0x7fffffff;
/** Smallest raw s16.15 value (−65536). */
export const S1615_MIN_RAW = -0x80000000;

/** Two's-complement wrap of an exact integer to signed 32 bits (C's `int32_t` cast). */
export function s32(x: number): number {
  return x | 0;
}

/** Two's-complement wrap of an exact integer to unsigned 32 bits. */
export function u32(x: number): number {
  return x >>> 0;
}

/** `a + b` on accums: plain `accum` does not saturate, overflow wraps. */
export function addk(a: number, b: number): number {
  return (a + b) | 0;
}

/** `a − b` on accums, wrapping. */
export function subk(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * accum × accum as GCC expands it in ARM state (`mulsa3`): the 64-bit product shifted right by 15,
 * i.e. rounded toward −∞, then wrapped to 32 bits.
 *
 * The 64-bit product is formed without BigInt by splitting `b = bh·2^16 + bl`:
 * `(a·b) >> 15 = 2·a·bh + floor(a·bl / 2^15)`; both partial products are exact doubles (< 2^48)
 * and `| 0` wraps any exact integer below 2^53 correctly.
 */
export function mulk(a: number, b: number): number {
  const bh = b >> 16;
  const bl = b & 0xffff;
  return (2 * a * bh + Math.floor((a * bl) / 32768)) | 0;
}

/** `REAL_HALF(x)` = `mulk(x, 0.5k)`, which is an arithmetic shift right by one. */
export function halfk(x: number): number {
  return x >> 1;
}

/**
 * `lif_ceil_accum`: the integer part of a non-negative accum rounded up (used for refractory ticks).
 * Returns a plain integer, not an accum.
 */
export function lifCeilAccum(raw: number): number {
  return (raw >> 15) + ((raw & 0x7fff) !== 0 ? 1 : 0);
}

/** Converts an integer to its accum raw value (`n · 2^15`), wrapping like the C cast. */
export function intToAccum(n: number): number {
  return (n * S1615_ONE) | 0;
}

/** Decodes a raw s16.15 value as the host does (`raw / 2^15`, in double precision). */
export function decodeS1615(raw: number): number {
  return raw / S1615_ONE;
}
