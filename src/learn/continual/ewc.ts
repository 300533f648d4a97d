/**
 * Elastic weight consolidation (Kirkpatrick et al., PNAS 2017): after task k, a quadratic penalty
 * (λ/2) Σ_i F_k,i (θ_i − θ*_k,i)² anchors each weight to its value θ*_k in proportion to the
 * diagonal Fisher information F_k of that task. The sum over tasks is kept in closed form —
 * Σ_k F_k, Σ_k F_k θ*_k and Σ_k F_k θ*_k² — so its value and gradient λ(Σ_k F_k θ − Σ_k F_k θ*_k)
 * cost one pass over the weights, however many tasks came before.
 */
import { CajalError } from "../../core/errors.js";
import { badOption } from "../messages.js";
import { type DsrMlp, dsrBackward, dsrForward, dsrGradients, dsrWorkspace } from "./dsr-mlp.js";

/** The accumulated EWC penalty over a list of weight matrices. */
export class EwcPenalty {
  /** Σ_k F_k per weight matrix. */
  readonly fisher: Float32Array[];
  /** Σ_k F_k θ*_k per weight matrix. */
  readonly anchor: Float32Array[];
  private constant = 0; // Σ_k Σ_i F_k,i θ*_k,i²
  private tasks = 0;

  /** `shapes`: the length of each weight matrix. */
  constructor(shapes: readonly number[]) {
    this.fisher = shapes.map((n) => new Float32Array(n));
    this.anchor = shapes.map((n) => new Float32Array(n));
  }

  /** Tasks consolidated so far. */
  get consolidated(): number {
    return this.tasks;
  }

  /** Adds a task's penalty: Fisher diagonal `fisher` at the weights `weights` (copied in). */
  consolidate(fisher: readonly Float32Array[], weights: readonly Float32Array[]): void {
    if (fisher.length !== this.fisher.length || weights.length !== this.fisher.length) {
      throw new CajalError(badOption("EwcPenalty.consolidate", "fisher.length", fisher.length, `${this.fisher.length} matrices`));
    }
    for (let l = 0; l < this.fisher.length; l++) {
      const f = fisher[l]!, w = weights[l]!, F = this.fisher[l]!, A = this.anchor[l]!;
      if (f.length !== F.length || w.length !== F.length) throw new CajalError(badOption("EwcPenalty.consolidate", `matrix ${l} length`, f.length, `${F.length}`));
      for (let i = 0; i < F.length; i++) {
        F[i]! += f[i]!;
        A[i]! += f[i]! * w[i]!;
        this.constant += f[i]! * w[i]! * w[i]!;
      }
    }
    this.tasks++;
  }

  /** (λ/2) Σ_k Σ_i F_k,i (θ_i − θ*_k,i)² at `weights`. */
  value(weights: readonly Float32Array[], lambda: number): number {
    let s = this.constant;
    for (let l = 0; l < this.fisher.length; l++) {
      const w = weights[l]!, F = this.fisher[l]!, A = this.anchor[l]!;
      for (let i = 0; i < F.length; i++) s += F[i]! * w[i]! * w[i]! - 2 * A[i]! * w[i]!;
    }
    return 0.5 * lambda * s;
  }

  /**
   * One SGD step on task loss + penalty with the penalty taken implicitly (a proximal step):
   * θ ← (θ − lr·g + lr·λ·Σ_k F_k θ*_k) / (1 + lr·λ·Σ_k F_k). For a quadratic penalty this is the
   * exact minimiser of the linearised task loss plus the penalty, and it stays stable for any λ,
   * where the explicit step θ −= lr(g + λF(θ − θ*)) diverges once lr·λ·F > 2 — which, with a
   * Fisher that spans three orders of magnitude across layers, forces λ too small to protect
   * anything but the readout.
   */
  proximalStep(weights: Float32Array[], taskGrads: readonly Float32Array[], learningRate: number, lambda: number): void {
    for (let l = 0; l < this.fisher.length; l++) {
      const w = weights[l]!, F = this.fisher[l]!, A = this.anchor[l]!, g = taskGrads[l]!;
      const c = learningRate * lambda;
      for (let i = 0; i < w.length; i++) w[i] = (w[i]! - learningRate * g[i]! + c * A[i]!) / (1 + c * F[i]!);
    }
  }

  /** Adds the penalty's gradient λ(Σ_k F_k θ − Σ_k F_k θ*_k) to `grads`. */
  addGradient(weights: readonly Float32Array[], lambda: number, grads: Float32Array[]): void {
    if (this.tasks === 0) return;
    for (let l = 0; l < this.fisher.length; l++) {
      const w = weights[l]!, F = this.fisher[l]!, A = this.anchor[l]!, g = grads[l]!;
      for (let i = 0; i < F.length; i++) g[i]! += lambda * (F[i]! * w[i]! - A[i]!);
    }
  }
}

/**
 * Diagonal empirical Fisher information of the network's weights on `count` samples of x
 * [count × inputs] with their true labels: the mean over samples of the squared per-sample DSR
 * gradient. A per-sample weight gradient is an outer product e_b ⊗ p_b, so its square is
 * e_b² ⊗ p_b² and the sum over a batch is one product of the squared factors — no per-sample
 * loop over the weights.
 */
export function dsrFisherDiagonal(net: DsrMlp, x: Float32Array, labels: ArrayLike<number>, count: number, batch = 64): Float32Array[] {
  const inputs = net.sizes[0]!;
  if (x.length < count * inputs || labels.length < count) throw new CajalError(badOption("dsrFisherDiagonal", "count", count, `≤ the samples given (${Math.floor(x.length / inputs)})`));
  const ws = dsrWorkspace(net, batch);
  const grads = dsrGradients(net, batch);
  const fisher = net.weights.map((w) => new Float32Array(w.length));
  const L = net.sizes.length - 1;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const xb = x.subarray(start * inputs, (start + size) * inputs);
    dsrForward(net, xb, size, ws);
    dsrBackward(net, xb, size, ws, labels instanceof Uint8Array ? labels.subarray(start, start + size) : Array.from({ length: size }, (_, k) => labels[start + k]!), grads, { sum: true });
    for (let l = 0; l < L; l++) {
      const outs = net.sizes[l + 1]!, ins = net.sizes[l]!;
      const e = grads.errors[l]!, p = grads.presynaptic[l]!, f = fisher[l]!;
      for (let b = 0; b < size; b++) {
        for (let o = 0; o < outs; o++) {
          const e2 = e[b * outs + o]! ** 2 / count;
          if (e2 === 0) continue;
          const fo = o * ins, po = b * ins;
          for (let i = 0; i < ins; i++) f[fo + i]! += e2 * p[po + i]! * p[po + i]!;
        }
      }
    }
  }
  return fisher;
}
