/** Test data for the plot tests: Poisson spike trains and their exact spike counts. */
import { createRng } from "../../src/core/rng.js";
import type { SpikeTrains } from "../../src/core/spikes.js";

/** Independent Poisson trains, sorted by time, drawn from a seeded stream. */
export function poissonTrains(label: string, size: number, rateHz: number, durationMs: number, seed: number): SpikeTrains {
  const rng = createRng(seed).stream(label);
  const times: number[] = [];
  const neurons: number[] = [];
  for (let i = 0; i < size; i++) {
    let t = rng.exponential(1000 / rateHz);
    while (t < durationMs) {
      times.push(t);
      neurons.push(i);
      t += rng.exponential(1000 / rateHz);
    }
  }
  const order = Array.from(times.keys()).sort((a, b) => times[a]! - times[b]!);
  return {
    label, size, window: [0, durationMs],
    times: Float64Array.from(order, (k) => times[k]!),
    neurons: Int32Array.from(order, (k) => neurons[k]!),
  };
}

/** A leaky integrate-and-fire membrane trace under constant drive (mV, dt in ms), with resets. */
export function lifTrace(durationMs: number, dtMs: number): { t: Float64Array; v: Float64Array } {
  const n = Math.round(durationMs / dtMs);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let u = -65;
  for (let i = 0; i < n; i++) {
    t[i] = i * dtMs;
    u += (dtMs / 20) * (-65 - u + 18);
    if (u >= -50) u = -65;
    v[i] = u;
  }
  return { t, v };
}
