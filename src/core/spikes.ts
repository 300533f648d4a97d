/**
 * Spike trains as plain data: the shape every backend returns and every spike plot and statistic
 * takes. Struct of arrays, sorted by time, so 10⁶ spikes cost two typed arrays and no objects.
 */

/** The spikes of one population (or one view of it) over one recording window. */
export interface SpikeTrains {
  /** Population label, for titles and legends. */
  readonly label: string;
  /** Number of neurons recorded; neuron indices run 0 … size−1. */
  readonly size: number;
  /** Spike times in ms, non-decreasing. */
  readonly times: Float64Array;
  /** Neuron index of each spike, parallel to `times`. */
  readonly neurons: Int32Array;
  /** Recording window in ms: [start, stop). Rates divide by its length. */
  readonly window: readonly [startMs: number, stopMs: number];
}

/** Spike times of one neuron, in ms, in order. */
export function timesOf(trains: SpikeTrains, neuron: number): Float64Array {
  let count = 0;
  for (let k = 0; k < trains.neurons.length; k++) if (trains.neurons[k] === neuron) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let k = 0; k < trains.neurons.length; k++) if (trains.neurons[k] === neuron) out[j++] = trains.times[k]!;
  return out;
}
