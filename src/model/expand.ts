/**
 * Turns descriptions into numbers that every backend shares: connectors into explicit
 * connections, weight and delay descriptions into values, initial-value descriptions into
 * per-neuron arrays. Each projection and population draws from a stream named after itself, so
 * adding one never changes another's random numbers.
 */
import type { Problem } from "../core/errors.js";
import { createRng, type Rng } from "../core/rng.js";
import type { CellType } from "./cells/compose.js";
import { componentDef } from "./cells/definitions.js";
import { inRange, type ParamSpec } from "./params.js";
import * as msg from "./messages.js";
import type { NetworkSpec, PopulationSpec, ProjectionSpec, Selection } from "./spec.js";
import { positionOf } from "./structure.js";
import { draw, isDistribution, isIndexFunction, nonFiniteProblems, realisePerNeuron, type ValueSpec } from "./values.js";

/** The explicit connections of one projection, in population indices. */
export interface Connections {
  readonly pre: Int32Array;
  readonly post: Int32Array;
  /** nA or µS. */
  readonly weight: Float64Array;
  /** ms, as drawn (backends round to timesteps). */
  readonly delayMs: Float64Array;
}

/** Growable pair list without per-element allocation. */
class PairBuffer {
  pre = new Int32Array(1024);
  post = new Int32Array(1024);
  length = 0;
  push(i: number, j: number): void {
    if (this.length === this.pre.length) {
      const pre = new Int32Array(this.pre.length * 2); pre.set(this.pre); this.pre = pre;
      const post = new Int32Array(this.post.length * 2); post.set(this.post); this.post = post;
    }
    this.pre[this.length] = i;
    this.post[this.length++] = j;
  }
}

/** Population indices of a selection. */
export function indicesOf(sel: Selection, size: number): Int32Array {
  if (sel.indices === null) {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = i;
    return out;
  }
  return Int32Array.from(sel.indices);
}

/** The random stream of a projection (or population) for one purpose. */
export function streamFor(seed: number, owner: string, purpose: string): Rng {
  return createRng(seed).stream(owner).stream(purpose);
}

function populationOf(net: NetworkSpec, label: string): PopulationSpec {
  const pop = net.populations.find((p) => p.label === label);
  if (!pop) throw new Error(`expand: no population ${label}`); // the DSL guarantees it
  return pop;
}

/** Draws the connections of a projection (view-local pairs mapped to population indices). */
export function expandProjection(net: NetworkSpec, proj: ProjectionSpec): { connections: Connections; problems: Problem[] } {
  const place = proj.label;
  const prePop = populationOf(net, proj.pre.population);
  const postPop = populationOf(net, proj.post.population);
  const preIdx = indicesOf(proj.pre, prePop.size);
  const postIdx = indicesOf(proj.post, postPop.size);
  const nPre = preIdx.length;
  const nPost = postIdx.length;
  const samePop = prePop.label === postPop.label;
  const rng = streamFor(net.seed, `projection:${proj.label}`, "connect");
  const pairs = new PairBuffer();
  const problems: Problem[] = [];
  const isSelf = (i: number, j: number) => samePop && preIdx[i] === postIdx[j];
  const c = proj.connector;
  let listWeights: Float64Array | undefined;
  let listDelays: Float64Array | undefined;

  switch (c.kind) {
    case "allToAll":
      for (let i = 0; i < nPre; i++) for (let j = 0; j < nPost; j++) if (c.allowSelf || !isSelf(i, j)) pairs.push(i, j);
      break;
    case "oneToOne":
      if (nPre !== nPost) problems.push(msg.wrongSize(`${place}.connector`, "the post group", nPost, nPre));
      else for (let i = 0; i < nPre; i++) pairs.push(i, i);
      break;
    case "fixedProbability": {
      if (c.p === 0) break;
      // Geometric gaps between successes: one uniform per connection instead of one per pair.
      const logq = Math.log1p(-c.p);
      for (let i = 0; i < nPre; i++) {
        let j = c.p === 1 ? 0 : Math.floor(Math.log(1 - rng.uniform()) / logq);
        while (j < nPost) {
          if (c.allowSelf || !isSelf(i, j)) pairs.push(i, j);
          j += c.p === 1 ? 1 : Math.floor(Math.log(1 - rng.uniform()) / logq) + 1;
        }
      }
      break;
    }
    case "fixedNumberPre":
    case "fixedNumberPost": {
      const perPost = c.kind === "fixedNumberPre";
      const outer = perPost ? nPost : nPre;
      const inner = perPost ? nPre : nPost;
      const candidates = new Int32Array(inner);
      for (let o = 0; o < outer; o++) {
        let m = 0;
        for (let x = 0; x < inner; x++) {
          const self = perPost ? isSelf(x, o) : isSelf(o, x);
          if (c.allowSelf || !self) candidates[m++] = x;
        }
        if (c.n > m) {
          problems.push(msg.tooManyPartners(`${place}.connector`, c.n, m, c.allowSelf));
          break;
        }
        // Partial Fisher–Yates: the first n of a uniform shuffle, then in index order.
        for (let k = 0; k < c.n; k++) {
          const r = k + rng.int(m - k);
          const tmp = candidates[k]!; candidates[k] = candidates[r]!; candidates[r] = tmp;
        }
        const chosen = candidates.subarray(0, c.n).slice().sort();
        for (const x of chosen) perPost ? pairs.push(x, o) : pairs.push(o, x);
      }
      break;
    }
    case "fromList": {
      listWeights = new Float64Array(c.list.length).fill(NaN);
      listDelays = new Float64Array(c.list.length).fill(NaN);
      c.list.forEach((entry, k) => {
        const [i, j, w, d] = entry as [number, number, number?, number?];
        if (i >= nPre || j >= nPost) {
          problems.push(msg.badListEntry(`${place}.connector[${k}]`, entry, `points outside the groups (${nPre} pre, ${nPost} post neurons)`));
          return;
        }
        if (w !== undefined) listWeights![pairs.length] = w;
        if (d !== undefined) listDelays![pairs.length] = d;
        pairs.push(i, j);
      });
      break;
    }
    case "distanceDependent": {
      if (!prePop.structure || !postPop.structure) {
        problems.push({
          ruleId: "needs-structure", place: `${place}.connector`,
          reason: "a distance-dependent connector needs positions for both populations.",
          fix: "create the populations with { structure: line() } or { structure: grid2d({ columns }) }.",
        });
        break;
      }
      for (let i = 0; i < nPre; i++) {
        const [xi, yi] = positionOf(prePop.structure, preIdx[i]!);
        for (let j = 0; j < nPost; j++) {
          if (!c.allowSelf && isSelf(i, j)) continue;
          const [xj, yj] = positionOf(postPop.structure, postIdx[j]!);
          const x = Math.hypot(xi - xj, yi - yj) / c.scale;
          const p = c.pMax * (c.profile === "exponential" ? Math.exp(-x) : c.profile === "gaussian" ? Math.exp(-0.5 * x * x) : x <= 1 ? 1 : 0);
          if (rng.uniform() < p) pairs.push(i, j);
        }
      }
      break;
    }
  }

  const n = pairs.length;
  const localPre = pairs.pre.subarray(0, n);
  const localPost = pairs.post.subarray(0, n);
  const weight = realisePerConnection(`${place}.weight`, "weight", proj.weight, localPre, localPost, nPre, nPost,
    streamFor(net.seed, `projection:${proj.label}`, "weight"), problems, listWeights);
  const delayMs = realisePerConnection(`${place}.delay`, "delay", proj.delay, localPre, localPost, nPre, nPost,
    streamFor(net.seed, `projection:${proj.label}`, "delay"), problems, listDelays);
  const pre = new Int32Array(n);
  const post = new Int32Array(n);
  for (let k = 0; k < n; k++) { pre[k] = preIdx[localPre[k]!]!; post[k] = postIdx[localPost[k]!]!; }
  problems.push(...checkConnections(net, proj, postPop, weight, delayMs));
  return { connections: { pre, post, weight, delayMs }, problems };
}

function realisePerConnection(
  place: string, what: "weight" | "delay", value: ValueSpec, pre: Int32Array, post: Int32Array, nPre: number, nPost: number,
  rng: Rng, problems: Problem[], given?: Float64Array,
): Float64Array {
  const n = pre.length;
  const out = new Float64Array(n);
  if (typeof value === "number") out.fill(value);
  else if (isDistribution(value)) for (let k = 0; k < n; k++) out[k] = draw(value, rng);
  else if (isIndexFunction(value)) {
    for (let k = 0; k < n; k++) out[k] = value(pre[k]!, post[k]!);
    problems.push(...nonFiniteProblems(place, out, what, (k) => `[pre ${pre[k]}, post ${post[k]}]`));
  } else {
    const rows = value as readonly (readonly number[] | number)[];
    const isMatrix = rows.length === nPre && rows.every((r) => Array.isArray(r) && r.length === nPost);
    if (!isMatrix) problems.push(msg.wrongSize(place, `the pre × post matrix (rows of ${nPost} values)`, rows.length, nPre));
    else for (let k = 0; k < n; k++) out[k] = (rows[pre[k]!] as readonly number[])[post[k]!]!;
  }
  if (given) for (let k = 0; k < n; k++) if (!Number.isNaN(given[k]!)) out[k] = given[k]!;
  return out;
}

/** Signs against receptor and input type, delays against dt, weights against plasticity bounds: first offender of each kind. */
function checkConnections(net: NetworkSpec, proj: ProjectionSpec, postPop: PopulationSpec, weight: Float64Array, delayMs: Float64Array): Problem[] {
  const problems: Problem[] = [];
  const cell = postPop.cell as CellType;
  const input = cell.kind === "cell" ? cell.parts.input.name : "current";
  const wantNegative = input === "current" && proj.receptor === "inhibitory";
  // Rate projections carry signed weights (learning rules such as Oja's change their sign).
  const signed = postPop.cell.kind === "rate";
  // A single number is checked even when no connection was drawn (an empty or failed connector).
  if (weight.length === 0 && typeof proj.weight === "number") weight = Float64Array.of(proj.weight);
  if (delayMs.length === 0 && typeof proj.delay === "number") delayMs = Float64Array.of(proj.delay);
  for (let k = 0; k < weight.length; k++) {
    const w = weight[k]!;
    if (!Number.isFinite(w) || (!signed && (wantNegative ? w > 0 : w < 0))) {
      problems.push(msg.badWeightSign(`${proj.label}.weight`, w, proj.receptor, input));
      break;
    }
  }
  const minDelay = net.dtMs * (1 - 1e-9);
  for (let k = 0; k < delayMs.length; k++) {
    if (!(delayMs[k]! >= minDelay) || !Number.isFinite(delayMs[k]!)) {
      problems.push(msg.badDelay(`${proj.label}.delay`, delayMs[k]!, net.dtMs));
      break;
    }
  }
  const plastic = proj.plasticity;
  if (plastic?.kind === "stdp") {
    for (let k = 0; k < weight.length; k++) {
      if (weight[k]! < plastic.weight.wMin || weight[k]! > plastic.weight.wMax) {
        problems.push(msg.weightOutsideBounds(`${proj.label}.weight`, weight[k]!, plastic.weight.wMin, plastic.weight.wMax));
        break;
      }
    }
  }
  return problems;
}

/**
 * Per-neuron values of the cell parameters given as lists or distributions (drawn from the
 * population's stream `param/<name>`), each checked against its range, and the reset-below-threshold
 * rule checked neuron by neuron. Empty for cells whose parameters are all shared.
 */
export function cellParameters(net: NetworkSpec, pop: PopulationSpec): { values: Record<string, Float64Array>; problems: Problem[] } {
  const values: Record<string, Float64Array> = {};
  const problems: Problem[] = [];
  if (pop.cell.kind !== "cell") return { values, problems };
  for (const part of Object.values(pop.cell.parts)) {
    for (const [name, value] of Object.entries(part.perNeuron ?? {})) {
      const place = `${pop.label}.cell.${part.kind}.${name}`;
      if (Array.isArray(value) && value.length !== pop.size) {
        problems.push(msg.wrongSize(place, `the list of ${name} values`, value.length, pop.size));
        continue;
      }
      const drawn = realisePerNeuron(value, pop.size, streamFor(net.seed, `population:${pop.label}`, `param/${name}`));
      const spec = (componentDef(part.kind, part.name)?.params as Record<string, ParamSpec> | undefined)?.[name];
      const bad = spec ? drawn.findIndex((x) => !inRange(x, spec)) : -1;
      if (spec && bad >= 0) problems.push(msg.outOfRange(`${place}[${bad}]`, name, drawn[bad]!, spec));
      values[name] = drawn;
    }
  }
  const shared = pop.cell.params;
  const at = (name: string, i: number) => values[name]?.[i] ?? shared[name];
  // AdEx's vThresh is the exponential's V_T; its spikes are detected at vSpike.
  const threshold = "vSpike" in shared || values.vSpike ? "vSpike" : "vThresh";
  if ((values.vReset || values[threshold]) && at("vReset", 0) !== undefined) {
    for (let i = 0; i < pop.size; i++) {
      if (!(at("vReset", i)! < at(threshold, i)!)) {
        problems.push(msg.resetNotBelowThreshold(`${pop.label}.cell[${i}]`, at("vReset", i)!, at(threshold, i)!));
        break;
      }
    }
  }
  return { values, problems };
}

/** Initial values of a population's state variables: the cell's defaults, overridden by `initialize`. */
export function initialValues(net: NetworkSpec, pop: PopulationSpec): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  if (pop.cell.kind === "source") return out;
  for (const [name, value] of Object.entries(pop.cell.initial as Readonly<Record<string, number>>)) out[name] = new Float64Array(pop.size).fill(value);
  const { values: perNeuron } = cellParameters(net, pop);
  if (pop.cell.kind === "cell" && Object.keys(perNeuron).length > 0) {
    const cell = pop.cell;
    // Initial values that depend on a per-neuron parameter (v = vRest) are computed neuron by neuron.
    const flat: Record<string, number> = { ...cell.initial, ...cell.params };
    for (let i = 0; i < pop.size; i++) {
      for (const [name, values] of Object.entries(perNeuron)) flat[name] = values[i]!;
      for (const part of Object.values(cell.parts)) {
        const init = componentDef(part.kind, part.name)?.initial?.(flat) ?? {};
        for (const [name, value] of Object.entries(init)) out[name]![i] = value;
      }
    }
  }
  pop.initial.forEach((init, k) => {
    const target = out[init.variable] ?? (out[init.variable] = new Float64Array(pop.size));
    const idx = init.indices ?? null;
    const n = idx ? idx.length : pop.size;
    const values = realisePerNeuron(init.value, n, streamFor(net.seed, `population:${pop.label}`, `initial/${k}/${init.variable}`));
    for (let m = 0; m < n; m++) target[idx ? idx[m]! : m] = values[m]!;
  });
  return out;
}
