/**
 * The reference backend's engine for rate populations (cells.rateUnit, cells.rateSource) and
 * the rate-based rules (plasticity.hebbian, plasticity.oja, plasticity.bcm).
 *
 * One step takes the state from t = s·dt to (s+1)·dt:
 *   1. every unit sums I = Σ w·r_pre(s + 1 − d) over its incoming connections (d ≥ 1 step, so
 *      every rate it reads is already known), and moves exactly towards F = f(gain·I + bias) with
 *      the input held over the step: r ← F + (r − F)·e^(−dt/τ) (r ← F when τ = 0);
 *   2. sources take the pattern presented at (s+1)·dt;
 *   3. plastic projections update with x = the presynaptic rate that was summed in 1 and
 *      y = the postsynaptic rate after it: Δw = dt·dw/dt.
 * Rates are recorded at t = s·dt before the step, as the spiking engine records its traces.
 */
import { CajalError } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import type { AdvanceOptions, Session } from "../../model/backend.js";
import type { RateSource, RateUnit } from "../../model/cells/rate.js";
import { initialValues, streamFor, type Connections } from "../../model/expand.js";
import type { Plasticity } from "../../model/plasticity.js";
import type { NetworkSpec, PopulationSpec } from "../../model/spec.js";
import type { PopulationRecording, ProjectionRecording, Recordings } from "../../results/recordings.js";
import { createRun, type Run } from "../../results/run.js";
import { GrowableFloat64 } from "../growable.js";
import { runInChunks } from "../step-loop.js";
import * as rateMsg from "./messages.js";

interface RatePopulation {
  readonly spec: PopulationSpec;
  readonly size: number;
  readonly unit?: RateUnit;
  readonly source?: RateSource;
  /** Rates of the last `historyLength` steps: step s lives at `(s % historyLength) · size`. */
  readonly history: Float64Array;
  readonly input: Float64Array;
  /** e^(−dt/τ) of the units (0 when τ = 0). */
  readonly decay: number;
  /** The random stream of a source that draws its patterns. */
  readonly rng?: Rng;
  /** The pattern a source presents (index), and from which step on. */
  pattern: number;
  readonly recorded: Int32Array;
  readonly trace: GrowableFloat64;
  traceSteps: number;
}

interface RateProjection {
  readonly label: string;
  readonly pre: RatePopulation;
  readonly post: RatePopulation;
  readonly preIndex: Int32Array;
  readonly postIndex: Int32Array;
  readonly weight: Float64Array;
  readonly delaySteps: Int32Array;
  readonly delayMs: Float64Array;
  readonly rule?: Plasticity;
  /** BCM's sliding threshold per post unit. */
  readonly theta?: Float64Array;
  /** Oja's subspace rule: Σ_k y_k·w_k per pre unit. */
  readonly reconstruction?: Float64Array;
  readonly historyEverySteps: number;
  readonly recordAtEnd: boolean;
  readonly samples: { tMs: number; weight: Float64Array }[];
}

const activations = {
  linear: (u: number) => u,
  relu: (u: number) => (u > 0 ? u : 0),
  tanh: Math.tanh,
  sigmoid: (u: number) => 1 / (1 + Math.exp(-u)),
} as const;

/** Whether a network is made of rate populations (the reference backend hands it to this engine). */
export function isRateNetwork(net: NetworkSpec): boolean {
  return net.populations.some((pop) => pop.cell.kind === "rate");
}

/** A rate network in simulation: keeps its state between `advance` calls. */
export class RateSession implements Session {
  private readonly dtMs: number;
  private readonly populations: RatePopulation[] = [];
  private readonly projections: RateProjection[] = [];
  private readonly historyLength: number;
  private step = 0;

  constructor(net: NetworkSpec, connections: ReadonlyMap<string, Connections>) {
    this.dtMs = net.dtMs;
    let maxDelay = 1;
    const delayStepsOf = new Map<string, Int32Array>();
    for (const proj of net.projections) {
      const c = connections.get(proj.label)!;
      const steps = new Int32Array(c.delayMs.length);
      for (let k = 0; k < steps.length; k++) {
        steps[k] = Math.max(1, Math.round(c.delayMs[k]! / net.dtMs));
        if (steps[k]! > maxDelay) maxDelay = steps[k]!;
      }
      delayStepsOf.set(proj.label, steps);
    }
    this.historyLength = maxDelay + 1;
    const byLabel = new Map<string, RatePopulation>();
    for (const spec of net.populations) {
      const cell = spec.cell as RateUnit | RateSource;
      const recorded = Int32Array.from(net.recordings.find((r) => r.population === spec.label && r.variable === "rate")?.indices ?? []);
      const pop: RatePopulation = {
        spec, size: spec.size,
        ...(cell.name === "rateUnit" ? { unit: cell } : { source: cell }),
        history: new Float64Array(this.historyLength * spec.size),
        input: new Float64Array(spec.size),
        decay: cell.name === "rateUnit" && cell.params.tauMs > 0 ? Math.exp(-net.dtMs / cell.params.tauMs) : 0,
        ...(cell.name === "rateSource" && cell.order === "random" ? { rng: streamFor(net.seed, `population:${spec.label}`, "patterns") } : {}),
        pattern: -1,
        recorded, trace: new GrowableFloat64(), traceSteps: 0,
      };
      if (pop.unit) pop.history.set(initialValues(net, spec).rate!.subarray(0, spec.size));
      else this.present(pop, 0, pop.history.subarray(0, spec.size));
      this.populations.push(pop);
      byLabel.set(spec.label, pop);
    }
    for (const proj of net.projections) {
      const c = connections.get(proj.label)!;
      const post = byLabel.get(proj.post.population)!;
      const rule = proj.plasticity;
      const every = proj.recordWeightsEveryMs;
      this.projections.push({
        label: proj.label, pre: byLabel.get(proj.pre.population)!, post,
        preIndex: c.pre, postIndex: c.post, weight: c.weight.slice(), delaySteps: delayStepsOf.get(proj.label)!, delayMs: c.delayMs,
        ...(rule ? { rule } : {}),
        ...(rule?.kind === "bcm" ? { theta: new Float64Array(post.size) } : {}),
        ...(rule?.kind === "oja" && rule.subspace ? { reconstruction: new Float64Array(byLabel.get(proj.pre.population)!.size) } : {}),
        historyEverySteps: every !== undefined && Number.isFinite(every) ? Math.max(1, Math.round(every / net.dtMs)) : 0,
        recordAtEnd: every === Infinity,
        samples: [],
      });
    }
  }

  get timeMs(): number {
    return this.step * this.dtMs;
  }

  async advance(durationMs: number, options: AdvanceOptions = {}): Promise<Run> {
    const steps = Math.round(durationMs / this.dtMs);
    await runInChunks(steps, this.dtMs, durationMs, options, () => this.timeMs, (count) => {
      for (let k = 0; k < count; k++) this.stepOnce(this.step++);
    });
    for (const proj of this.projections) if (proj.recordAtEnd) proj.samples.push({ tMs: this.timeMs, weight: proj.weight.slice() });
    return createRun(this.recordings());
  }

  /** Writes the pattern a source presents at step `s` into `out`. */
  private present(pop: RatePopulation, s: number, out: Float64Array): void {
    const source = pop.source!;
    const presentation = Math.floor((s * this.dtMs) / source.presentMs + 1e-9);
    if (presentation !== pop.pattern) {
      pop.pattern = presentation;
      const n = source.patterns.length;
      const index = pop.rng ? Math.min(n - 1, Math.floor(pop.rng.uniform() * n)) : presentation % n;
      const pattern = source.patterns[index]!;
      for (let i = 0; i < pop.size; i++) out[i] = pattern[i]!;
    } else {
      // Same presentation as the previous step: copy it forward.
      const from = ((s - 1) % this.historyLength) * pop.size;
      out.set(pop.history.subarray(from, from + pop.size));
    }
  }

  private stepOnce(s: number): void {
    const dt = this.dtMs;
    const H = this.historyLength;
    // Record the rates at t = s·dt.
    for (const pop of this.populations) {
      if (pop.recorded.length === 0) continue;
      const at = (s % H) * pop.size;
      for (let m = 0; m < pop.recorded.length; m++) pop.trace.push(pop.history[at + pop.recorded[m]!]!);
      pop.traceSteps++;
    }
    // 1. Inputs from delayed presynaptic rates.
    for (const pop of this.populations) pop.input.fill(0);
    for (const proj of this.projections) {
      const { preIndex, postIndex, weight, delaySteps } = proj;
      const preHistory = proj.pre.history;
      const preSize = proj.pre.size;
      const input = proj.post.input;
      for (let k = 0; k < weight.length; k++) {
        const slot = ((s + 1 - delaySteps[k]!) % H + H) % H;
        input[postIndex[k]!]! += weight[k]! * preHistory[slot * preSize + preIndex[k]!]!;
      }
    }
    const next = ((s + 1) % H);
    for (const pop of this.populations) {
      const now = pop.history.subarray((s % H) * pop.size, (s % H + 1) * pop.size);
      const out = pop.history.subarray(next * pop.size, (next + 1) * pop.size);
      if (pop.unit) {
        const { gain, bias } = pop.unit.params;
        const f = activations[pop.unit.activation];
        const decay = pop.decay;
        for (let i = 0; i < pop.size; i++) {
          const target = f(gain * pop.input[i]! + bias);
          const r = target + (now[i]! - target) * decay;
          if (!Number.isFinite(r)) throw new CajalError(rateMsg.rateBlewUp(`${pop.spec.label}[${i}]`, r, (s + 1) * dt));
          out[i] = r;
        }
      } else {
        // 2. Sources: the pattern presented at (s+1)·dt.
        this.present(pop, s + 1, out);
      }
    }
    // 3. Plasticity.
    for (const proj of this.projections) if (proj.rule) this.learn(proj, s, next);
  }

  private learn(proj: RateProjection, s: number, next: number): void {
    const rule = proj.rule!;
    const dt = this.dtMs;
    const H = this.historyLength;
    const { preIndex, postIndex, weight, delaySteps } = proj;
    const preHistory = proj.pre.history;
    const preSize = proj.pre.size;
    const y = proj.post.history.subarray(next * proj.post.size, (next + 1) * proj.post.size);
    const xOf = (k: number) => preHistory[((((s + 1 - delaySteps[k]!) % H) + H) % H) * preSize + preIndex[k]!]!;
    switch (rule.kind) {
      case "hebbian": {
        const eta = rule.rate * dt;
        const shrink = rule.decay * dt;
        for (let k = 0; k < weight.length; k++) weight[k] = weight[k]! + eta * xOf(k) * y[postIndex[k]!]! - shrink * weight[k]!;
        break;
      }
      case "oja": {
        const eta = rule.rate * dt;
        if (proj.reconstruction) {
          // Σ_j y_j·w_ji per pre unit i, from the weights before this step's update.
          const recon = proj.reconstruction;
          recon.fill(0);
          for (let k = 0; k < weight.length; k++) recon[preIndex[k]!]! += y[postIndex[k]!]! * weight[k]!;
          for (let k = 0; k < weight.length; k++) weight[k] = weight[k]! + eta * y[postIndex[k]!]! * (xOf(k) - recon[preIndex[k]!]!);
        } else {
          for (let k = 0; k < weight.length; k++) {
            const yk = y[postIndex[k]!]!;
            weight[k] = weight[k]! + eta * yk * (xOf(k) - yk * weight[k]!);
          }
        }
        break;
      }
      case "bcm": {
        const eta = rule.rate * dt;
        const theta = proj.theta!;
        for (let k = 0; k < weight.length; k++) {
          const yk = y[postIndex[k]!]!;
          weight[k] = weight[k]! + eta * xOf(k) * yk * (yk - theta[postIndex[k]!]!);
        }
        const relax = Math.exp(-dt / rule.tauTheta);
        for (let j = 0; j < theta.length; j++) theta[j] = y[j]! * y[j]! + (theta[j]! - y[j]! * y[j]!) * relax;
        break;
      }
      case "stdp":
        throw new Error(`${proj.label}: STDP between rate populations reached the engine`); // refused by the DSL; a Cajal bug
    }
    for (let k = 0; k < weight.length; k++) {
      if (!Number.isFinite(weight[k]!)) throw new CajalError(rateMsg.weightBlewUp(`${proj.label}[pre ${preIndex[k]}, post ${postIndex[k]}]`, weight[k]!, (s + 1) * dt, rule.kind));
    }
    if (proj.historyEverySteps > 0 && (s + 1) % proj.historyEverySteps === 0) proj.samples.push({ tMs: (s + 1) * dt, weight: weight.slice() });
  }

  private recordings(): Recordings {
    const populations: Record<string, PopulationRecording> = {};
    for (const pop of this.populations) {
      populations[pop.spec.label] = {
        size: pop.size,
        traces: pop.recorded.length ? { rate: { neurons: pop.recorded, values: pop.trace.snapshot(), steps: pop.traceSteps } } : {},
      };
    }
    const projections: Record<string, ProjectionRecording> = {};
    for (const proj of this.projections) {
      projections[proj.label] = {
        preSize: proj.pre.size, postSize: proj.post.size,
        pre: proj.preIndex, post: proj.postIndex, weight: proj.weight.slice(), delayMs: proj.delayMs,
        history: [...proj.samples],
      };
    }
    return { backend: "reference", dtMs: this.dtMs, timeMs: this.timeMs, populations, projections, provenance: [] };
  }
}
