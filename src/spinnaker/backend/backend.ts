/**
 * The `spinnaker` backend: runs a DSL Network on the emulated SpiNNaker machine and returns the
 * same Run as the reference backend, plus what only a SpiNNaker run has — provenance counters
 * under sPyNNaker's names with sentences saying what they mean, the mapping (placements, routing
 * tables before/after compression, packets per link) and the stack's energy and real-time
 * ESTIMATES, kept apart from the exact counts.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { SpikeTrains } from "../../core/spikes.js";
import type { AdvanceOptions, Backend, Session } from "../../model/backend.js";
import { type Connections, expandProjection } from "../../model/expand.js";
import * as modelMsg from "../../model/messages.js";
import type { NetworkSpec } from "../../model/spec.js";
import type { Network } from "../../model/network.js";
import type { PopulationRecording, ProjectionRecording, Recordings } from "../../results/recordings.js";
import { createRun, type Run } from "../../results/run.js";
import type { BoardOption } from "../machine/boards.js";
import { type MappingReport, mappingReport } from "../mapping/report.js";
import { type ProvenanceItem, PROVENANCE_COUNTERS, describeItem } from "../provenance/counters.js";
import type { EnergyEstimate } from "../provenance/energy.js";
import type { LinkLoad } from "../provenance/nocLoad.js";
import { type CoreCycleEstimate, type Emulation, emulate } from "../runtime/emulator.js";
import type { EmuProfile } from "../runtime/profile.js";
import { estimateRunEnergy } from "../runtime/runEnergy.js";
import { rintHalfEven } from "../runtime/weightScaling.js";
import * as msg from "./messages.js";
import { translate, type Translation, unsupportedProblems } from "./translate.js";

/** Options of a run on the emulated machine. */
export interface SpinnakerRunOptions {
  /** The board: "spinn3" (4 chips), "spinn5" (48 chips, default) or { boards: n } SpiNN-5 boards. */
  readonly machine?: BoardOption;
  /** Toolchain profile (spinnaker.md §0.1): "spynnaker7" (default), "spynnaker6", or "float" (no quantisation). */
  readonly profile?: EmuProfile;
  /**
   * At most this many neurons per core (PyNN's `set_number_of_neurons_per_core`): one number for every
   * neuron population, or a number per population label. Default: the model's 256.
   */
  readonly neuronsPerCore?: number | Readonly<Record<string, number>>;
  /**
   * "ideal" (default) processes every packet within its tick; "faithful" gives each core its 255-key spike
   * input buffer (overflow loses spikes) and lets the cycle model's estimate of each tick decide which spikes
   * are processed late (see `EmulateOptions.timing`).
   */
  readonly timing?: "ideal" | "faithful";
  /** The routing-table compressor: "pair" (default, as the stack) or "orderedCovering". */
  readonly compressor?: "pair" | "orderedCovering";
}

/** The real-time estimate of a run: the cycle model's busiest core against the 1-tick budget. */
export interface RealTimeEstimate {
  readonly kind: "estimate";
  /** Cycles per tick available to each core (200,000 at 1 ms, 200 MHz). */
  readonly budgetCycles: number;
  /** The busiest core and its worst tick. */
  readonly worstCore: string;
  readonly worstBusyCycles: number;
  /** Worst busy cycles over the budget: above 1 the machine would fall behind real time. */
  readonly worstLoad: number;
  /** Ticks, summed over cores, whose estimated work exceeds the budget. */
  readonly ticksPredictedOverrun: number;
  /** The smallest whole time_scale_factor at which the cycle model predicts no overrun. */
  readonly timeScaleFactorNeeded: number;
}

/** Packets that crossed one directed link, with the busiest tick's load (an ESTIMATE against an unverified capacity). */
export interface LinkTraffic extends LinkLoad {
  /** "E", "NE", "N", "W", "SW", "S". */
  readonly direction: string;
}

/** Estimates of the stack's own models; never mixed with the exact provenance counts. */
export interface SpinnakerEstimates {
  readonly energy: EnergyEstimate & { readonly multicastPackets: number };
  readonly realTime: RealTimeEstimate;
  readonly cycles: readonly CoreCycleEstimate[];
}

/** A Run from the emulator: the reference Run's interface plus the machine's view of it. */
export interface SpinnakerRun extends Run {
  readonly profile: EmuProfile;
  /** Exact counters of the emulated cores and routers, under sPyNNaker's names (non-zero only). */
  readonly provenance: readonly ProvenanceItem[];
  /** Placements, key bits and routing-table sizes before/after compression. */
  readonly mapping: MappingReport;
  /** Packets per directed link. */
  readonly links: readonly LinkTraffic[];
  /** Recoverable issues (delays rounded, weight signs, 6.x wrap-around). */
  readonly warnings: readonly string[];
  readonly estimates: SpinnakerEstimates;
  /** Ring-buffer shifts, weight resolution and delay slots per population. */
  readonly synapses: Emulation["synapseReport"];
  /** Sentences: one per non-zero warning counter (the stack's wording and a remedy), then the informative counters, then the estimates. */
  report(): string[];
  /** The emulation itself, for what the Run does not expose. */
  readonly emulation: Emulation;
}

const LINK_NAMES = ["E", "NE", "N", "W", "SW", "S"] as const;

function resolveOptions(options: SpinnakerRunOptions): { board: BoardOption; profile: EmuProfile } {
  const problems: Problem[] = [];
  const board = options.machine ?? "spinn5";
  const okBoard = board === "spinn3" || board === "spinn5" || (typeof board === "object" && board !== null && "boards" in board);
  if (!okBoard) problems.push(msg.unknownMachine("spinnaker.machine", board));
  const profile = options.profile ?? "spynnaker7";
  if (!["spynnaker7", "spynnaker6", "float"].includes(profile)) problems.push(msg.unknownProfile("spinnaker.profile", profile));
  if (problems.length) throw new CajalError(problems);
  return { board, profile };
}

/** Delays as the machine runs them (ms): whole timesteps, round half to even, at least one. */
function machineDelaysMs(delayMs: ArrayLike<number>, dt: number): Float64Array {
  const out = new Float64Array(delayMs.length);
  for (let c = 0; c < out.length; c++) out[c] = Math.max(1, rintHalfEven(delayMs[c]! / dt)) * dt;
  return out;
}

/** The spikes of the recorded neurons among all of a population's. (A function of its own, so V8 optimises the loops alone.) */
function spikesOf(all: SpikeTrains, recorded: readonly number[], size: number): { times: Float64Array; neurons: Int32Array } {
  const mask = new Uint8Array(size);
  for (const i of recorded) mask[i] = 1;
  let n = 0;
  for (let k = 0; k < all.neurons.length; k++) if (mask[all.neurons[k]!]) n++;
  const times = new Float64Array(n);
  const neurons = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < all.neurons.length; k++) {
    if (!mask[all.neurons[k]!]) continue;
    times[m] = all.times[k]!;
    neurons[m++] = all.neurons[k]!;
  }
  return { times, neurons };
}

/** The recorded neurons' values, `[step · neurons.length + k]`, from a whole population's `[step · size + neuron]`. */
function traceOf(source: Float64Array, neurons: Int32Array, size: number, steps: number): Float64Array {
  const values = new Float64Array(steps * neurons.length);
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < neurons.length; k++) values[s * neurons.length + k] = source[s * size + neurons[k]!]!;
  }
  return values;
}

/** Builds the DSL Run (and the extras) from one emulation. */
function toRun(net: NetworkSpec, tr: Translation, em: Emulation, history: ReadonlyMap<string, { tMs: number; weight: Float64Array }[]>): SpinnakerRun {
  const dt = net.dtMs;
  const timeMs = em.nTicks * dt;
  const populations: Record<string, PopulationRecording> = {};
  for (const pop of net.populations) {
    const recs = net.recordings.filter((r) => r.population === pop.label);
    const spikeRec = recs.find((r) => r.variable === "spikes");
    let spikes: PopulationRecording["spikes"];
    if (spikeRec) spikes = { recorded: Int32Array.from(spikeRec.indices), ...spikesOf(em.spikes(pop.label), spikeRec.indices, pop.size) };
    const traces: Record<string, { neurons: Int32Array; values: Float64Array; steps: number }> = {};
    const decoded = recs.some((r) => r.variable !== "spikes") ? em.decoded(pop.label) : undefined;
    for (const r of recs) {
      if (r.variable === "spikes" || !decoded) continue;
      const source = r.variable === "v" ? decoded.v : r.variable === "gsyn_exc" ? decoded.gsynExc : decoded.gsynInh;
      const neurons = Int32Array.from(r.indices);
      traces[r.variable] = { neurons, values: traceOf(source, neurons, pop.size, em.nTicks), steps: em.nTicks };
    }
    populations[pop.label] = { size: pop.size, traces, ...(spikes && { spikes }) };
  }
  const projections: Record<string, ProjectionRecording> = {};
  net.projections.forEach((proj, k) => {
    const c = tr.connections.get(proj.label)!;
    const sign = tr.weightSign.get(proj.label)!;
    // Weights, delays and the final weight sample are decoded when first read: most runs never read them,
    // and the emulation they come from is finished, so reading later gives the same values.
    let weight: Float64Array | undefined;
    let delayMs: Float64Array | undefined;
    let samples: ProjectionRecording["history"] | undefined;
    const weightOf = (): Float64Array => {
      if (!weight) {
        weight = em.weightsNa(k);
        if (sign < 0) for (let s = 0; s < weight.length; s++) weight[s] = -weight[s]!;
      }
      return weight;
    };
    projections[proj.label] = {
      preSize: net.populations.find((p) => p.label === proj.pre.population)!.size,
      postSize: net.populations.find((p) => p.label === proj.post.population)!.size,
      pre: c.pre, post: c.post,
      get weight() {
        return weightOf();
      },
      // Delays as the machine runs them: whole timesteps, round half to even, at least one.
      get delayMs() {
        return (delayMs ??= machineDelaysMs(c.delayMs, dt));
      },
      get history() {
        return (samples ??= history.get(proj.label) ?? (proj.recordWeightsEveryMs === Infinity ? [{ tMs: timeMs, weight: weightOf().slice() }] : []));
      },
    };
  });
  const provenance = em.provenance;
  const rec: Recordings = { backend: "spinnaker", dtMs: dt, timeMs, populations, projections, provenance };
  const base = createRun(rec);

  const cycles = em.cycleEstimates;
  const worst = cycles.reduce<CoreCycleEstimate | undefined>((w, c) => (!w || c.worstBusyCycles > w.worstBusyCycles ? c : w), undefined);
  const budget = worst?.budgetCycles ?? Math.round(200_000 * dt);
  const realTime: RealTimeEstimate = {
    kind: "estimate", budgetCycles: budget, worstCore: worst?.where ?? "none", worstBusyCycles: worst?.worstBusyCycles ?? 0,
    worstLoad: (worst?.worstBusyCycles ?? 0) / budget,
    ticksPredictedOverrun: cycles.reduce((n, c) => n + c.ticksPredictedOverrun, 0),
    timeScaleFactorNeeded: Math.max(1, Math.ceil((worst?.worstBusyCycles ?? 0) / budget)),
  };
  const estimates: SpinnakerEstimates = { energy: estimateRunEnergy(em), realTime, cycles };
  const links: LinkTraffic[] = em.linkLoads.map((l) => ({ ...l, direction: LINK_NAMES[l.link] ?? String(l.link) }));
  const mapping = mappingReport(em.mapping);

  const report = (): string[] => {
    const lines: string[] = [];
    const warn = provenance.filter((p) => p.count > 0 && PROVENANCE_COUNTERS[p.name].warnsWhenNonZero);
    for (const item of warn) lines.push(describeItem(item));
    // Informative counters, one sentence per name summed over the cores or routers that counted it.
    const sums = new Map<ProvenanceItem["name"], { total: number; places: number }>();
    for (const p of provenance) {
      if (p.count === 0 || PROVENANCE_COUNTERS[p.name].warnsWhenNonZero) continue;
      const s = sums.get(p.name) ?? { total: 0, places: 0 };
      s.total += p.count;
      s.places++;
      sums.set(p.name, s);
    }
    for (const [name, s] of sums) {
      const info = PROVENANCE_COUNTERS[name];
      const over = `${s.places} ${info.scope === "router" ? "router" : "core"}${s.places === 1 ? "" : "s"}`;
      const value = name === "Last_timer_tic_the_core_ran_to" ? `${s.total / s.places} on each of ${over}` : `${s.total} over ${over}`;
      lines.push(`${name} = ${value}: ${info.meaning}${info.remedy ? ` (${info.remedy})` : ""}`);
    }
    if (warn.length === 0) lines.push("No counter that signals lost, clipped or late work is non-zero: the emulated machine ran this model as written.");
    for (const w of em.warnings) lines.push(`Warning: ${w}`);
    // Estimates, labelled as such.
    const e = estimates.energy;
    lines.push(`ESTIMATE (the stack's energy model): ${e.totalJ.toPrecision(3)} J over ${timeMs} ms — idle ${e.idleJ.toPrecision(3)} J, active cores ${e.activeCoresJ.toPrecision(3)} J, routers ${e.routersJ.toPrecision(3)} J for ${e.multicastPackets} packet-router visits.`);
    lines.push(realTime.ticksPredictedOverrun > 0
      ? `ESTIMATE (cycle model): ${realTime.worstCore} needs up to ${Math.round(realTime.worstBusyCycles)} cycles in a tick of ${budget}; ${realTime.ticksPredictedOverrun} core-ticks would overrun, so real hardware would report Times_the_timer_tic_over_ran and lose spikes. Run with time_scale_factor ≥ ${realTime.timeScaleFactorNeeded}, or put fewer neurons on each core.`
      : `ESTIMATE (cycle model): the busiest core (${realTime.worstCore}) uses at most ${(100 * realTime.worstLoad).toFixed(1)} % of its ${budget}-cycle tick, so the model should run in real time.`);
    const busiest = links.reduce<LinkTraffic | undefined>((b, l) => (!b || l.peakUtilisation > b.peakUtilisation ? l : b), undefined);
    if (busiest) {
      lines.push(`ESTIMATE (link capacity, unverified): the busiest link, ${busiest.direction} out of chip (${busiest.x}, ${busiest.y}), carried at most ${busiest.maxPacketsPerTick} packets in one tick, ${(100 * busiest.peakUtilisation).toFixed(2)} % of its capacity.`);
    }
    return lines;
  };

  return Object.assign(base, {
    profile: em.profile, provenance, mapping, links, warnings: em.warnings, estimates, synapses: em.synapseReport, report, emulation: em,
  }) as SpinnakerRun;
}

/**
 * A session that re-emulates from t = 0 to the new total time on every `advance` (the emulator
 * keeps no state between runs, as `sim.run()` after `sim.end()` would not); the results equal one
 * long run. Weight samples (`record("weight", { everyMs })`) are read from the emulated cores
 * every `everyMs`: what `proj.get("weight")` between `sim.run()` calls would return.
 */
class SpinnakerSession implements Session {
  private total = 0;
  constructor(
    private readonly net: NetworkSpec, private readonly options: SpinnakerRunOptions, private drawn?: ReadonlyMap<string, Connections>,
  ) {}
  get timeMs(): number {
    return this.total;
  }
  async advance(durationMs: number, options: AdvanceOptions = {}): Promise<Run> {
    const { board, profile } = resolveOptions(this.options);
    if (options.signal?.aborted) throw new CajalError(modelMsg.interrupted("net.run", this.total), { cause: options.signal.reason });
    const total = this.total + durationMs;
    const tr = translate(this.net, profile, this.drawn, this.options.neuronsPerCore);
    this.drawn = tr.connections;
    const seed = this.net.seed;
    // Weight samples every `everyMs` (on the timestep grid), read from the emulated cores as the run goes.
    const sampled = this.net.projections.map((p, k) => [p, k] as const)
      .filter(([p]) => p.recordWeightsEveryMs !== undefined && Number.isFinite(p.recordWeightsEveryMs));
    const everyTicks = sampled.length ? Math.max(1, Math.round(Math.min(...sampled.map(([p]) => p.recordWeightsEveryMs!)) / this.net.dtMs)) : 0;
    const em = emulate(tr.emu, {
      durationMs: total, board, seed, ...(this.options.timing !== undefined && { timing: this.options.timing }),
      ...(this.options.compressor !== undefined && { compressor: this.options.compressor }),
      ...(everyTicks > 0 && { weightSamples: { everyTicks, projections: sampled.map(([, k]) => k) } }),
    });
    const history = new Map<string, { tMs: number; weight: Float64Array }[]>();
    for (const sample of em.weightSamples) {
      const p = this.net.projections[sample.projection]!;
      const every = Math.max(1, Math.round(p.recordWeightsEveryMs! / this.net.dtMs));
      if (Math.round(sample.tMs / this.net.dtMs) % every !== 0) continue;
      const w = sample.weightNa;
      if (tr.weightSign.get(p.label)! < 0) for (let s = 0; s < w.length; s++) w[s] = -w[s]!;
      const list = history.get(p.label) ?? [];
      list.push({ tMs: sample.tMs, weight: w });
      history.set(p.label, list);
    }
    this.total = total;
    options.onProgress?.(durationMs, durationMs);
    return toRun(this.net, tr, em, history);
  }
}

/** Connections `check` drew for a network without problems, so that `start` need not draw them again. */
const drawnByCheck = new WeakMap<NetworkSpec, ReadonlyMap<string, Connections>>();

/** Problems found by drawing the connections (weights, delays), as the reference backend reports them. */
function connectionProblems(net: NetworkSpec): Problem[] {
  const problems: Problem[] = [];
  const drawn = new Map<string, Connections>();
  for (const proj of net.projections) {
    const { connections, problems: found } = expandProjection(net, proj);
    drawn.set(proj.label, connections);
    problems.push(...found);
  }
  if (problems.length === 0) drawnByCheck.set(net, drawn);
  return problems;
}

/** Creates a spinnaker backend whose runs use `options` (machine, profile). */
export function createSpinnakerBackend(
  options: SpinnakerRunOptions = {}, name = "spinnaker",
): Backend & { start(net: NetworkSpec, runOptions?: SpinnakerRunOptions): Session } {
  return {
    name,
    check(net) {
      const problems = unsupportedProblems(net);
      if (problems.length === 0) problems.push(...connectionProblems(net));
      return problems;
    },
    // `runOptions` (machine, profile, neuronsPerCore) override the backend's: ready for a DSL that forwards
    // `net.run(ms, { backend: "spinnaker", machine, profile })`'s extra options to `start`.
    start(net: NetworkSpec, runOptions: SpinnakerRunOptions = {}) {
      return new SpinnakerSession(net, { ...options, ...runOptions }, drawnByCheck.get(net));
    },
  };
}

/** The backend `net.run(ms, { backend: "spinnaker" })` uses: a SpiNN-5 board, profile spynnaker7. */
export const spinnakerBackend = createSpinnakerBackend();

/**
 * Runs `net` for `durationMs` on the emulated machine with explicit options, from t = 0.
 *
 * @example const run = await runOnSpinnaker(net, 90, { machine: "spinn3", profile: "spynnaker6" });
 */
export async function runOnSpinnaker(net: Network, durationMs: number, options: SpinnakerRunOptions = {}): Promise<SpinnakerRun> {
  const spec = net.spec();
  const steps = durationMs / spec.dtMs;
  if (!(durationMs > 0) || Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, steps)) {
    throw new CajalError(modelMsg.notWholeSteps("runOnSpinnaker", durationMs, spec.dtMs));
  }
  const backend = createSpinnakerBackend(options);
  const problems = backend.check(spec);
  if (problems.length) throw new CajalError(problems);
  return (await backend.start(spec).advance(durationMs)) as SpinnakerRun;
}
