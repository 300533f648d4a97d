/**
 * Every message the model layer (and the backends that check models) can give, as functions
 * returning a `Problem`. Tests compare thrown problems with these functions, never with copied strings.
 */
import type { Problem } from "../core/errors.js";
import type { ParamSpec } from "./params.js";
import { describeRange } from "./params.js";

const code = (s: string | number) => `\`${s}\``;
const list = (names: readonly string[]) => names.map(code).join(", ");
const unitText = (spec: ParamSpec) => (spec.unit === "1" ? "" : ` ${spec.unit === "uS" ? "µS" : spec.unit}`);

/** PyNN's snake_case name → Cajal's camelCase (`tau_syn_E` → `tauSynE`). */
export function camelFromSnake(name: string): string {
  return name.replace(/_([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Levenshtein distance, for "did you mean" hints. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known name within a third of its length, if any. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** A parameter name the component does not have; recognises PyNN's names. */
export function unknownParameter(place: string, name: string, known: ReadonlyMap<string, string>): Problem {
  const fromPyNN = [...known].find(([, pynn]) => pynn !== "" && pynn === name)?.[0]
    ?? (known.has(camelFromSnake(name)) ? camelFromSnake(name) : undefined);
  const guess = fromPyNN ?? closest(name, [...known.keys()]);
  return {
    ruleId: "param-unknown",
    place,
    reason: `no parameter named ${code(name)}.`,
    expected: `one of ${list([...known.keys()])}`,
    ...(fromPyNN ? { fix: `PyNN's ${code(name)} is ${code(fromPyNN)} in Cajal.` } : guess ? { fix: `did you mean ${code(guess)}?` } : {}),
  };
}

/** A parameter value outside the allowed range. */
export function outOfRange(place: string, name: string, value: number, spec: ParamSpec): Problem {
  return {
    ruleId: "param-out-of-range",
    place,
    reason: `${value}${unitText(spec)} is not a valid value for ${spec.doc}.`,
    expected: describeRange(name, spec),
    ...(spec.hint ? { fix: spec.hint } : {}),
  };
}

/** A parameter value that is not a number, or is NaN. */
export function notANumber(place: string, name: string, value: unknown, spec: ParamSpec): Problem {
  return {
    ruleId: "param-not-a-number",
    place,
    reason: `${name} is ${typeof value === "number" ? "NaN" : `${JSON.stringify(value) ?? String(value)} (${typeof value})`}, not a number.`,
    expected: describeRange(name, spec),
    fix: `give ${spec.doc} as a number in${unitText(spec) || " (dimensionless)"}.`,
  };
}

/** A cross-parameter rule of a cell: the reset must lie below the threshold. */
export function resetNotBelowThreshold(place: string, vReset: number, vThresh: number): Problem {
  return {
    ruleId: "reset-not-below-threshold",
    place,
    reason: `the reset potential (${vReset} mV) is not below the threshold (${vThresh} mV), so a cell would fire on every step.`,
    expected: "vReset < vThresh",
    fix: "lower vReset or raise vThresh.",
  };
}

/** A size, count or index that must be a whole number in a range. */
export function badInteger(place: string, what: string, value: unknown, expected: string): Problem {
  return { ruleId: "bad-integer", place, reason: `${what} is ${JSON.stringify(value) ?? String(value)}.`, expected };
}

/** An array whose length does not match what it describes. */
export function wrongSize(place: string, what: string, got: number, expected: number): Problem {
  return {
    ruleId: "wrong-size",
    place,
    reason: `${what} has ${got} entries, but ${expected} are needed.`,
    expected: `${expected} entries, one per ${what.includes("matrix") ? "row" : "neuron"}`,
  };
}

/** Two populations or projections with the same label. */
export function duplicateLabel(place: string, kind: "population" | "projection", label: string): Problem {
  return {
    ruleId: "duplicate-label",
    place,
    reason: `a ${kind} labelled ${code(label)} already exists.`,
    expected: `a label no other ${kind} of this network uses`,
    fix: `pass a different label${kind === "projection" ? " with { label }" : ""}.`,
  };
}

/** A population label that names nothing. */
export function unknownPopulation(place: string, label: string, known: readonly string[]): Problem {
  const guess = closest(label, known);
  return {
    ruleId: "unknown-population",
    place,
    reason: `no population labelled ${code(label)}.`,
    expected: known.length ? `one of ${list(known)}` : "a population of this network (it has none)",
    ...(guess ? { fix: `did you mean ${code(guess)}?` } : {}),
  };
}

/** A projection label that names nothing. */
export function unknownProjection(place: string, label: string, known: readonly string[]): Problem {
  const guess = closest(label, known);
  return {
    ruleId: "unknown-projection",
    place,
    reason: `no projection labelled ${code(label)}.`,
    expected: known.length ? `one of ${list(known)}` : "a projection of this network (it has none)",
    ...(guess ? { fix: `did you mean ${code(guess)}?` } : {}),
  };
}

/** A variable a population cannot record. */
export function notRecordable(place: string, variable: string, recordable: readonly string[]): Problem {
  return {
    ruleId: "not-recordable",
    place,
    reason: `${code(variable)} cannot be recorded here.`,
    expected: `one of ${list(recordable)}`,
  };
}

/** Asking a run for data that was not recorded. */
export function notRecorded(place: string, variable: string, label: string): Problem {
  return {
    ruleId: "not-recorded",
    place,
    reason: `${code(variable)} was not recorded for ${code(label)}.`,
    fix: `call ${label}.record("${variable}") before net.run().`,
  };
}

/** A neuron index outside a population or view. */
export function indexOutOfRange(place: string, index: unknown, size: number): Problem {
  return {
    ruleId: "index-out-of-range",
    place,
    reason: `index ${JSON.stringify(index) ?? String(index)} is outside a group of ${size} neurons.`,
    expected: `whole numbers 0 … ${size - 1}`,
  };
}

/** A probability outside [0, 1]. */
export function badProbability(place: string, p: unknown): Problem {
  return {
    ruleId: "bad-probability",
    place,
    reason: `${JSON.stringify(p) ?? String(p)} is not a probability.`,
    expected: "a number with 0 ≤ p ≤ 1",
  };
}

/** A fixed-number connector asking for more partners than exist. */
export function tooManyPartners(place: string, n: number, available: number, allowSelf: boolean): Problem {
  return {
    ruleId: "too-many-partners",
    place,
    reason: `${n} connections per neuron were asked for, but only ${available} distinct partners exist.`,
    expected: `n ≤ ${available}`,
    fix: allowSelf ? "lower n." : "lower n, or allow self-connections with { allowSelf: true }.",
  };
}

/** A connection list entry that is malformed. */
export function badListEntry(place: string, entry: unknown, reason: string): Problem {
  return {
    ruleId: "bad-connection-list",
    place,
    reason: `entry ${JSON.stringify(entry)} ${reason}.`,
    expected: "[pre, post] or [pre, post, weight (nA or µS), delay (ms)] with indices inside the populations",
  };
}

/** A function of the indices returned something that is not a finite number. */
export function nonFiniteFromFunction(place: string, value: number, what: string): Problem {
  return {
    ruleId: "value-function-not-finite",
    place,
    reason: `the function given for the ${what} returned ${value} here.`,
    expected: "a finite number for every index",
    fix: "Check the function's formula for this index (a division by zero, a missing return, an index outside a lookup table).",
  };
}

/** A weight/delay description that is neither a number, a matrix nor a known distribution. */
export function badValue(place: string, value: unknown, what: string): Problem {
  return {
    ruleId: "bad-value",
    place,
    reason: `${JSON.stringify(value) ?? String(value)} is not a valid ${what}.`,
    expected: "a number, a matrix of numbers (pre × post), { distribution: \"uniform\", low, high } / { distribution: \"normal\", mean, sd }, or a function of the indices ((pre, post) => value)",
  };
}

/** A distribution with impossible parameters. */
export function badDistribution(place: string, reason: string): Problem {
  return { ruleId: "bad-distribution", place, reason, expected: "uniform: low ≤ high; normal: sd ≥ 0; all finite" };
}

/** A delay shorter than one timestep, or not finite. */
export function badDelay(place: string, delayMs: number, dtMs: number): Problem {
  return {
    ruleId: "bad-delay",
    place,
    reason: `a delay of ${delayMs} ms is shorter than one timestep (${dtMs} ms) or not finite.`,
    expected: `delay ≥ ${dtMs} ms (delays are rounded to whole timesteps)`,
    fix: "use a delay of at least dt.",
  };
}

/** A weight whose sign disagrees with the receptor and input type. */
export function badWeightSign(place: string, weight: number, receptor: string, input: string): Problem {
  const wantNegative = input === "current" && receptor === "inhibitory";
  return {
    ruleId: "bad-weight-sign",
    place,
    reason: `a weight of ${weight} on the ${receptor} receptor of a ${input}-based cell has the wrong sign.`,
    expected: wantNegative ? "weights ≤ 0 nA (current-based inhibition is a negative current, as in PyNN)"
      : input === "current" ? "weights ≥ 0 nA" : "weights ≥ 0 µS (conductances are never negative)",
    fix: wantNegative ? "give inhibitory weights of current-based cells as negative numbers."
      : "use a non-negative weight, or a distribution that cannot go negative.",
  };
}

/** An unknown receptor name. */
export function badReceptor(place: string, receptor: unknown): Problem {
  return {
    ruleId: "bad-receptor",
    place,
    reason: `${JSON.stringify(receptor) ?? String(receptor)} is not a receptor.`,
    expected: "`excitatory` or `inhibitory`",
  };
}

/** A projection (or a current) onto a spike source. */
export function projectionOntoSource(place: string, label: string): Problem {
  return {
    ruleId: "projection-onto-source",
    place,
    reason: `${code(label)} is a spike source, which has no synapses or membrane to drive.`,
    fix: "project onto (or inject into) a population of neurons.",
  };
}

/** A projection between a rate population and a spiking one. */
export function rateMeetsSpikes(place: string, rateLabel: string, spikingLabel: string): Problem {
  return {
    ruleId: "rate-meets-spikes",
    place,
    reason: `${code(rateLabel)} is a rate population and ${code(spikingLabel)} a spiking one; a projection carries either rates or spikes.`,
    fix: "connect rate populations to rate populations and spiking ones to spiking ones (drive spiking cells from rates with cells.spikeSourcePoisson).",
  };
}

/** A projection onto a rate source. */
export function projectionOntoRateSource(place: string, label: string): Problem {
  return {
    ruleId: "projection-onto-source",
    place,
    reason: `${code(label)} is a rate source: it presents its patterns and takes no input.`,
    fix: "project onto a population of rate units (cells.rateUnit).",
  };
}

/** STDP on a projection between rate populations. */
export function stdpNotForRates(place: string): Problem {
  return {
    ruleId: "stdp-needs-spikes",
    place,
    reason: "STDP needs spike times; this projection connects rate populations.",
    fix: "use plasticity.hebbian, plasticity.oja or plasticity.bcm between rate populations.",
  };
}

/** A current source injected into a rate population. */
export function injectIntoRate(place: string, label: string): Problem {
  return {
    ruleId: "inject-into-rate",
    place,
    reason: `${code(label)} is a rate population: it has no membrane to inject a current into.`,
    fix: "give rate units a constant input with cells.rateUnit({ bias }), or drive them from a cells.rateSource.",
  };
}

/** toPyNN of a network with rate populations. */
export function noPyNNRate(place: string, label: string): Problem {
  return {
    ruleId: "pynn-no-rate-units",
    place,
    reason: `${code(label)} is a rate population, and PyNN 0.10 has no standard rate units to export it to.`,
    fix: "export the spiking part of the model only, or run the rate model in Cajal.",
  };
}

/** A bad timestep, seed or duration. */
export function badSetup(place: string, what: string, value: unknown, expected: string): Problem {
  return { ruleId: "bad-setup", place, reason: `${what} is ${JSON.stringify(value) ?? String(value)}.`, expected };
}

/** A duration that is not a whole number of timesteps. */
export function notWholeSteps(place: string, durationMs: number, dtMs: number): Problem {
  return {
    ruleId: "not-whole-steps",
    place,
    reason: `${durationMs} ms is not a whole number of ${dtMs} ms timesteps.`,
    expected: `a positive multiple of ${dtMs} ms`,
    fix: `round the duration to ${Math.max(dtMs, Math.round(durationMs / dtMs) * dtMs)} ms.`,
  };
}

/** A spike time a source cannot emit. */
export function badSpikeTime(place: string, time: unknown): Problem {
  return {
    ruleId: "bad-spike-time",
    place,
    reason: `spike time ${JSON.stringify(time) ?? String(time)} ms cannot be emitted.`,
    expected: "finite times ≥ 0 ms (they are rounded to the timestep grid)",
  };
}

/** No backend with that name is registered. */
export function unknownBackend(place: string, name: string, known: readonly string[]): Problem {
  return {
    ruleId: "unknown-backend",
    place,
    reason: `no backend named ${code(name)} is available.`,
    expected: known.length ? `one of ${list(known)}` : "a registered backend (none is: import \"cajal\" or src/sim)",
    ...(known.length ? {} : { fix: "import the backend's module so that it registers itself." }),
  };
}

/** The network was changed after it ran. */
export function changedAfterRun(place: string, what: string): Problem {
  return {
    ruleId: "changed-after-run",
    place,
    reason: `${what} after the network has run; the running simulation cannot include it.`,
    fix: "call net.reset() first (time returns to 0 and all state is rebuilt), or build the whole network before running.",
  };
}

/** A run that was interrupted. */
export function interrupted(place: string, atMs: number): Problem {
  return {
    ruleId: "run-interrupted",
    place,
    reason: `the run was interrupted at ${atMs} ms.`,
    fix: "the network keeps its state: call net.run() again to continue, or net.reset() to start over.",
  };
}

/** A plasticity rule the chosen population kind cannot use. */
export function plasticityNotForSpikes(place: string, rule: string): Problem {
  return {
    ruleId: "plasticity-needs-rates",
    place,
    reason: `${code(rule)} is a rate-based rule; spiking projections take plasticity.stdp(...).`,
    fix: "use plasticity.stdp({ timing, weight }) on spiking projections.",
  };
}

/** STDP weights outside their bounds at the start. */
export function weightOutsideBounds(place: string, weight: number, wMin: number, wMax: number): Problem {
  return {
    ruleId: "weight-outside-bounds",
    place,
    reason: `initial weight ${weight} lies outside the plasticity rule's bounds [${wMin}, ${wMax}].`,
    expected: `${wMin} ≤ weight ≤ ${wMax}`,
    fix: "start weights inside [wMin, wMax]; Cajal does not clip them silently.",
  };
}

/** A component the chosen backend has no kernel for. */
export function backendUnsupported(place: string, backend: string, kind: string, name: string, available: readonly string[]): Problem {
  return {
    ruleId: "backend-unsupported",
    place,
    reason: `the ${backend} backend has no ${code(name)} ${kind}.`,
    expected: available.length ? `one of ${list(available)}` : `no ${kind} is available on ${backend}`,
    fix: `run with { backend: "reference" }, or choose a ${kind} that ${backend} supports.`,
  };
}

/** A per-neuron parameter a backend's kernel can only take as one shared value. */
export function perNeuronUnsupported(place: string, backend: string, kind: string, name: string, params: readonly string[], varying: readonly string[]): Problem {
  return {
    ruleId: "per-neuron-unsupported",
    place,
    reason: `the ${backend} backend's \`${name}\` ${kind} takes ${list(params)} as one value for all neurons.`,
    expected: varying.length ? `per-neuron values only for components that support them: ${list(varying)}` : "one number per parameter",
    fix: "give these parameters as single numbers, or split the population into groups with shared values.",
  };
}

/** A second run started while one is still going. */
export function backendOptionsChanged(place: string, backend: string, before: string, now: string): Problem {
  return {
    ruleId: "run-backend-options-changed",
    place,
    reason: `this network already runs on ${backend} with backendOptions ${before}; this run asks for ${now}.`,
    fix: "keep the same backendOptions to continue the run, or call net.reset() to start again from t = 0 with the new ones.",
  };
}

export function runInProgress(place: string): Problem {
  return {
    ruleId: "run-in-progress",
    place,
    reason: "this network is already running.",
    fix: "await the first net.run() before starting another (runs continue from each other).",
  };
}
