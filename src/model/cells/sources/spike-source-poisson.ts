import { CajalError } from "../../../core/errors.js";
import { resolveParams } from "../../params.js";

const table = {
  rate: { unit: "Hz", default: 1, min: 0, pynn: "rate", doc: "the mean firing rate" },
  start: { unit: "ms", default: 0, min: 0, pynn: "start", doc: "the start time" },
  duration: { unit: "ms", default: 1e10, min: 0, pynn: "duration", doc: "the duration" },
} as const;

/** A population of independent Poisson spike trains (PyNN's SpikeSourcePoisson). */
export interface SpikeSourcePoisson {
  readonly kind: "source";
  readonly name: "spikeSourcePoisson";
  readonly pynn: "SpikeSourcePoisson";
  /** Hz, ms, ms. */
  readonly params: { readonly rate: number; readonly start: number; readonly duration: number };
  readonly recordable: readonly ["spikes"];
}

/**
 * Independent Poisson spike trains of `rate` Hz, active in [start, start + duration) ms.
 * Defaults are PyNN's (rate 1 Hz, start 0, duration 10¹⁰ ms). Spikes are drawn in continuous time
 * and emitted on the timestep grid, from a random stream named after the population.
 *
 * @example cells.spikeSourcePoisson({ rate: 20 })
 */
export function spikeSourcePoisson(given: { rate?: number; start?: number; duration?: number } = {}, place = "SpikeSourcePoisson"): SpikeSourcePoisson {
  const { values, problems } = resolveParams(place, table, given as Record<string, unknown>);
  if (problems.length) throw new CajalError(problems);
  return { kind: "source", name: "spikeSourcePoisson", pynn: "SpikeSourcePoisson", params: values, recordable: ["spikes"] };
}

/** The parameter table of SpikeSourcePoisson (for docs and export). */
export const spikeSourcePoissonParams = table;
