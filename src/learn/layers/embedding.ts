/** Lookup table from integer ids to learned vectors. */
import type { Rng } from "../../core/rng.js";
import { initVariable } from "../init.js";
import { type Tensors, type Variables, pick } from "../params.js";
import { tf } from "../tf.js";

/** Options of `embedding`. */
export interface EmbeddingOptions {
  /** Number of ids (vocabulary size). */
  readonly count: number;
  /** Vector length. */
  readonly dim: number;
  /** Initial table ~ N(0, 1), as PyTorch's nn.Embedding. */
  readonly rng: Rng;
}

/** An embedding: param `table` [count, dim]. */
export interface Embedding {
  readonly params: Variables;
  /** int32 ids of any shape → [...shape, dim]. */
  apply(ids: tf.Tensor, params?: Tensors): tf.Tensor;
  /** Scores against every row, for tied output layers: x [..., dim] → [..., count]. */
  logits(x: tf.Tensor, params?: Tensors): tf.Tensor;
}

/** Creates an embedding table. */
export function embedding(options: EmbeddingOptions): Embedding {
  const params = { table: initVariable(options.rng.stream("table"), [options.count, options.dim], { kind: "normal", scale: 1 }) };
  return {
    params,
    apply(ids, override) {
      const table = pick(params, override, "table");
      const flat = tf.reshape(ids, [-1]);
      return tf.reshape(tf.gather(table, flat.dtype === "int32" ? flat : tf.cast(flat, "int32")), [...ids.shape, options.dim]);
    },
    logits(x, override) {
      const table = pick(params, override, "table");
      const flat = tf.reshape(x, [-1, options.dim]);
      return tf.reshape(tf.matMul(flat, table, false, true), [...x.shape.slice(0, -1), options.count]);
    },
  };
}
