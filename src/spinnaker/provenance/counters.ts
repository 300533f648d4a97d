/**
 * The provenance counters of an emulated run, under sPyNNaker's own names (spinnaker.md §1.2, §1.4,
 * §2.9, §2.12), each with what a value means for the user's results and what to do about it
 * (style.md §5.9). Where the stack prints a warning for a non-zero value, `stackMessage` mirrors its
 * wording. These counts are exact for the emulated (idealised) timing; cycle-model predictions are
 * estimates and live in cycleModel.ts, never here.
 */

/** Which component counts it. */
export type ProvenanceScope = "core" | "neuron core" | "delay core" | "router";

/** One catalogue entry. */
export interface CounterInfo {
  readonly scope: ProvenanceScope;
  /** True when a non-zero value means results may differ from the model (the stack reports it). */
  readonly warnsWhenNonZero: boolean;
  /** What the counter counts, one sentence. */
  readonly meaning: string;
  /** What to do when it is non-zero and that matters; empty for purely informative counters. */
  readonly remedy: string;
  /** The stack's warning text, for counters it reports (`label` is "pop on x,y,p"). */
  readonly stackMessage?: (label: string, n: number) => string;
}

const SLOW_DOWN = "increase the time_scale_factor (or the timestep), or put fewer neurons on each core";

/** The catalogue, keyed by the stack's provenance names. */
export const PROVENANCE_COUNTERS = {
  // System counters of every application core (SpiNNFrontEndCommon, ProvidesProvenanceDataFromMachineImpl).
  Times_the_transmission_of_spikes_overran: {
    scope: "core", warnsWhenNonZero: true,
    meaning: "times the core's outgoing packet queue was full because the network pushed back.",
    remedy: "spread the sending neurons over more cores, reduce peak firing, or change the mapping.",
    stackMessage: (l, n) => `The transmission buffer for ${l} was blocked on ${n} occasions.  This is often a sign that the system is experiencing back pressure from the communication fabric. Please either: 1. spread the load over more cores, 2. reduce your peak transmission load, or 3. adjust your mapping algorithm.`,
  },
  Times_the_callback_queue_was_overloaded: {
    scope: "core", warnsWhenNonZero: true,
    meaning: "times a queued event was refused because the callback queue (16 entries) was full.",
    remedy: SLOW_DOWN,
    stackMessage: (l, n) => `The callback queue for ${l} overloaded on ${n} occasions.  This is often a sign that the system is running too quickly for the number of neurons per core. Please increase the machine time step or time_scale_factor or decrease the number of neurons per core.`,
  },
  Times_the_dma_queue_was_overloaded: {
    scope: "core", warnsWhenNonZero: true,
    meaning: "times a DMA request (a synaptic row fetch) was refused because the DMA queue (16 entries) was full.",
    remedy: SLOW_DOWN,
    stackMessage: (l, n) => `The DMA queue for ${l} overloaded on ${n} occasions.  This is often a sign that the system is running too quickly for the number of neurons per core.  Please increase the machine time step or time_scale_factor or decrease the number of neurons per core.`,
  },
  Times_the_user_queue_was_overloaded: {
    scope: "core", warnsWhenNonZero: true,
    meaning: "times a user event (starting the synaptic pipeline) was refused because its queue (4 entries) was full.",
    remedy: SLOW_DOWN,
    stackMessage: (l, n) => `The USER queue for ${l} overloaded on ${n} occasions.  This is often a sign that the system is running too quickly for the number of neurons per core.  Please increase the machine time step or time_scale_factor or decrease the number of neurons per core.`,
  },
  Times_the_timer_tic_over_ran: {
    scope: "core", warnsWhenNonZero: true,
    meaning: "timesteps whose work was still running when the next timestep began, so updates were late or skipped.",
    remedy: SLOW_DOWN,
    stackMessage: (l, n) => `A Timer tick callback in ${l} was still executing when the next timer tick callback was fired off ${n} times.  This is a sign of the system being overloaded and therefore the results are likely incorrect.  Please increase the machine time step or time_scale_factor or decrease the number of neurons per core`,
  },
  Max_number_of_times_timer_tic_over_ran: {
    scope: "core", warnsWhenNonZero: true,
    meaning: "the most timer events that were waiting at once: how many timesteps the core fell behind.",
    remedy: SLOW_DOWN,
    stackMessage: (l, n) => `The timer for ${l} fell behind by up to ${n} ticks.  This is a sign of the system being overloaded and therefore the results are likely incorrect. Please increase the machine time step or time_scale_factor or decrease the number of neurons per core`,
  },
  // Neuron side of a neuron core (sPyNNaker population_machine_neurons.py).
  Last_timer_tic_the_core_ran_to: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "the last timestep the core reached; smaller than the run length only if the core stopped early.",
    remedy: "",
  },
  Times_the_background_queue_overloaded: {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "timesteps whose neuron update was skipped because the background queue was full.",
    remedy: SLOW_DOWN,
  },
  Max_backgrounds_queued: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "the most neuron updates that were waiting at once; above 1 the core was falling behind.",
    remedy: SLOW_DOWN,
  },
  Earliest_send_time: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "the earliest point in a timestep (timer count) at which the core sent a spike.",
    remedy: "",
  },
  Latest_Send_time: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "the latest point in a timestep (timer count) at which the core sent a spike; near the tick end, spikes risk arriving late.",
    remedy: "",
  },
  // Synapse side of a neuron core (population_machine_synapses_provenance.py).
  Total_pre_synaptic_events: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "incoming spikes whose synaptic rows the core processed.",
    remedy: "",
  },
  Times_synaptic_weights_have_saturated: {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "times a 16-bit ring-buffer slot was clipped at its maximum, so these neurons received less input than the model says.",
    remedy: "lower the weights, or raise spikes_per_second / ring_buffer_sigma so the host leaves more headroom (coarser weights).",
    stackMessage: (l, n) => `The weights from the synapses for ${l} saturated ${n} times. If this causes issues you can increase the spikes_per_second and / or ring_buffer_sigma values located within the .spynnaker.cfg file.`,
  },
  Times_plastic_synaptic_weights_have_saturated: {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "times a ring-buffer slot fed by plastic synapses was clipped at its maximum.",
    remedy: "lower w_max of the plasticity rule, or raise spikes_per_second / ring_buffer_sigma for more headroom.",
    stackMessage: (l, n) => `The weights from the plastic synapses for ${l} saturated ${n} times. If this causes issue increase the spikes_per_second and / or ring_buffer_sigma values located within the .spynnaker.cfg file.`,
  },
  Times_the_input_buffer_lost_packets: {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "incoming spikes lost because the 256-slot input buffer was full; their synapses never acted.",
    remedy: SLOW_DOWN,
    stackMessage: (l, n) => `The input buffer for ${l} lost packets on ${n} occasions. This is often a sign that the system is running too quickly for the number of neurons per core.  Please increase the timer_tic or time_scale_factor or decrease the number of neurons per core.`,
  },
  Max_filled_size_input_buffer: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "the most spikes waiting in the input buffer at once (255 means it was full).",
    remedy: "",
  },
  Number_of_late_spikes: {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "spikes still waiting in the input buffer when a timestep ended (dropped only if drop_late_spikes is on).",
    remedy: "increase the time_scale_factor located within the .spynnaker.cfg file or in the pynn.setup() method.",
    stackMessage: (l, n) => `${n} packets from ${l} arrived too late to be processed in a given time step. Try increasing the time_scale_factor located within the .spynnaker.cfg file or in the pynn.setup() method.`,
  },
  "Late spikes": {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "spikes processed after the timestep they were sent in (7.x colour correction applied).",
    remedy: SLOW_DOWN,
  },
  "Max late spike": {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "the largest lateness, in timesteps, of a processed spike.",
    remedy: SLOW_DOWN,
  },
  "Skipped synapses": {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "synapses whose spike arrived later than their delay, so their input was dropped.",
    remedy: "use longer delays, or slow the simulation so spikes arrive in time.",
    stackMessage: (l, n) => `On ${l}, there were ${n} that were skipped because a spike was received later than the delay in the synapse`,
  },
  "Number of failed pop table searches": {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "spikes that reached the core but found no synapse for their source neuron (wasted DMA work).",
    remedy: "increase source and target neurons per core so fewer spikes are routed to cores without synapses for them.",
    stackMessage: (l, n) => `The number of failed population table searches for ${l} was ${n}. `,
  },
  "Invalid Master Pop hits": {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "spikes whose key matched no population-table entry: a routing fault.",
    remedy: "this indicates a mapping bug; report it with the network.",
    stackMessage: (l, n) => `On ${l}, there were ${n} keys received that had no master pop entry for them.`,
  },
  "How many packets were filtered by the bitfield filterer.": {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "spikes dropped by the connectivity bit field because the source neuron has no synapse on this core.",
    remedy: "",
  },
  "N bit fields not able to be read into DTCM": {
    scope: "neuron core", warnsWhenNonZero: true,
    meaning: "connectivity filters that did not fit in DTCM, so more spikes need a DMA to find out they have no synapses.",
    remedy: "reduce neurons per core.",
    stackMessage: (l, n) => `On ${l}, the filter for stopping redundant DMAs couldn't be fully filled in; it failed to read ${n} entries. Try reducing neurons per core.`,
  },
  "DMA's that were completed": {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "synaptic-row DMA transfers completed.",
    remedy: "",
  },
  "How many spikes were processed": {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "spikes taken from the input buffer through the synaptic pipeline (6.x spells it with a lower-case h).",
    remedy: "",
  },
  Number_of_rewires: {
    scope: "neuron core", warnsWhenNonZero: false,
    meaning: "synapses formed or removed by structural plasticity.",
    remedy: "",
  },
  // Delay-extension cores (delay_extension_machine_vertex.py).
  Number_of_packets_received: { scope: "delay core", warnsWhenNonZero: false, meaning: "spikes the delay core received.", remedy: "" },
  Number_of_packets_processed: { scope: "delay core", warnsWhenNonZero: false, meaning: "spikes the delay core took from its input buffer.", remedy: "" },
  Number_of_packets_added_to_delay_slot: {
    scope: "delay core", warnsWhenNonZero: false,
    meaning: "spikes stored for delayed re-sending; fewer than processed indicates a routing or filtering fault.",
    remedy: "",
  },
  Number_of_packets_sent: { scope: "delay core", warnsWhenNonZero: false, meaning: "delayed spikes sent on.", remedy: "" },
  saturation_count: {
    scope: "delay core", warnsWhenNonZero: true,
    meaning: "spikes lost because one neuron's 8-bit count for one delay slot reached 255.",
    remedy: "reduce the firing rate of the source, or shorten delays so no delay extension is needed.",
  },
  invalid_neuron_count: { scope: "delay core", warnsWhenNonZero: true, meaning: "spikes naming a neuron the delay core does not have.", remedy: "this indicates a mapping bug; report it." },
  invalid_key_count: { scope: "delay core", warnsWhenNonZero: true, meaning: "spikes whose key the delay core does not recognise.", remedy: "this indicates a mapping bug; report it." },
  Number_of_times_delayed_to_spread_traffic: { scope: "delay core", warnsWhenNonZero: false, meaning: "times the delay core paused sending to spread traffic.", remedy: "" },
  // Routers (SpiNNFrontEndCommon router provenance).
  Local_Multicast_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "multicast packets sent by cores of this chip.", remedy: "" },
  External_Multicast_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "multicast packets that arrived from other chips.", remedy: "" },
  Dropped_Multicast_Packets: {
    scope: "router", warnsWhenNonZero: true,
    meaning: "multicast spikes the router could not send on within its wait times, so they never arrived.",
    remedy: "reduce traffic through this chip: fewer simultaneous spikes, more cores per population, or a larger time_scale_factor.",
  },
  Dropped_Multicast_Packets_via_Local_Transmission: {
    scope: "router", warnsWhenNonZero: true,
    meaning: "multicast packets from a local core dropped because they matched no routing entry.",
    remedy: "this indicates a routing-table bug; report it.",
  },
  Local_P2P_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "point-to-point (system) packets sent from this chip.", remedy: "" },
  External_P2P_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "point-to-point packets that arrived from other chips.", remedy: "" },
  Dropped_P2P_Packets: { scope: "router", warnsWhenNonZero: true, meaning: "point-to-point packets dropped.", remedy: "reduce traffic or data extraction during the run." },
  Local_NN_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "nearest-neighbour packets sent from this chip.", remedy: "" },
  External_NN_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "nearest-neighbour packets received.", remedy: "" },
  Dropped_NN_Packets: { scope: "router", warnsWhenNonZero: true, meaning: "nearest-neighbour packets dropped.", remedy: "reduce traffic." },
  Local_FR_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "fixed-route (data extraction) packets sent from this chip.", remedy: "" },
  External_FR_Packets: { scope: "router", warnsWhenNonZero: false, meaning: "fixed-route packets received.", remedy: "" },
  Dropped_FR_Packets: { scope: "router", warnsWhenNonZero: true, meaning: "fixed-route packets dropped.", remedy: "reduce traffic during data extraction." },
  Reinjected: {
    scope: "router", warnsWhenNonZero: false,
    meaning: "dropped packets that the extra monitor picked up and sent again (they arrive late).",
    remedy: "reduce traffic through this chip if late spikes matter.",
  },
  Dumped_from_a_Link: { scope: "router", warnsWhenNonZero: true, meaning: "packets from another chip dropped because an output stayed blocked.", remedy: "reduce traffic through this chip." },
  Dumped_from_a_Processor: { scope: "router", warnsWhenNonZero: true, meaning: "packets from a local core dropped because an output stayed blocked.", remedy: "reduce traffic from this chip's cores." },
} as const satisfies Record<string, CounterInfo>;

/** A counter name of the catalogue. */
export type ProvenanceName = keyof typeof PROVENANCE_COUNTERS;

/** One counted value of one core or router. */
export interface ProvenanceItem {
  readonly name: ProvenanceName;
  /** "population exc on 0,0,3" or "router (0, 1)". */
  readonly where: string;
  /** Exact, as the emulated core counted it. */
  readonly count: number;
}

/** True when `name` is a counter of the catalogue. */
export function isProvenanceName(name: string): name is ProvenanceName {
  return Object.prototype.hasOwnProperty.call(PROVENANCE_COUNTERS, name);
}

/** The sentence for one item: the stack's warning when it has one, else the meaning, then the remedy. */
export function describeItem(item: ProvenanceItem): string {
  const info: CounterInfo = PROVENANCE_COUNTERS[item.name];
  const head = info.stackMessage
    ? info.stackMessage(item.where, item.count)
    : `${item.where}: ${item.name} = ${item.count}: ${info.meaning}`;
  return info.remedy ? `${head} What to do: ${info.remedy}` : head;
}

/** The warnings a notebook shows after a run: one per non-zero counter that warns, in the order given. */
export function provenanceReport(items: readonly ProvenanceItem[]): string[] {
  return items.filter((i) => i.count > 0 && PROVENANCE_COUNTERS[i.name].warnsWhenNonZero).map(describeItem);
}
