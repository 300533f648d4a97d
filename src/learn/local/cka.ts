/**
 * Representation-similarity measures over plain typed arrays: linear CKA (Kornblith et al. 2019)
 * between two sets of features of the same samples, and the cosine similarity of two matrices.
 * Used by the counter-current notebook to measure how forward and feedback networks align.
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { tf } from "../tf.js";

function checkShape(place: string, what: string, values: ArrayLike<number>, rows: number, cols: number): void {
  if (!(Number.isInteger(rows) && rows >= 2 && Number.isInteger(cols) && cols >= 1)) {
    throw new CajalError(badOption(place, `${what} shape`, `${rows}×${cols}`, "at least 2 samples and 1 feature"));
  }
  if (values.length !== rows * cols) {
    throw new CajalError(badOption(place, `${what}.length`, values.length, `${rows} × ${cols} = ${rows * cols} (samples × features, row-major)`));
  }
}

/** Column-centred copy of a row-major [rows × cols] matrix, in float64. */
function centreColumns(values: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j]! += values[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j]! /= rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = values[i * cols + j]! - mean[j]!;
  return out;
}

/** Squared Frobenius norm of AᵀB for centred row-major A [n × p] and B [n × q]. */
function crossNormSquared(a: Float64Array, p: number, b: Float64Array, q: number, n: number): number {
  const row = new Float64Array(q);
  let total = 0;
  for (let j = 0; j < p; j++) {
    row.fill(0);
    for (let i = 0; i < n; i++) {
      const aij = a[i * p + j]!;
      if (aij === 0) continue;
      const base = i * q;
      for (let k = 0; k < q; k++) row[k]! += aij * b[base + k]!;
    }
    for (let k = 0; k < q; k++) total += row[k]! * row[k]!;
  }
  return total;
}

/**
 * Linear centred kernel alignment between features X [n × p] and Y [n × q] of the same n samples
 * (row-major): CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F · ‖YᵀY‖_F) after centring each feature (Kornblith et
 * al. 2019, eq. 4). 1 for representations equal up to rotation and isotropic scaling, near 0 for
 * unrelated ones. Returns NaN when either representation is constant.
 *
 * @example
 * linearCka(hidden, 500, 256, feedback, 500, 256); // 0 … 1
 */
export function linearCka(x: ArrayLike<number>, rows: number, xCols: number, y: ArrayLike<number>, yRows: number, yCols: number): number {
  checkShape("linearCka", "x", x, rows, xCols);
  checkShape("linearCka", "y", y, yRows, yCols);
  if (yRows !== rows) throw new CajalError(badOption("linearCka", "y rows", yRows, `${rows}, the same samples as x`));
  const xc = centreColumns(x, rows, xCols);
  const yc = centreColumns(y, rows, yCols);
  const xy = crossNormSquared(yc, yCols, xc, xCols, rows);
  const xx = crossNormSquared(xc, xCols, xc, xCols, rows);
  const yy = crossNormSquared(yc, yCols, yc, yCols, rows);
  const denominator = Math.sqrt(xx) * Math.sqrt(yy);
  return denominator > 0 ? xy / denominator : NaN;
}

/**
 * Cosine similarity of two equally sized arrays read as vectors (e.g. a forward weight matrix and
 * the transpose of its feedback partner): ⟨a, b⟩ / (‖a‖‖b‖); NaN when either is all zeros.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new CajalError(badOption("cosineSimilarity", "b.length", b.length, `${a.length}, the length of a`));
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    ab += ai * bi;
    aa += ai * ai;
    bb += bi * bi;
  }
  const denominator = Math.sqrt(aa) * Math.sqrt(bb);
  return denominator > 0 ? ab / denominator : NaN;
}

/** The transpose of a row-major [rows × cols] matrix, as a new Float32Array [cols × rows]. */
export function transpose(values: ArrayLike<number>, rows: number, cols: number): Float32Array {
  if (values.length !== rows * cols) throw new CajalError(badOption("transpose", "values.length", values.length, `${rows * cols}`));
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j]!;
  return out;
}

/**
 * Linear CKA of two tfjs matrices X [n × p] and Y [n × q] (same formula as `linearCka`), with the
 * products on the learning backend: fast for the wide layers of a network. Returns a number.
 */
export function linearCkaTensor(x: tf.Tensor, y: tf.Tensor): number {
  if (x.rank !== 2 || y.rank !== 2 || x.shape[0] !== y.shape[0] || x.shape[0]! < 2) {
    throw new CajalError(badOption("linearCkaTensor", "shapes", `[${x.shape.join(", ")}] and [${y.shape.join(", ")}]`, "two matrices with the same number (≥ 2) of rows"));
  }
  return tf.tidy(() => {
    const xc = tf.sub(x, tf.mean(x, 0, true));
    const yc = tf.sub(y, tf.mean(y, 0, true));
    const frob2 = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b, true, false)));
    const xy = frob2(yc, xc).dataSync()[0]!;
    const xx = frob2(xc, xc).dataSync()[0]!;
    const yy = frob2(yc, yc).dataSync()[0]!;
    const denominator = Math.sqrt(xx) * Math.sqrt(yy);
    return denominator > 0 ? xy / denominator : NaN;
  });
}
