/**
 * Divisions of sPyNNaker's `maths-util.h` (spinnaker.md §3.3), used on the chip only when derived
 * constants are computed (7.x), so they use BigInt.
 */

/** Exact unsigned 64-bit floor division (`udiv64`); both operands are taken modulo 2^64. */
export function udiv64(numerator: bigint, denominator: bigint): bigint {
  const d = BigInt.asUintN(64, denominator);
  if (d === 0n) throw new RangeError("udiv64: division by zero"); // a Cajal bug: callers check
  return BigInt.asUintN(64, numerator) / d;
}

/**
 * `kdivk(a, b)`: accum ÷ accum = `s32(floor((a << 15) / b))` by unsigned 64-bit division.
 * sPyNNaker uses it only for non-negative operands; negative ones are sign-extended and then
 * treated as unsigned, as the C code would.
 */
export function kdivk(a: number, b: number): number {
  const q = udiv64(BigInt.asUintN(64, BigInt(a | 0)) << 15n, BigInt(b | 0));
  return Number(BigInt.asIntN(32, q));
}

/** `kdivui(a, n)`: accum ÷ unsigned int = `s32(floor(a / n))` with `a` taken as unsigned 32-bit. */
export function kdivui(a: number, n: number): number {
  const d = n >>> 0;
  if (d === 0) throw new RangeError("kdivui: division by zero");
  return Math.floor((a >>> 0) / d) | 0;
}
