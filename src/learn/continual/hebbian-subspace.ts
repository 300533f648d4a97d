/**
 * A Hebbian "subspace" circuit (Xiao et al., ICLR 2024, HLOP): lateral neurons y = Hx whose weights
 * H learn by Oja's subspace rule ΔH = y (x − Hᵀy)ᵀ — a Hebbian term y xᵀ and an anti-Hebbian term
 * y yᵀH through the recurrent read-back — so that the rows of H converge to an orthonormal basis of
 * the principal subspace of the inputs' second moment E[xxᵀ] (Oja 1989). Rows come in groups that
 * grow with each task; old groups are frozen and define the projection x − Hᵀ(Hx) that keeps
 * weight updates away from what earlier tasks used.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { matmul } from "./gemm.js";

/** Options of `HebbianSubspace`. */
export interface HebbianSubspaceOptions {
  /** Input dimension n. */
  readonly inputs: number;
  /** Learning rate of the Hebbian update (HLOP: 0.001 on pixels, 0.01 on hidden rates). */
  readonly learningRate: number;
  /** Momentum factor m of V ← m·V + (1 − m)·ΔH (default 0.9, as in HLOP). */
  readonly momentum?: number;
  /** Element-wise clip of ΔH (default 10, as in HLOP). */
  readonly clip?: number;
}

/**
 * Lateral subspace neurons over an n-dimensional input. Rows [0, frozenRows) are old and fixed;
 * rows [frozenRows, rows) learn. Weights are float32, row-major [rows × inputs].
 */
export class HebbianSubspace {
  readonly inputs: number;
  readonly learningRate: number;
  readonly momentum: number;
  readonly clip: number;
  private h: Float32Array = new Float32Array(0);
  private v: Float32Array = new Float32Array(0);
  private count = 0;
  private frozen = 0;
  // Scratch buffers, grown on demand and reused so the hot loops allocate nothing.
  private y = new Float32Array(0);
  private r = new Float32Array(0);
  private delta = new Float32Array(0);
  private yLearning = new Float32Array(0);

  constructor(options: HebbianSubspaceOptions) {
    const { inputs, learningRate } = options;
    if (!(Number.isInteger(inputs) && inputs >= 1)) throw new CajalError(badOption("HebbianSubspace", "inputs", inputs, "an integer ≥ 1"));
    if (!(learningRate > 0)) throw new CajalError(badOption("HebbianSubspace", "learningRate", learningRate, "> 0"));
    const momentum = options.momentum ?? 0.9;
    if (!(momentum >= 0 && momentum < 1)) throw new CajalError(badOption("HebbianSubspace", "momentum", momentum, "0 ≤ momentum < 1"));
    const clip = options.clip ?? 10;
    if (!(clip > 0)) throw new CajalError(badOption("HebbianSubspace", "clip", clip, "> 0"));
    this.inputs = inputs;
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.clip = clip;
  }

  /** Number of subspace neurons (rows of H). */
  get rows(): number {
    return this.count;
  }

  /** Number of frozen (old-task) rows, the ones the projection uses. */
  get frozenRows(): number {
    return this.frozen;
  }

  /** A copy of H [rows × inputs] (or of its first `rows` rows). */
  weights(rows = this.count): Float32Array {
    return this.h.slice(0, Math.min(rows, this.count) * this.inputs);
  }

  /**
   * Appends `count` learning rows, orthonormal among themselves (Gram–Schmidt on Gaussian rows,
   * like PyTorch's orthogonal init of a wide matrix), with zero momentum.
   */
  addRows(count: number, rng: Rng): void {
    if (!(Number.isInteger(count) && count >= 0)) throw new CajalError(badOption("HebbianSubspace.addRows", "count", count, "an integer ≥ 0"));
    if (count === 0) return;
    const n = this.inputs;
    if (count > n) throw new CajalError(badOption("HebbianSubspace.addRows", "count", count, `≤ inputs (${n}) to be orthonormal`));
    const total = this.count + count;
    const h = new Float32Array(total * n);
    h.set(this.h.subarray(0, this.count * n));
    const v = new Float32Array(total * n);
    v.set(this.v.subarray(0, this.count * n));
    const row = new Float64Array(n);
    const done: Float64Array[] = [];
    while (done.length < count) {
      for (let j = 0; j < n; j++) row[j] = rng.normal();
      for (let pass = 0; pass < 2; pass++) {
        for (const q of done) {
          let d = 0;
          for (let j = 0; j < n; j++) d += row[j]! * q[j]!;
          for (let j = 0; j < n; j++) row[j]! -= d * q[j]!;
        }
      }
      let norm = 0;
      for (let j = 0; j < n; j++) norm += row[j]! * row[j]!;
      if (norm < 1e-12) continue;
      const q = new Float64Array(n);
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < n; j++) q[j] = row[j]! * inv;
      h.set(q, (this.count + done.length) * n);
      done.push(q);
    }
    this.h = h;
    this.v = v;
    this.count = total;
  }

  /** Freezes every row (HLOP's merge after a task): they stop learning and define the projection. */
  freeze(): void {
    this.frozen = this.count;
  }

  private scratch(batch: number): void {
    if (this.y.length < batch * this.count) this.y = new Float32Array(batch * this.count);
    if (this.r.length < batch * this.inputs) this.r = new Float32Array(batch * this.inputs);
    if (this.delta.length < this.count * this.inputs) this.delta = new Float32Array(this.count * this.inputs);
    if (this.yLearning.length < batch * this.count) this.yLearning = new Float32Array(batch * this.count);
  }

  /**
   * `iterations` steps of the Oja subspace rule on the batch x [batch × inputs]: y = Hx over all
   * rows, ΔH = mean over the batch of y (x − Hᵀy)ᵀ, clipped element-wise to ±clip, zero on frozen
   * rows; V ← m·V + (1 − m)·ΔH and H ← H + lr·V on the learning rows.
   */
  update(x: Float32Array, batch: number, iterations = 1): void {
    const n = this.inputs;
    const k = this.count;
    if (x.length < batch * n) throw new CajalError(badOption("HebbianSubspace.update", "x.length", x.length, `≥ ${batch} × ${n}`));
    if (k === this.frozen || batch === 0) return;
    this.scratch(batch);
    const { h, v, y, r, delta } = this;
    const lo = this.frozen;
    const m = this.momentum;
    const learning = k - lo;
    const yl = this.yLearning;
    for (let it = 0; it < iterations; it++) {
      matmul(x, h, y, batch, k, n, { transB: true });
      // Residual x − Hᵀy: what the lateral read-back fails to explain (the anti-Hebbian part).
      matmul(y, h, r, batch, n, k);
      for (let i = 0; i < batch * n; i++) r[i] = x[i]! - r[i]!;
      for (let b = 0; b < batch; b++) for (let q = 0; q < learning; q++) yl[b * learning + q] = y[b * k + lo + q]! / batch;
      matmul(yl, r, delta, learning, n, batch, { transA: true, cOffset: lo * n });
      const c = this.clip;
      const lr = this.learningRate;
      for (let i = lo * n; i < k * n; i++) {
        const d = Math.max(-c, Math.min(c, delta[i]!));
        const vi = m * v[i]! + (1 - m) * d;
        v[i] = vi;
        h[i]! += lr * vi;
      }
    }
  }

  /**
   * The residual x − Hᵀ(Hx) over the frozen rows, for every row of x [batch × inputs], written to
   * `out` (may be x itself). With no frozen rows the residual is x.
   */
  residual(x: Float32Array, batch: number, out: Float32Array): Float32Array {
    const n = this.inputs;
    const k = this.frozen;
    if (x.length < batch * n || out.length < batch * n) throw new CajalError(badOption("HebbianSubspace.residual", "x.length", x.length, `≥ ${batch} × ${n}`));
    if (k === 0) {
      if (out !== x) out.set(x.subarray(0, batch * n));
      return out;
    }
    if (this.y.length < batch * k) this.y = new Float32Array(batch * this.count);
    if (this.r.length < batch * n) this.r = new Float32Array(batch * n);
    const { y, r, h } = this;
    matmul(x, h, y, batch, k, n, { transB: true });
    matmul(y, h, r, batch, n, k);
    for (let i = 0; i < batch * n; i++) out[i] = x[i]! - r[i]!;
    return out;
  }
}

/**
 * Subspace sizes per task for one HLOP module: `first` rows for task 1, then `increments[0]` for
 * tasks 2–3, `[1]` for 4–6, `[2]` for 7–9 and `[3]` from task 10 on (the schedule of HLOP's
 * PMNIST script, whose increment drops every third task). Returns `tasks` numbers.
 */
export function subspaceSchedule(first: number, increments: readonly [number, number, number, number], tasks: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < tasks; t++) out.push(t === 0 ? first : increments[Math.min(3, Math.floor(t / 3))]!);
  return out;
}
