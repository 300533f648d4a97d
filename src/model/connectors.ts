/**
 * Connectors as data (PyNN's connectors in camelCase). They are expanded into explicit
 * connections by `expandProjection` with the projection's own random stream.
 */
import { CajalError, type Problem } from "../core/errors.js";
import * as msg from "./messages.js";

/** Every pre neuron connects to every post neuron (PyNN's AllToAllConnector). */
export interface AllToAll { readonly kind: "allToAll"; readonly allowSelf: boolean }
/** Pre i connects to post i (PyNN's OneToOneConnector). */
export interface OneToOne { readonly kind: "oneToOne" }
/** Each pair connects independently with probability `p` (PyNN's FixedProbabilityConnector). */
export interface FixedProbability { readonly kind: "fixedProbability"; readonly p: number; readonly allowSelf: boolean }
/** Each post neuron receives exactly `n` distinct pre neurons (PyNN's FixedNumberPreConnector). */
export interface FixedNumberPre { readonly kind: "fixedNumberPre"; readonly n: number; readonly allowSelf: boolean }
/** Each pre neuron projects to exactly `n` distinct post neurons (PyNN's FixedNumberPostConnector). */
export interface FixedNumberPost { readonly kind: "fixedNumberPost"; readonly n: number; readonly allowSelf: boolean }
/** Explicit connections [pre, post, weight?, delay?] (PyNN's FromListConnector). */
export interface FromList { readonly kind: "fromList"; readonly list: readonly (readonly number[])[] }
/**
 * Each pair connects with probability pMax·k(d/scale), d the distance between the neurons'
 * positions; k is e^(−x) ("exponential"), e^(−x²/2) ("gaussian") or 1 for x ≤ 1 ("step").
 */
export interface DistanceDependent {
  readonly kind: "distanceDependent";
  readonly profile: "exponential" | "gaussian" | "step";
  readonly scale: number;
  readonly pMax: number;
  readonly allowSelf: boolean;
}
/** Any connector. */
export type Connector = AllToAll | OneToOne | FixedProbability | FixedNumberPre | FixedNumberPost | FromList | DistanceDependent;

const fail = (problems: Problem[]) => { if (problems.length) throw new CajalError(problems); };
const probabilityProblems = (place: string, p: unknown) =>
  typeof p === "number" && p >= 0 && p <= 1 ? [] : [msg.badProbability(place, p)];
const countProblems = (place: string, n: unknown) =>
  Number.isInteger(n) && (n as number) >= 0 ? [] : [msg.badInteger(place, "the number of connections", n, "a whole number ≥ 0")];

/** All pre × post pairs; self-connections (same population, same index) only with `allowSelf` (default true, as in PyNN). */
export function allToAll(options: { allowSelf?: boolean } = {}): AllToAll {
  return { kind: "allToAll", allowSelf: options.allowSelf ?? true };
}

/** Pre i → post i; pre and post must have the same size. */
export function oneToOne(): OneToOne {
  return { kind: "oneToOne" };
}

/** Each pair independently with probability `p`. */
export function fixedProbability(p: number, options: { allowSelf?: boolean } = {}): FixedProbability {
  fail(probabilityProblems("connect.fixedProbability.p", p));
  return { kind: "fixedProbability", p, allowSelf: options.allowSelf ?? true };
}

/** Each post neuron gets exactly `n` distinct pre neurons, chosen uniformly. */
export function fixedNumberPre(n: number, options: { allowSelf?: boolean } = {}): FixedNumberPre {
  fail(countProblems("connect.fixedNumberPre.n", n));
  return { kind: "fixedNumberPre", n, allowSelf: options.allowSelf ?? true };
}

/** Each pre neuron gets exactly `n` distinct post neurons, chosen uniformly. */
export function fixedNumberPost(n: number, options: { allowSelf?: boolean } = {}): FixedNumberPost {
  fail(countProblems("connect.fixedNumberPost.n", n));
  return { kind: "fixedNumberPost", n, allowSelf: options.allowSelf ?? true };
}

/**
 * Explicit connections, one `[pre, post]` or `[pre, post, weight, delay]` per entry (indices into
 * the pre and post groups; weight in nA or µS, delay in ms). Given weights and delays override
 * the projection's.
 */
export function fromList(list: readonly (readonly number[])[]): FromList {
  const problems: Problem[] = [];
  if (!Array.isArray(list)) throw new CajalError(msg.badListEntry("connect.fromList", list, "is not a list"));
  list.forEach((entry, k) => {
    const place = `connect.fromList[${k}]`;
    if (!Array.isArray(entry) || (entry.length !== 2 && entry.length !== 4 && entry.length !== 3)) {
      problems.push(msg.badListEntry(place, entry, "does not have 2, 3 or 4 numbers"));
    } else if (!Number.isInteger(entry[0]) || !Number.isInteger(entry[1]) || entry[0]! < 0 || entry[1]! < 0) {
      problems.push(msg.badListEntry(place, entry, "has a pre or post index that is not a whole number ≥ 0"));
    } else if (entry.slice(2).some((x) => typeof x !== "number" || !Number.isFinite(x))) {
      problems.push(msg.badListEntry(place, entry, "has a weight or delay that is not a finite number"));
    }
  });
  fail(problems);
  return { kind: "fromList", list: list.map((e) => [...e]) };
}

/**
 * Connection probability falling with distance: pMax·k(d/scale). Both populations need a
 * `structure` (line or grid2d).
 */
export function distanceDependent(options: { profile?: "exponential" | "gaussian" | "step"; scale: number; pMax?: number; allowSelf?: boolean }): DistanceDependent {
  const problems: Problem[] = [];
  const profile = options.profile ?? "exponential";
  if (!["exponential", "gaussian", "step"].includes(profile)) problems.push(msg.badValue("connect.distanceDependent.profile", profile, "profile (exponential, gaussian or step)"));
  if (!(typeof options.scale === "number" && Number.isFinite(options.scale) && options.scale > 0)) {
    problems.push(msg.badSetup("connect.distanceDependent.scale", "the length scale", options.scale, "a positive distance"));
  }
  problems.push(...probabilityProblems("connect.distanceDependent.pMax", options.pMax ?? 1));
  fail(problems);
  return { kind: "distanceDependent", profile, scale: options.scale, pMax: options.pMax ?? 1, allowSelf: options.allowSelf ?? true };
}
