/**
 * Ring buffers of a neuron core (spinnaker.md §2.6): 16-bit saturating slots indexed by
 * `((t + d) AND delay_mask) << (type_bits + index_bits) | type << index_bits | neuron`.
 */
import { getNBits } from "../bits.js";
import type { FixedProfile } from "./profile.js";

/** The ring buffers of one core and the bit layout of their index. */
export interface RingBufferLayout {
  readonly indexBits: number;
  readonly typeBits: number;
  readonly delayBits: number;
}

/** `MAX_RING_BUFFER_BITS`: 16-bit ring buffers of 2^14 entries fit 32 KB of DTCM. */
export const MAX_RING_BUFFER_BITS = 14;
/** 6.x always has 16 delay slots (`MAX_SUPPORTED_DELAY_TICS`). */
export const SPYNNAKER6_DELAY_SLOTS = 16;

/**
 * The layout the host chooses (7.x: `index_bits = get_n_bits(min(max_atoms_per_core, n_atoms))`,
 * `delay_bits = min(14 − index − type, get_n_bits(max_delay_ticks))`; 6.x: 4 delay bits and the
 * core's own slice size).
 */
export function ringBufferLayout(
  profile: FixedProfile, atomsIndexed: number, nSynapseTypes: number, maxDelayTicks: number,
): RingBufferLayout {
  const indexBits = getNBits(atomsIndexed);
  const typeBits = getNBits(nSynapseTypes);
  const delayBits = profile === "spynnaker6"
    ? 4
    : Math.max(0, Math.min(MAX_RING_BUFFER_BITS - indexBits - typeBits, getNBits(maxDelayTicks)));
  return { indexBits, typeBits, delayBits };
}

/** The longest delay (ticks) the core supports itself: `2^delay_bits`. */
export function maxSupportedDelayTicks(layout: RingBufferLayout): number {
  return 2 ** layout.delayBits;
}

/** Allocates the ring buffers of a layout: `2^(delay + type + index)` 16-bit slots. */
export function createRingBuffers(layout: RingBufferLayout): Uint16Array {
  return new Uint16Array(2 ** (layout.delayBits + layout.typeBits + layout.indexBits));
}

/** Slot index of (arrival tick, synapse type, neuron). */
export function ringBufferIndex(layout: RingBufferLayout, arrivalTick: number, synapseType: number, neuron: number): number {
  const delayMask = 2 ** layout.delayBits - 1;
  return (((arrivalTick & delayMask) << (layout.typeBits + layout.indexBits)) | (synapseType << layout.indexBits) | neuron) >>> 0;
}

/**
 * Adds a 16-bit weight to a slot, saturating at 0xFFFF as the core does. Returns 1 when it saturated
 * (the caller counts `Times_synaptic_weights_have_saturated`), else 0.
 */
export function ringBufferAdd(buffers: Uint16Array, index: number, weight: number): number {
  const acc = buffers[index]! + weight;
  if (acc > 0xffff) {
    buffers[index] = 0xffff;
    return 1;
  }
  buffers[index] = acc;
  return 0;
}

/**
 * Start-of-tick transfer: for every synapse type and neuron of the padded slice, hands a non-zero
 * slot of tick `t` to `deliver(neuron, type, value)` and zeroes it. Neurons beyond `nNeurons` are skipped.
 */
export function ringBufferTransfer(
  buffers: Uint16Array, layout: RingBufferLayout, tick: number, nNeurons: number, nSynapseTypes: number,
  deliver: (neuron: number, synapseType: number, value: number) => void,
): void {
  for (let type = 0; type < nSynapseTypes; type++) {
    const base = ringBufferIndex(layout, tick, type, 0);
    for (let n = 0; n < nNeurons; n++) {
      const value = buffers[base + n]!;
      if (value !== 0) {
        deliver(n, type, value);
        buffers[base + n] = 0;
      }
    }
  }
}
