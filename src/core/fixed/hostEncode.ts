/**
 * Host-side conversion of floating-point parameters to fixed point, exactly as sPyNNaker's
 * `DataType.encode_as_int` does it (spinnaker.md §3.2): range check, then
 * `round_half_even(Decimal(repr(value)) × 2^fractionBits)`. The rounding acts on the shortest
 * decimal form of the double; JavaScript's `Number.prototype.toString()` produces the same digits
 * as Python's `repr`, so scaling that decimal with BigInt reproduces the host bit for bit.
 *
 * Also the compiler's conversion of C fixed-point literals (`1.85k`), which truncates toward zero.
 */
import { CajalError } from "../errors.js";
import { fixedOutOfRange } from "./messages.js";

/** A fixed-point data type of the stack, described by its raw range and fractional bits. */
export interface FixedType {
  /** The stack's wording: "16.15 signed". */
  readonly name: string;
  readonly fractionBits: number;
  readonly minRaw: bigint;
  readonly maxRaw: bigint;
}

/** s16.15 (`DataType.S1615`): raw int32, value = raw / 2^15. */
export const S1615: FixedType = { name: "16.15 signed", fractionBits: 15, minRaw: -(1n << 31n), maxRaw: (1n << 31n) - 1n };
/** u0.32 (`DataType.U032`): raw uint32, value = raw / 2^32. */
export const U032: FixedType = { name: "0.32 unsigned", fractionBits: 32, minRaw: 0n, maxRaw: (1n << 32n) - 1n };
/** u16.16 (`DataType.U1616`): raw uint32, value = raw / 2^16. */
export const U1616: FixedType = { name: "16.16 unsigned", fractionBits: 16, minRaw: 0n, maxRaw: (1n << 32n) - 1n };
/** s0.31 (`DataType.S031`): raw int32, value = raw / 2^31. */
export const S031: FixedType = { name: "0.31 signed", fractionBits: 31, minRaw: -(1n << 31n), maxRaw: (1n << 31n) - 1n };

/** The shortest decimal of a double as an exact rational `mantissa · 10^exponent`. */
function shortestDecimal(value: number): { mantissa: bigint; exponent: number } {
  const text = value.toString(); // same digits as Python's repr
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) throw new Error(`unexpected number format ${text}`); // finite numbers always match
  const [, sign, intPart, fracPart = "", exp = "0"] = match;
  const digits = BigInt(`${sign}${intPart}${fracPart}`);
  return { mantissa: digits, exponent: Number(exp) - fracPart.length };
}

/** Floor division and remainder of BigInts for a positive divisor. */
function floorDivMod(n: bigint, d: bigint): { q: bigint; r: bigint } {
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  return { q, r };
}

/** `value · 2^fractionBits` as an exact rational `num / den` (den > 0). */
function scaled(value: number, fractionBits: number): { num: bigint; den: bigint } {
  const { mantissa, exponent } = shortestDecimal(value);
  const scale = 1n << BigInt(fractionBits);
  return exponent >= 0
    ? { num: mantissa * scale * 10n ** BigInt(exponent), den: 1n }
    : { num: mantissa * scale, den: 10n ** BigInt(-exponent) };
}

function formatRaw(raw: bigint, fractionBits: number): string {
  return (Number(raw) / 2 ** fractionBits).toString();
}

/**
 * Encodes a host value as the raw integer of `type`, rounding half to even on the shortest decimal.
 * Throws a CajalError ("fixed-out-of-range") when the value is outside the type's range.
 */
export function encodeFixed(value: number, type: FixedType, place = "fixed-point parameter"): number {
  const fail = (): never => {
    throw new CajalError(
      fixedOutOfRange(place, value, type.name, formatRaw(type.minRaw, type.fractionBits), formatRaw(type.maxRaw, type.fractionBits)),
    );
  };
  if (!Number.isFinite(value)) return fail();
  const { num, den } = scaled(value, type.fractionBits);
  // Range check on the exact value, before rounding, as the stack checks it.
  if (num < type.minRaw * den || num > type.maxRaw * den) return fail();
  const { q, r } = floorDivMod(num, den);
  const twice = 2n * r;
  const rounded = twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
  return Number(rounded);
}

/** Encodes a host value as s16.15 (`DataType.S1615`): 0.1 → 3277, −65 → −2129920. */
export function encS1615(value: number, place?: string): number {
  return encodeFixed(value, S1615, place);
}

/** Encodes a host value as u0.32 (`DataType.U032`), e.g. a decay factor. */
export function encU032(value: number, place?: string): number {
  return encodeFixed(value, U032, place);
}

/**
 * What GCC makes of a fixed-point literal written in the C source (`1.85k`, `0.5ulr`): the decimal
 * scaled and truncated toward zero (1.85k → 60620, where the host would give 60621). For unsigned
 * fract types a literal of 1.0 or more becomes the type's maximum (GCC: "evaluate 1 to the maximal
 * value"). `literal` is the digits as written, without the suffix.
 */
export function cLiteralToFixed(literal: string, type: FixedType): number {
  const value = Number(literal);
  if (!Number.isFinite(value)) throw new Error(`not a C fixed-point literal: ${literal}`);
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal.trim());
  if (!match) throw new Error(`not a C fixed-point literal: ${literal}`);
  const [, sign, intPart = "", fracPart = "", exp = "0"] = match;
  const mantissa = BigInt(`${sign}${intPart || "0"}${fracPart}`);
  const exponent = Number(exp) - fracPart.length;
  const scale = 1n << BigInt(type.fractionBits);
  const num = exponent >= 0 ? mantissa * scale * 10n ** BigInt(exponent) : mantissa * scale;
  const den = exponent >= 0 ? 1n : 10n ** BigInt(-exponent);
  const raw = num / den; // BigInt division truncates toward zero, as GCC's conversion does
  if (raw === type.maxRaw + 1n && num === scale * den && type.maxRaw + 1n === scale) return Number(type.maxRaw);
  if (raw > type.maxRaw || raw < type.minRaw) {
    throw new Error(`C literal ${literal} does not fit ${type.name}`); // internal constants only
  }
  return Number(raw);
}

/** Decodes a raw fixed-point integer as the host does (`raw / 2^fractionBits`). */
export function decodeFixed(raw: number, type: FixedType): number {
  return raw / 2 ** type.fractionBits;
}
