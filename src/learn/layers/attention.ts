/**
 * Causal multi-head self-attention and a pre-norm transformer block (Vaswani et al. 2017;
 * GPT-2's layout: x + attn(LN(x)), then x + MLP(LN(x))). Inputs are [batch, time, dim].
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { gelu } from "../activations.js";
import { badOption } from "../messages.js";
import { type Tensors, type Variables, collectParams, scope } from "../params.js";
import { tf } from "../tf.js";
import { dense } from "./dense.js";
import { layerNorm } from "./norm.js";

/** Options of `causalSelfAttention`. */
export interface AttentionOptions {
  /** Model width; must be a multiple of `heads`. */
  readonly dim: number;
  /** Attention heads. */
  readonly heads: number;
  /** Attend to earlier positions only (default true); false gives bidirectional attention. */
  readonly causal?: boolean;
  readonly rng: Rng;
}

/** A module over [batch, time, dim] sequences. */
export interface SequenceLayer {
  readonly params: Variables;
  apply(x: tf.Tensor, params?: Tensors): tf.Tensor;
}

/** Multi-head self-attention: params `q/…`, `k/…`, `v/…`, `o/…` (dense layers dim → dim). */
export function causalSelfAttention(options: AttentionOptions): SequenceLayer {
  const { dim, heads, rng } = options;
  if (!Number.isInteger(dim / heads)) throw new CajalError(badOption("causalSelfAttention", "heads", heads, `a divisor of dim = ${dim}`));
  const headDim = dim / heads;
  const parts = {
    q: dense({ inputs: dim, units: dim, rng: rng.stream("q"), fused: false }),
    k: dense({ inputs: dim, units: dim, rng: rng.stream("k"), fused: false }),
    v: dense({ inputs: dim, units: dim, rng: rng.stream("v"), fused: false }),
    o: dense({ inputs: dim, units: dim, rng: rng.stream("o"), fused: false }),
  };
  const params = collectParams(parts);
  const split = (t: tf.Tensor, batch: number, time: number) => tf.transpose(tf.reshape(t, [batch, time, heads, headDim]), [0, 2, 1, 3]);
  return {
    params,
    apply(x, override) {
      const [batch, time] = x.shape as [number, number, number];
      const q = split(parts.q.apply(x, scope(override, "q")), batch, time);
      const k = split(parts.k.apply(x, scope(override, "k")), batch, time);
      const v = split(parts.v.apply(x, scope(override, "v")), batch, time);
      let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)); // [b, h, t, t]
      if (options.causal ?? true) {
        // −1e9 rather than −∞: a fully masked row would otherwise give NaN through the softmax.
        const mask = tf.linalg.bandPart(tf.ones([time, time]), -1, 0);
        scores = tf.add(scores, tf.mul(tf.sub(1, mask), -1e9));
      }
      const mixed = tf.matMul(tf.softmax(scores), v); // [b, h, t, hd]
      const merged = tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [batch, time, dim]);
      return parts.o.apply(merged, scope(override, "o"));
    },
  };
}

/** Options of `transformerBlock`. */
export interface TransformerBlockOptions extends AttentionOptions {
  /** Hidden width of the MLP (default 4·dim). */
  readonly mlpDim?: number;
}

/** One pre-norm transformer block: params under `ln1/`, `attn/`, `ln2/`, `fc/`, `proj/`. */
export function transformerBlock(options: TransformerBlockOptions): SequenceLayer {
  const { dim, rng } = options;
  const mlpDim = options.mlpDim ?? 4 * dim;
  const parts = {
    ln1: layerNorm({ dim, rng: rng.stream("ln1") }),
    attn: causalSelfAttention({ ...options, rng: rng.stream("attn") }),
    ln2: layerNorm({ dim, rng: rng.stream("ln2") }),
    fc: dense({ inputs: dim, units: mlpDim, rng: rng.stream("fc"), fused: false }),
    proj: dense({ inputs: mlpDim, units: dim, rng: rng.stream("proj"), fused: false }),
  };
  return {
    params: collectParams(parts),
    apply(x, override) {
      const a = tf.add(x, parts.attn.apply(parts.ln1.apply(x, scope(override, "ln1")), scope(override, "attn")));
      const h = gelu(parts.fc.apply(parts.ln2.apply(a, scope(override, "ln2")), scope(override, "fc")));
      return tf.add(a, parts.proj.apply(h, scope(override, "proj")));
    },
  };
}
