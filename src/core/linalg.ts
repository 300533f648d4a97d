/**
 * Dense linear-algebra kernels on typed arrays (float32 or float64), for the models that need a
 * few matrix products and nothing more: Hebbian outer-product memories, low-rank fields, cosines.
 *
 * Conventions: a matrix is a row-major typed array with its shape passed beside it (`rows`, `cols`);
 * vectors may live inside a larger array, addressed by an offset, so rows of a packed matrix are
 * used without copying. Arithmetic is done in float64 (JavaScript numbers) whatever the storage;
 * float32 storage halves memory and rounds on every store. Shapes are checked once on entry and a
 * mismatch throws a `CajalError` (`linalg-shape`); inner loops allocate nothing.
 */
import { CajalError, type Problem } from "./errors.js";

/** Storage the kernels accept: float32 or float64. */
export type FloatArray = Float32Array | Float64Array;

/** The problem reported when an array is too short for the shape it is used with. */
export function shapeMismatch(place: string, what: string, needed: number, actual: number): Problem {
  return {
    ruleId: "linalg-shape",
    place,
    reason: `${what} has ${actual} entries, but the shape given needs ${needed}.`,
    expected: `an array of at least ${needed} entries (row-major, rows × cols)`,
    fix: "check the rows/cols passed beside the array, and the offset when the vector lives inside a matrix.",
  };
}

/** The problem reported for a dimension that is not a whole number ≥ 0. */
export function badDimension(place: string, name: string, value: number): Problem {
  return {
    ruleId: "linalg-dimension",
    place,
    reason: `${name} = ${value} is not a valid dimension.`,
    expected: `${name} a whole number ≥ 0`,
  };
}

function checkDim(place: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new CajalError(badDimension(place, name, value));
}

function need(place: string, what: string, array: ArrayLike<number>, needed: number): void {
  if (array.length < needed) throw new CajalError(shapeMismatch(place, what, needed, array.length));
}

/** Allocates a float64 matrix of `rows × cols` zeros (row-major). */
export function zeros(rows: number, cols = 1): Float64Array {
  checkDim("linalg.zeros", "rows", rows);
  checkDim("linalg.zeros", "cols", cols);
  return new Float64Array(rows * cols);
}

/** The n × n identity matrix, float64. */
export function identity(n: number): Float64Array {
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/**
 * Dot product Σ a[aOffset+i]·b[bOffset+i] over `n` entries (default: the whole of `a`).
 *
 * @example dot(keys, query, d, j * d, 0) // key j of a packed key matrix against a query
 */
export function dot(a: FloatArray, b: FloatArray, n = a.length, aOffset = 0, bOffset = 0): number {
  need("linalg.dot", "a", a, aOffset + n);
  need("linalg.dot", "b", b, bOffset + n);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aOffset + i]! * b[bOffset + i]!;
  return s;
}

/** Euclidean norm ‖x‖₂ of `n` entries from `offset`, scaled against overflow only when needed. */
export function norm2(x: FloatArray, n = x.length, offset = 0): number {
  need("linalg.norm2", "x", x, offset + n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = x[offset + i]!;
    s += v * v;
  }
  if (s !== Infinity && (s > 1e-280 || s === 0)) return Math.sqrt(s);
  // Rare: huge or tiny entries; recompute with scaling (LAPACK's dnrm2 idea, simplified).
  let big = 0;
  for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(x[offset + i]!));
  if (big === 0 || !Number.isFinite(big)) return big;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const v = x[offset + i]! / big;
    t += v * v;
  }
  return big * Math.sqrt(t);
}

/** y ← y + α·x over `n` entries (BLAS axpy), with offsets into either array. Returns `y`. */
export function axpy<A extends FloatArray>(alpha: number, x: FloatArray, y: A, n = x.length, xOffset = 0, yOffset = 0): A {
  need("linalg.axpy", "x", x, xOffset + n);
  need("linalg.axpy", "y", y, yOffset + n);
  for (let i = 0; i < n; i++) y[yOffset + i]! += alpha * x[xOffset + i]!;
  return y;
}

/** x ← α·x over `n` entries from `offset`. Returns `x`. */
export function scale<A extends FloatArray>(x: A, alpha: number, n = x.length, offset = 0): A {
  need("linalg.scale", "x", x, offset + n);
  for (let i = 0; i < n; i++) x[offset + i]! *= alpha;
  return x;
}

/**
 * Scales each row of a `rows × cols` matrix to unit Euclidean length, in place. A zero row stays
 * zero (it has no direction). Returns the original norms.
 */
export function normalizeRows(a: FloatArray, rows: number, cols: number): Float64Array {
  checkDim("linalg.normalizeRows", "rows", rows);
  checkDim("linalg.normalizeRows", "cols", cols);
  need("linalg.normalizeRows", "a", a, rows * cols);
  const norms = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const n = norm2(a, cols, r * cols);
    norms[r] = n;
    if (n > 0) scale(a, 1 / n, cols, r * cols);
  }
  return norms;
}

/** Cosine of the angle between two vectors of `n` entries; NaN when either is zero. */
export function cosine(a: FloatArray, b: FloatArray, n = a.length, aOffset = 0, bOffset = 0): number {
  const na = norm2(a, n, aOffset);
  const nb = norm2(b, n, bOffset);
  if (na === 0 || nb === 0) return NaN;
  return dot(a, b, n, aOffset, bOffset) / (na * nb);
}

/**
 * Row-wise cosines: out[r] = cos(row r of `a`, row r of `b`), both `rows × cols`. A zero row gives
 * NaN. Returns `out` (allocated when omitted).
 */
export function cosineRows(a: FloatArray, b: FloatArray, rows: number, cols: number, out: Float64Array = new Float64Array(rows)): Float64Array {
  checkDim("linalg.cosineRows", "rows", rows);
  checkDim("linalg.cosineRows", "cols", cols);
  need("linalg.cosineRows", "a", a, rows * cols);
  need("linalg.cosineRows", "b", b, rows * cols);
  need("linalg.cosineRows", "out", out, rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let c = 0; c < cols; c++) {
      const x = a[o + c]!;
      const y = b[o + c]!;
      ab += x * y;
      aa += x * x;
      bb += y * y;
    }
    out[r] = aa === 0 || bb === 0 ? NaN : ab / Math.sqrt(aa * bb);
  }
  return out;
}

/** out = A·x for A of shape `rows × cols` (x has `cols` entries, out `rows`). Returns `out`. */
export function matVec<O extends FloatArray = Float64Array>(
  a: FloatArray, rows: number, cols: number, x: FloatArray, out?: O, xOffset = 0,
): O {
  checkDim("linalg.matVec", "rows", rows);
  checkDim("linalg.matVec", "cols", cols);
  need("linalg.matVec", "A", a, rows * cols);
  need("linalg.matVec", "x", x, xOffset + cols);
  const y = out ?? (new Float64Array(rows) as unknown as O);
  need("linalg.matVec", "out", y, rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) s += a[o + c]! * x[xOffset + c]!;
    y[r] = s;
  }
  return y;
}

/** out = Aᵀ·x for A of shape `rows × cols` (x has `rows` entries, out `cols`). Returns `out`. */
export function matTVec<O extends FloatArray = Float64Array>(a: FloatArray, rows: number, cols: number, x: FloatArray, out?: O): O {
  checkDim("linalg.matTVec", "rows", rows);
  checkDim("linalg.matTVec", "cols", cols);
  need("linalg.matTVec", "A", a, rows * cols);
  need("linalg.matTVec", "x", x, rows);
  const y = out ?? (new Float64Array(cols) as unknown as O);
  need("linalg.matTVec", "out", y, cols);
  y.fill(0);
  for (let r = 0; r < rows; r++) {
    const xr = x[r]!;
    if (xr === 0) continue;
    const o = r * cols;
    for (let c = 0; c < cols; c++) y[c]! += xr * a[o + c]!;
  }
  return y;
}

/**
 * out = A·B for A `m × k` and B `k × n` (row-major; i-k-j order so the inner loop runs along
 * rows of B and out). Returns `out` (`m × n`, allocated float64 when omitted).
 */
export function matMul<O extends FloatArray = Float64Array>(
  a: FloatArray, b: FloatArray, m: number, k: number, n: number, out?: O,
): O {
  for (const [name, v] of [["m", m], ["k", k], ["n", n]] as const) checkDim("linalg.matMul", name, v);
  need("linalg.matMul", "A", a, m * k);
  need("linalg.matMul", "B", b, k * n);
  const c = out ?? (new Float64Array(m * n) as unknown as O);
  need("linalg.matMul", "out", c, m * n);
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
    }
  }
  return c;
}

/**
 * out = A·Bᵀ for A `m × k` and B `n × k`: out[i, j] = row i of A · row j of B. This is the Gram
 * matrix of two sets of row vectors, and a memory read of many queries at once. Returns `out`.
 */
export function matMulTransB<O extends FloatArray = Float64Array>(
  a: FloatArray, b: FloatArray, m: number, k: number, n: number, out?: O,
): O {
  for (const [name, v] of [["m", m], ["k", k], ["n", n]] as const) checkDim("linalg.matMulTransB", name, v);
  need("linalg.matMulTransB", "A", a, m * k);
  need("linalg.matMulTransB", "B", b, n * k);
  const c = out ?? (new Float64Array(m * n) as unknown as O);
  need("linalg.matMulTransB", "out", c, m * n);
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
      c[i * n + j] = s;
    }
  }
  return c;
}

/** The transpose of a `rows × cols` matrix (a new `cols × rows` float64 matrix). */
export function transpose(a: FloatArray, rows: number, cols: number): Float64Array {
  checkDim("linalg.transpose", "rows", rows);
  checkDim("linalg.transpose", "cols", cols);
  need("linalg.transpose", "A", a, rows * cols);
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c]!;
  return t;
}

/**
 * Rank-one update M ← M + α·u·vᵀ for M of shape `rows × cols` (u has `rows` entries from
 * `uOffset`, v has `cols` from `vOffset`): the Hebbian outer-product write. Returns `M`.
 */
export function outerAdd<A extends FloatArray>(
  m: A, rows: number, cols: number, alpha: number, u: FloatArray, v: FloatArray, uOffset = 0, vOffset = 0,
): A {
  checkDim("linalg.outerAdd", "rows", rows);
  checkDim("linalg.outerAdd", "cols", cols);
  need("linalg.outerAdd", "M", m, rows * cols);
  need("linalg.outerAdd", "u", u, uOffset + rows);
  need("linalg.outerAdd", "v", v, vOffset + cols);
  for (let r = 0; r < rows; r++) {
    const s = alpha * u[uOffset + r]!;
    if (s === 0) continue;
    const o = r * cols;
    for (let c = 0; c < cols; c++) m[o + c]! += s * v[vOffset + c]!;
  }
  return m;
}

/** Frobenius norm of a matrix (the Euclidean norm of all its entries). */
export function frobeniusNorm(a: FloatArray): number {
  return norm2(a, a.length, 0);
}

/** Largest absolute entry-wise difference between two arrays of equal length (for tests and checks). */
export function maxAbsDiff(a: FloatArray, b: FloatArray): number {
  if (a.length !== b.length) throw new CajalError(shapeMismatch("linalg.maxAbsDiff", "b", a.length, b.length));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
