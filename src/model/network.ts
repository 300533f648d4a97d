/**
 * The DSL's objects: `network()` makes a Network; populations, views and projections record what
 * the user declares as plain data (`net.spec()`), validated where it is declared. Running is
 * delegated to a backend found by name.
 */
import { CajalError, type Problem } from "../core/errors.js";
import { escapeHtml } from "../core/html.js";
import { progress as progressBar } from "../notebook/progress.js";
import type { Run } from "../results/run.js";
import { findBackend, replayingSession, type Session } from "./backend.js";
import type { CellType } from "./cells/compose.js";
import type { Connector } from "./connectors.js";
import type { CurrentSource } from "./currents.js";
import * as msg from "./messages.js";
import type { Plasticity } from "./plasticity.js";
import { toPyNN } from "./pynn.js";
import type {
  InitialValue, Injection, NetworkSpec, PopulationSpec, PopulationType, ProjectionSpec, Receptor, RecordingSpec, Selection,
} from "./spec.js";
import type { Structure } from "./structure.js";
import { checkPerNeuron, checkValue, type ValueSpec } from "./values.js";

/** Options of `network()`. */
export interface NetworkOptions {
  /** Timestep in ms (default 0.1). */
  readonly dt?: number;
  /** Seed of every random stream (default 42). */
  readonly seed?: number;
}

/** Options of `net.population()`. */
export interface PopulationOptions {
  /** Positions of the neurons, for distance-dependent connectors. */
  readonly structure?: Structure;
}

/** The synapse of a projection: weight (nA or µS), delay (ms), optional plasticity. */
export interface SynapseOptions {
  /** nA for current-based cells (inhibitory ≤ 0), µS for conductance-based; number, pre × post matrix or distribution. */
  readonly weight: ValueSpec;
  /** ms, at least one timestep (default: one timestep); number, matrix or distribution. */
  readonly delay?: ValueSpec;
  readonly plasticity?: Plasticity;
  /** May be given here instead of in the options. */
  readonly receptor?: Receptor;
}

/** Options of `net.project()`. */
export interface ProjectOptions {
  /** "excitatory" (default) or "inhibitory". */
  readonly receptor?: Receptor;
  /** Default `pre→post`; must be unique in the network. */
  readonly label?: string;
}

/** Options of `net.run()`. */
export interface NetworkRunOptions {
  /** Backend name (default "reference"). */
  readonly backend?: string;
  /** Stops the run at the next simulated millisecond; the network keeps its state. */
  readonly signal?: AbortSignal;
  /** Show a progress bar: true, false, or undefined for "when the run looks longer than ~2 s". */
  readonly progress?: boolean;
  /**
   * Settings of the backend itself, passed to it when the run starts at t = 0: for `spinnaker`,
   * `{ machine: "spinn3" | "spinn5" | { boards }, profile: "spynnaker7" | "spynnaker6" | "float", neuronsPerCore }`.
   * A continued run must keep the same settings (or `net.reset()` first).
   */
  readonly backendOptions?: Readonly<Record<string, unknown>>;
}

/** Neuron-steps per second the reference backend manages at least; decides when to show progress. */
const NEURON_STEPS_PER_SECOND = 2e7;

/** A spiking network under construction. Make one with `network()`. */
export class Network {
  /** Timestep, ms. */
  readonly dtMs: number;
  readonly seed: number;
  private readonly populationList: Population[] = [];
  private readonly projectionList: Projection[] = [];
  private readonly sessions = new Map<string, Session>();
  /** The backendOptions each session was started with, as JSON, so a continued run cannot silently change them. */
  private readonly sessionOptions = new Map<string, string>();
  private running = false;

  /** Prefer `network({ dt, seed })`. */
  constructor(options: NetworkOptions = {}) {
    const problems: Problem[] = [];
    const dt = options.dt ?? 0.1;
    const seed = options.seed ?? 42;
    if (!(typeof dt === "number" && Number.isFinite(dt) && dt > 0)) problems.push(msg.badSetup("network.dt", "the timestep dt", dt, "a positive number of ms (e.g. 0.1)"));
    if (!Number.isSafeInteger(seed)) problems.push(msg.badSetup("network.seed", "the seed", seed, "a whole number (e.g. 42)"));
    if (problems.length) throw new CajalError(problems);
    this.dtMs = dt;
    this.seed = seed;
  }

  /** Simulated time so far on `backend` (ms). */
  timeMs(backend = "reference"): number {
    return this.sessions.get(backend)?.timeMs ?? 0;
  }

  /** @internal throws if the network has run: its sessions cannot take changes. */
  assertEditable(what: string): void {
    if (this.sessions.size > 0 || this.running) throw new CajalError(msg.changedAfterRun(what, what));
  }

  /**
   * Adds a population of `size` neurons of one cell type (or a spike source).
   *
   * @example const exc = net.population("exc", 3200, cells.lifCurrExp({ tauM: 20 }));
   */
  population(label: string, size: number, cell: PopulationType, options: PopulationOptions = {}): Population {
    this.assertEditable(`net.population("${label}")`);
    const problems: Problem[] = [];
    if (typeof label !== "string" || label === "") problems.push(msg.badSetup("net.population", "the label", label, "a non-empty string"));
    if (this.populationList.some((p) => p.label === label)) problems.push(msg.duplicateLabel(label, "population", label));
    if (!Number.isInteger(size) || size < 1) problems.push(msg.badInteger(`${label}.size`, "the population size", size, "a whole number ≥ 1"));
    if (!cell || (cell.kind !== "cell" && cell.kind !== "source" && cell.kind !== "rate")) problems.push(msg.badValue(`${label}.cell`, cell, "cell type (cells.lifCurrExp(), …)"));
    if (cell?.kind === "rate" && cell.name === "rateSource" && cell.patterns[0]!.length !== size) {
      problems.push(msg.wrongSize(`${label}.cell.patterns`, "each pattern (one rate per unit)", cell.patterns[0]!.length, size));
    }
    if (cell?.kind === "source" && cell.name === "spikeSourceArray") {
      const times = cell.spikeTimes;
      const perNeuron = times.length > 0 && Array.isArray(times[0]);
      if (perNeuron && times.length !== size) problems.push(msg.wrongSize(`${label}.cell.spikeTimes`, "the list of spike-time lists", times.length, size));
    }
    if (cell?.kind === "cell") {
      for (const part of Object.values(cell.parts)) {
        for (const [name, value] of Object.entries(part.perNeuron ?? {})) {
          if (Array.isArray(value) && value.length !== size) {
            problems.push(msg.wrongSize(`${label}.cell.${part.kind}.${name}`, `the list of ${name} values`, value.length, size));
          }
        }
      }
    }
    if (problems.length) throw new CajalError(problems);
    const pop = new Population(this, { label, size, cell, initial: [], currents: [], ...(options.structure ? { structure: options.structure } : {}) });
    this.populationList.push(pop);
    return pop;
  }

  /**
   * Connects `pre` to `post` (a population, a view, or a list of them: one projection per pair).
   *
   * @example net.project(exc, [exc, inh], connect.fixedProbability(0.02), { weight: 0.27, delay: 1 });
   */
  project(pre: PopulationView, post: PopulationView, connector: Connector, synapse: SynapseOptions, options?: ProjectOptions): Projection;
  project(pre: PopulationView | readonly PopulationView[], post: PopulationView | readonly PopulationView[], connector: Connector, synapse: SynapseOptions, options?: ProjectOptions): Projection[];
  project(
    pre: PopulationView | readonly PopulationView[], post: PopulationView | readonly PopulationView[],
    connector: Connector, synapse: SynapseOptions, options: ProjectOptions = {},
  ): Projection | Projection[] {
    if (Array.isArray(pre) || Array.isArray(post)) {
      const pres = Array.isArray(pre) ? pre : [pre as PopulationView];
      const posts = Array.isArray(post) ? post : [post as PopulationView];
      if (options.label !== undefined && pres.length * posts.length > 1) {
        throw new CajalError(msg.badSetup("net.project.label", "one label for several projections", options.label, "no label (each gets pre→post), or one project() call per pair"));
      }
      return pres.flatMap((a) => posts.map((b) => this.project(a, b, connector, synapse, options)));
    }
    const a = pre as PopulationView;
    const b = post as PopulationView;
    const label = options.label ?? `${a.label}→${b.label}`;
    this.assertEditable(`net.project("${label}")`);
    const problems: Problem[] = [];
    if (!(a instanceof PopulationView) || a.network !== this) problems.push(msg.badValue(`${label}.pre`, String(a), "population of this network"));
    if (!(b instanceof PopulationView) || b.network !== this) problems.push(msg.badValue(`${label}.post`, String(b), "population of this network"));
    if (problems.length) throw new CajalError(problems);
    if (this.projectionList.some((p) => p.label === label)) problems.push(msg.duplicateLabel(label, "projection", label));
    if (b.population.cell.kind === "source") problems.push(msg.projectionOntoSource(label, b.population.label));
    const preRate = a.population.cell.kind === "rate";
    const postRate = b.population.cell.kind === "rate";
    if (preRate !== postRate) problems.push(msg.rateMeetsSpikes(label, preRate ? a.population.label : b.population.label, preRate ? b.population.label : a.population.label));
    else if (postRate && b.population.cell.name === "rateSource") problems.push(msg.projectionOntoRateSource(label, b.population.label));
    const receptor = options.receptor ?? synapse?.receptor ?? "excitatory";
    if (receptor !== "excitatory" && receptor !== "inhibitory") problems.push(msg.badReceptor(`${label}.receptor`, receptor));
    if (!connector || typeof connector !== "object" || !("kind" in connector)) problems.push(msg.badValue(`${label}.connector`, connector, "connector (connect.allToAll(), …)"));
    if (synapse?.weight === undefined) problems.push(msg.badValue(`${label}.weight`, undefined, "weight"));
    else problems.push(...checkValue(`${label}.weight`, synapse.weight, "weight"));
    if (synapse?.delay !== undefined) problems.push(...checkValue(`${label}.delay`, synapse.delay, "delay"));
    const plast = synapse?.plasticity;
    if (plast && plast.kind !== "stdp" && !(preRate && postRate)) problems.push(msg.plasticityNotForSpikes(`${label}.plasticity`, plast.kind));
    if (plast && plast.kind === "stdp" && preRate && postRate) problems.push(msg.stdpNotForRates(`${label}.plasticity`));
    if (connector?.kind === "oneToOne" && a.size !== b.size) problems.push(msg.wrongSize(`${label}.connector`, "the post group", b.size, a.size));
    if (problems.length) throw new CajalError(problems);
    const spec: ProjectionSpec = {
      label, pre: a.selection, post: b.selection, connector, weight: synapse.weight, delay: synapse.delay ?? this.dtMs,
      receptor, ...(plast ? { plasticity: plast } : {}),
    };
    const proj = new Projection(this, spec);
    this.projectionList.push(proj);
    return proj;
  }

  /** The population with this label. */
  populationNamed(label: string): Population {
    const pop = this.populationList.find((p) => p.label === label);
    if (!pop) throw new CajalError(msg.unknownPopulation("net.populationNamed", label, this.populationList.map((p) => p.label)));
    return pop;
  }

  /** The network as plain, serialisable data: what backends run. */
  spec(): NetworkSpec {
    const recordings: RecordingSpec[] = [];
    for (const pop of this.populationList) {
      for (const [variable, set] of pop.recorded) recordings.push({ population: pop.label, variable, indices: [...set].sort((x, y) => x - y) });
    }
    return {
      dtMs: this.dtMs,
      seed: this.seed,
      populations: this.populationList.map((p) => p.spec()),
      projections: this.projectionList.map((p) => p.spec),
      recordings,
    };
  }

  /** Same as `spec()`, so `JSON.stringify(net)` gives the description. */
  toJSON(): NetworkSpec {
    return this.spec();
  }

  /**
   * Simulates `durationMs` more milliseconds (a whole number of timesteps) and returns everything
   * recorded since t = 0. Call it again to continue from where it stopped.
   *
   * @example const run = await net.run(1000, { backend: "reference" });
   */
  async run(durationMs: number, options: NetworkRunOptions = {}): Promise<Run> {
    const steps = durationMs / this.dtMs;
    if (!(typeof durationMs === "number" && Number.isFinite(durationMs) && durationMs > 0)) {
      throw new CajalError(msg.badSetup("net.run", "the duration", durationMs, "a positive number of ms"));
    }
    if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, steps)) throw new CajalError(msg.notWholeSteps("net.run", durationMs, this.dtMs));
    if (this.running) throw new CajalError(msg.runInProgress("net.run"));
    const name = options.backend ?? "reference";
    const found = findBackend(name);
    if (!("check" in found)) throw new CajalError(found);
    const optionsJson = JSON.stringify(options.backendOptions ?? {});
    let session = this.sessions.get(name);
    if (session && this.sessionOptions.get(name) !== optionsJson) {
      throw new CajalError(msg.backendOptionsChanged("net.run", name, this.sessionOptions.get(name)!, optionsJson));
    }
    if (!session) {
      const spec = this.spec();
      const problems = found.check(spec);
      if (problems.length) throw new CajalError(problems);
      if (options.backendOptions && !found.start) {
        throw new CajalError(msg.badSetup("net.run.backendOptions", `options for the ${name} backend`, optionsJson, "no backendOptions: this backend takes none"));
      }
      session = found.start ? found.start(spec, options.backendOptions) : replayingSession(found, spec);
      this.sessions.set(name, session);
      this.sessionOptions.set(name, optionsJson);
    }
    const neurons = this.populationList.reduce((n, p) => n + p.size, 0);
    const showProgress = options.progress ?? neurons * Math.round(steps) > 2 * NEURON_STEPS_PER_SECOND;
    const bar = showProgress ? progressBar(durationMs, `${name}: ${durationMs} ms of ${neurons} neurons`) : undefined;
    this.running = true;
    try {
      return await session.advance(durationMs, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}),
      });
    } finally {
      this.running = false;
      bar?.close();
    }
  }

  /** Forgets all simulation state: time returns to 0 and the network can be edited again. */
  reset(): void {
    if (this.running) throw new CajalError(msg.runInProgress("net.reset"));
    this.sessions.clear();
    this.sessionOptions.clear();
  }

  /** A summary for notebooks: populations (cell type, size, recordings) and projections. */
  toMimeBundle(): Record<string, string> {
    const spec = this.spec();
    const connectorText = (p: ProjectionSpec) => {
      const c = p.connector as unknown as Record<string, unknown>;
      const args = Object.entries(c).filter(([k]) => k !== "kind" && k !== "list").map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
      return `${c.kind}(${c.kind === "fromList" ? `${(c.list as unknown[]).length} entries` : args.join(", ")})`;
    };
    const valueText = (v: unknown) => (typeof v === "number" ? String(v) : Array.isArray(v) ? "matrix" : typeof v === "function" ? "function of index" : JSON.stringify(v));
    const pops = spec.populations.map((p) => {
      const recorded = spec.recordings.filter((r) => r.population === p.label).map((r) => `${r.variable}${r.indices.length < p.size ? ` (${r.indices.length})` : ""}`);
      return [p.label, String(p.size), p.cell.pynn, recorded.join(", ") || "—"];
    });
    const projs = spec.projections.map((p) => [
      p.label, connectorText(p), valueText(p.weight), valueText(p.delay), p.receptor, p.plasticity ? p.plasticity.kind : "static",
    ]);
    const table = (head: string[], rows: string[][]) => {
      const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
      return [head, ...rows].map((r) => r.map((x, c) => x.padEnd(widths[c]!)).join("  ")).join("\n");
    };
    const html = (head: string[], rows: string[][]) =>
      `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>` +
      rows.map((r) => `<tr>${r.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`).join("") + "</tbody></table>";
    const popHead = ["population", "size", "cell", "recorded"];
    const projHead = ["projection", "connector", "weight", "delay (ms)", "receptor", "synapse"];
    const title = `Network: dt ${spec.dtMs} ms, seed ${spec.seed}`;
    return {
      "text/plain": [title, table(popHead, pops), ...(projs.length ? ["", table(projHead, projs)] : [])].join("\n"),
      "text/html": `<p>${escapeHtml(title)}</p>${html(popHead, pops)}${projs.length ? html(projHead, projs) : ""}`,
    };
  }

  /** A runnable PyNN 0.10 script for this network (connections as explicit lists). */
  toPyNN(options: { durationMs?: number; simulator?: string } = {}): string {
    return toPyNN(this.spec(), options);
  }
}

/** Some neurons of a population; what `slice`, `view` and `record` work on. */
export class PopulationView {
  /** Population indices in this view, or null for the whole population. */
  readonly indices: readonly number[] | null;
  /** @internal */
  constructor(readonly network: Network, readonly population: Population, indices: readonly number[] | null) {
    this.indices = indices;
  }
  /** Number of neurons in the view. */
  get size(): number {
    return this.indices ? this.indices.length : this.population.spec().size;
  }
  /** The population's label (views share it). */
  get label(): string {
    return this.population.label;
  }
  /** The view as data. */
  get selection(): Selection {
    return { population: this.population.label, indices: this.indices };
  }
  private toPopulationIndex(i: number): number {
    return this.indices ? this.indices[i]! : i;
  }

  /** Neurons start … stop−1 of this view. */
  slice(start: number, stop: number): PopulationView {
    const place = `${this.label}.slice(${start}, ${stop})`;
    if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > this.size || start >= stop) {
      throw new CajalError(msg.indexOutOfRange(place, [start, stop], this.size));
    }
    return new PopulationView(this.network, this.population, Array.from({ length: stop - start }, (_, k) => this.toPopulationIndex(start + k)));
  }

  /** The listed neurons of this view (indices into the view, no repeats). */
  view(indices: readonly number[]): PopulationView {
    const place = `${this.label}.view`;
    const bad = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= this.size);
    if (bad !== undefined || !Array.isArray(indices)) throw new CajalError(msg.indexOutOfRange(place, bad, this.size));
    if (new Set(indices).size !== indices.length) throw new CajalError(msg.badSetup(place, "the index list", indices, "distinct indices"));
    return new PopulationView(this.network, this.population, indices.map((i) => this.toPopulationIndex(i)));
  }

  /**
   * Records `variable` ("spikes", "v", "gsyn_exc", "gsyn_inh", "u", "w"…) from these neurons; may
   * be called with a list. Returns the view, for chaining.
   */
  record(variables: string | readonly string[]): this {
    this.network.assertEditable(`${this.label}.record()`);
    const list = typeof variables === "string" ? [variables] : variables;
    const allowed: readonly string[] = this.population.cell.recordable;
    const problems = list.filter((v) => !allowed.includes(v)).map((v) => msg.notRecordable(`${this.label}.record`, v, allowed));
    if (problems.length) throw new CajalError(problems);
    for (const variable of list) {
      const set = this.population.recorded.get(variable) ?? new Set<number>();
      for (let i = 0; i < this.size; i++) set.add(this.toPopulationIndex(i));
      this.population.recorded.set(variable, set);
    }
    return this;
  }

  /** Sets initial values ("v" in mV, …): a number, one value per neuron of the view, or a distribution. */
  initialize(values: Readonly<Record<string, ValueSpec>>): this {
    this.network.assertEditable(`${this.label}.initialize()`);
    const cell = this.population.cell;
    const known = cell.kind === "cell" || cell.kind === "rate" ? Object.keys(cell.initial) : [];
    const problems: Problem[] = [];
    for (const [variable, value] of Object.entries(values)) {
      if (!known.includes(variable)) problems.push(msg.unknownParameter(`${this.label}.initialize`, variable, new Map(known.map((k) => [k, k]))));
      else problems.push(...checkPerNeuron(`${this.label}.initialize.${variable}`, value, this.size, "initial value"));
    }
    if (problems.length) throw new CajalError(problems);
    for (const [variable, value] of Object.entries(values)) this.population.initial.push({ variable, indices: this.indices, value });
    return this;
  }

  /**
   * Injects a current source (`currents.dc`, `currents.step`, `currents.ac`; nA) into these
   * neurons. Several sources add up.
   */
  inject(source: CurrentSource): this {
    this.network.assertEditable(`${this.label}.inject()`);
    if (this.population.cell.kind === "rate") throw new CajalError(msg.injectIntoRate(`${this.label}.inject`, this.label));
    if (this.population.cell.kind !== "cell") throw new CajalError(msg.projectionOntoSource(`${this.label}.inject`, this.label));
    if (!source || !["dc", "step", "ac"].includes((source as { kind?: string }).kind ?? "")) {
      throw new CajalError(msg.badValue(`${this.label}.inject`, source, "current source (currents.dc(), currents.step(), currents.ac())"));
    }
    this.population.currents.push({ indices: this.indices, source });
    return this;
  }

  /** A short description. */
  toString(): string {
    return `${this.label}${this.indices ? `[${this.size} of ${this.population.size}]` : ""}`;
  }
}

/** A population: a label, a size and one cell type. Make one with `net.population()`. */
export class Population extends PopulationView {
  /** @internal recorded variable → population indices */
  readonly recorded = new Map<string, Set<number>>();
  /** @internal */
  readonly initial: InitialValue[] = [];
  /** @internal */
  readonly currents: Injection[] = [];
  private readonly base: Omit<PopulationSpec, "initial" | "currents">;
  /** @internal */
  constructor(network: Network, spec: PopulationSpec) {
    // A population is the view of all its neurons: it is its own `population`, which cannot be
    // passed to super() before `this` exists.
    super(network, undefined as unknown as Population, null);
    (this as { population: Population }).population = this;
    this.base = spec;
  }
  override get label(): string { return this.base.label; }
  override get size(): number { return this.base.size; }
  /** The cell type (or spike source). */
  get cell(): PopulationType { return this.base.cell; }
  /** The population as data. */
  spec(): PopulationSpec {
    return { ...this.base, initial: [...this.initial], currents: [...this.currents] };
  }
  /** Parameters of its cell type (Cajal names), for display. */
  get params(): Readonly<Record<string, number>> {
    return this.cell.kind === "cell" ? (this.cell as CellType).params : {};
  }
}

/** A projection: made by `net.project()`. */
export class Projection {
  /** @internal */
  constructor(readonly network: Network, private current: ProjectionSpec) {}
  /** Unique label (default `pre→post`). */
  get label(): string { return this.current.label; }
  /** The projection as data. */
  get spec(): ProjectionSpec { return this.current; }
  /**
   * Records the weights: a sample every `everyMs` ms (default: only at the end of each run).
   * `run.weights(label)` always gives the latest weights; samples come from `run.weightHistory(label)`.
   */
  record(variable: "weight", options: { everyMs?: number } = {}): this {
    this.network.assertEditable(`${this.label}.record()`);
    if (variable !== "weight") throw new CajalError(msg.notRecordable(`${this.label}.record`, variable, ["weight"]));
    const every = options.everyMs ?? Infinity;
    if (!(every > 0)) throw new CajalError(msg.badSetup(`${this.label}.record.everyMs`, "the sampling interval", every, "a positive number of ms"));
    this.current = { ...this.current, recordWeightsEveryMs: every };
    return this;
  }
}

/**
 * Makes an empty network with timestep `dt` (ms, default 0.1) and `seed` (default 42).
 *
 * @example const net = network({ dt: 0.1, seed: seed() });
 */
export function network(options: NetworkOptions = {}): Network {
  return new Network(options);
}
