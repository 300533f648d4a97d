/**
 * Products with unsigned 0.32 fractions (`unsigned long fract`, sPyNNaker's `decay_t`): the decays
 * and synaptic "init" factors of spinnaker.md §3.3. Raw u0.32 values are numbers in [0, 2^32).
 */

/** 2^32: the (unrepresentable) raw value of 1.0 in u0.32. */
export const U032_SCALE = 4294967296;
/** Largest raw u0.32 value (1 − 2^−32), which a C literal `1.0ulr` becomes. */
export const U032_MAX_RAW = 0xffffffff;

/**
 * `decay_s1615(x, d)`: s16.15 × u0.32 → s16.15, `(x · d) >> 32` with a 64-bit signed product,
 * so it rounds toward −∞ (a negative current never decays past −1 LSB).
 *
 * Split `d = dh·2^16 + dl`: `floor(x·d / 2^32) = floor((x·dh + floor(x·dl / 2^16)) / 2^16)`,
 * all exact in doubles.
 */
export function decayS1615(x: number, d: number): number {
  const du = d >>> 0;
  const dh = Math.floor(du / 65536);
  const dl = du % 65536;
  return Math.floor((x * dh + Math.floor((x * dl) / 65536)) / 65536) | 0;
}

/**
 * `decay_s1615_to_u032(x, d)`: `u32((x · d) >> 15)` with `x` sign-extended to an unsigned 64-bit
 * integer and the product wrapping modulo 2^64. Used once per population for the 7.x synaptic init
 * factor, so it uses BigInt.
 */
export function decayS1615ToU032(x: number, d: number): number {
  const product = BigInt.asUintN(64, BigInt.asUintN(64, BigInt(x | 0)) * BigInt(d >>> 0));
  return Number(BigInt.asUintN(32, product >> 15n));
}

/** Decodes a raw u0.32 value as the host does (`raw / 2^32`). */
export function decodeU032(raw: number): number {
  return raw / U032_SCALE;
}
