/** Bit-field helpers shared by the mapper and the runtime. */

/**
 * PACMAN's `get_n_bits(n)`: the bits needed to index `n` items — 0 for 0, 1 for 1, `ceil(log2 n)`
 * otherwise (spinnaker.md §2.5).
 */
export function getNBits(n: number): number {
  if (n <= 0) return 0;
  if (n === 1) return 1;
  let bits = 0;
  while (2 ** bits < n) bits++;
  return bits;
}
