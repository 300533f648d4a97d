/** Messages of the emulator runtime (style.md §5.1). */
import type { Problem } from "../../core/errors.js";

/** A projection names a population the network does not have. */
export function unknownPopulation(place: string, label: string, known: readonly string[]): Problem {
  return {
    ruleId: "spinnaker-unknown-population",
    place,
    reason: `no population labelled \`${label}\`.`,
    expected: `one of ${known.map((k) => `\`${k}\``).join(", ")}`,
  };
}

/** A connection whose neuron index lies outside its population. */
export function connectionOutOfRange(place: string, which: "pre" | "post", index: number, size: number): Problem {
  return {
    ruleId: "spinnaker-connection-index",
    place,
    reason: `connection ${which} index ${index} is outside the population of ${size} neurons.`,
    expected: `0 ≤ index < ${size}`,
  };
}

/** A spike-source population used as a projection target. */
export function sourceAsTarget(place: string, label: string): Problem {
  return {
    ruleId: "spinnaker-source-target",
    place,
    reason: `\`${label}\` is a spike source and cannot receive projections.`,
    fix: "project onto a neuron population instead.",
  };
}

/** A run length that is not a whole number of timesteps. */
export function badDuration(durationMs: number, dtMs: number): Problem {
  return {
    ruleId: "spinnaker-duration",
    place: "run",
    reason: `${durationMs} ms is not a whole, positive number of ${dtMs} ms timesteps.`,
    expected: `a positive multiple of ${dtMs} ms`,
  };
}

/** A row with more synapses than a row can hold (SynapseRowTooBigException). */
export function rowTooLong(place: string, nSynapses: number, limit: number): Problem {
  return {
    ruleId: "spinnaker-row-too-long",
    place,
    reason: `one source neuron has ${nSynapses} synapses onto one core, more than can currently be supported (${limit}) (SynapseRowTooBigException).`,
    expected: `at most ${limit} synapses from one neuron onto one core`,
    fix: "Please reduce the size of the target population, or reduce the number of neurons per core.",
  };
}

/** Two plastic projections onto one population with different timing rules. */
export function mixedPlasticity(place: string): Problem {
  return {
    ruleId: "spinnaker-mixed-plasticity",
    place,
    reason: "plastic projections onto one population use different timing rules; a SpiNNaker core runs one synapse dynamics.",
    fix: "use the same timing rule (τ+, τ−) for every plastic projection onto this population.",
  };
}

/** A Poisson rate that is not a finite, non-negative number. */
export function badRate(place: string, rateHz: number): Problem {
  return {
    ruleId: "spinnaker-poisson-rate",
    place,
    reason: `${rateHz} Hz is not a valid Poisson rate.`,
    expected: "a finite rate ≥ 0 Hz",
  };
}

/** A delay beyond what the core and 8 delay stages can hold. */
export function delayTooLong(place: string, delayMs: number, maxMs: number): Problem {
  return {
    ruleId: "spinnaker-delay-too-long",
    place,
    reason: `the projection has a max delay of ${delayMs} ms, but the max delay supported is ${maxMs} ms (the core's ring buffer plus 8 delay-extension stages).`,
    expected: `delays of at most ${maxMs} ms`,
    fix: "shorten the delays, or use a longer timestep (delays count in timesteps).",
  };
}

/** A per-neuron parameter array whose length is not the population's size. */
export function paramLength(place: string, length: number, size: number): Problem {
  return {
    ruleId: "spinnaker-param-length",
    place,
    reason: `${length} values were given for a population of ${size} neurons.`,
    expected: `one value, or exactly ${size} values (one per neuron)`,
  };
}

/** A timestep that is not a whole number of microseconds (ConfigurationException). */
export function badTimestep(dtMs: number): Problem {
  return {
    ruleId: "spinnaker-timestep",
    place: "setup.timestep",
    reason: `a timestep of ${dtMs} ms is not a whole, positive number of microseconds, which SpiNNaker's timer requires (ConfigurationException).`,
    expected: "a positive timestep in whole µs, e.g. 1 or 0.1 ms",
  };
}

/** A timing mode the emulator does not have. */
export function badTiming(timing: unknown): Problem {
  return {
    ruleId: "spinnaker-timing",
    place: "spinnaker.timing",
    reason: `${JSON.stringify(timing)} is not a timing mode.`,
    expected: "\"ideal\" (default: every packet processed within its tick) or \"faithful\" (finite input buffer, late spikes from the cycle model)",
  };
}
