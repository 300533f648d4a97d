import { CajalError, type Problem } from "../../../core/errors.js";
import * as msg from "../../messages.js";

/** A population that replays given spike times (PyNN's SpikeSourceArray). */
export interface SpikeSourceArray {
  readonly kind: "source";
  readonly name: "spikeSourceArray";
  readonly pynn: "SpikeSourceArray";
  /** One list for every neuron, or one list per neuron; times in ms, sorted here. */
  readonly spikeTimes: readonly (readonly number[])[] | readonly number[];
  readonly recordable: readonly ["spikes"];
}

/**
 * A spike source that emits exactly the given times (ms). Pass one list for all neurons or one
 * list per neuron. Times (≥ 0) are rounded to the timestep grid when the network runs.
 *
 * @example cells.spikeSourceArray({ spikeTimes: [10, 20, 30] })
 */
export function spikeSourceArray(given: { spikeTimes: readonly number[] | readonly (readonly number[])[] }, place = "SpikeSourceArray"): SpikeSourceArray {
  const problems: Problem[] = [];
  const times = given?.spikeTimes;
  if (!Array.isArray(times)) throw new CajalError(msg.badValue(`${place}.spikeTimes`, times, "list of spike times (ms)"));
  const perNeuron = times.length > 0 && times.every((t) => Array.isArray(t));
  const lists: readonly (readonly unknown[])[] = perNeuron ? (times as unknown[][]) : [times as unknown[]];
  if (!perNeuron && times.some((t) => Array.isArray(t))) {
    problems.push(msg.badValue(`${place}.spikeTimes`, times, "list of spike times: all numbers, or all lists"));
  }
  lists.forEach((list, i) => list.forEach((t) => {
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) problems.push(msg.badSpikeTime(`${place}.spikeTimes${perNeuron ? `[${i}]` : ""}`, t));
  }));
  if (problems.length) throw new CajalError(problems);
  const sorted = perNeuron
    ? (times as number[][]).map((l) => [...l].sort((a, b) => a - b))
    : [...(times as number[])].sort((a, b) => a - b);
  return { kind: "source", name: "spikeSourceArray", pynn: "SpikeSourceArray", spikeTimes: sorted, recordable: ["spikes"] };
}
