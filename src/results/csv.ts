/** CSV text of recordings: plain strings, no DataFrame needed. */

/** Spikes as CSV with header `t_ms,neuron`. */
export function spikesCsv(times: Float64Array, neurons: Int32Array): string {
  const lines = ["t_ms,neuron"];
  for (let k = 0; k < times.length; k++) lines.push(`${times[k]},${neurons[k]}`);
  return lines.join("\n") + "\n";
}

/** A trace as CSV: `t_ms` then one column per neuron (`v_3` for neuron 3). */
export function traceCsv(variable: string, dtMs: number, neurons: Int32Array, values: Float64Array, steps: number): string {
  const n = neurons.length;
  const lines = [["t_ms", ...Array.from(neurons, (i) => `${variable}_${i}`)].join(",")];
  for (let s = 0; s < steps; s++) {
    const row = [String(s * dtMs)];
    for (let k = 0; k < n; k++) row.push(String(values[s * n + k]));
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}
