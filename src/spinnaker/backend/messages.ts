/** Messages of the spinnaker backend (style.md §5.1): what the emulator cannot run, and why. */
import type { Problem } from "../../core/errors.js";

/** A feature of a component the emulator does not model (a rule variant, a parameter value). */
export function unsupportedFeature(place: string, what: string, supported: string, fix: string): Problem {
  return {
    ruleId: "backend-unsupported",
    place,
    reason: `the spinnaker backend has no ${what}.`,
    expected: supported,
    fix,
  };
}

/** An Izhikevich cell whose threshold is not sPyNNaker's fixed 30 mV. */
export function izhikevichThreshold(place: string, vThresh: number): Problem {
  return {
    ruleId: "backend-unsupported",
    place,
    reason: `sPyNNaker's Izhikevich cells spike at a fixed 30 mV; this cell asks for vThresh = ${vThresh} mV.`,
    expected: "vThresh = 30 mV",
    fix: "leave vThresh at its default, or run with { backend: \"reference\" }.",
  };
}

/** A recorded variable the emulator does not record. */
export function notRecordableHere(place: string, variable: string, recordable: readonly string[]): Problem {
  return {
    ruleId: "backend-unsupported",
    place,
    reason: `the spinnaker backend cannot record \`${variable}\`.`,
    expected: `one of ${recordable.map((r) => `\`${r}\``).join(", ")}`,
    fix: `record one of those, or run with { backend: "reference" } to record \`${variable}\`.`,
  };
}

/** A machine option that names no known board. */
export function unknownMachine(place: string, machine: unknown): Problem {
  return {
    ruleId: "spinnaker-machine",
    place,
    reason: `${JSON.stringify(machine)} is not a SpiNNaker machine the emulator knows.`,
    expected: "\"spinn3\" (4 chips), \"spinn5\" (48 chips) or { boards: n } (n SpiNN-5 boards)",
  };
}

/** A profile option that names no toolchain profile. */
export function unknownProfile(place: string, profile: unknown): Problem {
  return {
    ruleId: "spinnaker-profile",
    place,
    reason: `${JSON.stringify(profile)} is not a toolchain profile.`,
    expected: "\"spynnaker7\" (default), \"spynnaker6\" or \"float\"",
  };
}
