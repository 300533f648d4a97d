/**
 * The reference simulation: float64 state, clock-driven cells, event-driven synapses over
 * compressed sparse rows, delays in per-population ring buffers, exact STDP at events.
 *
 * Time convention (sPyNNaker's, so the emulator's spikes compare one to one): step k integrates
 * [k·dt, (k+1)·dt); traces sample the state at t = k·dt (synaptic values after this step's
 * arrivals); a spike detected in step k is stamped k·dt, so every stamp lies in [0, T) for a run
 * of T ms. With a delay of D steps it joins the target's synaptic state at the start of step
 * k+D: it arrives exactly `delay` after its stamp.
 *
 * One step: (1) plastic synapses: post spikes that reach dendritic-delay synapses now potentiate
 * them, and spikes arriving now at axonal-delay synapses transmit their current weights into the
 * targets' ring slots; (2) every population takes its ring slot (synapse "receive"); (3) traces
 * are sampled; (4) cells are updated (population-step.ts) and sources emit; (5) spikes are recorded
 * and sent along static rows into ring slots k+D; at dendritic-delay synapses they depress first
 * and then send the updated weight; at axonal-delay synapses they are queued until they arrive;
 * (6) this step's post spikes potentiate axonal-delay synapses at once, then this step's arrivals
 * depress them; dendritic-delay synapses get the post spikes queued for after their delay.
 * At equal times post events come before pre events, so Δt = 0 depresses (sPyNNaker 7).
 */
import type { AdvanceOptions, Session } from "../model/backend.js";
import type { CellType } from "../model/cells/compose.js";
import type { Connections } from "../model/expand.js";
import { cellParameters, initialValues, streamFor } from "../model/expand.js";
import { currentAt, type CurrentSource } from "../model/currents.js";
import type { NetworkSpec, ProjectionSpec } from "../model/spec.js";
import type { PopulationRecording, ProjectionRecording, Recordings } from "../results/recordings.js";
import { createRun, type Run } from "../results/run.js";
import { buildColumns, buildCsr, type Csr } from "./csr.js";
import { GrowableFloat64, GrowableInt32 } from "./growable.js";
import { runInChunks } from "./step-loop.js";
import { referenceKernels } from "./kernels/index.js";
import { createCellPopulation, fusedKindFor, receiveInput, stepCells, type CellPopulation } from "./population-step.js";
import { sharedFloat64 } from "./state.js";
import { createControl, sliceBounds, splitRows, ThreadTeam, type SharedLayout, type SharedPopulation } from "./threads.js";
import { Worker } from "node:worker_threads";
import path from "node:path";
import { createArraySource, createPoissonSource, type SourcePopulation } from "./sources.js";
import type { KernelFactory } from "./state.js";
import { createStdp, type StdpState } from "./stdp.js";

interface TraceRuntime {
  readonly variable: string;
  readonly neurons: Int32Array;
  readonly source: () => Float64Array;
  readonly buffer: GrowableFloat64;
  steps: number;
}

interface PopulationRuntime {
  readonly label: string;
  readonly size: number;
  readonly cells?: CellPopulation;
  readonly source?: SourcePopulation;
  readonly spiked: Uint8Array;
  ringLength: number;
  slotsExc: Float64Array[];
  slotsInh: Float64Array[];
  ringExc?: Float64Array;
  ringInh?: Float64Array;
  /**
   * Per ring slot: the cells whose entry in that slot went from zero to non-zero (a cell may appear
   * twice if its sum returned to exactly zero). A fused population without traces adds only these
   * cells' arrivals (engine step (2)) instead of reading every cell's slot entry.
   */
  touchedExc: GrowableInt32[];
  touchedInh: GrowableInt32[];
  readonly outgoing: ProjectionRuntime[];
  readonly incomingPlastic: ProjectionRuntime[];
  readonly spikeMask?: Uint8Array;
  readonly recorded?: Int32Array;
  readonly spikeTimes: GrowableFloat64;
  readonly spikeNeurons: GrowableInt32;
  readonly traces: TraceRuntime[];
  /** Current sources with the population indices they drive. */
  readonly injections: { readonly indices: Int32Array | null; readonly source: CurrentSource }[];
}

interface ProjectionRuntime {
  readonly spec: ProjectionSpec;
  readonly csr: Csr;
  readonly pre: PopulationRuntime;
  readonly post: PopulationRuntime;
  readonly stdp?: StdpState;
  /** STDP with the delay on the dendrite (post spikes reach the synapse late) rather than the axon. */
  readonly dendritic: boolean;
  /**
   * Plastic synapses only, slot k mod length: synapses with an event at step k — spikes arriving
   * (axonal delay) or post spikes reaching the synapse (dendritic delay).
   */
  readonly queue?: GrowableInt32[];
  /** Plastic synapses only: synapse indices by post neuron. */
  readonly columns?: { readonly colStart: Int32Array; readonly synapses: Int32Array };
  readonly historyEverySteps: number;
  readonly history: { tMs: number; weight: Float64Array }[];
  /** Delays in ms for the recordings, made once (delays never change), shared by every run like pre and post. */
  delayMs?: Float64Array;
}

/** Adds the arriving weights of the listed cells to the synaptic state and zeroes their slot entries. */
function addArrivals(state: Float64Array, arriving: Float64Array, touched: GrowableInt32): void {
  for (let m = 0; m < touched.length; m++) {
    const j = touched.get(m);
    state[j] = state[j]! + arriving[j]!;
    arriving[j] = 0;
  }
}

function delaysInMs(delaySteps: Int32Array, dtMs: number): Float64Array {
  const out = new Float64Array(delaySteps.length);
  for (let s = 0; s < out.length; s++) out[s] = delaySteps[s]! * dtMs;
  return out;
}

const factoryOf = (kind: string, name: string): KernelFactory => {
  const f = referenceKernels.get(kind, name);
  if (!f) throw new Error(`reference: no kernel ${kind}/${name} (check() should have said so)`);
  return f;
};

/** Ends a collected session's worker threads. */
const workerReaper = new FinalizationRegistry<() => void>((close) => close());

/** Whether `net` can run on several threads (threads.ts): fused cells only, static synapses, no inputs or traces. */
function threadable(net: NetworkSpec, options: { fused?: boolean }): boolean {
  if (net.projections.some((p) => p.plasticity)) return false;
  if (net.recordings.some((r) => r.variable !== "spikes")) return false;
  return net.populations.every((pop) => pop.cell.kind === "cell" && pop.currents.length === 0
    && fusedKindFor(pop.cell as CellType, cellParameters(net, pop).values, options) !== undefined);
}

/** A network being simulated on the reference backend. */
export class ReferenceSession implements Session {
  private step = 0;
  private readonly dtMs: number;
  private readonly populations: PopulationRuntime[] = [];
  private readonly projections: ProjectionRuntime[] = [];
  private readonly plastic: ProjectionRuntime[] = [];
  /** Threads the run phase uses (1, or `options.threads` when the network allows it; see threads.ts). */
  readonly threads: number;
  private readonly threadsAsked: number;
  private team?: ThreadTeam;
  private layout?: SharedLayout;
  private workers: Worker[] = [];
  private workersReady?: Promise<void>;

  /**
   * `fused: false` runs every population through the composed kernels (tests compare both).
   * `threads` > 1 runs the step loop on that many threads (worker threads over shared memory) when
   * every population has a fused pass and the network has no plasticity, current sources, spike
   * sources or traces; otherwise, and with `fused: false`, one thread (`threads` tells which).
   */
  constructor(private readonly net: NetworkSpec, connections: ReadonlyMap<string, Connections>, options: { fused?: boolean; threads?: number } = {}) {
    this.dtMs = net.dtMs;
    this.threadsAsked = options.threads ?? 1;
    this.threads = this.threadsAsked > 1 && threadable(net, options) ? this.threadsAsked : 1;
    const shared = this.threads > 1;
    const byLabel = new Map<string, PopulationRuntime>();
    for (const pop of net.populations) {
      const recordings = net.recordings.filter((r) => r.population === pop.label);
      const spikeRec = recordings.find((r) => r.variable === "spikes");
      let cells: CellPopulation | undefined;
      let source: SourcePopulation | undefined;
      if (pop.cell.kind === "cell") {
        cells = createCellPopulation(pop.cell as CellType, pop.size, net.dtMs, factoryOf, initialValues(net, pop), { ...options, shared }, cellParameters(net, pop).values);
        cells.state.injected = pop.currents.length > 0;
      } else if (pop.cell.name === "spikeSourceArray") {
        source = createArraySource(pop.cell, pop.size, net.dtMs);
      } else {
        // Rate populations never reach this engine: the reference backend runs them in sim/rate.
        source = createPoissonSource(pop.cell as Extract<typeof pop.cell, { name: "spikeSourcePoisson" }>, pop.size, net.dtMs, streamFor(net.seed, `population:${pop.label}`, "poisson"));
      }
      const traces: TraceRuntime[] = [];
      for (const r of recordings) {
        if (r.variable === "spikes" || !cells) continue;
        const state = cells.state;
        const source = r.variable === "v" ? () => state.v
          : r.variable === "gsyn_exc" ? () => state.exc
          : r.variable === "gsyn_inh" ? () => state.inh
          : () => state.vars[r.variable]!;
        if (!(r.variable in { v: 1, gsyn_exc: 1, gsyn_inh: 1 }) && !state.vars[r.variable]) {
          throw new Error(`reference: ${pop.label} has no state variable ${r.variable}`);
        }
        traces.push({ variable: r.variable, neurons: Int32Array.from(r.indices), source, buffer: new GrowableFloat64(), steps: 0 });
      }
      let spikeMask: Uint8Array | undefined;
      if (spikeRec) {
        spikeMask = new Uint8Array(pop.size);
        for (const i of spikeRec.indices) spikeMask[i] = 1;
      }
      const runtime: PopulationRuntime = {
        label: pop.label, size: pop.size,
        ...(cells ? { cells } : {}), ...(source ? { source } : {}),
        spiked: cells ? cells.state.spiked : source!.spiked,
        ringLength: 1, slotsExc: [], slotsInh: [], touchedExc: [], touchedInh: [],
        outgoing: [], incomingPlastic: [],
        ...(spikeMask ? { spikeMask, recorded: Int32Array.from(spikeRec!.indices) } : {}),
        spikeTimes: new GrowableFloat64(), spikeNeurons: new GrowableInt32(), traces,
        injections: pop.currents.map((c) => ({ indices: c.indices ? Int32Array.from(c.indices) : null, source: c.source })),
      };
      this.populations.push(runtime);
      byLabel.set(pop.label, runtime);
    }
    for (const spec of net.projections) {
      const pre = byLabel.get(spec.pre.population)!;
      const post = byLabel.get(spec.post.population)!;
      const csr = buildCsr(connections.get(spec.label)!, pre.size, net.dtMs);
      const plasticity = spec.plasticity?.kind === "stdp" ? spec.plasticity : undefined;
      const every = spec.recordWeightsEveryMs;
      const proj: ProjectionRuntime = {
        spec, csr, pre, post,
        dendritic: plasticity?.delay === "dendritic",
        ...(plasticity ? {
          stdp: createStdp(plasticity, csr),
          queue: Array.from({ length: csr.maxDelaySteps + 1 }, () => new GrowableInt32(64)),
          columns: buildColumns(csr, post.size),
        } : {}),
        historyEverySteps: every !== undefined && Number.isFinite(every) ? Math.max(1, Math.round(every / net.dtMs)) : 0,
        history: [],
      };
      this.projections.push(proj);
      pre.outgoing.push(proj);
      if (plasticity) { this.plastic.push(proj); post.incomingPlastic.push(proj); }
      post.ringLength = Math.max(post.ringLength, csr.maxDelaySteps + 1);
    }
    for (const pop of this.populations) {
      if (!pop.cells) continue;
      const n = pop.size;
      const excRing = shared ? sharedFloat64(pop.ringLength * n) : new Float64Array(pop.ringLength * n);
      const inhRing = shared ? sharedFloat64(pop.ringLength * n) : new Float64Array(pop.ringLength * n);
      pop.ringExc = excRing;
      pop.ringInh = inhRing;
      pop.touchedExc = Array.from({ length: pop.ringLength }, () => new GrowableInt32(64));
      pop.touchedInh = Array.from({ length: pop.ringLength }, () => new GrowableInt32(64));
      pop.slotsExc = Array.from({ length: pop.ringLength }, (_, s) => excRing.subarray(s * n, (s + 1) * n));
      pop.slotsInh = Array.from({ length: pop.ringLength }, (_, s) => inhRing.subarray(s * n, (s + 1) * n));
    }
    if (shared) this.layout = this.sharedLayout();
  }

  /** The shared-memory picture of this network for the worker threads. */
  private sharedLayout(): SharedLayout {
    const threads = this.threads;
    const bounds = new Map(this.populations.map((pop) => [pop, sliceBounds(pop.size, threads)]));
    const populations: SharedPopulation[] = this.populations.map((pop) => {
      const cells = pop.cells!;
      const { state } = cells;
      const lists = Array.from({ length: 2 * threads }, () => new Int32Array(new SharedArrayBuffer(4 * Math.max(1, pop.size))));
      return {
        size: pop.size, kind: cells.fusedKind!, cellParams: { ...(this.net.populations.find((p) => p.label === pop.label)!.cell as CellType).params },
        v: state.v, exc: state.exc, inh: state.inh, iInject: state.iInject, refractory: state.refractory, spiked: state.spiked,
        ringLength: pop.ringLength, ringExc: pop.ringExc!, ringInh: pop.ringInh!,
        bounds: bounds.get(pop)!, fired: lists, counts: new Int32Array(new SharedArrayBuffer(4 * 2 * threads)),
        outgoing: pop.outgoing.map((proj) => ({
          target: this.populations.indexOf(proj.post),
          excitatory: proj.spec.receptor === "excitatory",
          uniformDelaySteps: proj.csr.uniformDelaySteps,
          parts: splitRows(proj.csr.rowStart, proj.csr.post, proj.csr.weight, proj.csr.delaySteps, bounds.get(proj.post)!, threads),
        })),
      };
    });
    return { threads, dtMs: this.dtMs, control: createControl(), populations };
  }

  /** Starts the worker threads (once) and resolves when every one is ready to step. */
  private startWorkers(): Promise<void> {
    if (this.workersReady) return this.workersReady;
    const layout = this.layout!;
    // Compiled: thread-worker.js beside this file. Under tsx (tests, benchmarks) this file is
    // TypeScript, and a worker does not inherit tsx's loader: it registers tsx's require hook first.
    const typescript = path.extname(__filename) === ".ts";
    const file = path.join(__dirname, `thread-worker${typescript ? ".ts" : ".js"}`);
    const ready: Promise<void>[] = [];
    for (let t = 1; t < this.threads; t++) {
      const workerData = { layout, thread: t, firstStep: this.step };
      const worker = typescript
        ? new Worker(`require("tsx/cjs"); require(${JSON.stringify(file)});`, { eval: true, workerData })
        : new Worker(file, { workerData });
      worker.unref();
      this.workers.push(worker);
      ready.push(new Promise<void>((resolve, reject) => {
        worker.once("message", () => resolve());
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`reference: worker thread ${t} exited (code ${code}) before it started`)));
      }));
    }
    const workers = this.workers;
    const team = new ThreadTeam(layout, this.step, () => { for (const w of workers) void w.terminate(); });
    // Workers block in Atomics.wait between runs; end them when the session is collected.
    workerReaper.register(this, () => team.close());
    this.team = team;
    this.workersReady = Promise.all(ready).then(() => undefined);
    return this.workersReady;
  }

  /** Records the spikes of step k from every thread's lists (threaded runs). */
  private recordThreaded(k: number): void {
    const layout = this.layout!;
    const parity = k & 1;
    const t = k * this.dtMs;
    for (let p = 0; p < this.populations.length; p++) {
      const pop = this.populations[p]!;
      const mask = pop.spikeMask;
      if (!mask) continue;
      const shared = layout.populations[p]!;
      for (let u = 0; u < layout.threads; u++) {
        const list = shared.fired[2 * u + parity]!;
        const count = shared.counts[2 * u + parity]!;
        for (let m = 0; m < count; m++) {
          const i = list[m]!;
          if (mask[i] !== 0) { pop.spikeTimes.push(t); pop.spikeNeurons.push(i); }
        }
      }
    }
    for (const proj of this.projections) {
      if (proj.historyEverySteps > 0 && (k + 1) % proj.historyEverySteps === 0) {
        proj.history.push({ tMs: (k + 1) * this.dtMs, weight: proj.csr.weight.slice() });
      }
    }
  }

  /** Simulated time so far, ms. */
  get timeMs(): number {
    return this.step * this.dtMs;
  }

  async advance(durationMs: number, options: AdvanceOptions = {}): Promise<Run> {
    const steps = Math.round(durationMs / this.dtMs);
    for (const pop of this.populations) for (const tr of pop.traces) tr.buffer.reserve(steps * tr.neurons.length);
    const clock = () => this.timeMs;
    if (this.layout) {
      await this.startWorkers();
      const team = this.team!;
      const record = (k: number) => this.recordThreaded(k);
      await runInChunks(steps, this.dtMs, durationMs, options, clock, (count) => {
        team.run(this.step, count, record);
        this.step += count;
      });
    } else {
      await runInChunks(steps, this.dtMs, durationMs, options, clock, (count) => {
        for (let k = 0; k < count; k++) this.stepOnce(this.step++);
      });
    }
    return this.finish();
  }

  private finish(): Run {
    for (const proj of this.projections) {
      if (proj.spec.recordWeightsEveryMs === Infinity) proj.history.push({ tMs: this.timeMs, weight: proj.csr.weight.slice() });
    }
    return createRun(this.recordings());
  }

  private stepOnce(k: number): void {
    const dt = this.dtMs;
    const t = k * dt;

    // (1) plastic synapses: post spikes reaching dendritic synapses now potentiate them; spikes
    // arriving at axonal ones transmit their current weights (their STDP comes in (6))
    for (const proj of this.plastic) {
      const queue = proj.queue![k % proj.queue!.length]!;
      if (queue.length === 0) continue;
      if (proj.dendritic) {
        for (let m = 0; m < queue.length; m++) proj.stdp!.post(queue.get(m), t);
        queue.clear();
        continue;
      }
      const post = proj.post;
      const excitatory = proj.spec.receptor === "excitatory";
      const slot = (excitatory ? post.slotsExc : post.slotsInh)[k % post.ringLength]!;
      const touched = (excitatory ? post.touchedExc : post.touchedInh)[k % post.ringLength]!;
      const { weight, post: target } = proj.csr;
      for (let m = 0; m < queue.length; m++) {
        const s = queue.get(m);
        const j = target[s]!;
        const before = slot[j]!;
        if (before === 0) touched.push(j);
        slot[j] = before + weight[s]!;
      }
    }

    // Per population: (2) synapses take this step's ring slot, (3) traces sample the state at t,
    // injected currents are sampled at t (held over the step), (4) cells are updated or sources
    // emit, (5) spikes are recorded and sent. Spikes sent now land in slots k+D with D ≥ 1, never
    // in this step's slot, so one population's sending cannot reach another's update this step.
    for (const pop of this.populations) {
      const cells = pop.cells;
      let firedCount: number;
      let fired: Int32Array;
      if (cells) {
        const slot = k % pop.ringLength;
        const inE = pop.slotsExc[slot]!;
        const inI = pop.slotsInh[slot]!;
        const touchedE = pop.touchedExc[slot]!;
        const touchedI = pop.touchedInh[slot]!;
        let received: boolean | "applied" = false;
        if (pop.traces.length > 0) {
          receiveInput(cells, inE, inI);
          this.sampleTraces(pop);
          received = true;
        } else if (cells.fused) {
          // Only the cells that received something: exc + inE for the others is exc + 0, so this
          // is the same sum (the sign of a zero aside, which only a gsyn trace could see).
          addArrivals(cells.state.exc, inE, touchedE);
          addArrivals(cells.state.inh, inI, touchedI);
          received = "applied";
        }
        touchedE.clear();
        touchedI.clear();
        if (pop.injections.length > 0) this.inject(pop, t);
        firedCount = stepCells(cells, inE, inI, received);
        fired = cells.fired;
      } else {
        this.sampleTraces(pop);
        const source = pop.source!;
        source.emit(k);
        firedCount = source.firedCount;
        fired = source.fired;
      }
      if (firedCount === 0) continue;
      const spiked = pop.spiked;
      const mask = pop.spikeMask;
      if (mask) {
        for (let m = 0; m < firedCount; m++) {
          const i = fired[m]!;
          if (mask[i] === 0) continue;
          for (let c = spiked[i]!; c > 0; c--) { pop.spikeTimes.push(t); pop.spikeNeurons.push(i); }
        }
      }
      const outgoing = pop.outgoing;
      if (outgoing.length === 1) {
        this.sendAll(outgoing[0]!, fired, firedCount, spiked, k);
      } else if (outgoing.length > 1) {
        // Spike by spike through every projection, in this order, so that projections onto the
        // same target add into its slots in the same order whatever their number.
        for (let m = 0; m < firedCount; m++) {
          const i = fired[m]!;
          for (const proj of outgoing) this.send(proj, i, spiked[i]!, k);
        }
      }
    }

    // (6) STDP of this step's post spikes: axonal synapses see them now (then this step's
    // arrivals depress); dendritic synapses see them after each synapse's delay
    for (const proj of this.plastic) {
      const spiked = proj.post.spiked;
      const stdp = proj.stdp!;
      const { colStart, synapses } = proj.columns!;
      const queues = proj.queue!;
      const delaySteps = proj.csr.delaySteps;
      for (let j = 0; j < proj.post.size; j++) {
        for (let c = spiked[j]!; c > 0; c--) {
          for (let m = colStart[j]!; m < colStart[j + 1]!; m++) {
            const s = synapses[m]!;
            if (proj.dendritic) queues[(k + delaySteps[s]!) % queues.length]!.push(s);
            else stdp.post(s, t);
          }
        }
      }
      if (proj.dendritic) continue;
      const queue = queues[k % queues.length]!;
      for (let m = 0; m < queue.length; m++) stdp.pre(queue.get(m), t);
      queue.clear();
    }
    // Weight samples at the end of the step, time (k+1)·dt.
    for (const proj of this.projections) {
      if (proj.historyEverySteps > 0 && (k + 1) % proj.historyEverySteps === 0) {
        proj.history.push({ tMs: (k + 1) * dt, weight: proj.csr.weight.slice() });
      }
    }
  }

  private sampleTraces(pop: PopulationRuntime): void {
    for (const tr of pop.traces) {
      const values = tr.source();
      const neurons = tr.neurons;
      for (let m = 0; m < neurons.length; m++) tr.buffer.push(values[neurons[m]!]!);
      tr.steps++;
    }
  }

  /** Injected currents, sampled at t and held over the step. */
  private inject(pop: PopulationRuntime, t: number): void {
    const iInject = pop.cells!.state.iInject;
    iInject.fill(0);
    for (const { indices, source } of pop.injections) {
      const value = currentAt(source, t);
      if (value === 0) continue;
      if (indices) for (let m = 0; m < indices.length; m++) iInject[indices[m]!]! += value;
      else for (let i = 0; i < pop.size; i++) iInject[i]! += value;
    }
  }

  /** Sends every spike of a population with one outgoing projection (the same order as send, spike by spike). */
  private sendAll(proj: ProjectionRuntime, fired: Int32Array, firedCount: number, spiked: Uint8Array, k: number): void {
    const uniform = proj.csr.uniformDelaySteps;
    if (uniform > 0 && !proj.queue) {
      // One delay for the whole projection (the usual case): one ring slot for every row.
      const { rowStart, post, weight } = proj.csr;
      const target = proj.post;
      const excitatory = proj.spec.receptor === "excitatory";
      const at = (k + uniform) % target.ringLength;
      const slot = (excitatory ? target.slotsExc : target.slotsInh)[at]!;
      const touched = (excitatory ? target.touchedExc : target.touchedInh)[at]!;
      for (let m = 0; m < firedCount; m++) {
        const i = fired[m]!;
        const count = spiked[i]!;
        const stop = rowStart[i + 1]!;
        for (let s = rowStart[i]!; s < stop; s++) {
          const j = post[s]!;
          const before = slot[j]!;
          if (before === 0) touched.push(j);
          slot[j] = before + (count === 1 ? weight[s]! : weight[s]! * count);
        }
      }
      return;
    }
    for (let m = 0; m < firedCount; m++) {
      const i = fired[m]!;
      this.send(proj, i, spiked[i]!, k);
    }
  }

  private send(proj: ProjectionRuntime, i: number, count: number, k: number): void {
    const { rowStart, post, weight, delaySteps } = proj.csr;
    const start = rowStart[i]!;
    const stop = rowStart[i + 1]!;
    if (start === stop) return;
    const target = proj.post;
    const excitatory = proj.spec.receptor === "excitatory";
    const slots = excitatory ? target.slotsExc : target.slotsInh;
    const touchedLists = excitatory ? target.touchedExc : target.touchedInh;
    const length = target.ringLength;
    if (proj.stdp && proj.dendritic) {
      // The synapse sees the spike now: depression, then the updated weight travels the delay.
      for (let s = start; s < stop; s++) {
        const at = (k + delaySteps[s]!) % length;
        const slot = slots[at]!;
        const j = post[s]!;
        for (let c = 0; c < count; c++) {
          proj.stdp.pre(s, k * this.dtMs);
          const before = slot[j]!;
          if (before === 0) touchedLists[at]!.push(j);
          slot[j] = before + weight[s]!;
        }
      }
      return;
    }
    if (proj.queue) {
      const queueLength = proj.queue.length;
      for (let s = start; s < stop; s++) {
        const queue = proj.queue[(k + delaySteps[s]!) % queueLength]!;
        for (let c = 0; c < count; c++) queue.push(s);
      }
      return;
    }
    if (proj.csr.uniformDelaySteps > 0) {
      // One delay for the whole projection (the usual case): one ring slot for the whole row.
      const at = (k + proj.csr.uniformDelaySteps) % length;
      const slot = slots[at]!;
      const touched = touchedLists[at]!;
      for (let s = start; s < stop; s++) {
        const j = post[s]!;
        const before = slot[j]!;
        if (before === 0) touched.push(j);
        slot[j] = before + weight[s]! * count;
      }
      return;
    }
    for (let s = start; s < stop; s++) {
      const at = (k + delaySteps[s]!) % length;
      const slot = slots[at]!;
      const j = post[s]!;
      const before = slot[j]!;
      if (before === 0) touchedLists[at]!.push(j);
      slot[j] = before + weight[s]! * count;
    }
  }

  private recordings(): Recordings {
    const populations: Record<string, PopulationRecording> = {};
    for (const pop of this.populations) {
      const traces: Record<string, { neurons: Int32Array; values: Float64Array; steps: number }> = {};
      for (const tr of pop.traces) traces[tr.variable] = { neurons: tr.neurons, values: tr.buffer.snapshot(), steps: tr.steps };
      populations[pop.label] = {
        size: pop.size,
        traces,
        ...(pop.recorded ? { spikes: { recorded: pop.recorded, times: pop.spikeTimes.snapshot(), neurons: pop.spikeNeurons.snapshot() } } : {}),
      };
    }
    const projections: Record<string, ProjectionRecording> = {};
    for (const proj of this.projections) {
      const { csr } = proj;
      projections[proj.spec.label] = {
        preSize: proj.pre.size, postSize: proj.post.size,
        pre: csr.pre, post: csr.post, weight: csr.weight.slice(),
        delayMs: proj.delayMs ??= delaysInMs(csr.delaySteps, this.dtMs),
        history: [...proj.history],
      };
    }
    return {
      backend: "reference", dtMs: this.dtMs, timeMs: this.timeMs, populations, projections,
      // Only runs that asked for threads say how many they got.
      provenance: this.threadsAsked > 1 ? [{ name: "threads", where: "reference run phase", count: this.threads }] : [],
    };
  }
}
