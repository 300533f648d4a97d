/**
 * Network-on-chip load (spinnaker.md §6.3): packets per link per tick against a link capacity.
 * The capacity is the architecture papers' order of magnitude (about 6 million 40-bit packets per
 * second per direction) and is UNVERIFIED; utilisation figures are estimates.
 */

/** Link capacity, packets per second per direction (unverified; configurable). */
export const LINK_CAPACITY_PACKETS_PER_S = 6e6;

/** Load of one directed link over a run. */
export interface LinkLoad {
  readonly kind: "estimate";
  readonly x: number;
  readonly y: number;
  readonly link: number;
  readonly packets: number;
  readonly maxPacketsPerTick: number;
  /** Busiest tick's packets over what the link carries in one tick of wall-clock time. */
  readonly peakUtilisation: number;
}

/** Packets a link can carry in one tick of `dtMs · timeScaleFactor` wall-clock milliseconds. */
export function linkCapacityPerTick(dtMs: number, timeScaleFactor = 1, capacityPerS = LINK_CAPACITY_PACKETS_PER_S): number {
  return (capacityPerS * dtMs * timeScaleFactor) / 1000;
}
