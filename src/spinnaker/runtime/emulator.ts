/**
 * The emulator's run loop in ideal mode (spinnaker.md §8.4): the network is mapped onto a machine,
 * each core holds the state, ring buffers, synaptic rows and STDP history a sPyNNaker core holds,
 * packets follow the routing tables, and each tick runs in the canonical order: timer (ring-buffer
 * transfer) → spike sources and delay extensions → neuron updates (spikes, STDP post events, packets)
 * → fabric delivery → synaptic processing into slots ≥ t + 1.
 *
 * Supports IF_curr_exp, IF_cond_exp and Izhikevich populations (per-neuron parameters), spike-source
 * arrays, Poisson sources (statistically, from the run's seed), static synapses, pair-additive STDP,
 * delay extensions, the profiles spynnaker7, spynnaker6 and float, and a timing-faithful mode (finite
 * input buffers, late spikes). Not modelled yet: the delay cores' finite buffers, background-queue
 * overload, current sources, other plasticity rules, structural plasticity.
 */
import { CajalError, type Problem, throwIfProblems } from "../../core/errors.js";
import { createRng, type Rng } from "../../core/rng.js";
import { encS1615 } from "../../core/fixed/hostEncode.js";
import { expLut } from "../../core/fixed/stdp16.js";
import type { SpikeTrains } from "../../core/spikes.js";
import { type BoardOption, machineFor } from "../machine/boards.js";
import type { Machine } from "../machine/machine.js";
import { type AppGraph, type VertexResources, estimateNeuronCoreResources } from "../mapping/appGraph.js";
import { atomsPerCore as splitterAtomsPerCore } from "../mapping/splitter.js";
import { neuronKey, type KeyAndMask } from "../mapping/keys.js";
import { type Mapping, mapGraph, routerTables } from "../mapping/mapper.js";
import { followPacket } from "../mapping/multicast.js";
import type { ProvenanceItem, ProvenanceName } from "../provenance/counters.js";
import { busyCycles, type CoreCycleCoefficients, coreCycleCoefficients, estimateTickCycles } from "../provenance/cycleModel.js";
import { type LinkLoad, linkCapacityPerTick } from "../provenance/nocLoad.js";
import { createNeuronSlice, initialVoltages, type NeuronSlice } from "./neuronSlice.js";
import {
  createIzhikevichFloatSlice, createLifFloatSlice, type FloatNeuronSlice, type FloatRecordBuffers, type IzhikevichFloatParams,
} from "./floatKernels.js";
import type { LifCurrExpParams, LifRecordBuffers } from "./lifCurrExp.js";
import type { LifCondExpParams } from "./lifCondExp.js";
import {
  addFloatPostSpike, createFloatPostHistory, type FloatPairAdditiveRule, type FloatPostHistory, nextFloatPreTrace,
  updateFloatPlasticSynapse,
} from "./stdpFloat.js";
import { CONDUCTANCE_WEIGHT_SCALE } from "./lifCondExp.js";
import * as msg from "./messages.js";
import {
  connectionColumns, type EmuNetwork, type EmuPairAdditiveStdp, isNeuronPopulation, paramsOf, range, wrongLengthParams,
} from "./network.js";
import {
  createRingBuffers, maxSupportedDelayTicks, ringBufferAdd, ringBufferIndex, ringBufferLayout,
  type RingBufferLayout,
} from "./ringBuffer.js";
import { addPostSpike, createPostHistory, nextPreTrace, type PairAdditiveRule, type PostHistory, updatePlasticSynapse } from "./stdp.js";
import { type IncomingWeightStats, quantiseWeight, rintHalfEven, ringBufferShift, weightScale, worstCaseWeight } from "./weightScaling.js";
import { groupBy } from "../mapping/groupBy.js";

/**
 * A projection's synapses as the cores hold them, packed row after row (one allocation per
 * projection, not per row): target neuron within its core, delay (ticks, after any delay stage),
 * 16-bit weight, and which connection of the projection each synapse is (for weight read-back).
 */
interface PackedSynapses {
  readonly postLocal: Uint16Array;
  readonly delay: Uint16Array;
  readonly weight: Uint16Array;
  /** Float profile: unquantised weights (nA or µS). */
  readonly weightF: Float64Array | undefined;
  readonly connection: Int32Array;
}

/** How a projection's weights are read back: its unpacked synapses if it has them, else decoded from its connections. */
interface ProjectionWeights {
  readonly packed: PackedSynapses | undefined;
  readonly shift: number;
  readonly gws: number;
  /** Host weight scale: a static weight is stored as `quantiseWeight(w, scale)`. */
  readonly scale: number;
}

/** Synapses of one projection from one source neuron onto one core: a synaptic row. */
interface Row {
  readonly projection: number;
  readonly synapseType: number;
  /** The row's synapses are `start … start + length − 1` of the arrays below (its projection's, shared). */
  readonly start: number;
  readonly length: number;
  readonly postLocal: Uint16Array;
  readonly delay: Uint16Array;
  readonly weight: Uint16Array;
  readonly weightF: Float64Array | undefined;
  readonly rule: PairAdditiveRule | undefined;
  readonly floatRule: FloatPairAdditiveRule | undefined;
  lastPreTime: number;
  lastPreTrace: number;
}

interface PopTableEntry extends KeyAndMask {
  /** Source neuron i (index within the source core, i < nLocal) has the core's table slot `slotBase + i`. */
  readonly slotBase: number;
  readonly nLocal: number;
}

/**
 * A delay-extension core (spinnaker.md §2.9): it receives its source slice's spikes and re-sends
 * each one `s·D` ticks later for every stage s = 1 … nStages, with key `base + ((s − 1)·n + i) << colour`.
 */
interface DelayCore {
  readonly kind: "delay";
  readonly mv: number;
  readonly population: number;
  readonly lo: number;
  readonly size: number;
  readonly nStages: number;
  readonly stageTicks: number;
  /** The key space of the source core it serves. */
  readonly sourceKey: KeyAndMask;
  /** Packets to send, by tick: local key index ((stage − 1)·size + neuron) → spike count (8-bit, saturating). */
  readonly pending: Map<number, Map<number, number>>;
  readonly input: [number, number][];
  readonly counters: Map<ProvenanceName, number>;
}

interface NeuronCore {
  readonly kind: "neuron";
  readonly mv: number;
  readonly population: number;
  readonly lo: number;
  readonly size: number;
  /** Fixed-point neurons, or float ones under the `float` profile. */
  readonly neurons: NeuronSlice | undefined;
  readonly floatNeurons: FloatNeuronSlice | undefined;
  /** Float profile: ring buffers of unquantised weights, same index layout, no saturation. */
  readonly floatRing: Float64Array | undefined;
  readonly floatHistory: FloatPostHistory | undefined;
  readonly floatRule: FloatPairAdditiveRule | undefined;
  readonly layout: RingBufferLayout;
  readonly ring: Uint16Array;
  readonly shifts: readonly [number, number];
  readonly history: PostHistory | undefined;
  readonly lutMinus: PairAdditiveRule["lutMinus"] | undefined;
  /** The master population table, sorted by key. */
  popTable: PopTableEntry[];
  /**
   * The synaptic rows, as compressed ranges: table slot s has rows `slotRows[s] … slotRows[s + 1] − 1`
   * (one per projection, in projection order); row r's static synapses are `rowSynapses[r] … rowSynapses[r + 1] − 1`
   * of `synapses`, each one word `offset << 16 | weight` with the ring-buffer offset
   * `delay << slotShift | type << indexBits | neuron` (below 2^15) and the 16-bit weight, as the chip packs them.
   * A plastic or float-profile row has no static synapses: its synapses and state are `rowState[r]`
   * (`rowState` is undefined on cores without such rows).
   */
  slotRows: Int32Array;
  rowSynapses: Int32Array;
  /** On cores with static rows only: table slot s's words are `slotSynapses[s] … slotSynapses[s + 1] − 1`. */
  slotSynapses: Int32Array | undefined;
  synapses: Int32Array;
  rowState: (Row | undefined)[] | undefined;
  /** `2^(delay + type + index bits) − 1`: slot index = `((t << slotShift) + offset) AND ringMask`. */
  readonly ringMask: number;
  /** The spike input buffer: keys received this tick, `inputKeys[0 … inputLength − 1]` (grows as needed). */
  inputKeys: Uint32Array;
  inputLength: number;
  readonly spiked: Uint8Array;
  /** Exact counters, indexed by `NEURON_COUNTERS`. */
  readonly counts: Float64Array;
  /** The ring-buffer index written out: `((t + d) AND delayMask) << slotShift | type << indexBits | neuron`. */
  readonly delayMask: number;
  readonly slotShift: number;
  /** This tick's synapses for the cycle estimate. */
  staticSynapses: number;
  plasticSynapses: number;
  /** Set once the population table is complete. */
  cost: CoreCycleCoefficients | undefined;
  readonly cycles: { sum: number; worst: number; worstTick: number; overruns: number };
}

/** The counters a neuron core keeps in its hot loop, under the stack's names (index = position). */
const NEURON_COUNTERS = [
  "How many spikes were processed", "Invalid Master Pop hits", "How many packets were filtered by the bitfield filterer.",
  "Total_pre_synaptic_events", "Times_synaptic_weights_have_saturated", "Times_plastic_synaptic_weights_have_saturated",
  // Timing-faithful mode only:
  "Times_the_input_buffer_lost_packets", "Max_filled_size_input_buffer", "Number_of_late_spikes", "Late spikes", "Max late spike",
  "Skipped synapses",
] as const satisfies readonly ProvenanceName[];
const SPIKES_PROCESSED = 0;
const INVALID_POP_HITS = 1;
const FILTERED = 2;
const PRE_SYNAPTIC_EVENTS = 3;
const SATURATED = 4;
const PLASTIC_SATURATED = 5;
const INPUT_BUFFER_LOST = 6;
const INPUT_BUFFER_MAX_FILLED = 7;
const LATE_QUEUED = 8;
const LATE_SPIKES = 9;
const MAX_LATE = 10;
const SKIPPED_SYNAPSES = 11;

/**
 * Usable slots of a neuron core's spike input buffer: `incoming_spike_buffer_size = 256`, one slot kept
 * empty by the circular buffer (spinnaker.md §2.1).
 */
export const INPUT_BUFFER_CAPACITY = 255;

/** Where a core's packets go: fixed per sending core, since all its keys follow the same table entries. */
interface Route {
  /** Receiving cores (indices into the run's core list). */
  readonly targets: Int32Array;
  /** The chip whose router the packet enters first (counted as local), then the chips it reaches over links. */
  readonly firstRouter: number;
  readonly laterRouters: Int32Array;
  /** Links used, as `chip · 6 + link`. */
  readonly links: Int32Array;
}

interface SourceCore {
  readonly kind: "source";
  readonly mv: number;
  readonly population: number;
  readonly lo: number;
  /** Local neurons to send, by tick. */
  readonly schedule: Map<number, number[]>;
}

/**
 * A Poisson source core. The chip draws from a seeded KISS generator; the emulator draws the same
 * distribution (a Poisson count per neuron per tick) from the run's seeded stream, so results agree
 * with hardware statistically, not spike for spike (spinnaker.md §0.2).
 */
interface PoissonCore {
  readonly kind: "poisson";
  readonly mv: number;
  readonly population: number;
  readonly lo: number;
  readonly size: number;
  /** Expected spikes per tick per neuron. */
  readonly lambda: Float64Array;
  readonly startTick: number;
  readonly endTick: number;
  readonly rng: Rng;
}

/** How the host prepared one neuron population's synapses. */
export interface SynapseReport {
  readonly population: string;
  /** Ring-buffer left shifts [excitatory, inhibitory]. */
  readonly shifts: readonly [number, number];
  /** Smallest weight step [excitatory, inhibitory] in nA (µS for conductances): `2^(shift − 15) / scale`. */
  readonly weightResolution: readonly [number, number];
  /** Delay slots of the ring buffer (2^delay_bits) and the longest incoming delay (ticks). */
  readonly delaySlots: number;
  readonly maxDelayTicks: number;
}

/** The cycle model's estimate for one core over the run; never mixed with the exact provenance counts. */
export interface CoreCycleEstimate {
  readonly kind: "estimate";
  readonly where: string;
  readonly budgetCycles: number;
  readonly meanBusyCycles: number;
  readonly worstBusyCycles: number;
  readonly worstTick: number;
  /** Ticks whose estimated work exceeds the budget (a real machine would count timer overruns). */
  readonly ticksPredictedOverrun: number;
}

/** Options of one emulated run. */
export interface EmulateOptions {
  readonly durationMs: number;
  /** The machine to map onto (default a SpiNN-5 board). */
  readonly board?: BoardOption;
  /** An explicit machine, overriding `board`. */
  readonly machine?: Machine;
  /** Seed of the run's random streams (Poisson sources); default 1. */
  readonly seed?: number;
  /**
   * "ideal" (default): every packet of a tick is processed within the tick, however long that would take.
   * "faithful": the spike input buffer holds {@link INPUT_BUFFER_CAPACITY} keys and a burst beyond it is lost
   * (`Times_the_input_buffer_lost_packets`); each core processes its buffer in FIFO order only while the cycle
   * model's estimate of the tick so far (neuron update, then each packet's rows) is below the tick's budget,
   * and what is left waits for the next tick (`Number_of_late_spikes` at each tick boundary), where 7.x's colour
   * correction aims it at its intended slots and skips synapses whose delay has passed (`Late spikes`,
   * `Max late spike`, `Skipped synapses`); 6.x lands it one tick late. The cycle model is an ESTIMATE, so this
   * mode shows how an overloaded machine fails, not the exact spikes a board would lose (spinnaker.md §6.2).
   */
  readonly timing?: "ideal" | "faithful";
  /**
   * Sample the stored weights of these projections (indices) at the end of every `everyTicks`-th
   * tick, as sPyNNaker's `get("weight")` between `run()` calls would read them.
   */
  readonly weightSamples?: { readonly everyTicks: number; readonly projections: readonly number[] };
  /** The routing-table compressor: "pair" (the stack's default) or "orderedCovering" (spinnaker.md §5.7). */
  readonly compressor?: "pair" | "orderedCovering";
}

/** Everything a run produced. */
export interface Emulation {
  readonly profile: EmuNetwork["profile"];
  readonly dtMs: number;
  readonly nTicks: number;
  readonly mapping: Mapping;
  /** Ring-buffer left shifts [excitatory, inhibitory] per neuron population. */
  readonly ringBufferShifts: ReadonlyMap<string, readonly [number, number]>;
  /** Exact counters of the emulated cores and routers (non-zero items only). */
  readonly provenance: readonly ProvenanceItem[];
  /** Recoverable issues (delays rounded to the timestep, …). */
  readonly warnings: readonly string[];
  /** Per neuron population: ring-buffer shifts, weight resolution, delay slots and delay stages (spinnaker.md §8.5). */
  readonly synapseReport: readonly SynapseReport[];
  /** Every link that carried packets, with its busiest tick against the (unverified) link capacity: an ESTIMATE. */
  readonly linkLoads: readonly LinkLoad[];
  /** Per neuron core: the cycle model's ESTIMATE of busy cycles per tick and the predicted overruns (spinnaker.md §6.2). */
  readonly cycleEstimates: readonly CoreCycleEstimate[];
  spikes(population: string): SpikeTrains;
  /** Recorded raw s16.15 values per tick, `[tick · size + neuron]`, for populations with `recordV` (fixed profiles). */
  recorded(population: string): { v: Int32Array; gsynExc: Int32Array; gsynInh: Int32Array } | undefined;
  /** Recorded values in mV and nA (µS for conductances) on every profile, `[tick · size + neuron]`. */
  decoded(population: string): { v: Float64Array; gsynExc: Float64Array; gsynInh: Float64Array } | undefined;
  /** Current weight of every connection of a projection, in nA or µS (the stored 16-bit value decoded). */
  weightsNa(projection: number): Float64Array;
  /** The samples asked for with `weightSamples`: time (ms, end of the tick), projection index, weights in nA or µS. */
  readonly weightSamples: readonly { readonly tMs: number; readonly projection: number; readonly weightNa: Float64Array }[];
}

/** 7.x and 6.x both allow at most 8 delay stages (spinnaker.md §2.9). */
export const MAX_DELAY_STAGES = 8;

/** Label of the delay extension added for a population. */
function delayLabel(label: string): string {
  return `${label} (delays)`;
}

const SOURCE_RESOURCES: VertexResources = { sdramFixedBytes: 8192, sdramPerAtomBytes: 16, dtcmFixedBytes: 8192, dtcmPerAtomBytes: 8 };

/** Runs a network on the emulated machine for `durationMs` (ideal timing unless `options.timing` says otherwise). */
export function emulate(net: EmuNetwork, options: EmulateOptions): Emulation {
  const dt = net.dtMs;
  // The machine counts time in whole microseconds (ConfigurationException otherwise).
  if (!(dt > 0) || Math.abs(dt * 1000 - Math.round(dt * 1000)) > 1e-9) throw new CajalError(msg.badTimestep(dt));
  const nTicks = Math.round(options.durationMs / dt);
  if (!(nTicks > 0) || Math.abs(nTicks * dt - options.durationMs) > 1e-9 * options.durationMs) {
    throw new CajalError(msg.badDuration(options.durationMs, dt));
  }
  const warnings: string[] = [];
  const isFloat = net.profile === "float";
  const faithful = options.timing === "faithful";
  if (options.timing !== undefined && options.timing !== "ideal" && !faithful) throw new CajalError(msg.badTiming(options.timing));
  // The float profile maps and sizes buffers as 7.x does; only the arithmetic differs.
  const fixedProfile = net.profile === "spynnaker6" ? "spynnaker6" : "spynnaker7";
  const problems: Problem[] = [];
  const labels = net.populations.map((p) => p.label);
  const popIndex = new Map(labels.map((l, i) => [l, i]));

  net.populations.forEach((pop) => {
    if (isNeuronPopulation(pop)) {
      const wrong = wrongLengthParams({ ...pop.params, ...(pop.initialVMv !== undefined && { initialVMv: pop.initialVMv }) }, pop.size);
      for (const [name, length] of wrong) problems.push(msg.paramLength(`${pop.label}.${name}`, length, pop.size));
    }
    if (pop.kind !== "SpikeSourcePoisson") return;
    const rates = typeof pop.rateHz === "number" ? [pop.rateHz] : pop.rateHz;
    for (const r of rates) if (!(Number.isFinite(r) && r >= 0)) problems.push(msg.badRate(`${pop.label}.rateHz`, r));
  });
  const maxRateHz = (p: number): number | undefined => {
    const pop = net.populations[p]!;
    if (pop.kind !== "SpikeSourcePoisson") return undefined; // arrays and neurons declare no rate: the stack assumes 30 Hz
    return typeof pop.rateHz === "number" ? pop.rateHz : Math.max(0, ...pop.rateHz);
  };

  // Validate projections and convert delays to ticks (round half to even, at least one tick).
  const columns = net.projections.map((proj) => connectionColumns(proj.connections));
  const delayTicks: Int32Array[] = [];
  const longestOf: number[] = [];
  net.projections.forEach((proj, k) => {
    const place = proj.label ?? `projection ${k} (${proj.pre} → ${proj.post})`;
    const pre = popIndex.get(proj.pre);
    const post = popIndex.get(proj.post);
    if (pre === undefined) problems.push(msg.unknownPopulation(place, proj.pre, labels));
    if (post === undefined) problems.push(msg.unknownPopulation(place, proj.post, labels));
    if (post !== undefined && !isNeuronPopulation(net.populations[post]!)) problems.push(msg.sourceAsTarget(place, proj.post));
    const col = columns[k]!;
    const ticks = new Int32Array(col.length);
    let rounded = 0;
    let longest = 0;
    // Indices are whole numbers already (typed columns); delays repeat, so the last conversion is reused.
    const preSize = pre !== undefined ? net.populations[pre]!.size : Infinity;
    const postSize = post !== undefined ? net.populations[post]!.size : Infinity;
    let lastMs = NaN;
    let lastTicks = 1;
    let lastRounded = false;
    for (let c = 0; c < col.length; c++) {
      const i = col.pre[c]!;
      const j = col.post[c]!;
      const d = col.delayMs[c]!;
      if (i < 0 || i >= preSize) problems.push(msg.connectionOutOfRange(place, "pre", i, preSize));
      if (j < 0 || j >= postSize) problems.push(msg.connectionOutOfRange(place, "post", j, postSize));
      if (d !== lastMs) {
        lastMs = d;
        lastTicks = Math.max(1, rintHalfEven(d / dt));
        lastRounded = lastTicks * dt !== d;
      }
      if (lastRounded) rounded++;
      ticks[c] = lastTicks;
      if (lastTicks > longest) longest = lastTicks;
    }
    longestOf.push(longest);
    if (rounded > 0) warnings.push(`${place}: ${rounded} delays were rounded to whole ${dt} ms timesteps (at least one).`);
    let negative = 0;
    for (let c = 0; c < col.length; c++) if (col.weight[c]! < 0) negative++;
    if (negative > 0 && proj.receptor === "excitatory") {
      warnings.push(`${place}: ${negative} negative weights onto the excitatory receptor act as excitatory, as on SpiNNaker (weights are stored as magnitudes; the receptor decides the sign).`);
    }
    delayTicks.push(ticks);
  });
  throwIfProblems(problems);

  // Host-side synapse parameters per neuron population: shifts, layout, plasticity.
  const shifts = new Map<number, [number, number]>();
  const conductanceInput = new Set<number>();
  const maxDelay = new Map<number, number>();
  const rules = new Map<number, EmuPairAdditiveStdp>();
  net.populations.forEach((pop, p) => {
    if (!isNeuronPopulation(pop)) return;
    const conductance = pop.kind === "IF_cond_exp";
    const stats: [IncomingWeightStats[], IncomingWeightStats[]] = [[], []];
    let longest = 1;
    net.projections.forEach((proj, k) => {
      if (popIndex.get(proj.post) !== p) return;
      const perPost = new Int32Array(pop.size);
      let mostPerPost = 0;
      let maxWeight = 0;
      const col = columns[k]!;
      for (let c = 0; c < col.length; c++) {
        const j = col.post[c]!;
        const n = ++perPost[j]!;
        if (n > mostPerPost) mostPerPost = n;
        const w = Math.abs(col.weight[c]!);
        if (w > maxWeight) maxWeight = w;
      }
      const rate = maxRateHz(popIndex.get(proj.pre)!);
      stats[proj.receptor === "excitatory" ? 0 : 1].push({
        maxWeight: proj.stdp ? Math.abs(proj.stdp.wMax) : maxWeight,
        maxConnectionsPerPost: proj.maxConnectionsPerPost ?? mostPerPost,
        ...(rate !== undefined && { maxRateHz: rate }),
      });
      longest = Math.max(longest, longestOf[k]!);
      if (proj.stdp) {
        const existing = rules.get(p);
        if (existing && (existing.tauPlusMs !== proj.stdp.tauPlusMs || existing.tauMinusMs !== proj.stdp.tauMinusMs)) {
          problems.push(msg.mixedPlasticity(pop.label));
        }
        rules.set(p, proj.stdp);
      }
    });
    // Conductance inputs: the host scales the largest weight by 1024 but adds the total unscaled (spinnaker.md §2.7).
    const worst = (list: IncomingWeightStats[]) => conductance
      ? Math.max(worstCaseWeight(list, dt), CONDUCTANCE_WEIGHT_SCALE * Math.max(0, ...list.map((x) => x.maxWeight)))
      : worstCaseWeight(list, dt);
    shifts.set(p, [ringBufferShift(worst(stats[0])), ringBufferShift(worst(stats[1]))]);
    if (conductance) conductanceInput.add(p);
    maxDelay.set(p, longest);
  });
  throwIfProblems(problems);

  const atomsPerCore = (p: number) => {
    const pop = net.populations[p]!;
    return splitterAtomsPerCore(pop.kind, isNeuronPopulation(pop) ? pop.maxAtomsPerCore : undefined, pop.size);
  };
  const layoutFor = (p: number, sliceSize: number) =>
    ringBufferLayout(fixedProfile, net.profile === "spynnaker6" ? sliceSize : atomsPerCore(p), 2, maxDelay.get(p) ?? 1);

  // Delays longer than a target's ring buffer go through a delay extension of the source (spinnaker.md §2.9, §5.2):
  // stage s = floor((d − 1)/D) re-sends the spike s·D ticks later, and the target adds the remaining d − s·D.
  const supportedDelay = (p: number) => maxSupportedDelayTicks(layoutFor(p, atomsPerCore(p)));
  const stageTicks = new Map<number, number>();
  net.projections.forEach((proj, k) => {
    const post = popIndex.get(proj.post)!;
    const d = supportedDelay(post);
    if (longestOf[k]! > d) {
      const pre = popIndex.get(proj.pre)!;
      stageTicks.set(pre, Math.min(stageTicks.get(pre) ?? Infinity, d));
    }
  });
  const nStages = new Map<number, number>();
  const nDelayedOf = net.projections.map(() => 0);
  const stageOf: Int32Array[] = net.projections.map((proj, k) => {
    const pre = popIndex.get(proj.pre)!;
    const post = popIndex.get(proj.post)!;
    const stages = new Int32Array(columns[k]!.length);
    const D = stageTicks.get(pre);
    const direct = supportedDelay(post);
    if (D === undefined || longestOf[k]! <= direct) return stages;
    const ticks = delayTicks[k]!;
    for (let c = 0; c < ticks.length; c++) {
      const t = ticks[c]!;
      if (t <= direct) continue;
      const stage = Math.floor((t - 1) / D);
      if (stage > MAX_DELAY_STAGES) {
        problems.push(msg.delayTooLong(proj.label ?? `${proj.pre} → ${proj.post}`, t * dt, (MAX_DELAY_STAGES + 1) * D * dt));
        continue;
      }
      stages[c] = stage;
      if (stage > 0) nDelayedOf[k]!++;
      nStages.set(pre, Math.max(nStages.get(pre) ?? 0, stage));
    }
    return stages;
  });
  throwIfProblems(problems);
  const delayVertexOf = new Map<number, number>();
  [...nStages.keys()].sort((a, b) => a - b).forEach((pre, e) => delayVertexOf.set(pre, net.populations.length + e));

  // Map: one application vertex per population and per delay extension; one edge per projection part.
  const graph: AppGraph = {
    vertices: [...net.populations.map((pop, p) => {
      if (!isNeuronPopulation(pop)) return { label: pop.label, nAtoms: pop.size, model: pop.kind, resources: SOURCE_RESOURCES };
      const l = layoutFor(p, atomsPerCore(p));
      return {
        label: pop.label, nAtoms: pop.size, model: pop.kind,
        ...(pop.maxAtomsPerCore !== undefined && { maxAtomsPerCore: pop.maxAtomsPerCore }),
        resources: estimateNeuronCoreResources({ ringBufferBits: l.delayBits + l.typeBits + l.indexBits, stdp: rules.has(p) }),
      };
    }), ...[...delayVertexOf.keys()].map((pre) => ({
      label: delayLabel(labels[pre]!), nAtoms: net.populations[pre]!.size, model: "DelayExtension",
      maxAtomsPerCore: atomsPerCore(pre), nKeysPerAtom: nStages.get(pre)!, resources: SOURCE_RESOURCES,
    }))],
    edges: [
      ...[...delayVertexOf.keys()].map((pre) => ({ pre: labels[pre]!, post: delayLabel(labels[pre]!), nSynapses: 0 })),
      ...net.projections.flatMap((proj, k) => {
        const delayed = nDelayedOf[k]!;
        const direct = columns[k]!.length - delayed;
        return [
          ...(direct > 0 || delayed === 0 ? [{ pre: proj.pre, post: proj.post, nSynapses: direct }] : []),
          ...(delayed > 0 ? [{ pre: delayLabel(proj.pre), post: proj.post, nSynapses: delayed }] : []),
        ];
      }),
    ],
  };
  const machine = options.machine ?? machineFor(options.board ?? "spinn5");
  const mapping = mapGraph(graph, machine, {
    colourBits: net.profile === "spynnaker6" ? 0 : 4, ...(options.compressor !== undefined && { compressor: options.compressor }),
  });
  const colourBits = mapping.keys.colourBits;
  const colourMask = 2 ** colourBits - 1;

  // Build the cores.
  const seed = options.seed ?? 1;
  const sourceOfDelay = new Map([...delayVertexOf].map(([pre, v]) => [v, pre]));
  const slicesOf = groupBy(mapping.vertices, (mv) => mv.appVertex);
  const cores: (NeuronCore | SourceCore | PoissonCore | DelayCore)[] = mapping.vertices.map((mv) => {
    const size = mv.hi - mv.lo;
    const delayedSource = sourceOfDelay.get(mv.appVertex);
    if (delayedSource !== undefined) {
      const sourceMv = slicesOf.get(delayedSource)![mv.sliceIndex]!;
      return {
        kind: "delay", mv: mv.index, population: mv.appVertex, lo: mv.lo, size, nStages: nStages.get(delayedSource)!,
        stageTicks: stageTicks.get(delayedSource)!, sourceKey: mapping.keys.cores[sourceMv.index]!, pending: new Map(),
        input: [], counters: new Map(),
      };
    }
    const pop = net.populations[mv.appVertex]!;
    if (pop.kind === "SpikeSourcePoisson") {
      const lambda = Float64Array.from({ length: size }, (_, n) =>
        ((typeof pop.rateHz === "number" ? pop.rateHz : pop.rateHz[mv.lo + n] ?? 0) * dt) / 1000);
      const startTick = Math.round((pop.startMs ?? 0) / dt);
      const endTick = pop.durationMs === undefined ? Infinity : startTick + Math.round(pop.durationMs / dt);
      return {
        kind: "poisson", mv: mv.index, population: mv.appVertex, lo: mv.lo, size, lambda, startTick, endTick,
        rng: createRng(seed).stream(`spinnaker/poisson/${pop.label}/${mv.sliceIndex}`),
      };
    }
    if (pop.kind === "SpikeSourceArray") {
      const schedule = new Map<number, number[]>();
      const dtUs = Math.ceil(dt * 1000);
      for (let n = 0; n < size; n++) {
        for (const tMs of pop.spikeTimesMs[mv.lo + n] ?? []) {
          const tick = Math.ceil(Math.floor(tMs * 1000) / dtUs);
          const list = schedule.get(tick);
          if (list) list.push(n);
          else schedule.set(tick, [n]);
        }
      }
      return { kind: "source", mv: mv.index, population: mv.appVertex, lo: mv.lo, schedule };
    }
    const layout = layoutFor(mv.appVertex, size);
    const rule = rules.get(mv.appVertex);
    return {
      kind: "neuron", mv: mv.index, population: mv.appVertex, lo: mv.lo, size,
      neurons: isFloat ? undefined : createNeuronSlice(pop, mv.lo, size, dt, fixedProfile),
      floatNeurons: !isFloat ? undefined : pop.kind === "Izhikevich"
        ? createIzhikevichFloatSlice(range(mv.lo, mv.hi).map((i) => paramsOf<IzhikevichFloatParams>(pop.params, i)), size, dt, initialVoltages(pop, mv.lo, size))
        : createLifFloatSlice(range(mv.lo, mv.hi).map((i) => paramsOf<LifCurrExpParams | LifCondExpParams>(pop.params, i)), size, dt, initialVoltages(pop, mv.lo, size)),
      floatRing: isFloat ? new Float64Array(2 ** (layout.delayBits + layout.typeBits + layout.indexBits)) : undefined,
      floatHistory: isFloat && rule ? createFloatPostHistory(size) : undefined,
      floatRule: isFloat && rule ? { ...rule, dtMs: dt } : undefined,
      layout, ring: createRingBuffers(layout), shifts: shifts.get(mv.appVertex)!,
      history: rule && !isFloat ? createPostHistory(size) : undefined,
      lutMinus: rule ? expLut(rule.tauMinusMs, dt) : undefined,
      popTable: [], slotRows: new Int32Array(1), rowSynapses: new Int32Array(1), slotSynapses: undefined, synapses: new Int32Array(0), rowState: undefined,
      ringMask: 2 ** (layout.delayBits + layout.typeBits + layout.indexBits) - 1, inputKeys: new Uint32Array(64), inputLength: 0, spiked: new Uint8Array(size), counts: new Float64Array(NEURON_COUNTERS.length),
      delayMask: 2 ** layout.delayBits - 1, slotShift: layout.typeBits + layout.indexBits,
      staticSynapses: 0, plasticSynapses: 0, cost: undefined, cycles: { sum: 0, worst: -1, worstTick: 0, overruns: 0 },
    };
  });
  // Slices are consecutive and equal-sized but for the last, so the core of neuron n is slice floor(n / size of the first).
  const slicesByVertex = graph.vertices.map((_, p) => slicesOf.get(p) ?? []);
  const sliceSizeOf = slicesByVertex.map((slices) => (slices[0] ? slices[0].hi - slices[0].lo : 1));
  const coreOfNeuron = (p: number, n: number) => slicesByVertex[p]![Math.floor(n / sliceSizeOf[p]!)]!;

  // Synaptic rows: per target core, per source core, per source neuron, one row per projection. Each projection's
  // connections are grouped into rows and every row gets its core and table slot; then each core lays out its rows
  // slot by slot (projection order within a slot) and packs the static synapses into words.
  const drafts = new Map<number, PopTableEntry>();
  const tableOf: PopTableEntry[][] = mapping.vertices.map(() => []);
  const nSlotsOf = new Int32Array(mapping.vertices.length);
  const weightsOfProjection: ProjectionWeights[] = [];
  const placed = net.projections.map((proj, k): PlacedRows => {
    const pre = popIndex.get(proj.pre)!;
    const post = popIndex.get(proj.post)!;
    const type = proj.receptor === "excitatory" ? 0 : 1;
    const shift = shifts.get(post)![type];
    const gws = conductanceInput.has(post) ? CONDUCTANCE_WEIGHT_SCALE : 1;
    const scale = weightScale(shift, gws);
    let rule: PairAdditiveRule | undefined;
    if (proj.stdp) {
      const s = proj.stdp;
      rule = {
        lutPlus: expLut(s.tauPlusMs, dt), lutMinus: expLut(s.tauMinusMs, dt),
        weight: net.profile !== "spynnaker6"
          ? { profile: "spynnaker7", aPlus: encS1615(s.aPlus * gws), aMinus: encS1615(s.aMinus * gws), wMin: encS1615(s.wMin * gws), wMax: encS1615(s.wMax * gws) }
          : { profile: "spynnaker6", a2Plus: rintHalfEven(s.aPlus * s.wMax * scale), a2Minus: rintHalfEven(s.aMinus * s.wMax * scale),
            wMin: rintHalfEven(s.wMin * scale), wMax: rintHalfEven(s.wMax * scale) },
      };
      if (net.profile === "spynnaker6" && (Math.abs(s.aPlus * s.wMax * scale) > 32767 || Math.abs(s.aMinus * s.wMax * scale) > 32767)) {
        warnings.push(`${proj.label ?? proj.pre + " → " + proj.post}: A±·w_max·scale exceeds 32767 and wraps in 6.x's 16-bit STDP multiply.`);
      }
    }
    const col = columns[k]!;
    const ticks = delayTicks[k]!;
    const postSlices = slicesOf.get(post)!;
    const nStageKinds = (nStages.get(pre) ?? 0) + 1;
    const stageDelay = stageTicks.get(pre) ?? 0;
    const rows = groupRows(col, stageOf[k]!, net.populations[pre]!.size, postSlices[0]!.hi - postSlices[0]!.lo, postSlices.length, nStageKinds);
    // Rows whose weights change (STDP) or stay unquantised (float profile) keep their synapses unpacked, with their state.
    const packed: PackedSynapses | undefined = rule || isFloat ? {
      postLocal: new Uint16Array(col.length), delay: new Uint16Array(col.length), weight: new Uint16Array(col.length),
      weightF: isFloat ? new Float64Array(col.length) : undefined, connection: rows.order,
    } : undefined;
    const floatRule = isFloat && proj.stdp ? { ...proj.stdp, dtMs: dt } : undefined;
    weightsOfProjection.push({ packed, shift, gws, scale });
    const coreOfRow = new Int32Array(rows.count);
    const slotOfRow = new Int32Array(rows.count);
    const stateOfRow: Row[] | undefined = packed ? [] : undefined;
    for (let r = 0; r < rows.count; r++) {
      const i = rows.pre[r]!;
      const g = rows.group[r]!;
      const start = rows.start[r]!;
      const n = rows.length[r]!;
      const stage = g % nStageKinds;
      const core = cores[postSlices[(g - stage) / nStageKinds]!.index] as NeuronCore;
      if (n > 256) problems.push(msg.rowTooLong(`${proj.label ?? proj.pre + " → " + proj.post}[${i}]`, n, 256));
      // Stage 0 rows hang off the source core's key; delayed rows off the delay core's, at (stage − 1)·n + i.
      const sourceMv = stage === 0 ? coreOfNeuron(pre, i) : coreOfNeuron(delayVertexOf.get(pre)!, i);
      const sliceSize = sourceMv.hi - sourceMv.lo;
      const draftId = core.mv * mapping.vertices.length + sourceMv.index;
      let entry = drafts.get(draftId);
      if (!entry) {
        const sourceKey = mapping.keys.cores[sourceMv.index]!;
        const nLocal = stage === 0 ? sliceSize : sliceSize * nStages.get(pre)!;
        entry = { key: sourceKey.key, mask: sourceKey.mask, slotBase: nSlotsOf[core.mv]!, nLocal };
        nSlotsOf[core.mv] = nSlotsOf[core.mv]! + nLocal;
        drafts.set(draftId, entry);
        tableOf[core.mv]!.push(entry);
      }
      coreOfRow[r] = core.mv;
      slotOfRow[r] = entry.slotBase + (stage === 0 ? i - sourceMv.lo : (stage - 1) * sliceSize + (i - sourceMv.lo));
      const longest = maxSupportedDelayTicks(core.layout);
      if (longestOf[k]! - stage * stageDelay > longest) {
        for (let s = start; s < start + n; s++) {
          if (ticks[rows.order[s]!]! - stage * stageDelay > longest) throw new Error("delay planning left a delay beyond the ring buffer"); // a Cajal bug
        }
      }
      if (!packed) continue;
      const { postLocal, delay, weight, weightF } = packed;
      for (let s = start; s < start + n; s++) {
        const c = rows.order[s]!;
        postLocal[s] = col.post[c]! - core.lo;
        delay[s] = ticks[c]! - stage * stageDelay;
        // Weights are magnitudes on every profile: the receptor gives the sign.
        weight[s] = quantiseWeight(col.weight[c]!, scale);
        if (weightF) weightF[s] = Math.abs(col.weight[c]!);
      }
      stateOfRow!.push({
        projection: k, synapseType: type, start, length: n, postLocal, delay, weight, weightF, floatRule, rule, lastPreTime: 0, lastPreTrace: 0,
      });
    }
    return { rows, coreOfRow, slotOfRow, stateOfRow, type, scale, stageDelay, nStageKinds, rowOnCore: new Int32Array(rows.count) };
  });
  throwIfProblems(problems);
  const neuronCoreList = cores.filter((c): c is NeuronCore => c.kind === "neuron");
  layOutRows(neuronCoreList, placed, nSlotsOf, tableOf, cores);
  placed.forEach((p, k) => {
    if (p.stateOfRow) return;
    const col = columns[k]!;
    const ticks = delayTicks[k]!;
    const { rows, scale, stageDelay, nStageKinds } = p;
    // Weights repeat (often one value per projection), so the last quantisation is reused.
    let lastWeight = NaN;
    let lastStored = 0;
    for (let r = 0; r < rows.count; r++) {
      const c = cores[p.coreOfRow[r]!] as NeuronCore;
      const stage = rows.group[r]! % nStageKinds;
      const typePart = p.type << c.layout.indexBits;
      let q = c.rowSynapses[p.rowOnCore[r]!]!;
      const start = rows.start[r]!;
      for (let s = start; s < start + rows.length[r]!; s++) {
        const conn = rows.order[s]!;
        const offset = ((ticks[conn]! - stage * stageDelay) << c.slotShift) | typePart | (col.post[conn]! - c.lo);
        const w = col.weight[conn]!;
        if (w !== lastWeight) {
          lastWeight = w;
          lastStored = quantiseWeight(w, scale);
        }
        c.synapses[q++] = (offset << 16) | lastStored;
      }
    }
  });

  // Routes: every key of a core follows the same entries, so one walk per sending core suffices.
  const tables = routerTables(mapping);
  const coreAt = new Map(mapping.placements.map((pl, i) => [`${pl.chip}:${pl.p}`, i]));
  const routes: (Route | undefined)[] = new Array<Route | undefined>(mapping.vertices.length);
  const routeOf = (mvIndex: number, key: number): Route => {
    let r = routes[mvIndex];
    if (!r) {
      const d = followPacket(machine, tables, mapping.placements[mvIndex]!.chip, key);
      if (d.dropped > 0) throw new Error(`packets of core ${mvIndex} are dropped by the routing tables`); // a mapper bug
      if (d.routers.length === 0) throw new Error(`packets of core ${mvIndex} enter no router`); // a mapper bug
      r = {
        targets: Int32Array.from(d.cores, ([chip, p]) => coreAt.get(`${chip}:${p}`)!),
        firstRouter: d.routers[0]!, laterRouters: Int32Array.from(d.routers.slice(1)),
        links: Int32Array.from(d.links, ([chip, l]) => chip * 6 + l),
      };
      routes[mvIndex] = r;
    }
    return r;
  };
  const routerLocal = new Float64Array(machine.chips.length);
  const routerExternal = new Float64Array(machine.chips.length);
  const linkTotal = new Float64Array(machine.chips.length * 6);
  const linkTick = new Float64Array(machine.chips.length * 6);
  const linkPeak = new Float64Array(machine.chips.length * 6);
  const linksTouched: number[] = [];

  // Recording.
  // Spikes as they happen: tick and neuron (recorded in tick order; within a tick, in core order).
  const spikeTicks: number[][] = net.populations.map(() => []);
  const spikeNeurons: number[][] = net.populations.map(() => []);
  const records = new Map<number, { v: Int32Array; gsynExc: Int32Array; gsynInh: Int32Array }>();
  const floatRecords = new Map<number, { v: Float64Array; gsynExc: Float64Array; gsynInh: Float64Array }>();
  net.populations.forEach((pop, p) => {
    if (isNeuronPopulation(pop) && pop.recordV) {
      const n = nTicks * pop.size;
      if (isFloat) floatRecords.set(p, { v: new Float64Array(n), gsynExc: new Float64Array(n), gsynInh: new Float64Array(n) });
      else records.set(p, { v: new Int32Array(n), gsynExc: new Int32Array(n), gsynInh: new Int32Array(n) });
    }
  });
  const bump = (c: { readonly counters: Map<ProvenanceName, number> }, name: ProvenanceName, by = 1) =>
    c.counters.set(name, (c.counters.get(name) ?? 0) + by);
  const delayCores = cores.filter((c): c is DelayCore => c.kind === "delay");

  const neuronCores = cores.filter((c): c is NeuronCore => c.kind === "neuron");
  for (const c of neuronCores) {
    const pop = net.populations[c.population]!;
    c.cost = coreCycleCoefficients({
      nNeurons: c.size, neuronModel: pop.kind === "Izhikevich" ? "izhikevich" : "lif",
      inputType: pop.kind === "IF_cond_exp" ? "conductance" : "current", popTableEntries: c.popTable.length,
    }, dt);
  }
  // This tick's packets in emission order: sending core, key, spike count (payload).
  let sendMv = new Int32Array(256);
  let sendKey = new Uint32Array(256);
  let sendCount = new Int32Array(256);
  let nSends = 0;
  const send = (mv: number, key: number, count: number) => {
    if (nSends === sendMv.length) {
      sendMv = grown(sendMv);
      sendKey = grown(sendKey);
      sendCount = grown(sendCount);
    }
    sendMv[nSends] = mv;
    sendKey[nSends] = key;
    sendCount[nSends++] = count;
  };

  // Weight read-back: the stored 16-bit values decoded (float profile: the unquantised weights).
  const weightsNaOf = (projection: number): Float64Array => {
    const w = weightsOfProjection[projection];
    if (!w) throw new RangeError(`no projection ${projection}`);
    const col = columns[projection]!;
    const out = new Float64Array(col.length);
    const step = 2 ** (w.shift - 15);
    const p = w.packed;
    if (p) for (let s = 0; s < p.connection.length; s++) out[p.connection[s]!] = p.weightF ? p.weightF[s]! : (p.weight[s]! * step) / w.gws;
    else for (let c = 0; c < col.length; c++) out[c] = (quantiseWeight(col.weight[c]!, w.scale) * step) / w.gws; // static: as stored
    return out;
  };
  const weightSamples: { tMs: number; projection: number; weightNa: Float64Array }[] = [];
  const sampleEvery = options.weightSamples ? Math.max(1, Math.round(options.weightSamples.everyTicks)) : 0;
  const noRecord: LifRecordBuffers = {};
  const noFloatRecord: FloatRecordBuffers = {};

  // One tick in the canonical order. The run loop lives in small functions of its own: V8 then optimises them
  // quickly, where a loop in this long function would make it compile all of `emulate` on the fly.
  const runTick = (t: number): void => {
    // 1. Timer: spikes still queued from earlier ticks are late; ring-buffer transfer of slot t.
    for (const c of neuronCores) {
      if (faithful && c.inputLength > 0) c.counts[LATE_QUEUED] = c.counts[LATE_QUEUED]! + c.inputLength;
      if (c.floatRing) floatRingTransfer(c, t);
      else if (!c.neurons!.transferAndUpdate) {
        c.neurons!.transfer(c.ring, ringBufferIndex(c.layout, t, 0, 0), ringBufferIndex(c.layout, t, 1, 0), c.shifts[0], c.shifts[1]);
      }
    }
    const colour = t & colourMask;
    nSends = 0;
    // 2. Spike sources emit this tick's spikes; 3. neuron cores update in placement order.
    for (const c of cores) {
      const coreKey = mapping.keys.cores[c.mv];
      if (c.kind === "source") {
        const due = c.schedule.get(t);
        if (!due) continue;
        for (const n of due) {
          spikeTicks[c.population]!.push(t);
          spikeNeurons[c.population]!.push(c.lo + n);
          if (coreKey) send(c.mv, neuronKey(coreKey, n, colourBits, colour), 1);
        }
        continue;
      }
      if (c.kind === "delay") {
        const due = c.pending.get(t);
        if (!due) continue;
        for (const [local, count] of due) {
          if (coreKey) send(c.mv, neuronKey(coreKey, local, colourBits, colour), count);
          bump(c, "Number_of_packets_sent");
        }
        c.pending.delete(t);
        continue;
      }
      if (c.kind === "poisson") {
        if (t < c.startTick || t >= c.endTick) continue;
        for (let n = 0; n < c.size; n++) {
          const lambda = c.lambda[n]!;
          if (lambda === 0) continue;
          const count = c.rng.poisson(lambda);
          if (count === 0) continue;
          // Recording keeps one bit per neuron per tick; several spikes travel as one packet with a count payload.
          spikeTicks[c.population]!.push(t);
          spikeNeurons[c.population]!.push(c.lo + n);
          if (coreKey) send(c.mv, neuronKey(coreKey, n, colourBits, colour), count);
        }
        continue;
      }
      const offset = t * net.populations[c.population]!.size + c.lo;
      let nSpikes: number;
      if (c.floatNeurons) {
        const frec = floatRecords.get(c.population);
        nSpikes = c.floatNeurons.update(c.spiked, frec ? {
          v: frec.v.subarray(offset, offset + c.size), gsynExc: frec.gsynExc.subarray(offset, offset + c.size),
          gsynInh: frec.gsynInh.subarray(offset, offset + c.size),
        } : noFloatRecord);
      } else {
        const rec = records.get(c.population);
        const record = rec ? {
          v: rec.v.subarray(offset, offset + c.size), gsynExc: rec.gsynExc.subarray(offset, offset + c.size),
          gsynInh: rec.gsynInh.subarray(offset, offset + c.size),
        } : noRecord;
        // Models with a one-pass kernel run this tick's ring-buffer transfer here (it touches only this core).
        const fused = c.neurons!.transferAndUpdate;
        nSpikes = fused
          ? fused(c.ring, ringBufferIndex(c.layout, t, 0, 0), ringBufferIndex(c.layout, t, 1, 0), c.shifts[0], c.shifts[1], c.spiked, record)
          : c.neurons!.update(c.spiked, record);
      }
      if (nSpikes === 0) continue;
      for (let n = 0; n < c.size; n++) {
        if (!c.spiked[n]) continue;
        spikeTicks[c.population]!.push(t);
        spikeNeurons[c.population]!.push(c.lo + n);
        if (c.history) addPostSpike(c.history, n, t, c.lutMinus!);
        if (c.floatHistory) addFloatPostSpike(c.floatHistory, n, t, c.floatRule!);
        if (coreKey) send(c.mv, neuronKey(coreKey, n, colourBits, colour), 1);
      }
    }
    // 4. The fabric delivers every packet of tick t, in emission order.
    for (let q = 0; q < nSends; q++) {
      const key = sendKey[q]!;
      const count = sendCount[q]!;
      const r = routeOf(sendMv[q]!, key);
      routerLocal[r.firstRouter]!++;
      for (let i = 0; i < r.laterRouters.length; i++) routerExternal[r.laterRouters[i]!]!++;
      for (let i = 0; i < r.links.length; i++) {
        const l = r.links[i]!;
        if (linkTick[l] === 0) linksTouched.push(l);
        linkTick[l]!++;
        linkTotal[l]!++;
      }
      // A packet with payload p is pushed p times by the receiving core.
      for (let i = 0; i < r.targets.length; i++) {
        const core = cores[r.targets[i]!]!;
        if (core.kind === "delay") {
          core.input.push([key, count]);
          bump(core, "Number_of_packets_received");
        } else {
          const nc = core as NeuronCore;
          if (faithful) {
            receiveBounded(nc, key, count);
            continue;
          }
          if (nc.inputLength + count > nc.inputKeys.length) nc.inputKeys = grown(nc.inputKeys, nc.inputLength + count);
          for (let k = 0; k < count; k++) nc.inputKeys[nc.inputLength++] = key;
        }
      }
    }
    for (const l of linksTouched) {
      linkPeak[l] = Math.max(linkPeak[l]!, linkTick[l]!);
      linkTick[l] = 0;
    }
    linksTouched.length = 0;
    // 5a. Delay cores store each spike for every stage.
    for (const c of delayCores) {
      for (const [key, count] of c.input) {
        bump(c, "Number_of_packets_processed");
        if (((key & c.sourceKey.mask) >>> 0) !== c.sourceKey.key) {
          bump(c, "invalid_key_count");
          continue;
        }
        const n = ((key & ~c.sourceKey.mask) >>> 0) >>> colourBits;
        for (let stage = 1; stage <= c.nStages; stage++) {
          const due = t + stage * c.stageTicks;
          let slot = c.pending.get(due);
          if (!slot) c.pending.set(due, (slot = new Map()));
          const local = (stage - 1) * c.size + n;
          const stored = (slot.get(local) ?? 0) + count;
          if (stored > 255) bump(c, "saturation_count", stored - 255);
          slot.set(local, Math.min(255, stored));
          bump(c, "Number_of_packets_added_to_delay_slot");
        }
      }
      c.input.length = 0;
    }
    // 5b. Each neuron core drains its input buffer through the synaptic pipeline.
    if (faithful) for (const c of neuronCores) drainInputBufferFaithfully(c, t, colourBits);
    else for (const c of neuronCores) drainInputBuffer(c, t, colourBits);
    if (sampleEvery > 0 && (t + 1) % sampleEvery === 0) {
      for (const k of options.weightSamples!.projections) weightSamples.push({ tMs: (t + 1) * dt, projection: k, weightNa: weightsNaOf(k) });
    }
  };
  const runTicks = () => {
    for (let t = 0; t < nTicks; t++) runTick(t);
  };
  runTicks();

  // Provenance: non-zero counters of every core and router.
  const provenance: ProvenanceItem[] = [];
  for (const c of neuronCores) {
    const pl = mapping.placements[c.mv]!;
    const where = `${net.populations[c.population]!.label} on ${pl.x},${pl.y},${pl.p}`;
    provenance.push({ name: "Last_timer_tic_the_core_ran_to", where, count: nTicks - 1 });
    NEURON_COUNTERS.forEach((name, i) => {
      if (c.counts[i]! > 0) provenance.push({ name, where, count: c.counts[i]! });
    });
  }
  for (const c of delayCores) {
    const pl = mapping.placements[c.mv]!;
    const where = `${graph.vertices[c.population]!.label} on ${pl.x},${pl.y},${pl.p}`;
    for (const [name, count] of c.counters) if (count > 0) provenance.push({ name, where, count });
  }
  machine.chips.forEach((chip, i) => {
    const where = `router (${chip.x}, ${chip.y})`;
    if (routerLocal[i]! > 0) provenance.push({ name: "Local_Multicast_Packets", where, count: routerLocal[i]! });
    if (routerExternal[i]! > 0) provenance.push({ name: "External_Multicast_Packets", where, count: routerExternal[i]! });
  });

  const ringBufferShifts = new Map([...shifts].map(([p, s]) => [labels[p]!, s] as const));
  const synapseReport: SynapseReport[] = [...shifts].map(([p, [e, i]]) => {
    const gws = conductanceInput.has(p) ? CONDUCTANCE_WEIGHT_SCALE : 1;
    return {
      population: labels[p]!, shifts: [e, i], weightResolution: [2 ** (e - 15) / gws, 2 ** (i - 15) / gws],
      delaySlots: supportedDelay(p), maxDelayTicks: maxDelay.get(p) ?? 1,
    };
  });
  const perTick = linkCapacityPerTick(dt);
  const linkLoads: LinkLoad[] = [];
  linkTotal.forEach((packets, l) => {
    if (packets === 0) return;
    const chip = machine.chips[Math.floor(l / 6)]!;
    linkLoads.push({ kind: "estimate", x: chip.x, y: chip.y, link: l % 6, packets, maxPacketsPerTick: linkPeak[l]!, peakUtilisation: linkPeak[l]! / perTick });
  });
  const budget = estimateTickCycles({ nNeurons: 0, neuronModel: "lif", inputType: "current", spikesReceived: 0, staticSynapses: 0, plasticSynapses: 0, popTableEntries: 0 }, dt).budgetCycles;
  const cycleEstimates: CoreCycleEstimate[] = neuronCores.map((c) => {
    const pl = mapping.placements[c.mv]!;
    return {
      kind: "estimate", where: `${labels[c.population]} on ${pl.x},${pl.y},${pl.p}`, budgetCycles: budget,
      meanBusyCycles: c.cycles.sum / nTicks, worstBusyCycles: c.cycles.worst, worstTick: c.cycles.worstTick,
      ticksPredictedOverrun: c.cycles.overruns,
    };
  });
  return {
    profile: net.profile, dtMs: dt, nTicks, mapping, ringBufferShifts, provenance, warnings, synapseReport, cycleEstimates, linkLoads,
    spikes(population) {
      const p = popIndex.get(population);
      if (p === undefined) throw new CajalError(msg.unknownPopulation("spikes", population, labels));
      // Sorted by time, then neuron: the key tick · size + neuron is an exact integer, so a numeric sort does it.
      const size = net.populations[p]!.size;
      const ticks = spikeTicks[p]!;
      const keys = new Float64Array(ticks.length);
      for (let i = 0; i < keys.length; i++) keys[i] = ticks[i]! * size + spikeNeurons[p]![i]!;
      keys.sort();
      const times = new Float64Array(keys.length);
      const neurons = new Int32Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        let tick = Math.floor(keys[i]! / size);
        if (tick * size > keys[i]!) tick--; // the division rounded up
        else if ((tick + 1) * size <= keys[i]!) tick++;
        times[i] = tick * dt;
        neurons[i] = keys[i]! - tick * size;
      }
      return { label: population, size, times, neurons, window: [0, nTicks * dt] };
    },
    recorded(population) {
      const p = popIndex.get(population);
      return p === undefined ? undefined : records.get(p);
    },
    decoded(population) {
      const p = popIndex.get(population);
      if (p === undefined) return undefined;
      const f = floatRecords.get(p);
      if (f) return f;
      const r = records.get(p);
      if (!r) return undefined;
      const dec = (a: Int32Array) => Float64Array.from(a, (x) => x / 32768);
      return { v: dec(r.v), gsynExc: dec(r.gsynExc), gsynInh: dec(r.gsynInh) };
    },
    weightsNa: weightsNaOf,
    weightSamples,
  };
}

/** Binary search of the master population table (entries sorted by key) for `(key AND mask) = entry.key`. */
function findEntry(table: readonly PopTableEntry[], key: number): PopTableEntry | undefined {
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = table[mid]!;
    const masked = (key & e.mask) >>> 0;
    if (masked === e.key) return e;
    if (masked < e.key) hi = mid - 1;
    else lo = mid + 1;
  }
  return undefined;
}

/**
 * Lays out each core's rows: rows per table slot, each row's place on its core (projection order
 * within a slot), and the word range of every row's static synapses; sorts each core's table.
 */
function layOutRows(
  neuronCoreList: readonly NeuronCore[], placed: readonly PlacedRows[], nSlotsOf: Int32Array, tableOf: PopTableEntry[][],
  cores: readonly { readonly kind: string }[],
): void {
  for (const c of neuronCoreList) c.slotRows = new Int32Array(nSlotsOf[c.mv]! + 1);
  for (const p of placed) {
    for (let r = 0; r < p.rows.count; r++) {
      const slotRows = (cores[p.coreOfRow[r]!] as NeuronCore).slotRows;
      slotRows[p.slotOfRow[r]! + 1]!++;
    }
  }
  const nextRow = new Map<number, Int32Array>();
  for (const c of neuronCoreList) {
    for (let s = 0; s + 1 < c.slotRows.length; s++) c.slotRows[s + 1] = c.slotRows[s + 1]! + c.slotRows[s]!;
    nextRow.set(c.mv, c.slotRows.slice(0, c.slotRows.length - 1));
    c.rowSynapses = new Int32Array(c.slotRows[c.slotRows.length - 1]! + 1);
  }
  for (const p of placed) {
    for (let r = 0; r < p.rows.count; r++) {
      const c = cores[p.coreOfRow[r]!] as NeuronCore;
      const next = nextRow.get(c.mv)!;
      const at = next[p.slotOfRow[r]!]!++;
      p.rowOnCore[r] = at;
      if (p.stateOfRow) {
        if (!c.rowState) c.rowState = new Array<Row | undefined>(c.rowSynapses.length - 1).fill(undefined);
        c.rowState[at] = p.stateOfRow[r]!;
      } else {
        c.rowSynapses[at + 1] = p.rows.length[r]!; // its static synapses, summed below
      }
    }
  }
  // Word ranges, row after row; on static-only cores, also slot by slot.
  for (const c of neuronCoreList) {
    for (let r = 0; r + 1 < c.rowSynapses.length; r++) c.rowSynapses[r + 1] = c.rowSynapses[r + 1]! + c.rowSynapses[r]!;
    c.synapses = new Int32Array(c.rowSynapses[c.rowSynapses.length - 1]!);
    if (!c.rowState) c.slotSynapses = c.slotRows.map((r) => c.rowSynapses[r]!);
    c.popTable = tableOf[c.mv]!.sort((a, b) => a.key - b.key);
  }
}

/** Where one projection's rows go: per row, its core (vertex index), table slot and, once laid out, its row index there. */
interface PlacedRows {
  readonly rows: RowGroups;
  readonly coreOfRow: Int32Array;
  readonly slotOfRow: Int32Array;
  readonly rowOnCore: Int32Array;
  /** Plastic or float-profile projections: each row's synapses and state (static projections are packed as words). */
  readonly stateOfRow: Row[] | undefined;
  readonly type: number;
  readonly scale: number;
  readonly stageDelay: number;
  readonly nStageKinds: number;
}

/** One projection's connections grouped into rows: row r holds `order[start[r] … start[r] + length[r] − 1]`. */
interface RowGroups {
  readonly count: number;
  /** Connection indices, row after row, each row in connection order. */
  readonly order: Int32Array;
  /** Per row: source neuron, group `targetSlice · nStageKinds + stage`, first position in `order`, length. */
  readonly pre: Int32Array;
  readonly group: Int32Array;
  readonly start: Int32Array;
  readonly length: Int32Array;
}

/**
 * Groups a projection's connections by (source neuron, target slice, delay stage), one group per
 * synaptic row: a stable counting sort by source neuron, then one pass per source neuron that places
 * each group's synapses in connection order. Rows come out by source neuron, then first appearance.
 */
function groupRows(
  col: { readonly length: number; readonly pre: Int32Array; readonly post: Int32Array }, stages: Int32Array, preSize: number,
  postSliceSize: number, nPostSlices: number, nStageKinds: number,
): RowGroups {
  const n = col.length;
  const firstOfPre = new Int32Array(preSize + 1);
  for (let c = 0; c < n; c++) firstOfPre[col.pre[c]! + 1]!++;
  for (let i = 0; i < preSize; i++) firstOfPre[i + 1] = firstOfPre[i + 1]! + firstOfPre[i]!;
  const byPre = new Int32Array(n);
  const nextOfPre = firstOfPre.slice(0, preSize);
  for (let c = 0; c < n; c++) byPre[nextOfPre[col.pre[c]!]!++] = c;
  const nGroups = nPostSlices * nStageKinds;
  const groupOf = new Int32Array(n);
  const groupSize = new Int32Array(nGroups);
  const groupEnd = new Int32Array(nGroups);
  const order = new Int32Array(n);
  let pre = new Int32Array(64);
  let group = new Int32Array(64);
  let start = new Int32Array(64);
  let length = new Int32Array(64);
  let count = 0;
  const touched = new Int32Array(nGroups);
  for (let i = 0; i < preSize; i++) {
    const a = firstOfPre[i]!;
    const b = firstOfPre[i + 1]!;
    if (a === b) continue;
    let nTouched = 0;
    for (let q = a; q < b; q++) {
      const c = byPre[q]!;
      const g = Math.floor(col.post[c]! / postSliceSize) * nStageKinds + stages[c]!;
      groupOf[q] = g;
      if (groupSize[g]!++ === 0) touched[nTouched++] = g;
    }
    // Place each group's synapses, keeping their order: fill each group from its end, walking backwards.
    let offset = a;
    for (let u = 0; u < nTouched; u++) {
      const g = touched[u]!;
      offset += groupSize[g]!;
      groupEnd[g] = offset;
    }
    for (let q = b - 1; q >= a; q--) {
      const g = groupOf[q]!;
      const at = groupEnd[g]! - 1;
      groupEnd[g] = at;
      order[at] = byPre[q]!;
    }
    if (count + nTouched > pre.length) {
      const size = Math.max(2 * pre.length, count + nTouched);
      pre = grown(pre, size);
      group = grown(group, size);
      start = grown(start, size);
      length = grown(length, size);
    }
    for (let u = 0; u < nTouched; u++) {
      const g = touched[u]!;
      pre[count] = i;
      group[count] = g;
      start[count] = groupEnd[g]!; // now the group's start
      length[count++] = groupSize[g]!;
      groupSize[g] = 0;
    }
  }
  return { count, order, pre, group, start, length };
}

/** A copy of `a` with room for at least `atLeast` elements (twice the length, or more). */
function grown<A extends Int32Array | Uint32Array>(a: A, atLeast = 0): A {
  const out = new (a.constructor as new (n: number) => A)(Math.max(2 * a.length, atLeast));
  out.set(a);
  return out;
}

/**
 * The synaptic pipeline of one core for tick t: every key in the spike input buffer is looked up in
 * the population table and its rows add their weights to the ring buffers (slots ≥ t + 1); then the
 * cycle model prices the tick.
 */
function drainInputBuffer(c: NeuronCore, t: number, colourBits: number): void {
  const packets = c.inputLength;
  c.staticSynapses = 0;
  c.plasticSynapses = 0;
  const counts = c.counts;
  counts[SPIKES_PROCESSED] = counts[SPIKES_PROCESSED]! + packets;
  const tBase = t << c.slotShift;
  const ring = c.ring;
  const ringMask = c.ringMask;
  const words = c.synapses;
  let staticSynapses = 0;
  let saturated = 0;
  for (let q = 0; q < packets; q++) {
    const key = c.inputKeys[q]!;
    const entry = findEntry(c.popTable, key);
    if (!entry) {
      counts[INVALID_POP_HITS]!++;
      continue;
    }
    const localId = ((key & ~entry.mask) >>> 0) >>> colourBits;
    const slot = entry.slotBase + localId;
    if (localId >= entry.nLocal) {
      counts[FILTERED]!++;
      continue;
    }
    // Static rows only (the common case): the slot's rows are one run of words; each word adds its weight
    // to ring slot (t + d, type, neuron).
    const first = c.slotSynapses ? c.slotSynapses[slot]! : c.slotRows[slot]!;
    const end = c.slotSynapses ? c.slotSynapses[slot + 1]! : c.slotRows[slot + 1]!;
    if (first === end) {
      counts[FILTERED]!++;
      continue;
    }
    if (c.slotSynapses) {
      for (let w = first; w < end; w++) {
        const word = words[w]!;
        const index = (tBase + (word >>> 16)) & ringMask;
        const acc = ring[index]! + (word & 0xffff);
        if (acc > 0xffff) {
          ring[index] = 0xffff;
          saturated++;
        } else {
          ring[index] = acc;
        }
      }
      staticSynapses += end - first;
      continue;
    }
    // A core with plastic (or float-profile) rows goes row by row.
    for (let r = first; r < end; r++) {
      const state = c.rowState?.[r];
      if (state) {
        processRow(c, state, t);
        continue;
      }
      const w0 = c.rowSynapses[r]!;
      const w1 = c.rowSynapses[r + 1]!;
      for (let w = w0; w < w1; w++) {
        const word = words[w]!;
        const index = (tBase + (word >>> 16)) & ringMask;
        const acc = ring[index]! + (word & 0xffff);
        if (acc > 0xffff) {
          ring[index] = 0xffff;
          saturated++;
        } else {
          ring[index] = acc;
        }
      }
      staticSynapses += w1 - w0;
    }
  }
  c.inputLength = 0;
  c.staticSynapses += staticSynapses;
  counts[PRE_SYNAPTIC_EVENTS] = counts[PRE_SYNAPTIC_EVENTS]! + staticSynapses;
  if (saturated > 0) counts[SATURATED] = counts[SATURATED]! + saturated;
  const busy = busyCycles(c.cost!, packets, c.staticSynapses, c.plasticSynapses);
  c.cycles.sum += busy;
  if (busy > c.cycles.worst) {
    c.cycles.worst = busy;
    c.cycles.worstTick = t;
  }
  if (busy > c.cost!.budgetCycles) c.cycles.overruns++;
}

/** Packet reception in timing-faithful mode: a packet with payload p is pushed p times; keys beyond the buffer are lost. */
function receiveBounded(c: NeuronCore, key: number, count: number): void {
  if (c.inputKeys.length < INPUT_BUFFER_CAPACITY) c.inputKeys = grown(c.inputKeys, INPUT_BUFFER_CAPACITY);
  for (let k = 0; k < count; k++) {
    if (c.inputLength >= INPUT_BUFFER_CAPACITY) {
      c.counts[INPUT_BUFFER_LOST]!++;
      continue;
    }
    c.inputKeys[c.inputLength++] = key;
    if (c.inputLength > c.counts[INPUT_BUFFER_MAX_FILLED]!) c.counts[INPUT_BUFFER_MAX_FILLED] = c.inputLength;
  }
}

/**
 * The synaptic pipeline in timing-faithful mode: keys are taken in FIFO order while the cycle model's
 * estimate of the tick so far (the neuron update, then each processed packet) is below the budget; the
 * rest stay queued. A key sent at an earlier tick (its colour says which, 7.x) is processed as if at its
 * send tick, and synapses whose delay has already passed are skipped.
 */
function drainInputBufferFaithfully(c: NeuronCore, t: number, colourBits: number): void {
  const cost = c.cost!;
  const counts = c.counts;
  const colourMask = 2 ** colourBits - 1;
  c.staticSynapses = 0;
  c.plasticSynapses = 0;
  let used = cost.fixedCycles;
  let q = 0;
  for (; q < c.inputLength && used < cost.budgetCycles; q++) {
    const key = c.inputKeys[q]!;
    const lateness = (t - (key & colourMask)) & colourMask;
    if (lateness > 0) {
      counts[LATE_SPIKES] = counts[LATE_SPIKES]! + (lateness & 1); // as synapses.c counts it
      if (lateness > counts[MAX_LATE]!) counts[MAX_LATE] = lateness;
    }
    const staticBefore = c.staticSynapses;
    const plasticBefore = c.plasticSynapses;
    processKey(c, key, t, lateness, colourBits);
    used += cost.perSpike + (c.staticSynapses - staticBefore) * cost.perStaticSynapse + (c.plasticSynapses - plasticBefore) * cost.perPlasticSynapse;
  }
  counts[SPIKES_PROCESSED] = counts[SPIKES_PROCESSED]! + q;
  c.inputKeys.copyWithin(0, q, c.inputLength);
  c.inputLength -= q;
  const busy = busyCycles(cost, q, c.staticSynapses, c.plasticSynapses);
  c.cycles.sum += busy;
  if (busy > c.cycles.worst) {
    c.cycles.worst = busy;
    c.cycles.worstTick = t;
  }
  if (busy > cost.budgetCycles) c.cycles.overruns++;
}

/** One key through the table and its rows at tick t, aimed at send tick `t − lateness` (timing-faithful mode). */
function processKey(c: NeuronCore, key: number, t: number, lateness: number, colourBits: number): void {
  const counts = c.counts;
  const entry = findEntry(c.popTable, key);
  if (!entry) {
    counts[INVALID_POP_HITS]!++;
    return;
  }
  const localId = ((key & ~entry.mask) >>> 0) >>> colourBits;
  if (localId >= entry.nLocal) {
    counts[FILTERED]!++;
    return;
  }
  const slot = entry.slotBase + localId;
  const r0 = c.slotRows[slot]!;
  const r1 = c.slotRows[slot + 1]!;
  if (r0 === r1) {
    counts[FILTERED]!++;
    return;
  }
  const sendTick = t - lateness;
  const tBase = sendTick << c.slotShift;
  for (let r = r0; r < r1; r++) {
    const state = c.rowState?.[r];
    if (state) {
      processRow(c, state, sendTick, lateness);
      continue;
    }
    const w0 = c.rowSynapses[r]!;
    const w1 = c.rowSynapses[r + 1]!;
    let saturated = 0;
    for (let w = w0; w < w1; w++) {
      const word = c.synapses[w]!;
      const offset = word >>> 16;
      if (offset >>> c.slotShift <= lateness) {
        counts[SKIPPED_SYNAPSES]!++; // its slot was consumed before the spike was processed
        continue;
      }
      const index = (tBase + offset) & c.ringMask;
      const acc = c.ring[index]! + (word & 0xffff);
      if (acc > 0xffff) {
        c.ring[index] = 0xffff;
        saturated++;
      } else {
        c.ring[index] = acc;
      }
    }
    c.staticSynapses += w1 - w0;
    counts[PRE_SYNAPTIC_EVENTS] = counts[PRE_SYNAPTIC_EVENTS]! + (w1 - w0);
    if (saturated > 0) counts[SATURATED] = counts[SATURATED]! + saturated;
  }
}

/**
 * One row for a spike sent at tick t: STDP first for plastic rows, then ring-buffer adds. A spike processed
 * `lateness` ticks after it was sent (timing-faithful mode) skips the synapses whose delay has passed.
 */
function processRow(c: NeuronCore, row: Row, t: number, lateness = 0): void {
  const n = row.length;
  const first = row.start;
  const end = first + n;
  c.counts[PRE_SYNAPTIC_EVENTS] = c.counts[PRE_SYNAPTIC_EVENTS]! + n;
  if (row.rule || row.floatRule) c.plasticSynapses += n;
  else c.staticSynapses += n;
  const delay = row.delay;
  const post = row.postLocal;
  const weight = row.weight;
  if (row.weightF) {
    // Float profile: unquantised weights, exact traces, no saturation.
    const ring = c.floatRing!;
    const weightF = row.weightF;
    for (let s = first; s < end; s++) {
      if (row.floatRule) {
        weightF[s] = updateFloatPlasticSynapse(c.floatHistory!, row.floatRule, post[s]!, weightF[s]!, delay[s]!, t, row.lastPreTime, row.lastPreTrace);
      }
      if (delay[s]! <= lateness) {
        c.counts[SKIPPED_SYNAPSES]!++;
        continue;
      }
      const i = ringBufferIndex(c.layout, t + delay[s]!, row.synapseType, post[s]!);
      ring[i] = ring[i]! + weightF[s]!;
    }
    if (row.floatRule) {
      row.lastPreTrace = nextFloatPreTrace(row.lastPreTime, row.lastPreTrace, t, row.floatRule);
      row.lastPreTime = t;
    }
    return;
  }
  const shift = c.shifts[row.synapseType]!;
  if (row.rule) {
    for (let s = first; s < end; s++) {
      const w = updatePlasticSynapse(c.history!, row.rule, { postNeuron: post[s]!, weight16: weight[s]!, delay: delay[s]!, shift },
        t, row.lastPreTime, row.lastPreTrace);
      weight[s] = w;
      if (delay[s]! <= lateness) {
        c.counts[SKIPPED_SYNAPSES]!++;
        continue;
      }
      if (ringBufferAdd(c.ring, ringBufferIndex(c.layout, t + delay[s]!, row.synapseType, post[s]!), w)) {
        c.counts[PLASTIC_SATURATED]!++;
      }
    }
    row.lastPreTrace = nextPreTrace(row.lastPreTime, row.lastPreTrace, t, row.rule.lutPlus);
    row.lastPreTime = t;
    return;
  }
  throw new Error("a static row reached processRow"); // a Cajal bug: static rows are packed as words
}

/** Float profile: hands slot t's summed weights to the neurons and clears it. */
function floatRingTransfer(c: NeuronCore, t: number): void {
  const ring = c.floatRing!;
  for (let type = 0; type < 2; type++) {
    const base = ringBufferIndex(c.layout, t, type, 0);
    for (let n = 0; n < c.size; n++) {
      const w = ring[base + n]!;
      if (w !== 0) {
        c.floatNeurons!.addInput(n, type, w);
        ring[base + n] = 0;
      }
    }
  }
}
