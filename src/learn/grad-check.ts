/**
 * Gradient checking: autodiff gradients against central finite differences at sampled
 * coordinates. float32 limits the agreement: with step h, rounding contributes about
 * 6e-8·|f|/h and truncation about h²·|f'''|/6, so the defaults (h = 1e-2 on inputs of order 1)
 * expect agreement to ~1e-3 relative on smooth functions.
 */
import type { Rng } from "../core/rng.js";
import { valueAndGrads } from "./grad.js";
import type { Tensors } from "./params.js";
import { tf } from "./tf.js";

/** One compared coordinate. */
export interface GradCheckEntry {
  readonly param: string;
  readonly index: number;
  readonly autodiff: number;
  readonly numeric: number;
}

/** The result of `gradCheck`. */
export interface GradCheckResult {
  readonly entries: readonly GradCheckEntry[];
  /** max |autodiff − numeric| / (atol + rtol·max(|autodiff|, |numeric|)); ≤ 1 means every entry passed. */
  readonly worst: number;
  /** The entry with the largest ratio. */
  readonly worstEntry: GradCheckEntry | undefined;
}

/** Options of `gradCheck`. */
export interface GradCheckOptions {
  /** Coordinates sampled per parameter (default 6; all when the parameter is smaller). */
  readonly perParam?: number;
  /** Finite-difference step (default 1e-2). */
  readonly step?: number;
  /** Absolute tolerance (default 2e-3). */
  readonly atol?: number;
  /** Relative tolerance (default 2e-2). */
  readonly rtol?: number;
  /** Chooses the coordinates. */
  readonly rng: Rng;
}

/** Compares autodiff with central differences of `f` at sampled coordinates of every parameter. */
export function gradCheck(f: (params: Tensors) => tf.Scalar, params: Tensors, options: GradCheckOptions): GradCheckResult {
  const h = options.step ?? 1e-2;
  const atol = options.atol ?? 2e-3;
  const rtol = options.rtol ?? 2e-2;
  const perParam = options.perParam ?? 6;
  const analytic: Record<string, Float32Array> = tf.tidy(() => {
    const { grads } = valueAndGrads(f, params);
    const out: Record<string, Float32Array> = {};
    for (const [name, g] of Object.entries(grads)) out[name] = g.dataSync() as Float32Array;
    return out;
  }) as unknown as Record<string, Float32Array>;
  const evalWith = (name: string, values: Float32Array): number =>
    tf.tidy(() => {
      const p: Record<string, tf.Tensor> = { ...params, [name]: tf.tensor(values, params[name]!.shape, "float32") };
      return f(p).dataSync()[0]!;
    });
  const entries: GradCheckEntry[] = [];
  let worst = 0;
  let worstEntry: GradCheckEntry | undefined;
  for (const [name, t] of Object.entries(params)) {
    const base = Float32Array.from(t.dataSync() as Float32Array);
    const picks = t.size <= perParam ? Array.from({ length: t.size }, (_, i) => i) : Array.from({ length: perParam }, () => options.rng.int(t.size));
    for (const index of picks) {
      const x0 = base[index]!;
      base[index] = x0 + h;
      const fPlus = evalWith(name, base);
      base[index] = x0 - h;
      const fMinus = evalWith(name, base);
      base[index] = x0;
      const numeric = (fPlus - fMinus) / (2 * h);
      const autodiff = analytic[name]![index]!;
      const entry = { param: name, index, autodiff, numeric };
      entries.push(entry);
      const ratio = Math.abs(autodiff - numeric) / (atol + rtol * Math.max(Math.abs(autodiff), Math.abs(numeric)));
      const comparable = Number.isNaN(ratio) ? Infinity : ratio;
      if (comparable > worst || worstEntry === undefined) { worst = comparable; worstEntry = entry; }
    }
  }
  return { entries, worst, worstEntry };
}
