/**
 * External memory with least-recently-used access (LRUA), as in the memory-augmented neural
 * network of Santoro et al. (2016): content addressing by cosine similarity sharpened by a
 * softmax, reads as weighted sums of slots, writes to either the last-read slots or the least-used
 * slot, and a decaying usage record. Every function works on a batch of memories [batch, slots,
 * width] and is differentiable (the least-used slot is a constant of the step, as in the paper).
 */
import { tf } from "../tf.js";

/** The memory of a batch of episodes between two steps. */
export interface MemoryState {
  /** Slot contents M, [batch, slots, width]. */
  readonly memory: tf.Tensor;
  /** Read weights of the last step w^r, [batch, slots]. */
  readonly readWeights: tf.Tensor;
  /** Usage weights w^u, [batch, slots]. */
  readonly usage: tf.Tensor;
  /** One-hot of the least-used slot w^lu, [batch, slots]. */
  readonly leastUsed: tf.Tensor;
  /** The last read vector r, [batch, width]. */
  readonly read: tf.Tensor;
}

/**
 * A fresh memory (reset at every episode start): slots hold a tiny constant (1e-6, as in
 * Santoro et al.'s implementation, so cosine similarity is defined), no reads yet, zero usage,
 * and slot 0 as the first least-used slot.
 */
export function emptyMemory(batch: number, slots: number, width: number): MemoryState {
  return {
    memory: tf.fill([batch, slots, width], 1e-6),
    readWeights: tf.zeros([batch, slots]),
    usage: tf.zeros([batch, slots]),
    leastUsed: tf.oneHot(tf.zeros([batch], "int32"), slots).toFloat(),
    read: tf.zeros([batch, width]),
  };
}

/**
 * Content addressing: w_i = softmax_i(β · cos(k, M_i)). `key` [batch, width], `strength` β
 * [batch, 1] (≥ 0; larger is sharper). A tiny constant inside the norms keeps the gradient finite
 * at an erased (all-zero) slot.
 */
export function cosineAddress(memory: tf.Tensor, key: tf.Tensor, strength: tf.Tensor): tf.Tensor {
  const dots = tf.squeeze(tf.matMul(memory, tf.expandDims(key, 2)), [2]); // [B, N]
  const slotNorms = tf.sqrt(tf.add(tf.sum(tf.square(memory), 2), 1e-8)); // [B, N]
  const keyNorm = tf.sqrt(tf.add(tf.sum(tf.square(key), 1, true), 1e-8)); // [B, 1]
  const cosine = tf.div(dots, tf.mul(slotNorms, keyNorm));
  return tf.softmax(tf.mul(cosine, strength));
}

/** A read: r = Σ_i w_i M_i, [batch, width], from weights [batch, slots]. */
export function readMemory(memory: tf.Tensor, weights: tf.Tensor): tf.Tensor {
  return tf.squeeze(tf.matMul(tf.expandDims(weights, 1), memory), [1]);
}

/** One-hot of the least-used slot of each memory, [batch, slots] (a constant: no gradient). */
export function leastUsedSlot(usage: tf.Tensor): tf.Tensor {
  return tf.oneHot(tf.argMin(usage, 1), usage.shape[1]!).toFloat();
}

/** What one LRUA step produced. */
export interface LruaStep {
  readonly state: MemoryState;
  /** Write weights w^w of this step, [batch, slots]. */
  readonly writeWeights: tf.Tensor;
}

/**
 * One LRUA step (Santoro et al. 2016, eqs. 4–8): write weights
 * w^w_t = σ(a)·w^r_{t−1} + (1 − σ(a))·w^lu_{t−1}; the least-used slot is erased, then
 * M_t = M_{t−1} + w^w_t ⊗ k_t; the read weights w^r_t = softmax(β·cos(k_t, M_t)) give
 * r_t = Σ w^r_t M_t; usage w^u_t = γ·w^u_{t−1} + w^r_t + w^w_t and the next least-used slot is the
 * argmin of usage. `writeGate` σ(a) is [batch, 1] in (0, 1); `usageDecay` γ is dimensionless
 * (Santoro et al. and the notebook use 0.95).
 */
export function lruaStep(state: MemoryState, key: tf.Tensor, strength: tf.Tensor, writeGate: tf.Tensor, usageDecay: number): LruaStep {
  const writeWeights = tf.add(tf.mul(writeGate, state.readWeights), tf.mul(tf.sub(1, writeGate), state.leastUsed));
  const kept = tf.mul(state.memory, tf.expandDims(tf.sub(1, state.leastUsed), 2));
  const memory = tf.add(kept, tf.matMul(tf.expandDims(writeWeights, 2), tf.expandDims(key, 1)));
  const readWeights = cosineAddress(memory, key, strength);
  const read = readMemory(memory, readWeights);
  const usage = tf.add(tf.add(tf.mul(state.usage, usageDecay), readWeights), writeWeights);
  return { state: { memory, readWeights, usage, leastUsed: leastUsedSlot(usage), read }, writeWeights };
}
