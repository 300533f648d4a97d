/**
 * Rate populations: units whose state is a firing rate rather than a membrane and spikes, and
 * sources that present given rate patterns. Projections between rate populations carry
 * rates and may learn with the rate-based rules (plasticity.hebbian, plasticity.oja,
 * plasticity.bcm). Rates are dimensionless activities (or Hz, if the user means Hz): the rules
 * and the dynamics do not care which.
 */
import { CajalError, type Problem } from "../../core/errors.js";
import * as msg from "../messages.js";
import { resolveParams } from "../params.js";

/** The nonlinearity f in τ·dr/dt = −r + f(gain·I + bias). */
export type Activation = "linear" | "relu" | "tanh" | "sigmoid";
const ACTIVATIONS: readonly Activation[] = ["linear", "relu", "tanh", "sigmoid"];

const unitTable = {
  tauMs: { unit: "ms", default: 10, min: 0, pynn: "", doc: "the rate's time constant (0: the rate follows its input at once)" },
  gain: { unit: "1", default: 1, pynn: "", doc: "the gain applied to the summed input" },
  bias: { unit: "1", default: 0, pynn: "", doc: "the constant input added after the gain" },
} as const;

/** A population of rate units: τ·dr/dt = −r + f(gain·I + bias), I = Σ w·r_pre. */
export interface RateUnit {
  readonly kind: "rate";
  readonly name: "rateUnit";
  readonly pynn: "";
  readonly params: { readonly tauMs: number; readonly gain: number; readonly bias: number };
  readonly activation: Activation;
  /** Initial values of the state: the rate. */
  readonly initial: { readonly rate: number };
  readonly recordable: readonly ["rate"];
}

/**
 * Rate units, integrated exactly over each timestep with the input held constant:
 * r ← f + (r − f)·e^(−dt/τ). With `tauMs: 0` the rate is f itself (a feed-forward layer).
 *
 * @example net.population("out", 2, cells.rateUnit({ tauMs: 0, activation: "linear" }))
 */
export function rateUnit(given: { tauMs?: number; gain?: number; bias?: number; activation?: Activation } = {}, place = "rateUnit"): RateUnit {
  const problems: Problem[] = [];
  const { activation = "linear", ...numbers } = given;
  const known = new Map(Object.keys(unitTable).map((k) => [k, k]));
  for (const name of Object.keys(numbers)) if (!(name in unitTable)) problems.push(msg.unknownParameter(place, name, known));
  const { values, problems: found } = resolveParams(place, unitTable, numbers as Record<string, unknown>);
  problems.push(...found);
  if (!ACTIVATIONS.includes(activation)) {
    problems.push({
      ruleId: "bad-activation", place: `${place}.activation`, reason: `${JSON.stringify(activation)} is not an activation Cajal knows.`,
      expected: ACTIVATIONS.map((a) => `"${a}"`).join(", "),
    });
  }
  if (problems.length) throw new CajalError(problems);
  return { kind: "rate", name: "rateUnit", pynn: "", params: values, activation, initial: { rate: 0 }, recordable: ["rate"] };
}

/** A population presenting rate patterns: one pattern (a rate per unit) at a time, each for `presentMs`. */
export interface RateSource {
  readonly kind: "rate";
  readonly name: "rateSource";
  readonly pynn: "";
  /** The patterns, each one rate per unit. */
  readonly patterns: readonly (readonly number[])[];
  /** How long each presentation lasts, ms. */
  readonly presentMs: number;
  /** "cycle": patterns in the given order, again and again; "random": each presentation draws one uniformly (seeded). */
  readonly order: "cycle" | "random";
  readonly initial: Readonly<Record<string, never>>;
  readonly recordable: readonly ["rate"];
}

/**
 * A rate source: presents `patterns` (each a list of one rate per unit), one every `presentMs`
 * ms, cyclically or drawn at random from the population's own random stream.
 *
 * @example cells.rateSource({ patterns: [[1, 0], [0, 1]], presentMs: 1, order: "random" })
 */
export function rateSource(given: { patterns: readonly (readonly number[])[]; presentMs?: number; order?: "cycle" | "random" }, place = "rateSource"): RateSource {
  const problems: Problem[] = [];
  const patterns = given?.patterns;
  if (!Array.isArray(patterns) || patterns.length === 0) {
    problems.push({ ruleId: "bad-patterns", place: `${place}.patterns`, reason: "the patterns are missing or empty.", expected: "a non-empty list of patterns, each a list of one rate per unit" });
  } else {
    const width = Array.isArray(patterns[0]) ? patterns[0].length : -1;
    const bad = patterns.findIndex((p) => !Array.isArray(p) || p.length !== width || p.length === 0 || !p.every((x) => typeof x === "number" && Number.isFinite(x)));
    if (bad >= 0) {
      problems.push({
        ruleId: "bad-patterns", place: `${place}.patterns[${bad}]`, reason: `pattern ${bad} is not a list of ${width} finite numbers like pattern 0.`,
        expected: "patterns of equal length (one rate per unit), finite numbers",
      });
    }
  }
  const presentMs = given?.presentMs ?? 1;
  if (!(typeof presentMs === "number" && Number.isFinite(presentMs) && presentMs > 0)) problems.push(msg.badSetup(`${place}.presentMs`, "the presentation time", presentMs, "a positive number of ms"));
  const order = given?.order ?? "cycle";
  if (order !== "cycle" && order !== "random") problems.push(msg.badSetup(`${place}.order`, "the order", order, "\"cycle\" or \"random\""));
  if (problems.length) throw new CajalError(problems);
  return { kind: "rate", name: "rateSource", pynn: "", patterns: patterns.map((p) => [...p]), presentMs, order, initial: {}, recordable: ["rate"] };
}

/** Any rate population type. */
export type RateType = RateUnit | RateSource;

/** The parameter table of rate units (for docs). */
export const rateUnitParams = unitTable;
