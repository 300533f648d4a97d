/**
 * The abstract application graph the mapper works on (spinnaker.md §5.1): vertices are populations
 * (a neuron count, a model name, per-core resource needs), edges are projections. It is deliberately
 * independent of the DSL so the DSL's Network can be translated into it.
 */

/** Resources one core of a vertex needs, as a fixed part plus a part per atom (neuron). Bytes. */
export interface VertexResources {
  /** SDRAM per core independent of the atom count (parameters headers, population table, provenance). */
  readonly sdramFixedBytes: number;
  /** SDRAM per atom (neuron parameters, synaptic matrix rows, recording buffers for the planned run). */
  readonly sdramPerAtomBytes: number;
  /** DTCM per core independent of the atom count (ring buffers, DMA and input buffers, code/stack allowance). */
  readonly dtcmFixedBytes: number;
  /** DTCM per atom (neuron state, keys, STDP history). */
  readonly dtcmPerAtomBytes: number;
}

/** One population: the unit the stack calls an application vertex. */
export interface AppVertex {
  /** The population's label, unique in the graph; used in every message. */
  readonly label: string;
  /** Number of neurons (atoms). */
  readonly nAtoms: number;
  /** PyNN model name: "IF_curr_exp", "SpikeSourceArray", "SpikeSourcePoisson", … */
  readonly model: string;
  /** A lower limit on neurons per core (PyNN `set_number_of_neurons_per_core`); default: the model's. */
  readonly maxAtomsPerCore?: number;
  /** Routing keys each atom sends with (before colours): a delay extension sends one per stage. Default 1. */
  readonly nKeysPerAtom?: number;
  readonly resources: VertexResources;
}

/** One projection: spikes of `pre` reach every core of `post`. */
export interface AppEdge {
  /** Label of the source vertex. */
  readonly pre: string;
  /** Label of the target vertex. */
  readonly post: string;
  /** Number of synapses (informational for routing; used by resource estimates upstream). */
  readonly nSynapses: number;
  /** Optional name of the projection, for messages. */
  readonly label?: string;
}

/** Populations and projections, in creation order (the placer keeps that order). */
export interface AppGraph {
  readonly vertices: readonly AppVertex[];
  readonly edges: readonly AppEdge[];
}

/**
 * Per-core resource estimates of a LIF neuron core with exponential synapses, from spinnaker.md §8.3
 * (estimates: the binary's static data and stack are not modelled byte-exactly).
 * `ringBufferBits` = delay + type + index bits; `recordBytesPerAtom` = recording buffers for the run.
 */
export function estimateNeuronCoreResources(o: {
  readonly ringBufferBits: number;
  readonly synapticBytesPerAtom?: number;
  readonly recordBytesPerAtom?: number;
  readonly stdp?: boolean;
}): VertexResources {
  const wordsPerNeuron = 8 + 6 + 1; // neuron_t + synapse state + threshold, LIF curr_exp
  const stdpHistory = o.stdp ? 4 + 16 * 4 + 16 * 2 : 0;
  return {
    sdramFixedBytes: 16 * 1024, // system, parameter headers, population table, provenance (estimate)
    sdramPerAtomBytes: wordsPerNeuron * 4 + (o.synapticBytesPerAtom ?? 0) + (o.recordBytesPerAtom ?? 0),
    dtcmFixedBytes: 2 * 2 ** o.ringBufferBits + 2 * 259 * 4 + 256 * 4 + 8 * 1024, // + code/stack allowance
    dtcmPerAtomBytes: wordsPerNeuron * 4 + 4 + stdpHistory,
  };
}
