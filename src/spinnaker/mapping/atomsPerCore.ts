/** The stack's limits on atoms per core by model (spinnaker.md §5.1). */

/** Default for every neuron model with standard synapses: the maximum row length, 256. */
export const NEURON_MAX_ATOMS_PER_CORE = 256;
/** Poisson sources (`SpikeSourcePoisson`, variable-rate Poisson). */
export const POISSON_MAX_ATOMS_PER_CORE = 500;
/** Local-only models (convolution, pool-dense). */
export const LOCAL_ONLY_MAX_ATOMS_PER_CORE = 2048;

const SOURCE_LIMITS: Readonly<Record<string, number>> = {
  SpikeSourcePoisson: POISSON_MAX_ATOMS_PER_CORE,
  SpikeSourcePoissonVariable: POISSON_MAX_ATOMS_PER_CORE,
  // No model limit: one core as long as SDRAM allows.
  SpikeSourceArray: Infinity,
  // Delay extensions follow their source's slicing (set explicitly by whoever adds them).
  DelayExtension: Infinity,
  Convolution: LOCAL_ONLY_MAX_ATOMS_PER_CORE,
  PoolDense: LOCAL_ONLY_MAX_ATOMS_PER_CORE,
};

/** The model's cap on atoms per core; neuron models (any other name) are capped at 256. */
export function modelMaxAtomsPerCore(model: string): number {
  return SOURCE_LIMITS[model] ?? NEURON_MAX_ATOMS_PER_CORE;
}
