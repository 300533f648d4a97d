/**
 * One timestep of one population of cells, in the order of sPyNNaker's `neuron_impl_standard`:
 * the synapse takes this step's arriving weights; the input type turns synaptic values into
 * current; the neuron model advances v; the threshold type decides; spiking cells are reset;
 * last, the synapse decays (the neuron has already read this step's input). Each phase runs over
 * all cells before the next: cells do not interact within a step, so this is the same order per
 * cell, and each kernel's loop stays tight. Common compositions with shared parameters run as one
 * fused pass instead (kernels/lif-fused.ts), with the same arithmetic.
 */
import type { CellType } from "../model/cells/compose.js";
import type { CellState, InputKernel, KernelFactory, NeuronKernel, SynapseKernel, ThresholdKernel } from "./state.js";
import { createCellState } from "./state.js";
import { createFusedStep, fusedKindOf, type FusedKind, type FusedStep } from "./kernels/lif-fused.js";

/** A population of cells with its kernels. */
export interface CellPopulation {
  readonly state: CellState;
  readonly synapse: SynapseKernel;
  readonly input: InputKernel;
  readonly neuron: NeuronKernel;
  readonly threshold: ThresholdKernel;
  /** One-pass update for a common composition (same results as the kernels), if there is one. */
  readonly fused?: FusedStep;
  /** The same pass for arrivals already added to the synaptic state (`stepCells(…, "applied")`). */
  readonly fusedApplied?: FusedStep;
  readonly fusedKind?: FusedKind;
  /** The cells that spiked in the last step, ascending; the first `firedCount` count. */
  readonly fired: Int32Array;
  firedCount: number;
}

/** Builds state and kernels for `size` cells of `cell`; `factory` finds each component's kernel. */
export function createCellPopulation(
  cell: CellType, size: number, dtMs: number, factory: (kind: string, name: string) => KernelFactory,
  initial: Readonly<Record<string, Float64Array>>, options: { fused?: boolean; shared?: boolean } = {},
  perNeuron: Readonly<Record<string, Float64Array>> = {},
): CellPopulation {
  const state = createCellState(size, dtMs, options.shared ?? false);
  for (const [name, values] of Object.entries(initial)) {
    if (name === "v") state.v.set(values);
    else state.vars[name] = Float64Array.from(values);
  }
  const base = { dtMs, size, state, cellParams: cell.params, perNeuron };
  const { neuron, synapse, input, threshold } = cell.parts;
  const synapseKernel = factory("synapse", synapse.name)(synapse.params, base) as SynapseKernel;
  const inputKernel = factory("input", input.name)(input.params, base) as InputKernel;
  const ctx = { ...base, synapse: synapseKernel, input: inputKernel };
  const fusedKind = fusedKindFor(cell, perNeuron, options);
  const fused = fusedKind ? createFusedStep(fusedKind, cell.params, dtMs) : undefined;
  return {
    ...(fused ? { fused, fusedApplied: createFusedStep(fusedKind!, cell.params, dtMs, false), fusedKind } : {}),
    state,
    synapse: synapseKernel,
    input: inputKernel,
    neuron: factory("neuron", neuron.name)(neuron.params, ctx) as NeuronKernel,
    threshold: factory("threshold", threshold.name)(threshold.params, ctx) as ThresholdKernel,
    fired: new Int32Array(size),
    firedCount: 0,
  };
}

/** The fused pass a population of `cell` runs, if any (shared parameters and a known composition). */
export function fusedKindFor(cell: CellType, perNeuron: Readonly<Record<string, Float64Array>>, options: { fused?: boolean } = {}): FusedKind | undefined {
  const { neuron, synapse, input, threshold } = cell.parts;
  // The fused passes skip the threshold test while refractory, which the kernels make too: the
  // two agree only when a reset cell is below threshold.
  const fusable = (options.fused ?? true) && Object.keys(perNeuron).length === 0 && cell.params.vReset! < cell.params.vThresh!;
  return fusable ? fusedKindOf(`${neuron.name}/${synapse.name}/${input.name}/${threshold.name}`) : undefined;
}

/** First half of a step: this step's arriving weights join the synaptic state (and the slots are cleared). */
export function receiveInput(p: CellPopulation, arrivingExc: Float64Array, arrivingInh: Float64Array): void {
  p.synapse.receive(p.state, arrivingExc, arrivingInh);
}

/**
 * A whole step: take the arriving weights, unless `received` says the caller already did —
 * `true`: through receiveInput (e.g. to sample traces in between), `"applied"`: by adding them to
 * the synaptic state itself (fused populations only) —, then integrate, detect, reset, decay.
 * Fills `p.fired` and `p.state.spiked`; returns the number of spiking cells.
 */
export function stepCells(p: CellPopulation, arrivingExc: Float64Array, arrivingInh: Float64Array, received: boolean | "applied"): number {
  const s = p.state;
  if (p.fused) {
    const spiked = s.spiked;
    const fired = p.fired;
    for (let m = 0; m < p.firedCount; m++) spiked[fired[m]!] = 0;
    // After receiveInput the slots are zero: adding them again changes nothing.
    const pass = received === "applied" ? p.fusedApplied! : p.fused;
    return (p.firedCount = pass(s, arrivingExc, arrivingInh, fired, 0, s.size));
  }
  if (!received) p.synapse.receive(s, arrivingExc, arrivingInh);
  const count = updateCells(p);
  let n = 0;
  if (count > 0) {
    const spiked = s.spiked;
    const fired = p.fired;
    for (let i = 0; i < s.size; i++) if (spiked[i] !== 0) fired[n++] = i;
  }
  return (p.firedCount = n);
}

/** Second half of a step with the composed kernels: integrate, detect, reset, decay. Returns the number of spikes. */
export function updateCells(p: CellPopulation): number {
  const s = p.state;
  if (p.neuron.readsCurrent) p.input.current(s);
  p.neuron.step(s);
  const fired = p.threshold.crossed(s);
  if (fired > 0) {
    const spiked = s.spiked;
    for (let i = 0; i < s.size; i++) {
      if (spiked[i] !== 0) {
        p.neuron.spiked(s, i);
        p.threshold.spiked(s, i);
      }
    }
  }
  p.threshold.relax(s);
  p.synapse.decay(s);
  return fired;
}
