/**
 * A Network compiled to a tfjs computation unrolled in time. One step follows the reference
 * backend's order and time convention (src/sim/engine.ts): spikes emitted in step k join the target's
 * synaptic state at the start of step k + D (D = delay in steps ≥ 1); samples of v, g and θ are
 * taken after this step's arrivals and before the update; the cell is then advanced with the exact
 * one-step update of src/sim/kernels/lif.ts, compared with its threshold (v ≥ θ), reset to vReset
 * and held there for tauRefrac; last, the synapses decay.
 *
 * In the backward pass the spike's Heaviside step is replaced by a surrogate derivative (the
 * threshold component's surrogate, `SurrogateOptions` of the learning core) evaluated on
 * u = (v − θ)/(vThresh − vReset): the distance to threshold in units of the reset gap, so one slope suits
 * cells in mV or in normalised units. Resets, refractory holds and threshold jumps use the spikes
 * with their gradient stopped unless `resetGradient` (BrainPy's `detach_spk`, snnTorch's default).
 */
import { CajalError } from "../core/errors.js";
import { stopGradient } from "../learn/grad.js";
import { surrogateDerivative, type SurrogateOptions } from "../learn/layers/spiking.js";
import type { Tensors } from "../learn/params.js";
import { tf } from "../learn/tf.js";
import { currentAt } from "../model/currents.js";
import type { NetworkSpec } from "../model/spec.js";
import {
  compileNetwork, injectedCurrents, sourceRaster, TRAINABLE_CELL_PARAMETERS,
  type CellConstants, type CompiledNetwork, type TrainableBlock, type TrainableCellParameter, type WeightGroup,
} from "./compile.js";
import { createFusedStep } from "./fused-step.js";
import * as msg from "./messages.js";

/** How trained weights keep their sign: "reparam" (W = |M|·sign, Dale's law by construction), "clamp" (`constrain()` after each update), "free". */
export type SignMode = "reparam" | "clamp" | "free";

/** Options of `compile`. */
export interface DiffModelOptions {
  /** What becomes a trainable parameter: projection weights by label, cell parameters by population. */
  readonly trainable?: {
    readonly projections?: readonly string[];
    readonly cells?: Readonly<Record<string, readonly TrainableCellParameter[]>>;
  };
  /** Sign constraint of trained weights (default "reparam"). */
  readonly signs?: SignMode;
  /** Surrogate derivative of the threshold, on u = (v − θ)/(θ − vReset) (default fastSigmoid, slope 10). */
  readonly surrogate?: SurrogateOptions;
  /**
   * Dampening γ multiplying the surrogate derivative (default 1). γ < 1 keeps the surrogate-linearised
   * recurrent loop gain below 1, so gradients through many unrolled steps do not explode (Bellec et al.
   * 2018 use 0.3; with `{ surrogate: "triangle", slope: 1 }` and γ = 0.3 this is BrainPy's ReluGrad(α 0.3, width 1)).
   */
  readonly surrogateScale?: number;
  /** Let gradients flow through resets and threshold jumps (default false: detached). */
  readonly resetGradient?: boolean;
  /** Run current-input cells as one op per step with a hand-written backward (default true; false: op by op). */
  readonly fused?: boolean;
}

/** Options of `model.simulate`. */
export interface SimulateOptions {
  /** Timesteps to unroll. */
  readonly steps: number;
  /** Independent copies run side by side (default 1, or the inputs' batch). */
  readonly batch?: number;
  /** Spike counts of source populations, [steps, batch, size], replacing the sources' own spikes. */
  readonly inputs?: Readonly<Record<string, tf.Tensor>>;
  /** Tensors replacing the model's parameters (same names), for gradients and unrolled updates. */
  readonly params?: Tensors;
  /** What to return (default: spikes of every population of cells). */
  readonly record?: { readonly spikes?: readonly string[]; readonly v?: readonly string[]; readonly theta?: readonly string[] };
}

/** Recorded tensors, [steps, batch, size] by population label. */
export interface Simulation {
  readonly spikes: Record<string, tf.Tensor3D>;
  /** Membrane potential at the start of each step (the reference's trace convention), mV. */
  readonly v: Record<string, tf.Tensor3D>;
  readonly theta: Record<string, tf.Tensor3D>;
}

/** State of one population between steps, [batch, size] tensors. */
interface CellTensors { v: tf.Tensor; exc: tf.Tensor; inh: tf.Tensor; ref: tf.Tensor; theta: tf.Tensor }

/** Constants of one population as float32 tensors [size]. */
interface CellTensorConstants {
  readonly c: CellConstants;
  readonly decay: tf.Tensor; readonly R: tf.Tensor; readonly pE: tf.Tensor; readonly pI: tf.Tensor;
  readonly meanE: tf.Tensor; readonly meanI: tf.Tensor; readonly decayE: tf.Tensor; readonly decayI: tf.Tensor;
  readonly gLeak: tf.Tensor; readonly hOverCm: tf.Tensor; readonly eRevE: tf.Tensor; readonly eRevI: tf.Tensor;
  readonly vReset: tf.Tensor; readonly refractorySteps: tf.Tensor; readonly dThresh: tf.Tensor; readonly decayTheta: tf.Tensor;
  readonly refractory: boolean;
}

const f32 = (x: Float64Array | Float32Array) => tf.tensor1d(Float32Array.from(x), "float32");

/** Heaviside step with v ≥ θ (the reference's comparison) forward and the surrogate backward. */
function spikeGE(u: tf.Tensor, options: SurrogateOptions, scale: number): tf.Tensor {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([x]);
    return { value: tf.cast(tf.greaterEqual(x, 0), "float32"), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, scale === 1 ? surrogateDerivative(saved[0]!, options) : tf.mul(surrogateDerivative(saved[0]!, options), scale)) };
  });
  return f(u) as tf.Tensor;
}

/** A Network as a differentiable tfjs model. Make one with `compile(net, options)`. */
export class DiffModel {
  /** Trainable variables: `w:<projection>` (a dense pre × post block) and `<population>.<parameter>`. */
  readonly params: Record<string, tf.Variable>;
  readonly compiled: CompiledNetwork;
  private readonly options: DiffModelOptions;
  private readonly constants: (CellTensorConstants | undefined)[];
  private readonly constantWeights = new Map<WeightGroup, tf.Tensor2D>();
  private readonly embeddings = new Map<TrainableBlock, { pre: tf.Tensor2D; post: tf.Tensor2D }>();
  private readonly masks = new Map<TrainableBlock, Map<number, tf.Tensor2D>>();

  constructor(net: NetworkSpec, options: DiffModelOptions = {}) {
    this.options = options;
    const signs = options.signs ?? "reparam";
    const problems = [];
    if (!["reparam", "clamp", "free"].includes(signs)) problems.push(msg.badOption("diff.compile", "signs", signs, "\"reparam\", \"clamp\" or \"free\""));
    const { compiled, problems: found } = compileNetwork(net, options.trainable?.projections ?? []);
    problems.push(...found);
    for (const [label, names] of Object.entries(options.trainable?.cells ?? {})) {
      const pop = compiled.populations.find((p) => p.label === label);
      if (!pop) problems.push(msg.badPopulation(`diff.compile.trainable.cells.${label}`, label, "does not exist"));
      else if (!pop.cells) problems.push(msg.badPopulation(`diff.compile.trainable.cells.${label}`, label, "is a spike source, which has no cell parameters"));
      for (const name of names) {
        if (!(TRAINABLE_CELL_PARAMETERS as readonly string[]).includes(name)) problems.push(msg.untrainableParameter(`diff.compile.trainable.cells.${label}`, name, TRAINABLE_CELL_PARAMETERS));
      }
    }
    if (problems.length) throw new CajalError(problems);
    this.compiled = compiled;
    const params: Record<string, tf.Variable> = {};
    for (const [label, block] of compiled.trainable) {
      const init = signs === "reparam" ? block.initial.map(Math.abs) : block.initial;
      params[`w:${label}`] = tf.variable(tf.tensor2d(Float32Array.from(init), [block.preSelection.length, block.postSelection.length]), true);
    }
    for (const [label, names] of Object.entries(options.trainable?.cells ?? {})) {
      const pop = compiled.populations.find((p) => p.label === label)!;
      for (const name of names) params[`${label}.${name}`] = tf.variable(f32(pop.cells!.base[name]), true);
    }
    this.params = params;
    this.constants = compiled.populations.map((pop) => {
      const c = pop.cells;
      if (!c) return undefined;
      // Each f32() makes exactly one tensor, so no scope is needed; dispose() frees them.
      const out: CellTensorConstants = {
          c, decay: f32(c.decay), R: f32(c.R), pE: f32(c.pE), pI: f32(c.pI), meanE: f32(c.meanE), meanI: f32(c.meanI),
          decayE: f32(c.decayE), decayI: f32(c.decayI), gLeak: f32(c.gLeak), hOverCm: f32(c.cm.map((x) => compiled.dtMs / x)),
          eRevE: f32(c.eRevE), eRevI: f32(c.eRevI), vReset: f32(c.vReset), refractorySteps: f32(c.refractorySteps),
          dThresh: f32(c.dThresh), decayTheta: f32(c.decayTheta), refractory: c.refractorySteps.some((r) => r > 0),
      };
      return out;
    });
    for (const g of compiled.groups) {
      if (g.constant) this.constantWeights.set(g, tf.tensor2d(g.constant, [compiled.populations[g.pre]!.size, compiled.populations[g.post]!.size]));
      g.constant = undefined; // the tensor holds the numbers now; a dense matrix is large
    }
    for (const block of compiled.trainable.values()) {
      const [r, c] = [block.preSelection.length, block.postSelection.length];
      this.masks.set(block, new Map([...block.masks].map(([d, m]) => [d, tf.tensor2d(m, [r, c])])));
      if (!block.whole) {
        const pre = compiled.populations.find((p) => p.label === compiled.spec.projections.find((q) => q.label === block.projection)!.pre.population)!;
        const post = compiled.populations.find((p) => p.label === compiled.spec.projections.find((q) => q.label === block.projection)!.post.population)!;
        const P = new Float32Array(pre.size * r);
        block.preSelection.forEach((g, l) => (P[g * r + l] = 1));
        const Q = new Float32Array(c * post.size);
        block.postSelection.forEach((g, l) => (Q[l * post.size + g] = 1));
        this.embeddings.set(block, { pre: tf.tensor2d(P, [pre.size, r]), post: tf.tensor2d(Q, [c, post.size]) });
      }
    }
  }

  /** The sign every trained weight of a projection keeps (+1, or −1 for inhibitory current synapses). */
  sign(projection: string): 1 | -1 {
    return this.block(projection).sign;
  }

  private block(projection: string): TrainableBlock {
    const b = this.compiled.trainable.get(projection);
    if (!b) throw new CajalError(msg.unknownTrainableProjection("diff.model", projection, [...this.compiled.trainable.keys()]));
    return b;
  }

  /** Effective weights of a trained projection (pre × post block, row-major; 0 where unconnected), as tensors. */
  effectiveWeight(projection: string, params?: Tensors): tf.Tensor2D {
    const block = this.block(projection);
    const raw = (params?.[`w:${projection}`] ?? this.params[`w:${projection}`]!) as tf.Tensor2D;
    return tf.tidy(() => {
      const signed = (this.options.signs ?? "reparam") === "reparam" ? tf.mul(tf.abs(raw), block.sign) : raw;
      const anyMask = tf.addN([...this.masks.get(block)!.values()].map((m) => m)) as tf.Tensor2D;
      return tf.mul(signed, tf.minimum(anyMask, 1)) as tf.Tensor2D;
    });
  }

  /** "clamp" mode: sets every trained weight of the wrong sign to 0 (call after each optimiser step). */
  constrain(): void {
    if ((this.options.signs ?? "reparam") !== "clamp") return;
    for (const [label, block] of this.compiled.trainable) {
      const v = this.params[`w:${label}`]!;
      tf.tidy(() => v.assign(block.sign === 1 ? tf.relu(v) : tf.neg(tf.relu(tf.neg(v)))));
    }
  }

  /** Weight matrices per group for this call: fixed ones plus trained blocks (masked, signed, embedded). */
  private weights(params?: Tensors): Map<WeightGroup, tf.Tensor> {
    const out = new Map<WeightGroup, tf.Tensor>();
    const reparam = (this.options.signs ?? "reparam") === "reparam";
    for (const g of this.compiled.groups) {
      const parts: tf.Tensor[] = [];
      const fixed = this.constantWeights.get(g);
      if (fixed) parts.push(fixed);
      for (const block of g.trained) {
        const raw = params?.[`w:${block.projection}`] ?? this.params[`w:${block.projection}`]!;
        const signed = reparam ? tf.mul(tf.abs(raw), block.sign) : raw;
        let w = tf.mul(signed, this.masks.get(block)!.get(g.delaySteps)!);
        const e = this.embeddings.get(block);
        if (e) w = tf.matMul(tf.matMul(e.pre, w), e.post);
        parts.push(w);
      }
      out.set(g, parts.length === 1 ? parts[0]! : tf.addN(parts));
    }
    return out;
  }

  private cellParam(popIndex: number, name: TrainableCellParameter, params?: Tensors): tf.Tensor {
    const label = this.compiled.populations[popIndex]!.label;
    const key = `${label}.${name}`;
    return params?.[key] ?? this.params[key] ?? f32(this.compiled.populations[popIndex]!.cells!.base[name]);
  }

  /**
   * Runs the network for `steps` timesteps as one differentiable tfjs computation (call it inside
   * `valueAndGrads` or `tf.tidy`). Spikes are 0/1 (counts for sources) with surrogate gradients.
   *
   * @example
   * const { spikes } = model.simulate({ steps: 200, batch: 32, inputs: { input: x } });
   */
  simulate(options: SimulateOptions): Simulation {
    return this.unroll(options, true, undefined);
  }

  /**
   * @internal The unrolled loop. `differentiable` false: plain comparisons, and every step is
   * tidied (only the state and the spikes still in flight stay); `sink` then receives each step.
   */
  unroll(options: SimulateOptions, differentiable: boolean, sink?: (k: number, spikes: readonly (tf.Tensor | undefined)[], samples: readonly (CellTensors | undefined)[]) => void): Simulation {
    const { steps } = options;
    const pops = this.compiled.populations;
    const net = this.compiled.spec;
    let batch = options.batch ?? 1;
    const problems = [];
    for (const [label, x] of Object.entries(options.inputs ?? {})) {
      const pop = pops.find((p) => p.label === label);
      if (!pop || pop.cells) problems.push(msg.badPopulation(`simulate.inputs.${label}`, label, pop ? "is not a spike source" : "does not exist"));
      else if (x.rank !== 3 || x.shape[0] !== steps || x.shape[2] !== pop.size) problems.push(msg.badInputShape(`simulate.inputs.${label}`, x.shape, `[${steps}, batch, ${pop.size}]`));
      else batch = options.batch ?? x.shape[1]!;
    }
    if (!(Number.isInteger(steps) && steps > 0)) problems.push(msg.badOption("simulate", "steps", steps, "a whole number ≥ 1"));
    if (problems.length) throw new CajalError(problems);
    const surrogate = this.options.surrogate ?? {};
    const detach = (s: tf.Tensor) => (differentiable && !this.options.resetGradient ? stopGradient(s) : s);
    const record = options.record ?? { spikes: pops.filter((p) => p.cells).map((p) => p.label) };
    const want = (list: readonly string[] | undefined, i: number) => list?.includes(pops[i]!.label) ?? false;

    const setup = () => {
      const W = this.weights(options.params);
      const perPop = pops.map((pop, i) => {
        if (!pop.cells) {
          const given = options.inputs?.[pop.label];
          const frames = given ? tf.unstack(given) : tf.unstack(tf.reshape(tf.tensor2d(sourceRaster(net, pop.spec, steps), [steps, pop.size]), [steps, 1, pop.size]));
          return { frames };
        }
        const inj = injectedCurrents(pop.spec, net.dtMs, steps, currentAt);
        const c = this.constants[i]!;
        const vThresh = this.cellParam(i, "vThresh", options.params);
        const vRest = this.cellParam(i, "vRest", options.params);
        const iOffset = this.cellParam(i, "iOffset", options.params);
        // Ops per step cost more than arithmetic here, so what does not change in time is folded now:
        // the current-input update becomes v·decay + (1 − decay)·v∞ + pE·I_E + pI·I_I.
        const restTerm = !c.c.conductance && !inj ? tf.mul(tf.sub(1, c.decay), tf.add(vRest, tf.mul(c.R, iOffset))) : undefined;
        // The surrogate sees u = (v − θ)/(vThresh − vReset): the distance to threshold in units of the resting reset gap.
        const gap = c.c.base.vThresh.map((x, j) => 1 / (x - c.c.vReset[j]!));
        const invGap = f32(gap);
        const fused = differentiable && (this.options.fused ?? true) && !c.c.conductance && !inj
          ? createFusedStep(c.c, Float32Array.from(gap), this.options.surrogate ?? {}, this.options.resetGradient ?? false, this.options.surrogateScale ?? 1) : undefined;
        return { vThresh, vRest, iOffset, restTerm, invGap, fused, injected: inj ? tf.unstack(tf.tensor2d(inj, [steps, pop.size])) : undefined };
      });
      const state = pops.map((pop): CellTensors | undefined => {
        if (!pop.cells) return undefined;
        const zeros = tf.zeros([batch, pop.size]);
        return {
          v: tf.tile(tf.reshape(f32(pop.initial!.v), [1, pop.size]), [batch, 1]), exc: zeros, inh: zeros, ref: zeros,
          theta: tf.tile(tf.reshape(f32(pop.initial!.theta), [1, pop.size]), [batch, 1]),
        };
      });
      return { W, perPop, state };
    };
    // Forward-only callers wrap the whole unroll in tf.tidy, which frees what setup leaves behind.
    const fixed = setup();
    const { W, perPop } = fixed;
    let state = fixed.state;
    const ring = this.compiled.maxDelaySteps + 1;
    const history: (tf.Tensor | undefined)[][] = pops.map(() => new Array<tf.Tensor | undefined>(ring).fill(undefined));
    const rec = { spikes: pops.map((): tf.Tensor[] => []), v: pops.map((): tf.Tensor[] => []), theta: pops.map((): tf.Tensor[] => []) };

    const step = (k: number) => {
      const arriving = pops.map(() => ({ exc: [] as tf.Tensor[], inh: [] as tf.Tensor[] }));
      for (const g of this.compiled.groups) {
        if (k - g.delaySteps < 0) continue;
        const s = history[g.pre]![(k - g.delaySteps) % ring];
        if (!s) continue;
        arriving[g.post]![g.receptor === "excitatory" ? "exc" : "inh"].push(tf.matMul(s, W.get(g)!));
      }
      const nextState: (CellTensors | undefined)[] = [];
      const sampled: (CellTensors | undefined)[] = [];
      const spikes: (tf.Tensor | undefined)[] = [];
      pops.forEach((pop, i) => {
        const c = this.constants[i];
        const pp = perPop[i]!;
        if (!c) {
          spikes.push((pp as { frames: tf.Tensor[] }).frames[k]!);
          nextState.push(undefined); sampled.push(undefined);
          return;
        }
        const { vThresh, vRest, iOffset, injected, restTerm, invGap, fused } = pp as {
          vThresh: tf.Tensor; vRest: tf.Tensor; iOffset: tf.Tensor; injected?: tf.Tensor[]; restTerm?: tf.Tensor; invGap: tf.Tensor;
          fused?: ReturnType<typeof createFusedStep>;
        };
        const s0 = state[i]!;
        const a = arriving[i]!;
        if (fused) {
          const full = (list: tf.Tensor[]) => {
            if (list.length === 0) return s0.ref.shape[0] === batch ? tf.zerosLike(s0.v) : tf.zeros([batch, pop.size]);
            // Source arrivals are [1, n] when no batch of inputs is given: add with broadcasting.
            const sum = list.reduce((x, y) => tf.add(x, y));
            return sum.shape[0] === batch ? sum : tf.broadcastTo(sum, [batch, pop.size]);
          };
          const o = fused(s0, full(a.exc), full(a.inh), vThresh, restTerm!);
          sampled.push({ v: s0.v, exc: o.exc, inh: o.inh, ref: s0.ref, theta: s0.theta }); // exc/inh: not the trace convention; unused in training
          nextState.push({ v: o.v, exc: o.exc, inh: o.inh, ref: o.ref, theta: o.theta });
          spikes.push(o.spikes);
          return;
        }
        const exc = a.exc.length ? tf.add(s0.exc, a.exc.reduce((x, y) => tf.add(x, y))) : s0.exc;
        const inh = a.inh.length ? tf.add(s0.inh, a.inh.reduce((x, y) => tf.add(x, y))) : s0.inh;
        sampled.push({ v: s0.v, exc, inh, ref: s0.ref, theta: s0.theta });
        const drive = injected ? tf.add(iOffset, injected[k]!) : iOffset;
        void drive;
        let vNew: tf.Tensor;
        if (c.c.conductance) {
          const gE = tf.mul(exc, c.meanE);
          const gI = tf.mul(inh, c.meanI);
          const B = tf.add(tf.add(c.gLeak, gE), gI);
          const vInf = tf.div(tf.add(tf.add(tf.add(tf.mul(c.gLeak, vRest), tf.mul(gE, c.eRevE)), tf.mul(gI, c.eRevI)), drive), B);
          vNew = tf.add(vInf, tf.mul(tf.sub(s0.v, vInf), tf.exp(tf.neg(tf.mul(B, c.hOverCm)))));
        } else if (restTerm) {
          vNew = tf.add(tf.add(tf.add(tf.mul(s0.v, c.decay), restTerm), tf.mul(c.pE, exc)), tf.mul(c.pI, inh));
        } else {
          const vInf = tf.add(vRest, tf.mul(c.R, drive));
          vNew = tf.add(tf.add(tf.add(vInf, tf.mul(tf.sub(s0.v, vInf), c.decay)), tf.mul(c.pE, exc)), tf.mul(c.pI, inh));
        }
        if (c.refractory) vNew = tf.where(tf.greater(s0.ref, 0), tf.broadcastTo(c.vReset, vNew.shape), vNew);
        const threshold = c.c.adaptive ? tf.add(vThresh, s0.theta) : vThresh;
        const s = differentiable
          ? spikeGE(tf.mul(tf.sub(vNew, threshold), invGap), surrogate, this.options.surrogateScale ?? 1)
          : tf.cast(tf.greaterEqual(vNew, threshold), "float32");
        const sD = detach(s);
        const v = tf.sub(vNew, tf.mul(sD, tf.sub(vNew, c.vReset)));
        const ref = c.refractory ? tf.where(tf.greater(s, 0), tf.broadcastTo(c.refractorySteps, s.shape), tf.relu(tf.sub(s0.ref, 1))) : s0.ref;
        const theta = c.c.adaptive ? tf.mul(tf.add(s0.theta, tf.mul(sD, c.dThresh)), c.decayTheta) : s0.theta;
        nextState.push({ v, exc: tf.mul(exc, c.decayE), inh: tf.mul(inh, c.decayI), ref, theta });
        spikes.push(s);
      });
      return { nextState, sampled, spikes };
    };

    for (let k = 0; k < steps; k++) {
      if (differentiable) {
        const { nextState, sampled, spikes } = step(k);
        pops.forEach((_, i) => {
          if (want(record.spikes, i)) rec.spikes[i]!.push(spikes[i]!);
          if (want(record.v, i)) rec.v[i]!.push(sampled[i]!.v);
          if (want(record.theta, i)) rec.theta[i]!.push(sampled[i]!.theta);
          history[i]![k % ring] = spikes[i];
        });
        state = nextState;
        continue;
      }
      const out = tf.tidy(() => {
        const r = step(k);
        sink?.(k, r.spikes, r.sampled);
        return { state: r.nextState.map((s) => (s ? [s.v, s.exc, s.inh, s.ref, s.theta] : [])), spikes: r.spikes.map((s) => (s ? [s] : [])) };
      });
      const old = state;
      state = out.state.map((s) => (s.length ? { v: s[0]!, exc: s[1]!, inh: s[2]!, ref: s[3]!, theta: s[4]! } : undefined));
      const keep = new Set<tf.Tensor>();
      for (const h of history) for (const t of h) if (t) keep.add(t);
      pops.forEach((_, i) => {
        const previous = history[i]![k % ring];
        history[i]![k % ring] = out.spikes[i]![0];
        if (previous) { keep.delete(previous); previous.dispose(); }
      });
      for (const s of old) if (s) for (const t of new Set([s.v, s.exc, s.inh, s.ref, s.theta])) t.dispose();
    }
    if (!differentiable) {
      for (const s of state) if (s) for (const t of new Set([s.v, s.exc, s.inh, s.ref, s.theta])) t.dispose();
      for (const h of history) for (const t of h) t?.dispose();
      tf.dispose([...W.values()].filter((t) => ![...this.constantWeights.values()].includes(t as tf.Tensor2D)));
      for (const pp of perPop) tf.dispose(Object.values(pp).flat().filter((t): t is tf.Tensor => t instanceof tf.Tensor && !Object.values(this.params).includes(t as tf.Variable)));
      return { spikes: {}, v: {}, theta: {} };
    }
    const stack = (lists: tf.Tensor[][]) => {
      const out: Record<string, tf.Tensor3D> = {};
      lists.forEach((l, i) => {
        if (l.length === 0) return;
        const shaped = l.map((t) => (t.shape[0] === batch ? t : tf.broadcastTo(t, [batch, t.shape[1]!])));
        out[pops[i]!.label] = tf.stack(shaped) as tf.Tensor3D;
      });
      return out;
    };
    return { spikes: stack(rec.spikes), v: stack(rec.v), theta: stack(rec.theta) };
  }

  /** Releases every tensor the model holds (parameters included). */
  dispose(): void {
    for (const c of this.constants) if (c) for (const t of Object.values(c)) if (t instanceof tf.Tensor) t.dispose();
    for (const t of this.constantWeights.values()) t.dispose();
    for (const e of this.embeddings.values()) tf.dispose([e.pre, e.post]);
    for (const m of this.masks.values()) for (const t of m.values()) t.dispose();
    for (const v of Object.values(this.params)) v.dispose();
  }
}

/**
 * Compiles a Network (or its spec) into a differentiable model: the same description the other
 * backends run, simulated and trained with tfjs.
 *
 * @example
 * const model = diff.compile(net, { trainable: { projections: ["rec→rec"] }, signs: "reparam" });
 */
export function compile(net: NetworkSpec | { spec(): NetworkSpec }, options: DiffModelOptions = {}): DiffModel {
  const spec = "spec" in net && typeof net.spec === "function" ? net.spec() : (net as NetworkSpec);
  return new DiffModel(spec, options);
}
