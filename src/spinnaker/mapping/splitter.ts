/**
 * Splitting populations into per-core slices (spinnaker.md §5.1): consecutive slices of
 * `max_atoms_per_core` neurons, the last one shorter.
 */
import { type Problem } from "../../core/errors.js";
import { DTCM_BYTES } from "../machine/spin1.js";
import type { AppGraph } from "./appGraph.js";
import { modelMaxAtomsPerCore } from "./atomsPerCore.js";
import { atomsPerCoreAboveCap, badAtomCount, dtcmFull, duplicateVertex, unknownVertex } from "./messages.js";

/** One core's share of a population: the stack's machine vertex. */
export interface MachineVertex {
  /** Index in the list of all machine vertices (placement order). */
  readonly index: number;
  /** Index of the population in `graph.vertices`. */
  readonly appVertex: number;
  /** Index of this slice within its population. */
  readonly sliceIndex: number;
  /** First neuron (inclusive) and end (exclusive) of the slice. */
  readonly lo: number;
  readonly hi: number;
  readonly sdramBytes: number;
  readonly dtcmBytes: number;
}

/** Neurons per core used for a vertex: the user's limit when given, else the model's cap. */
export function atomsPerCore(model: string, requested: number | undefined, nAtoms: number): number {
  const cap = modelMaxAtomsPerCore(model);
  return Math.min(requested ?? cap, cap, nAtoms);
}

/** Every structural problem of a graph: labels, sizes, edges and atoms-per-core limits. Collects, never throws. */
export function checkGraph(graph: AppGraph): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const v of graph.vertices) {
    if (seen.has(v.label)) problems.push(duplicateVertex(v.label));
    seen.add(v.label);
    if (!Number.isInteger(v.nAtoms) || v.nAtoms < 1) problems.push(badAtomCount(v.label, v.nAtoms));
    const cap = modelMaxAtomsPerCore(v.model);
    if (v.maxAtomsPerCore !== undefined && (!Number.isInteger(v.maxAtomsPerCore) || v.maxAtomsPerCore < 1 || v.maxAtomsPerCore > cap)) {
      problems.push(atomsPerCoreAboveCap(v.label, v.model, v.maxAtomsPerCore, cap));
    }
  }
  const labels = graph.vertices.map((v) => v.label);
  graph.edges.forEach((e, i) => {
    const place = e.label ?? `projection ${i} (${e.pre} → ${e.post})`;
    if (!seen.has(e.pre)) problems.push(unknownVertex(place, e.pre, labels));
    if (!seen.has(e.post)) problems.push(unknownVertex(place, e.post, labels));
  });
  return problems;
}

/**
 * Splits every population into slices and sizes each core's SDRAM and DTCM. Returns the machine
 * vertices in population order and every DTCM problem found (an over-full core).
 */
export function splitGraph(graph: AppGraph): { vertices: MachineVertex[]; problems: Problem[] } {
  const vertices: MachineVertex[] = [];
  const problems: Problem[] = [];
  graph.vertices.forEach((v, a) => {
    const perCore = atomsPerCore(v.model, v.maxAtomsPerCore, v.nAtoms);
    let sliceIndex = 0;
    for (let lo = 0; lo < v.nAtoms; lo += perCore, sliceIndex++) {
      const hi = Math.min(v.nAtoms, lo + perCore);
      const n = hi - lo;
      const mv: MachineVertex = {
        index: vertices.length, appVertex: a, sliceIndex, lo, hi,
        sdramBytes: v.resources.sdramFixedBytes + n * v.resources.sdramPerAtomBytes,
        dtcmBytes: v.resources.dtcmFixedBytes + n * v.resources.dtcmPerAtomBytes,
      };
      if (mv.dtcmBytes > DTCM_BYTES) problems.push(dtcmFull(v.label, `[${lo}:${hi}]`, mv.dtcmBytes, DTCM_BYTES));
      vertices.push(mv);
    }
  });
  return { vertices, problems };
}
