/**
 * The SpiNNaker stack's energy model (spinnaker.md §6.4; SpiNNMachine `version_*.py`,
 * SpiNNFrontEndCommon `compute_energy_used.py`). Every result is an ESTIMATE built from the stack's
 * published constants, never a measurement; results carry `kind: "estimate"` so they are not mixed
 * with provenance counts.
 */

/** The stack's energy constants (W and J). */
export const ENERGY_CONSTANTS = {
  /** Idle power per chip when not counting whole boards (W). */
  chipIdleW: 0.35,
  /** Idle SpiNN-5 board (W). */
  spinn5BoardIdleW: 26.84,
  /** Extra for a boxed single SpiNN-5 board (W). */
  boxedBoardExtraW: 5.04,
  /** Idle SpiNN-3 board (W). */
  spinn3BoardIdleW: 3.56,
  /** Idle multi-board frame (cabinet) (W). */
  frameIdleW: 117,
  /** Extra power of an active frame (W). */
  frameActiveExtraW: 37.16,
  /** Extra power of one active core (W), times the time it is active. */
  coreActiveW: 0.034,
  /** Router energy per 40-bit packet (multicast, nearest-neighbour, reinjected): 25 pJ/bit (J). */
  packet40BitJ: 1e-9,
  /** Router energy per 72-bit packet (point-to-point, fixed-route, optionally payload multicast) (J). */
  packet72BitJ: 1.8e-9,
} as const;

/** Router traffic of a run, counted once per router a packet passes (Local at the sender, External after). */
export interface PacketCounts {
  readonly multicast?: number;
  /** Multicast packets with a payload (delay extensions, multi-spike); charged 1 nJ unless `payloadMulticastAt72Bits`. */
  readonly multicastWithPayload?: number;
  readonly nearestNeighbour?: number;
  readonly reinjected?: number;
  readonly pointToPoint?: number;
  readonly fixedRoute?: number;
}

/** What the idle power is counted over. */
export type IdleBasis =
  | { readonly kind: "spinn5Boards"; readonly boards: number; readonly boxed?: boolean; readonly frames?: number }
  | { readonly kind: "spinn3Board" }
  | { readonly kind: "chips"; readonly chips: number };

/** Inputs of the estimate. */
export interface EnergyInputs {
  readonly idle: IdleBasis;
  /** Wall-clock run time `n_ticks · dt · time_scale_factor` (ms). */
  readonly runTimeMs: number;
  /**
   * Σ over cores of the time each was active (ms). The stack's fallback when no power monitor ran
   * is "every placed application core active for the whole run": pass `cores · runTimeMs`.
   */
  readonly activeCoreTimeMs: number;
  readonly packets?: PacketCounts;
  /** Charge payload multicast packets as 72-bit packets (the stack charges every multicast 1 nJ). */
  readonly payloadMulticastAt72Bits?: boolean;
}

/** An energy estimate, split by term (J). */
export interface EnergyEstimate {
  readonly kind: "estimate";
  readonly idleJ: number;
  readonly activeCoresJ: number;
  readonly routersJ: number;
  readonly totalJ: number;
}

/** Idle power (W) of a machine configuration. */
export function idlePowerW(idle: IdleBasis): number {
  const c = ENERGY_CONSTANTS;
  switch (idle.kind) {
    case "spinn3Board":
      return c.spinn3BoardIdleW;
    case "chips":
      return idle.chips * c.chipIdleW;
    case "spinn5Boards":
      return idle.boards * c.spinn5BoardIdleW + (idle.boxed ? c.boxedBoardExtraW : 0) + (idle.frames ?? 0) * c.frameIdleW;
  }
}

/** `E = P_idle · T_run + 0.034 W · Σ T_active + Σ E_packet`: an estimate in the stack's model. */
export function estimateEnergy(inputs: EnergyInputs): EnergyEstimate {
  const c = ENERGY_CONSTANTS;
  const p = inputs.packets ?? {};
  const idleJ = idlePowerW(inputs.idle) * (inputs.runTimeMs / 1000);
  const activeCoresJ = c.coreActiveW * (inputs.activeCoreTimeMs / 1000);
  const payloadJ = inputs.payloadMulticastAt72Bits ? c.packet72BitJ : c.packet40BitJ;
  const routersJ =
    ((p.multicast ?? 0) + (p.nearestNeighbour ?? 0) + (p.reinjected ?? 0)) * c.packet40BitJ +
    (p.multicastWithPayload ?? 0) * payloadJ +
    ((p.pointToPoint ?? 0) + (p.fixedRoute ?? 0)) * c.packet72BitJ;
  return { kind: "estimate", idleJ, activeCoresJ, routersJ, totalJ: idleJ + activeCoresJ + routersJ };
}
