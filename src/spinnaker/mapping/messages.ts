/**
 * Every message of the mapper (style.md §5.1). Each mirrors the stack's own check (spinnaker.md
 * §5.8) and names the exception a real run would raise, so users can look it up.
 */
import type { Problem } from "../../core/errors.js";

/** An edge names a vertex that is not in the graph. */
export function unknownVertex(edge: string, label: string, known: readonly string[]): Problem {
  return {
    ruleId: "spinnaker-unknown-population",
    place: edge,
    reason: `the projection refers to a population \`${label}\` that is not in the network.`,
    expected: `one of ${known.map((k) => `\`${k}\``).join(", ")}`,
    fix: "add the population to the network before projecting to or from it.",
  };
}

/** Two vertices with one label. */
export function duplicateVertex(label: string): Problem {
  return {
    ruleId: "spinnaker-duplicate-population",
    place: label,
    reason: `two populations are labelled \`${label}\`.`,
    fix: "give every population its own label.",
  };
}

/** A vertex with no atoms or a non-integer count. */
export function badAtomCount(label: string, n: number): Problem {
  return {
    ruleId: "spinnaker-population-size",
    place: label,
    reason: `${n} is not a valid number of neurons.`,
    expected: "a whole number ≥ 1",
  };
}

/** `max_atoms_per_core` above the model's cap (SpynnakerException). */
export function atomsPerCoreAboveCap(label: string, model: string, requested: number, cap: number): Problem {
  return {
    ruleId: "spinnaker-atoms-per-core",
    place: label,
    reason: `${requested} neurons per core were requested, but the maximum number of neurons per core for ${model} is ${cap} (SpynnakerException).`,
    expected: `1 ≤ neurons per core ≤ ${cap}`,
    fix: `set at most ${cap} neurons per core for ${model}; the population is then split over more cores.`,
  };
}

/** One core's SDRAM exceeds a chip's (PacmanTooBigToPlace). */
export function tooBigToPlace(label: string, sliceText: string, needBytes: number, chipBytes: number): Problem {
  return {
    ruleId: "spinnaker-sdram",
    place: `${label}${sliceText}`,
    reason: `${label} will not fit on any possible Chip: a core requires ${needBytes} bytes of SDRAM but a Chip only has ${chipBytes} bytes (PacmanTooBigToPlace).`,
    expected: `at most ${chipBytes} bytes of SDRAM per core`,
    fix: "record fewer variables or a shorter run (recording buffers dominate SDRAM), or fewer neurons per core.",
  };
}

/** One core's DTCM estimate exceeds 64 KB (the core would fail at start-up with RTE_SWERR). */
export function dtcmFull(label: string, sliceText: string, needBytes: number, dtcmBytes: number): Problem {
  return {
    ruleId: "spinnaker-dtcm",
    place: `${label}${sliceText}`,
    reason: `a core of ${label} needs about ${needBytes} bytes of DTCM but a core has ${dtcmBytes}; on the machine it would stop with "Out of DTCM" (RTE_SWERR).`,
    expected: `at most ${dtcmBytes} bytes of DTCM per core (estimate)`,
    fix: "use fewer neurons per core, or shorter maximum delays (smaller ring buffers).",
  };
}

/** The machine has too few application cores for the split graph. */
export function machineTooSmall(machine: string, coresNeeded: number, coresAvailable: number, boardsSuggested: number | undefined): Problem {
  return {
    ruleId: "spinnaker-machine-too-small",
    place: machine,
    reason: `the network needs ${coresNeeded} application cores but the ${machine} machine has ${coresAvailable} (PacmanPlaceException).`,
    expected: `at most ${coresAvailable} cores' worth of populations`,
    fix: boardsSuggested === undefined
      ? "use a larger machine, or fewer / smaller populations."
      : `run on { boards: ${boardsSuggested} } (about ${boardsSuggested} SpiNN-5 boards), or make the network smaller.`,
  };
}

/** The placer found no chip to start a vertex on (PacmanPlaceException). */
export function noMoreChips(label: string, machine: string): Problem {
  return {
    ruleId: "spinnaker-no-more-chips",
    place: label,
    reason: `No more chips to start with for ${label} on the ${machine} machine: every chip is full (PacmanPlaceException).`,
    fix: "use more boards, reduce recording (SDRAM), or make the network smaller.",
  };
}

/** The zoned key allocation needs more than 32 bits (PacmanRouteInfoAllocationException). */
export function keysDoNotFit(apBits: number, coreBits: number, atomBits: number): Problem {
  return {
    ruleId: "spinnaker-keys",
    place: "routing keys",
    reason: `routing keys need ${apBits} bits for populations, ${coreBits} for cores and ${atomBits} for neurons: ${apBits + coreBits + atomBits} bits, more than 32 (PacmanRouteInfoAllocationException).`,
    expected: "at most 32 bits in total",
    fix: "use fewer sending populations, or split very large populations into several smaller ones.",
  };
}

/** A chip's routing table does not fit even after compression (PacmanElementAllocationException). */
export function routingTableFull(x: number, y: number, entries: number, limit: number, uncompressed: number): Problem {
  return {
    ruleId: "spinnaker-router-table",
    place: `chip (${x}, ${y})`,
    reason: `The routing table after compression will still not fit within the machines router: (x:${x},y:${y})=${entries} entries (${uncompressed} before compression), limit ${limit} (PacmanElementAllocationException).`,
    expected: `at most ${limit} entries per chip`,
    fix: "connect fewer distinct populations through this chip: merge small populations into larger ones, or use more neurons per core so fewer cores send.",
  };
}

/** A routing-table compressor the mapper does not have. */
export function unknownCompressor(compressor: unknown): Problem {
  return {
    ruleId: "spinnaker-compressor",
    place: "mapping.compressor",
    reason: `${JSON.stringify(compressor)} is not a routing-table compressor.`,
    expected: "\"pair\" (the stack's default) or \"orderedCovering\"",
  };
}
