/** Compressed sparse rows: the connections of a projection grouped by presynaptic neuron. */
import type { Connections } from "../model/expand.js";

/** Synapses sorted by pre neuron; `rowStart[i] … rowStart[i+1]` are pre neuron i's. */
export interface Csr {
  readonly preSize: number;
  readonly rowStart: Int32Array;
  readonly pre: Int32Array;
  readonly post: Int32Array;
  readonly weight: Float64Array;
  /** Whole timesteps, ≥ 1. */
  readonly delaySteps: Int32Array;
  readonly maxDelaySteps: number;
  /** The delay shared by every synapse, in steps, or 0 when delays differ. */
  readonly uniformDelaySteps: number;
}

/** Builds CSR rows (counting sort by pre, stable, so within a row the connector's order is kept). */
export function buildCsr(c: Connections, preSize: number, dtMs: number): Csr {
  const n = c.pre.length;
  const rowStart = new Int32Array(preSize + 1);
  for (let k = 0; k < n; k++) rowStart[c.pre[k]! + 1]!++;
  for (let i = 0; i < preSize; i++) rowStart[i + 1]! += rowStart[i]!;
  const fill = rowStart.slice(0, preSize);
  const pre = new Int32Array(n);
  const post = new Int32Array(n);
  const weight = new Float64Array(n);
  const delaySteps = new Int32Array(n);
  let maxDelaySteps = 1;
  for (let k = 0; k < n; k++) {
    const at = fill[c.pre[k]!]!++;
    pre[at] = c.pre[k]!;
    post[at] = c.post[k]!;
    weight[at] = c.weight[k]!;
    const d = Math.max(1, Math.round(c.delayMs[k]! / dtMs));
    delaySteps[at] = d;
    if (d > maxDelaySteps) maxDelaySteps = d;
  }
  const uniformDelaySteps = n > 0 && delaySteps.every((d) => d === delaySteps[0]) ? delaySteps[0]! : 0;
  return { preSize, rowStart, pre, post, weight, delaySteps, maxDelaySteps, uniformDelaySteps };
}

/** Synapse indices grouped by post neuron (for plasticity that acts on a post spike). */
export function buildColumns(csr: Csr, postSize: number): { colStart: Int32Array; synapses: Int32Array } {
  const n = csr.post.length;
  const colStart = new Int32Array(postSize + 1);
  for (let k = 0; k < n; k++) colStart[csr.post[k]! + 1]!++;
  for (let j = 0; j < postSize; j++) colStart[j + 1]! += colStart[j]!;
  const fill = colStart.slice(0, postSize);
  const synapses = new Int32Array(n);
  for (let k = 0; k < n; k++) synapses[fill[csr.post[k]!]!++] = k;
  return { colStart, synapses };
}
