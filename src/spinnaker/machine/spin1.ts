/**
 * Constants of the SpiNNaker1 chip, router and runtime (spinnaker.md §1), as data so a virtual
 * SpiNN-3 and a virtual SpiNN-5 differ only in tables.
 */

/** ARM968 cores per chip (`NUM_CPUS`). */
export const CORES_PER_CHIP = 18;
/** Core 0 of every chip runs the monitor (SC&MP). */
export const MONITOR_CORE = 0;
/** With the default "advanced monitor support", one more core per chip runs the extra monitor. */
export const EXTRA_MONITOR_CORE = 1;
/** On Ethernet chips one more core hosts the packet gatherer. */
export const GATHERER_CORE = 2;
/** A chip with fewer working cores than this is not used. */
export const MINIMUM_CORES_FOR_A_USABLE_CHIP = 5;
/** Core clock (Hz). */
export const CLOCK_HZ = 200_000_000;
/** Data tightly-coupled memory per core (bytes). */
export const DTCM_BYTES = 65536;
/** Instruction tightly-coupled memory per core (bytes). */
export const ITCM_BYTES = 32768;
/** Shared System RAM per chip (bytes). */
export const SYSRAM_BYTES = 32768;
/** SDRAM per chip usable by applications (bytes; 128 MB physical). */
export const SDRAM_USABLE_BYTES = 123_469_792;
/** Multicast router entries per chip (`MC_TABLE_SIZE`). */
export const ROUTER_ENTRIES = 1024;
/** Entries left to applications (one is reserved by the system: `APP_MC_ENTRIES`). */
export const APP_ROUTER_ENTRIES = 1023;
/** Peer-to-peer table entries (`P2P_TABLE_SIZE`). */
export const P2P_TABLE_ENTRIES = 8192;
/** Links per chip. */
export const LINKS_PER_CHIP = 6;
/** Bits of a packet without payload (control byte + 32-bit key). */
export const PACKET_BITS = 40;
/** Bits of a packet with a 32-bit payload. */
export const PACKET_WITH_PAYLOAD_BITS = 72;
/** Incoming spike buffer of a neuron core (256 slots, 255 usable). */
export const INPUT_SPIKE_BUFFER_SLOTS = 256;
/** Entries of each queued callback priority (`spin1_api_params.h`, `TASK_QUEUE_SIZE`). */
export const TASK_QUEUE_SIZE = 16;
/** Outgoing packet queue (`TX_PACKET_QUEUE_SIZE`). */
export const TX_PACKET_QUEUE_SIZE = 16;
/** DMA request queue (`DMA_QUEUE_SIZE`). */
export const DMA_QUEUE_SIZE = 16;
/** User-event queue (`USER_EVENT_QUEUE_SIZE`). */
export const USER_EVENT_QUEUE_SIZE = 4;

/** The six inter-chip links, by id (`LINK_ADD_TABLE` of SpiNNMachine). */
export type LinkId = 0 | 1 | 2 | 3 | 4 | 5;

/** Name and chip-coordinate step of each link id. */
export const LINKS: readonly { readonly id: LinkId; readonly name: string; readonly dx: number; readonly dy: number }[] = [
  { id: 0, name: "East", dx: 1, dy: 0 },
  { id: 1, name: "North-East", dx: 1, dy: 1 },
  { id: 2, name: "North", dx: 0, dy: 1 },
  { id: 3, name: "West", dx: -1, dy: 0 },
  { id: 4, name: "South-West", dx: -1, dy: -1 },
  { id: 5, name: "South", dx: 0, dy: -1 },
];

/** The opposite link, `(l + 3) mod 6`: where a default-routed packet leaves. */
export function oppositeLink(link: number): LinkId {
  return ((link + 3) % 6) as LinkId;
}

/** Route-word bit of a link (`MC_LINK_ROUTE`): bits 0–5. */
export function linkRouteBit(link: number): number {
  return 1 << link;
}

/** Route-word bit of a core (`MC_CORE_ROUTE`): bits 6–23. */
export function coreRouteBit(core: number): number {
  return 1 << (core + LINKS_PER_CHIP);
}

/** Mask of the link bits of a route word. */
export const ROUTE_LINK_MASK = 0x3f;
