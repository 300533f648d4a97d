/**
 * Cell types as data: a choice of neuron model × synapse shape × input type × threshold type, each
 * a component with resolved parameters (sPyNNaker's composition, PyNN's names and units).
 */
import { CajalError, type Problem } from "../../core/errors.js";
import * as msg from "../messages.js";
import { inRange, resolveParams, type ParamSpec, type ParamTable } from "../params.js";
import { checkValue, isDistribution, isIndexFunction, type Distribution, type ValueSpec } from "../values.js";

/** The slots of a composed cell. */
export type ComponentKind = "neuron" | "synapse" | "input" | "threshold";

/** A kind of component, defined once: its parameter table and the state it can record. */
export interface ComponentDef {
  readonly kind: ComponentKind;
  /** "lif", "exponential", "current", "static"…; backends register kernels under this name. */
  readonly name: string;
  readonly params: ParamTable;
  /** PyNN names of the state variables this component adds to a cell's recordables. */
  readonly recordable: readonly string[];
  /** Initial values of its state variables (PyNN's), from the resolved parameters of the whole cell. */
  readonly initial?: (params: Readonly<Record<string, number>>) => Readonly<Record<string, number>>;
}

/** A component in a model: resolved parameters, plain serialisable data. */
export interface Component {
  readonly kind: ComponentKind;
  readonly name: string;
  /** Parameters with one value for every neuron. */
  readonly params: Readonly<Record<string, number>>;
  /**
   * Parameters that differ between neurons: one value per neuron or a distribution, drawn by the
   * backend from the population's stream (see `cellParameters`). Absent when every parameter is
   * shared; a backend that cannot vary a parameter says so in `check()`.
   */
  readonly perNeuron?: Readonly<Record<string, ValueSpec>>;
}

/** A composed spiking cell type: plain data that every backend reads. */
export interface CellType {
  readonly kind: "cell";
  /** PyNN's standard name ("IF_curr_exp"), or a composed name when PyNN has none. */
  readonly pynn: string;
  readonly parts: {
    readonly neuron: Component;
    readonly synapse: Component;
    readonly input: Component;
    readonly threshold: Component;
  };
  /** Every shared parameter (Cajal name) with its value, for display and export; per-neuron ones are in the parts. */
  readonly params: Readonly<Record<string, number>>;
  /** Parameters that have no PyNN counterpart for this cell (left out of toPyNN()). */
  readonly notInPyNN: readonly string[];
  /** Variables `record()` accepts: "spikes", "v", "gsyn_exc", "gsyn_inh" and the model's own. */
  readonly recordable: readonly string[];
  /**
   * Initial values of the state variables ("v", "u", "w"…). With per-neuron parameters these use
   * the parameters' defaults; `initialValues()` computes the per-neuron ones.
   */
  readonly initial: Readonly<Record<string, number>>;
}

/** A named check across the parameters of several components. */
export type CellCheck = (params: Readonly<Record<string, number>>, place: string) => Problem | undefined;

/** The four components of a composition. */
export interface Parts {
  readonly neuron: ComponentDef;
  readonly synapse: ComponentDef;
  readonly input: ComponentDef;
  readonly threshold: ComponentDef;
}

/** Options of `compose`. */
export interface ComposeOptions {
  /** Cross-component checks, each reported with the others. */
  readonly checks?: readonly CellCheck[];
  /** Defaults that differ from the components' tables for this cell (Izhikevich's 30 mV peak). */
  readonly defaults?: Readonly<Record<string, number>>;
  /** Parameters PyNN's standard cell does not have. */
  readonly notInPyNN?: readonly string[];
}

/**
 * Parameters a user may pass to a cell factory, by Cajal name: a number for all neurons, or one
 * value per neuron (a list), a distribution drawn per neuron from the population's stream, or a
 * function of the neuron's index (`(i) => value`).
 */
export type CellParams<P> = { readonly [K in keyof P]?: number | readonly number[] | Distribution | ((index: number) => number) };

/** Problems with a per-neuron value: list elements and distribution bounds against the range. */
function perNeuronProblems(place: string, name: string, value: ValueSpec, spec: ParamSpec): Problem[] {
  const problems = checkValue(place, value, spec.doc);
  if (problems.length) return problems;
  if (Array.isArray(value)) {
    const k = (value as number[]).findIndex((x) => !inRange(x, spec));
    return k < 0 ? [] : [msg.outOfRange(`${place}[${k}]`, name, (value as number[])[k]!, spec)];
  }
  const d = value as { distribution: string; low?: number; high?: number };
  // Bounded distributions can be checked now; a normal distribution's draws are checked when drawn.
  for (const bound of [d.low, d.high]) {
    if (bound !== undefined && !inRange(bound, spec)) return [msg.outOfRange(place, name, bound, spec)];
  }
  return [];
}

/**
 * Makes a cell-type factory from four components. Each flat parameter belongs to exactly one
 * component; the factory fills in defaults, validates every parameter, runs the checks, and
 * throws one CajalError listing every problem.
 */
export function compose<P extends Record<string, number>>(
  pynn: string, parts: Parts, options: ComposeOptions = {},
): (given?: CellParams<P>, place?: string) => CellType {
  const owner = new Map<string, ComponentKind>();
  const pynnNames = new Map<string, string>();
  const defs = [parts.neuron, parts.synapse, parts.input, parts.threshold];
  for (const def of defs) {
    for (const [name, spec] of Object.entries(def.params)) {
      // A clash is a bug in Cajal, not in the user's model: fail when the module loads.
      if (owner.has(name)) throw new Error(`${pynn}: ${name} is defined by ${owner.get(name)} and ${def.kind}`);
      owner.set(name, def.kind);
      pynnNames.set(name, spec.pynn);
    }
  }
  const recordable = ["spikes", "v", "gsyn_exc", "gsyn_inh", ...defs.flatMap((d) => d.recordable)]
    .filter((name, i, all) => all.indexOf(name) === i);
  const notInPyNN = [...(options.notInPyNN ?? []), ...[...pynnNames].filter(([, p]) => p === "").map(([n]) => n)];

  return (given = {}, place = pynn) => {
    const problems: Problem[] = [];
    if (typeof given !== "object" || given === null) {
      throw new CajalError(msg.badValue(place, given, "parameter object"));
    }
    for (const name of Object.keys(given)) {
      if (!owner.has(name)) problems.push(msg.unknownParameter(place, name, pynnNames));
    }
    const resolved: Record<string, Component> = {};
    const flat: Record<string, number> = {};
    const scalars: Record<string, unknown> = {};
    const varied: Record<string, ValueSpec> = {};
    for (const [name, value] of Object.entries(given)) {
      if (Array.isArray(value) || isDistribution(value) || isIndexFunction(value)) varied[name] = value as ValueSpec;
      else scalars[name] = value;
    }
    for (const def of defs) {
      const { values, problems: found } = resolveParams(`${place}.${def.kind}`, def.params, scalars, options.defaults);
      problems.push(...found);
      const perNeuron: Record<string, ValueSpec> = {};
      const shared: Record<string, number> = { ...values };
      for (const [name, spec] of Object.entries(def.params)) {
        if (!(name in varied)) continue;
        problems.push(...perNeuronProblems(`${place}.${def.kind}.${name}`, name, varied[name]!, spec));
        perNeuron[name] = varied[name]!;
        delete shared[name];
      }
      resolved[def.kind] = { kind: def.kind, name: def.name, params: shared, ...(Object.keys(perNeuron).length ? { perNeuron } : {}) };
      Object.assign(flat, shared);
    }
    // Checks across parameters need every value; with per-neuron values they run when drawn.
    if (problems.length === 0 && Object.keys(varied).length === 0) {
      for (const check of options.checks ?? []) {
        const problem = check(flat, place);
        if (problem) problems.push(problem);
      }
    }
    if (problems.length > 0) throw new CajalError(problems);
    const initial: Record<string, number> = {};
    const withDefaults: Record<string, number> = { ...flat };
    for (const def of defs) for (const [name, spec] of Object.entries(def.params)) withDefaults[name] ??= options.defaults?.[name] ?? spec.default;
    for (const def of defs) Object.assign(initial, def.initial?.(withDefaults) ?? {});
    return {
      kind: "cell",
      pynn,
      parts: resolved as unknown as CellType["parts"],
      params: flat,
      notInPyNN,
      recordable,
      initial,
    };
  };
}

/** The reset of a cell must lie below its threshold, or it fires on every step. */
export const resetBelowThreshold: CellCheck = (p, place) =>
  p.vReset! < p.vThresh! ? undefined : msg.resetNotBelowThreshold(place, p.vReset!, p.vThresh!);
