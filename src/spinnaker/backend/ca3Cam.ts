/**
 * The CA3 content-addressable memory of paper 01 (Casanueva-Morato et al., arXiv:2310.05868) in the
 * DSL, with the inputs of its three experiments and the operation-by-operation expectations the
 * notebook and the tests check. Parameters are the authors' `config/network_config.json`
 * (spinnaker.md §7.2); population labels follow the emulator's CA3 fixture.
 */
import * as cells from "../../model/cells/index.js";
import * as connect from "../../model/connectors.js";
import type { Network } from "../../model/network.js";
import * as plasticity from "../../model/plasticity.js";

/** Population labels in creation order (the placer keeps it). */
export const CA3_POPULATIONS = ["IL", "cueCue", "cueCont", "contCue", "contCont", "contCond", "contCondInt", "mergeCue", "mergeCont", "OL"] as const;

/** Labels of the two plastic projections. */
export const CA3_PLASTIC = { cueToCont: "cueCue→contCue (STDP)", contToCue: "contCont→cueCont (STDP)" } as const;

/** Input channels: per cue neuron and per content neuron, spike times (ms). */
export interface Ca3Input {
  readonly cue: readonly (readonly number[])[];
  readonly content: readonly (readonly number[])[];
}

/** One operation of an experiment. */
export type Ca3Operation =
  | { readonly kind: "learn"; readonly tMs: number; readonly cue: number; readonly content: readonly number[] }
  | { readonly kind: "recallCue"; readonly tMs: number; readonly cue: number }
  | { readonly kind: "recallContent"; readonly tMs: number; readonly content: readonly number[] };

/** An experiment: sizes, operations (in time order), duration. */
export interface Ca3Experiment {
  readonly name: string;
  readonly cueSize: number;
  readonly contSize: number;
  readonly durationMs: number;
  readonly operations: readonly Ca3Operation[];
}

/**
 * Adds the memory (8 LIF populations), its input spike-source array `IL` (cue channels first) and
 * its output layer `OL` to `net`, which must have dt = 1 ms; every population records spikes, and
 * with `recordWeightsEveryMs` the plastic weights are sampled. Returns the plastic projections' labels.
 */
export function buildCa3Cam(
  net: Network, cueSize: number, contSize: number, input: Ca3Input, options: { readonly recordWeightsEveryMs?: number } = {},
): typeof CA3_PLASTIC {
  const C = cueSize;
  const K = contSize;
  const base = { vRest: -60, vReset: -60, vThresh: -57, tauRefrac: 1, tauSynE: 0.3, tauSynI: 0.3, iOffset: 0 };
  const p1 = cells.lifCurrExp({ ...base, cm: 0.27, tauM: 3 });
  const p2 = cells.lifCurrExp({ ...base, cm: 0.14, tauM: 0.5 });
  const il = net.population("IL", C + K, cells.spikeSourceArray({ spikeTimes: [...input.cue, ...input.content].map((t) => [...t]) }));
  const cueCue = net.population("cueCue", C, p1);
  const cueCont = net.population("cueCont", C, p2);
  const contCue = net.population("contCue", K, p1);
  const contCont = net.population("contCont", K, p1);
  const contCond = net.population("contCond", K, p2);
  const condInt = net.population("contCondInt", 1, p2);
  const mergeCue = net.population("mergeCue", C, p1);
  const mergeCont = net.population("mergeCont", K, p1);
  const ol = net.population("OL", C + K, cells.lifCurrExp({ ...base, cm: 0.27, tauM: 3, vThresh: -57.5 }));
  for (const pop of [il, cueCue, cueCont, contCue, contCont, contCond, condInt, mergeCue, mergeCont, ol]) pop.record("spikes");
  const one = connect.oneToOne();
  const all = connect.allToAll();
  const noSelf = connect.allToAll({ allowSelf: false });
  const inh = { receptor: "inhibitory" as const };
  const stdp = plasticity.stdp({
    timing: plasticity.spikePair({ tauPlus: 3, tauMinus: 3, aPlus: 6, aMinus: 6 }), weight: plasticity.additive({ wMin: 0, wMax: 6 }),
  });
  net.project(il.slice(0, C), cueCue, one, { weight: 6, delay: 1 }, { label: "IL→cueCue" });
  net.project(il.slice(C, C + K), contCue, one, { weight: 6, delay: 1 }, { label: "IL→contCue" });
  net.project(cueCue, cueCont, one, { weight: 6, delay: 2 });
  // "All-to-all without self-connections" between two populations: the authors drop the i = j pairs (the paper's
  // 2C(C − 1) lateral synapses), which a DSL all-to-all keeps across populations, so the pairs are listed.
  const crossNoSelf = Array.from({ length: C * C }, (_, k) => [Math.floor(k / C), k % C]).filter(([i, j]) => i !== j);
  net.project(cueCue, cueCont, connect.fromList(crossNoSelf), { weight: -6 * K, delay: 3 }, { ...inh, label: "cueCue→cueCont (inh)" });
  for (let i = 0; i < K; i++) net.project(cueCue, contCond.view([i]), all, { weight: -6, delay: 2 }, { ...inh, label: `cueCue→contCond[${i}]` });
  net.project(contCue, contCond, one, { weight: 9, delay: 1 });
  net.project(contCue, condInt, all, { weight: 6, delay: 1 });
  net.project(condInt, contCond, all, { weight: 2, delay: 1 });
  net.project(contCond, contCont, one, { weight: 6, delay: 1 });
  const learned = [
    net.project(cueCue, contCue, all, { weight: 0, delay: 1, plasticity: stdp }, { label: CA3_PLASTIC.cueToCont }),
    net.project(contCont, cueCont, all, { weight: 0, delay: 1, plasticity: stdp }, { label: CA3_PLASTIC.contToCue }),
  ];
  if (options.recordWeightsEveryMs !== undefined) for (const p of learned) p.record("weight", { everyMs: options.recordWeightsEveryMs });
  net.project(cueCont, cueCont, noSelf, { weight: -6 * K, delay: 2 }, { ...inh, label: "cueCont→cueCont (inh)" });
  net.project(cueCue, mergeCue, one, { weight: 6, delay: 3 });
  net.project(cueCont, mergeCue, one, { weight: 6, delay: 1 });
  net.project(contCue, mergeCont, one, { weight: 6, delay: 3 });
  net.project(contCont, mergeCont, one, { weight: 6, delay: 1 });
  net.project(mergeCue, ol.slice(0, C), one, { weight: 6, delay: 1 }, { label: "mergeCue→OL" });
  net.project(mergeCont, ol.slice(C, C + K), one, { weight: 6, delay: 1 }, { label: "mergeCont→OL" });
  return CA3_PLASTIC;
}

/** The input spike trains of a list of operations: a learning input is held 3 ms, a recall input 1 ms. */
export function ca3Input(exp: Ca3Experiment): Ca3Input {
  const cue: number[][] = Array.from({ length: exp.cueSize }, () => []);
  const content: number[][] = Array.from({ length: exp.contSize }, () => []);
  for (const op of exp.operations) {
    const ticks = op.kind === "learn" ? [op.tMs, op.tMs + 1, op.tMs + 2] : [op.tMs];
    if (op.kind !== "recallContent") cue[op.cue]!.push(...ticks);
    if (op.kind !== "recallCue") for (const b of op.content) content[b]!.push(...ticks);
  }
  return { cue, content };
}

/** Experiment 1 (functional test, 90 ms, C = 5, K = 10): the test driver's nine operations. */
export function ca3Experiment1(): Ca3Experiment {
  return {
    name: "functional test", cueSize: 5, contSize: 10, durationMs: 90,
    operations: [
      { kind: "learn", tMs: 0, cue: 0, content: [0, 1, 8, 9] },
      { kind: "learn", tMs: 10, cue: 4, content: [1, 5, 6] },
      { kind: "learn", tMs: 20, cue: 3, content: [4, 5, 6] },
      { kind: "recallCue", tMs: 30, cue: 0 },
      { kind: "recallContent", tMs: 40, content: [6] },
      { kind: "recallContent", tMs: 50, content: [0, 4] },
      { kind: "learn", tMs: 60, cue: 3, content: [1, 3, 4, 8] },
      { kind: "recallCue", tMs: 70, cue: 3 },
      { kind: "recallContent", tMs: 80, content: [6] },
    ],
  };
}

/** The bits (channel 0 = least significant) of `value` over `width` channels. */
function bitsOf(value: number, width: number): number[] {
  return Array.from({ length: width }, (_, b) => b).filter((b) => (value >> b) & 1);
}

/**
 * Experiment 2 (stress test, 851 ms, C = 5, K = 10), as the repository's
 * `tb_piramidal_sequence_content_addresable` generator builds it: three rounds of 5 learnings,
 * 5 recalls by cue and 10 recalls by single content bit, 14 ms apart, from t = 1; round 1 stores
 * i + 1 in binary for cue i, later rounds the complement of the previous content.
 */
export function ca3Experiment2(): Ca3Experiment {
  const C = 5;
  const K = 10;
  const operations: Ca3Operation[] = [];
  let contents = Array.from({ length: C }, (_, i) => i + 1);
  for (let round = 0; round < 3; round++) {
    const start = 1 + 280 * round;
    if (round > 0) contents = contents.map((v) => ~v & (2 ** K - 1));
    for (let i = 0; i < C; i++) operations.push({ kind: "learn", tMs: start + 14 * i, cue: i, content: bitsOf(contents[i]!, K) });
    for (let i = 0; i < C; i++) operations.push({ kind: "recallCue", tMs: start + 70 + 14 * i, cue: i });
    for (let b = 0; b < K; b++) operations.push({ kind: "recallContent", tMs: start + 140 + 14 * b, content: [b] });
  }
  return { name: "stress test", cueSize: C, contSize: K, durationMs: 851, operations };
}

/** The state map of experiment 3, row-major (0 unknown, 1 initial, 2 goal, 3 free, 4 path, 5 obstacle). */
export const CA3_STATE_MAP: readonly number[] = [0, 5, 1, 3, 0, 3, 4, 5, 0, 5, 4, 3, 2, 4, 4, 3];

/** Experiment 3 (state-map application, 140 ms, C = 16, K = 6): cell c learned at 7c, then four queries. */
export function ca3Experiment3(): Ca3Experiment {
  const operations: Ca3Operation[] = CA3_STATE_MAP.map((state, c) => ({ kind: "learn" as const, tMs: 7 * c, cue: c, content: [state] }));
  operations.push(
    { kind: "recallContent", tMs: 112, content: [1, 2, 4] }, { kind: "recallContent", tMs: 118, content: [3] },
    { kind: "recallContent", tMs: 124, content: [5] }, { kind: "recallContent", tMs: 130, content: [0] },
  );
  return { name: "state-map application", cueSize: 16, contSize: 6, durationMs: 140, operations };
}

/** What one operation should put on the output layer: tick → cue neurons and content neurons. */
export interface ExpectedOutput {
  readonly op: Ca3Operation;
  /** For recalls: the answer (content bits for a cue, cues for content); for learning: the stored content. */
  readonly answer: readonly number[];
  readonly out: ReadonlyMap<number, { readonly cue: readonly number[]; readonly content: readonly number[] }>;
}

/**
 * The output each operation should produce, from the memories stored so far (sPyMem's timing):
 * learning echoes cue and new content at +5 and +7 ms and a replaced content's lost bits at +6;
 * a recall by cue gives the cue at +5 and its content at +6; a recall by content gives the
 * fragment at +5 and every cue whose content shares a bit with it at +6.
 */
export function expectedOutputs(exp: Ca3Experiment): ExpectedOutput[] {
  const stored = new Map<number, number[]>();
  const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);
  return exp.operations.map((op) => {
    const out = new Map<number, { cue: number[]; content: number[] }>();
    const at = (t: number, cue: number[], content: number[]) => {
      if (cue.length || content.length) out.set(t, { cue: sorted(cue), content: sorted(content) });
    };
    if (op.kind === "learn") {
      const old = stored.get(op.cue) ?? [];
      at(op.tMs + 5, [op.cue], [...op.content]);
      at(op.tMs + 6, [], old.filter((b) => !op.content.includes(b)));
      at(op.tMs + 7, [op.cue], [...op.content]);
      stored.set(op.cue, [...op.content]);
      return { op, answer: sorted(op.content), out };
    }
    if (op.kind === "recallCue") {
      const content = stored.get(op.cue) ?? [];
      at(op.tMs + 5, [op.cue], []);
      at(op.tMs + 6, [], content);
      return { op, answer: sorted(content), out };
    }
    const cues = [...stored].filter(([, c]) => c.some((b) => op.content.includes(b))).map(([cue]) => cue);
    at(op.tMs + 5, [], [...op.content]);
    at(op.tMs + 6, cues, []);
    return { op, answer: sorted(cues), out };
  });
}

/** OUT spikes as tick → { cue, content } (indices within each half of the output layer). */
export function outputByTick(times: ArrayLike<number>, neurons: ArrayLike<number>, cueSize: number): Map<number, { cue: number[]; content: number[] }> {
  const out = new Map<number, { cue: number[]; content: number[] }>();
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    const n = neurons[k]!;
    const row = out.get(t) ?? { cue: [], content: [] };
    if (n < cueSize) row.cue.push(n);
    else row.content.push(n - cueSize);
    out.set(t, row);
  }
  for (const row of out.values()) {
    row.cue.sort((a, b) => a - b);
    row.content.sort((a, b) => a - b);
  }
  return out;
}

/** One operation's verdict: the expected and emulated output at its answer ticks t + 5 … t + 7. */
export interface OperationCheck {
  readonly index: number;
  readonly op: Ca3Operation;
  readonly answer: readonly number[];
  /** "t: cue [..] content [..]" lines, expected and emulated, at the operation's answer ticks. */
  readonly expected: readonly string[];
  readonly got: readonly string[];
  readonly correct: boolean;
}

/** Every operation's verdict, and the output ticks no operation explains (spurious or misplaced spikes). */
export interface OperationChecks {
  readonly operations: readonly OperationCheck[];
  readonly stray: readonly string[];
}

/**
 * Compares the output layer tick by tick with `expectedOutputs`. Every operation answers at
 * t + 5 … t + 7, so each is judged on those ticks (where other operations' answers could land, the
 * union of all expectations is what the layer should show); any other tick with output spikes is
 * listed in `stray`.
 */
export function checkOperations(exp: Ca3Experiment, outTimes: ArrayLike<number>, outNeurons: ArrayLike<number>): OperationChecks {
  const got = outputByTick(outTimes, outNeurons, exp.cueSize);
  const expected = new Map<number, { cue: readonly number[]; content: readonly number[] }>();
  const outs = expectedOutputs(exp);
  const merge = (a: readonly number[], b: readonly number[]) => [...new Set([...a, ...b])].sort((x, y) => x - y);
  for (const e of outs) {
    for (const [t, row] of e.out) {
      const prev = expected.get(t);
      expected.set(t, prev ? { cue: merge(prev.cue, row.cue), content: merge(prev.content, row.content) } : row);
    }
  }
  const line = (t: number, r: { cue: readonly number[]; content: readonly number[] } | undefined) =>
    r ? `${t}: cue [${r.cue.join(",")}] content [${r.content.join(",")}]` : undefined;
  const judged = new Set<number>();
  const operations = outs.map((e, index): OperationCheck => {
    const want: string[] = [];
    const have: string[] = [];
    for (let t = e.op.tMs + 5; t <= e.op.tMs + 7; t++) {
      judged.add(t);
      const w = line(t, expected.get(t));
      const h = line(t, got.get(t));
      if (w) want.push(w);
      if (h) have.push(h);
    }
    return { index, op: e.op, answer: e.answer, expected: want, got: have, correct: want.join("|") === have.join("|") };
  });
  const stray = [...got.keys()].filter((t) => !judged.has(t)).sort((a, b) => a - b).map((t) => line(t, got.get(t))!);
  return { operations, stray };
}

/** Options of a random-memory experiment (the notebook's extensions, beyond the paper). */
export interface RandomExperimentOptions {
  readonly cueSize: number;
  readonly contSize: number;
  /** Probability of each content bit (a content is redrawn until it has at least one bit). */
  readonly density: number;
  /** Time from a learning operation to the next operation (ms); default 14. */
  readonly learnSpacingMs?: number;
  /** Time from a recall to the next operation (ms); default 14. */
  readonly recallSpacingMs?: number;
}

/**
 * Random memories: every cue learned, all recalled by cue and by every single content bit, half
 * of the cues relearned with new contents, and everything recalled again. `uniform` draws from
 * [0, 1) (a seeded stream).
 */
export function ca3RandomExperiment(o: RandomExperimentOptions, uniform: () => number): Ca3Experiment {
  const C = o.cueSize;
  const K = o.contSize;
  const learnGap = o.learnSpacingMs ?? 14;
  const recallGap = o.recallSpacingMs ?? 14;
  const draw = (): number[] => {
    for (;;) {
      const bits = Array.from({ length: K }, (_, b) => b).filter(() => uniform() < o.density);
      if (bits.length > 0) return bits;
    }
  };
  const operations: Ca3Operation[] = [];
  let t = 1;
  const learn = (cue: number) => { operations.push({ kind: "learn", tMs: t, cue, content: draw() }); t += learnGap; };
  const recallAll = () => {
    for (let c = 0; c < C; c++) { operations.push({ kind: "recallCue", tMs: t, cue: c }); t += recallGap; }
    for (let b = 0; b < K; b++) { operations.push({ kind: "recallContent", tMs: t, content: [b] }); t += recallGap; }
  };
  for (let c = 0; c < C; c++) learn(c);
  recallAll();
  const cues = Array.from({ length: C }, (_, c) => c);
  for (let k = C - 1; k > 0; k--) {
    const j = Math.floor(uniform() * (k + 1));
    [cues[k], cues[j]] = [cues[j]!, cues[k]!];
  }
  for (const c of cues.slice(0, Math.floor(C / 2)).sort((a, b) => a - b)) learn(c);
  recallAll();
  return { name: `random ${C}×${K}, density ${o.density}`, cueSize: C, contSize: K, durationMs: t + 13, operations };
}

/** Neurons and synapses of the memory alone and with its input/output (paper's resource count, derived from the code). */
export function ca3ResourceFormula(C: number, K: number): { neurons: number; synapses: number; neuronsWithIO: number; synapsesWithIO: number } {
  const neurons = 3 * C + 4 * K + 1;
  const synapses = 3 * C + 2 * C * (C - 1) + 3 * C * K + 6 * K;
  return { neurons, synapses, neuronsWithIO: neurons + 2 * (C + K), synapsesWithIO: synapses + 2 * (C + K) };
}
