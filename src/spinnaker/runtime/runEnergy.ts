/**
 * The energy estimate of an emulated run (spinnaker.md §6.4), from its exact router counts and
 * placements. An ESTIMATE in the stack's own model, labelled as such.
 */
import { type EnergyEstimate, type IdleBasis, estimateEnergy } from "../provenance/energy.js";
import type { Emulation } from "./emulator.js";

/** How active time is counted. */
export interface RunEnergyOptions {
  /** Idle basis; default from the machine: a SpiNN-3 board, n SpiNN-5 boards, or per chip for virtual machines. */
  readonly idle?: IdleBasis;
  /** `time_scale_factor` of the run (default 1). */
  readonly timeScaleFactor?: number;
}

/**
 * The stack's estimate for a run: idle power over the run, every placed application core active for
 * the whole run (the stack's fallback without a power monitor), and 1 nJ per multicast packet per router.
 */
export function estimateRunEnergy(run: Emulation, options: RunEnergyOptions = {}): EnergyEstimate & { readonly multicastPackets: number } {
  const machine = run.mapping.machine;
  const runTimeMs = run.nTicks * run.dtMs * (options.timeScaleFactor ?? 1);
  const idle: IdleBasis = options.idle ?? (machine.boardKind === "spinn3" ? { kind: "spinn3Board" }
    : machine.boardKind === "spinn5" ? { kind: "spinn5Boards", boards: machine.nBoards }
    : { kind: "chips", chips: machine.chips.length });
  let multicastPackets = 0;
  for (const item of run.provenance) {
    if (item.name === "Local_Multicast_Packets" || item.name === "External_Multicast_Packets") multicastPackets += item.count;
  }
  const estimate = estimateEnergy({
    idle, runTimeMs, activeCoreTimeMs: run.mapping.vertices.length * runTimeMs, packets: { multicast: multicastPackets },
  });
  return { ...estimate, multicastPackets };
}
