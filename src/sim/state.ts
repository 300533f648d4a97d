/**
 * The reference backend's per-population state (struct of arrays, float64) and the interfaces its
 * component kernels implement. One population uses one set of kernels, so each kernel's loop
 * stays monomorphic.
 */

/** State of one population of composed cells. */
export interface CellState {
  readonly size: number;
  /** Timestep, ms. */
  readonly dtMs: number;
  /** Membrane potential, mV. */
  readonly v: Float64Array;
  /** Excitatory and inhibitory synaptic values: nA (current input) or µS (conductance input). */
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  /** Synaptic current this step, nA (filled by the input kernel). */
  readonly iSyn: Float64Array;
  /** Injected current this step, nA (current sources; zero without them). */
  readonly iInject: Float64Array;
  /** Whether iInject may be non-zero (the population has current sources); fused kernels skip it otherwise. */
  injected: boolean;
  /** Timesteps of refractoriness left. */
  readonly refractory: Int32Array;
  /** Spikes emitted this step (count per neuron). */
  readonly spiked: Uint8Array;
  /** Further state by name: "u" (Izhikevich), "w" (AdEx), "theta" (adaptive threshold)… */
  readonly vars: Record<string, Float64Array>;
}

/** Makes zeroed state for `size` cells; `shared`: in shared memory, for worker threads. */
export function createCellState(size: number, dtMs: number, shared = false): CellState {
  const f64 = () => shared ? sharedFloat64(size) : new Float64Array(size);
  return {
    size, dtMs,
    v: f64(), exc: f64(), inh: f64(), iSyn: f64(), iInject: f64(), injected: false,
    refractory: shared ? sharedInt32(size) : new Int32Array(size),
    spiked: shared ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size),
    vars: {},
  };
}

/** A zeroed Float64Array in shared memory. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * length));
}

/** A zeroed Int32Array in shared memory. */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

/** Synapse shape: takes this step's arriving weights, decays at the end of the step. */
export interface SynapseKernel {
  /** Adds this step's arriving weights to the synaptic state and zeroes the arriving arrays (ring slots). */
  receive(s: CellState, arrivingExc: Float64Array, arrivingInh: Float64Array): void;
  decay(s: CellState): void;
  /** Per-neuron time constants when the synaptic value decays as one exponential (allows exact LIF propagation). */
  readonly exponentialTaus?: { readonly exc: Float64Array; readonly inh: Float64Array };
}

/** Input type: turns synaptic values into current (conductance inputs need v). */
export interface InputKernel {
  readonly conductance: boolean;
  /** Fills s.iSyn (nA) from the synaptic values and s.v. */
  current(s: CellState): void;
  /** Synaptic current (nA) of neuron i at membrane potential v (for integrators with substeps). */
  currentAt(s: CellState, i: number, v: number): number;
}

/** Neuron model: advances v (and its own state) by one timestep, and resets after a spike. */
export interface NeuronKernel {
  /** Whether `step` reads s.iSyn (if not, the input kernel's `current` pass is skipped). */
  readonly readsCurrent: boolean;
  step(s: CellState): void;
  spiked(s: CellState, i: number): void;
}

/** Threshold type: marks s.spiked, reacts to spikes, relaxes. */
export interface ThresholdKernel {
  /** Sets s.spiked[i] for every cell over threshold; returns how many. */
  crossed(s: CellState): number;
  spiked(s: CellState, i: number): void;
  relax(s: CellState): void;
}

/** What a kernel factory is given. */
export interface KernelContext {
  readonly dtMs: number;
  readonly size: number;
  readonly state: CellState;
  /** Every shared parameter of the cell (flat, Cajal names). */
  readonly cellParams: Readonly<Record<string, number>>;
  /** Per-neuron values of the parameters that differ between neurons (drawn before the run). */
  readonly perNeuron: Readonly<Record<string, Float64Array>>;
  readonly synapse?: SynapseKernel;
  readonly input?: InputKernel;
}

/** A parameter as one value per neuron, whether it is shared or per-neuron. */
export function paramArray(ctx: KernelContext, name: string): Float64Array {
  const own = ctx.perNeuron[name];
  if (own) return own;
  const value = ctx.cellParams[name];
  if (value === undefined) throw new Error(`kernel: no parameter ${name}`); // a Cajal bug
  return new Float64Array(ctx.size).fill(value);
}

/** Any component kernel. */
export type Kernel = SynapseKernel | InputKernel | NeuronKernel | ThresholdKernel;
/** Builds a kernel for one population from the component's parameters. */
export type KernelFactory = (params: Readonly<Record<string, number>>, ctx: KernelContext) => Kernel;
