/**
 * The plain, serialisable description of a network that every backend reads. The DSL objects
 * (`Network`, `Population`, `Projection`) build it; nothing in it holds simulation state.
 */
import type { CellType } from "./cells/compose.js";
import type { RateType } from "./cells/rate.js";
import type { SpikeSourceArray } from "./cells/sources/spike-source-array.js";
import type { SpikeSourcePoisson } from "./cells/sources/spike-source-poisson.js";
import type { Connector } from "./connectors.js";
import type { CurrentSource } from "./currents.js";
import type { Plasticity } from "./plasticity.js";
import type { Structure } from "./structure.js";
import type { ValueSpec } from "./values.js";

/** A spike source population's type. */
export type SourceType = SpikeSourceArray | SpikeSourcePoisson;
/** What a population is made of: spiking cells, spike sources, or rate units and rate sources. */
export type PopulationType = CellType | SourceType | RateType;

/** One population: a label, a size and one cell type for all its neurons. */
export interface PopulationSpec {
  readonly label: string;
  readonly size: number;
  readonly cell: PopulationType;
  /** Initial values of state variables ("v"…), overriding the cell's, applied in order. */
  readonly initial: readonly InitialValue[];
  /** Injected current sources, in the order given; their currents add up. */
  readonly currents: readonly Injection[];
  readonly structure?: Structure;
}

/** A current source injected into some neurons of a population (from `inject`). */
export interface Injection {
  /** Population indices, or null for all. */
  readonly indices: readonly number[] | null;
  readonly source: CurrentSource;
}

/** An initial value for some neurons of a population (from `initialize`). */
export interface InitialValue {
  readonly variable: string;
  /** Population indices, or null for all. */
  readonly indices: readonly number[] | null;
  /** A number, one per selected neuron, or a distribution. */
  readonly value: ValueSpec;
}

/** Some neurons of one population: all of them (`indices` null) or the listed ones, in order. */
export interface Selection {
  readonly population: string;
  readonly indices: readonly number[] | null;
}

/** Which receptor a projection targets. */
export type Receptor = "excitatory" | "inhibitory";

/** One projection between two selections. */
export interface ProjectionSpec {
  readonly label: string;
  readonly pre: Selection;
  readonly post: Selection;
  readonly connector: Connector;
  /** nA (current-based cells) or µS (conductance-based); inhibitory current weights are ≤ 0. */
  readonly weight: ValueSpec;
  /** ms; rounded to whole timesteps, at least one. */
  readonly delay: ValueSpec;
  readonly receptor: Receptor;
  readonly plasticity?: Plasticity;
  /** Sample the weights every this many ms while running (plastic projections); undefined: not recorded. */
  readonly recordWeightsEveryMs?: number;
}

/** A variable recorded from some neurons of a population. */
export interface RecordingSpec {
  readonly population: string;
  /** "spikes", "v", "gsyn_exc", "gsyn_inh", "u", "w"… */
  readonly variable: string;
  /** Population indices, ascending, no repeats. */
  readonly indices: readonly number[];
}

/** A whole network: what `net.spec()` returns and backends run. */
export interface NetworkSpec {
  /** Timestep, ms. */
  readonly dtMs: number;
  /** Seed of every random stream of the network. */
  readonly seed: number;
  readonly populations: readonly PopulationSpec[];
  readonly projections: readonly ProjectionSpec[];
  readonly recordings: readonly RecordingSpec[];
}
