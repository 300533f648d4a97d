/**
 * The reference run phase on several threads over shared memory (main thread + worker threads).
 *
 * Every population's cells are cut into one contiguous slice per thread. A step has two phases
 * separated by one barrier: (A) each thread updates its slice of every population (fused pass:
 * receive, integrate, detect, reset, decay) and lists its spikes; (B) each thread reads every
 * thread's spike lists and adds the weights of the synapses whose target lies in its own slice
 * into the ring slots. A thread thus only ever writes its own cells and its own cells' ring slots.
 * Spike lists are double-buffered by step parity, so a thread may start step k+1 while another
 * still reads step k's lists; phase A of k+1 cannot pass the barrier before every thread finished
 * phase B of k. Each target's ring slot receives its weights in the single-threaded order
 * (population, then spike index, then projection, then synapse within the row), so spikes are
 * bit-identical to one thread.
 *
 * Each thread keeps its own lists of the cells whose slot entries it made non-zero and adds only
 * those arrivals before its pass (as the single-threaded engine does).
 *
 * Only networks the fused passes cover run here: cell populations with shared parameters
 * (IF_curr_exp, IF_cond_exp), static synapses, no current sources, no sources, no traces. The
 * engine runs anything else on one thread.
 */
import type { CellState } from "./state.js";
import { createFusedStep, type FusedKind, type FusedStep } from "./kernels/lif-fused.js";
import { GrowableInt32 } from "./growable.js";

/** Control words (Int32Array in shared memory). */
const GENERATION = 0;
const ARRIVED = 1;
/** Steps the workers may run up to (exclusive); −1 tells them to exit. */
const TARGET = 2;
const CONTROL_WORDS = 4;
/** Busy-wait iterations at a barrier before sleeping in Atomics.wait (a step takes microseconds). */
const SPIN = 20_000;

/** One projection's synapses, split by which thread owns their target. */
export interface SharedProjection {
  readonly target: number;
  readonly excitatory: boolean;
  /** One delay for every synapse, in steps, or 0 (then `delaySteps` per synapse). */
  readonly uniformDelaySteps: number;
  /** Per thread: CSR rows by pre neuron holding only the synapses whose post neuron the thread owns. */
  readonly parts: readonly { readonly rowStart: Int32Array; readonly post: Int32Array; readonly weight: Float64Array; readonly delaySteps: Int32Array }[];
}

/** One population in shared memory. */
export interface SharedPopulation {
  readonly size: number;
  readonly kind: FusedKind;
  readonly cellParams: Readonly<Record<string, number>>;
  /** The state arrays the main thread's CellState uses (shared memory). */
  readonly v: Float64Array;
  readonly exc: Float64Array;
  readonly inh: Float64Array;
  readonly iInject: Float64Array;
  readonly refractory: Int32Array;
  readonly spiked: Uint8Array;
  readonly ringLength: number;
  readonly ringExc: Float64Array;
  readonly ringInh: Float64Array;
  /** Slice bounds: thread t owns cells bounds[t] … bounds[t+1]−1. */
  readonly bounds: Int32Array;
  /** fired[2·t + parity]: thread t's spike list of the steps with that parity. */
  readonly fired: readonly Int32Array[];
  /** counts[2·t + parity]: how many entries of that list count. */
  readonly counts: Int32Array;
  readonly outgoing: readonly SharedProjection[];
}

/** Everything a worker needs (sent as workerData; the typed arrays share memory). */
export interface SharedLayout {
  readonly threads: number;
  readonly dtMs: number;
  readonly control: Int32Array;
  readonly populations: readonly SharedPopulation[];
}

/** Splits n cells into `threads` contiguous slices of nearly equal size. */
export function sliceBounds(n: number, threads: number): Int32Array {
  const bounds = new Int32Array(new SharedArrayBuffer(4 * (threads + 1)));
  for (let t = 0; t <= threads; t++) bounds[t] = Math.round((t * n) / threads);
  return bounds;
}

/** The control words for `threads` threads. */
export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
}

/**
 * Splits a projection's CSR rows by the thread owning each synapse's target (`bounds` of the
 * target population), keeping the synapses' order within each row.
 */
export function splitRows(
  rowStart: Int32Array, post: Int32Array, weight: Float64Array, delaySteps: Int32Array, bounds: Int32Array, threads: number,
): SharedProjection["parts"] {
  const preSize = rowStart.length - 1;
  const parts = [];
  for (let t = 0; t < threads; t++) {
    const lo = bounds[t]!;
    const hi = bounds[t + 1]!;
    let n = 0;
    for (let s = 0; s < post.length; s++) if (post[s]! >= lo && post[s]! < hi) n++;
    const part = {
      rowStart: new Int32Array(new SharedArrayBuffer(4 * (preSize + 1))),
      post: new Int32Array(new SharedArrayBuffer(4 * n)),
      weight: new Float64Array(new SharedArrayBuffer(8 * n)),
      delaySteps: new Int32Array(new SharedArrayBuffer(4 * n)),
    };
    let at = 0;
    for (let i = 0; i < preSize; i++) {
      part.rowStart[i] = at;
      for (let s = rowStart[i]!; s < rowStart[i + 1]!; s++) {
        const j = post[s]!;
        if (j < lo || j >= hi) continue;
        part.post[at] = j;
        part.weight[at] = weight[s]!;
        part.delaySteps[at] = delaySteps[s]!;
        at++;
      }
    }
    part.rowStart[preSize] = at;
    parts.push(part);
  }
  return parts;
}

/** Waits until all `parties` threads arrived (spinning briefly, then sleeping). */
function barrier(control: Int32Array, parties: number): void {
  const generation = Atomics.load(control, GENERATION);
  if (Atomics.add(control, ARRIVED, 1) === parties - 1) {
    Atomics.store(control, ARRIVED, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    return;
  }
  for (let spin = 0; spin < SPIN; spin++) if (Atomics.load(control, GENERATION) !== generation) return;
  while (Atomics.load(control, GENERATION) === generation) Atomics.wait(control, GENERATION, generation);
}

/** One thread's share of every step. */
export class ThreadStepper {
  private readonly states: CellState[];
  private readonly steps: FusedStep[];
  private readonly slotsExc: Float64Array[][];
  private readonly slotsInh: Float64Array[][];
  /** Per population and ring slot, this thread's cells whose slot entry became non-zero (as in engine.ts). */
  private readonly touchedExc: GrowableInt32[][];
  private readonly touchedInh: GrowableInt32[][];

  constructor(private readonly layout: SharedLayout, private readonly thread: number) {
    this.states = layout.populations.map((p) => ({
      size: p.size, dtMs: layout.dtMs, v: p.v, exc: p.exc, inh: p.inh, iSyn: p.iInject, iInject: p.iInject, injected: false,
      refractory: p.refractory, spiked: p.spiked, vars: {},
    }));
    // Arrivals are added cell by cell from the touched lists, so the passes skip the slots.
    this.steps = layout.populations.map((p) => createFusedStep(p.kind, p.cellParams, layout.dtMs, false));
    const lists = (p: SharedPopulation) => Array.from({ length: p.ringLength }, () => new GrowableInt32(64));
    this.touchedExc = layout.populations.map(lists);
    this.touchedInh = layout.populations.map(lists);
    const slots = (ring: Float64Array, p: SharedPopulation) => Array.from({ length: p.ringLength }, (_, s) => ring.subarray(s * p.size, (s + 1) * p.size));
    this.slotsExc = layout.populations.map((p) => slots(p.ringExc, p));
    this.slotsInh = layout.populations.map((p) => slots(p.ringInh, p));
  }

  /** Step k: this thread's phase A, the barrier, its phase B. */
  step(k: number): void {
    const { populations, threads, control } = this.layout;
    const t = this.thread;
    const parity = k & 1;
    for (let p = 0; p < populations.length; p++) {
      const pop = populations[p]!;
      const own = pop.fired[2 * t + parity]!;
      const previous = pop.fired[2 * t + (parity ^ 1)]!;
      const spiked = pop.spiked;
      for (let m = 0, c = pop.counts[2 * t + (parity ^ 1)]!; m < c; m++) spiked[previous[m]!] = 0;
      const slot = k % pop.ringLength;
      const state = this.states[p]!;
      const inE = this.slotsExc[p]![slot]!;
      const inI = this.slotsInh[p]![slot]!;
      addArrivals(state.exc, inE, this.touchedExc[p]![slot]!);
      addArrivals(state.inh, inI, this.touchedInh[p]![slot]!);
      pop.counts[2 * t + parity] = this.steps[p]!(state, inE, inI, own, pop.bounds[t]!, pop.bounds[t + 1]!);
    }
    barrier(control, threads);
    for (let p = 0; p < populations.length; p++) {
      const pop = populations[p]!;
      const outgoing = pop.outgoing;
      if (outgoing.length === 0) continue;
      for (let u = 0; u < threads; u++) {
        const list = pop.fired[2 * u + parity]!;
        const count = pop.counts[2 * u + parity]!;
        for (let m = 0; m < count; m++) {
          const i = list[m]!;
          for (let o = 0; o < outgoing.length; o++) this.sendRow(outgoing[o]!, i, k);
        }
      }
    }
  }

  private sendRow(proj: SharedProjection, i: number, k: number): void {
    const { rowStart, post, weight, delaySteps } = proj.parts[this.thread]!;
    const start = rowStart[i]!;
    const stop = rowStart[i + 1]!;
    if (start === stop) return;
    const target = this.layout.populations[proj.target]!;
    const slots = proj.excitatory ? this.slotsExc[proj.target]! : this.slotsInh[proj.target]!;
    const touchedLists = proj.excitatory ? this.touchedExc[proj.target]! : this.touchedInh[proj.target]!;
    if (proj.uniformDelaySteps > 0) {
      const at = (k + proj.uniformDelaySteps) % target.ringLength;
      const slot = slots[at]!;
      const touched = touchedLists[at]!;
      for (let s = start; s < stop; s++) {
        const j = post[s]!;
        const before = slot[j]!;
        if (before === 0) touched.push(j);
        slot[j] = before + weight[s]!;
      }
      return;
    }
    for (let s = start; s < stop; s++) {
      const at = (k + delaySteps[s]!) % target.ringLength;
      const slot = slots[at]!;
      const j = post[s]!;
      const before = slot[j]!;
      if (before === 0) touchedLists[at]!.push(j);
      slot[j] = before + weight[s]!;
    }
  }
}

/** Adds the listed cells' arrivals to the synaptic state, zeroes their slot entries, empties the list. */
function addArrivals(state: Float64Array, arriving: Float64Array, touched: GrowableInt32): void {
  for (let m = 0; m < touched.length; m++) {
    const j = touched.get(m);
    state[j] = state[j]! + arriving[j]!;
    arriving[j] = 0;
  }
  touched.clear();
}

/** The main thread's side of the workers: runs chunks of steps in lockstep with them. */
export class ThreadTeam {
  private readonly stepper: ThreadStepper;
  private workerStep: number;

  constructor(private readonly layout: SharedLayout, firstStep: number, private readonly stopWorkers: () => void) {
    this.stepper = new ThreadStepper(layout, 0);
    this.workerStep = firstStep;
    Atomics.store(layout.control, TARGET, firstStep);
  }

  /**
   * Runs steps first … first+count−1 on every thread; `afterStep(k, parity)` runs on the main
   * thread after its phase B of step k (the spike lists of that parity stay valid until then).
   * Every thread meets at a barrier at the end, so the state is whole when this returns.
   */
  run(first: number, count: number, afterStep: (k: number) => void): void {
    const { control, threads } = this.layout;
    if (first !== this.workerStep) throw new Error(`threads: workers at step ${this.workerStep}, asked for ${first}`); // a Cajal bug
    Atomics.store(control, TARGET, first + count);
    Atomics.notify(control, TARGET);
    for (let k = first; k < first + count; k++) {
      this.stepper.step(k);
      afterStep(k);
    }
    barrier(control, threads);
    this.workerStep = first + count;
  }

  /** Tells the workers to exit. */
  close(): void {
    Atomics.store(this.layout.control, TARGET, -1);
    Atomics.notify(this.layout.control, TARGET);
    this.stopWorkers();
  }
}

/** A worker's loop: run steps up to the target the main thread sets, meeting it at the end of each chunk. */
export function workerLoop(layout: SharedLayout, thread: number, firstStep: number): void {
  const stepper = new ThreadStepper(layout, thread);
  const { control, threads } = layout;
  let k = firstStep;
  for (;;) {
    let target = Atomics.load(control, TARGET);
    while (target >= 0 && k >= target) {
      Atomics.wait(control, TARGET, target);
      target = Atomics.load(control, TARGET);
    }
    if (target < 0) return;
    while (k < target) stepper.step(k++);
    barrier(control, threads);
  }
}
