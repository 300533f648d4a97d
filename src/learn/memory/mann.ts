/**
 * A memory-augmented neural network (MANN, Santoro et al. 2016) whose LSTM controller can also
 * learn fast: inside each episode a synthetic-gradient module M_φ (Jaderberg et al. 2017)
 * predicts ĝ_t ≈ ∂L/∂h_t from [h_t, r_t, y_t] as soon as the target y_t arrives (as the
 * previous-target input of step t+1), and per-episode fast weights on the controller are updated
 * at once by Δθ_fast = −α_fast·(∂h_t/∂θ)ᵀ ĝ_t, through step t only (see fast-weights.ts), before
 * step t+1 runs — no waiting for the episode's end or for future losses.
 * Slow learning trains θ_slow and α_fast across episodes by back-propagation through time; M_φ is
 * regressed onto the true ∂L/∂h_t (see train.ts). This is the project's reading of Fernando et
 * al. (2020), "Fast & slow learning: incorporating synthetic gradients in neural memory
 * controllers" (arXiv:2011.05438), whose implementation details were not available.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { stopGradient } from "../grad.js";
import { shapeMismatch } from "../messages.js";
import { dense } from "../layers/dense.js";
import { lstmCell } from "../layers/recurrent.js";
import { type Tensors, type Variables, collectParams, pick, scope } from "../params.js";
import { tf } from "../tf.js";
import { type FastLstmStep, type FastWeights, addFastUpdate, fastLstmStep, lstmStepVjp } from "./fast-weights.js";
import { type MemoryState, emptyMemory, lruaStep } from "./lrua.js";
import { badMemoryOption } from "./messages.js";
import { type SyntheticGradientModule, syntheticGradientModule } from "./synthetic-gradient.js";

/**
 * The fast path: `none` (the slow-only MANN baseline), `learned` (M_φ trained on true gradients)
 * or `frozen` (M_φ kept at its random initialisation: same parameters and compute, no learned
 * feedback — the ablation).
 */
export type FastPath = "none" | "learned" | "frozen";

/** Options of `mann`. Sizes default to the notebook's spec. */
export interface MannOptions {
  /** Input features per step (196 for 14×14 images, 1 for a sinusoid's x). */
  readonly features: number;
  /** Size of the previous-target input (ways for a one-hot label, 1 for a regression target). */
  readonly targetInputs: number;
  /** Outputs per step (ways logits, or 1 for regression). */
  readonly outputs: number;
  /** Controller hidden units (default 64). */
  readonly hidden?: number;
  /** Memory slots (default 32). */
  readonly slots?: number;
  /** Slot width, also the key and read-vector size (default 24). */
  readonly slotWidth?: number;
  /** LRUA usage decay γ (default 0.95). */
  readonly usageDecay?: number;
  /** Default "none". */
  readonly fastPath?: FastPath;
  /** Initial α_fast (default 0.1); learned through its logarithm. */
  readonly fastRate?: number;
  /** Hidden units of M_φ (default 64). */
  readonly syntheticHidden?: number;
  readonly rng: Rng;
}

/** One batch of episodes as tensors, time-major. */
export interface MannInputs {
  /** [steps, batch, features]. */
  readonly features: tf.Tensor;
  /** The previous step's target, [steps, batch, targetInputs]. */
  readonly previousTargets: tf.Tensor;
}

/** What an unroll produced, one entry per step. */
export interface MannUnroll {
  /** Outputs (logits or predictions), each [batch, outputs]. */
  readonly outputs: tf.Tensor[];
  /**
   * Synthetic-gradient conditioning [h_t, r_t, y_t] for t = 0 … steps−2 (made at step t+1, when y_t
   * arrives; no gradient), each [batch, hidden + slotWidth + targetInputs]; empty without a fast path.
   */
  readonly conditioning: tf.Tensor[];
  /** ĝ_t ≈ ∂L/∂h_t used for the fast update, t = 0 … steps−2 (no gradient), each [batch, hidden]; empty without a fast path. */
  readonly syntheticGrads: tf.Tensor[];
  /** Write gate σ(a_t): the share of the write going to the last-read slots (the rest goes to the least-used slot), each [batch, 1]. */
  readonly writeGates: tf.Tensor[];
}

/** Options of `Mann.unroll`. */
export interface UnrollOptions {
  /** Replaces the slow parameters (same names), e.g. inside a gradient. */
  readonly params?: Tensors;
  /** Added to h_t at every step, [steps, batch, hidden]: its gradient is the true ∂L/∂h_t. */
  readonly probe?: tf.Tensor;
  /** Replaces M_φ's parameters. */
  readonly syntheticParams?: Tensors;
}

/** A MANN with an optional fast path. */
export interface Mann {
  /** Slow parameters θ_slow (and `logFastRate` when there is a fast path). */
  readonly params: Variables;
  /** The synthetic-gradient module (also built, but unused, for fastPath "none" so every model draws the same controller weights). */
  readonly synthetic: SyntheticGradientModule;
  readonly fastPath: FastPath;
  readonly hidden: number;
  readonly slotWidth: number;
  readonly outputs: number;
  /** Runs a batch of episodes from an empty memory and no fast weights. */
  unroll(inputs: MannInputs, options?: UnrollOptions): MannUnroll;
}

/** Builds the MANN; with the same `rng` seed every fast-path variant starts from the same controller, memory heads and readout. */
export function mann(options: MannOptions): Mann {
  const hidden = options.hidden ?? 64;
  const slots = options.slots ?? 32;
  const width = options.slotWidth ?? 24;
  const decay = options.usageDecay ?? 0.95;
  const fastPath = options.fastPath ?? "none";
  const fastRate = options.fastRate ?? 0.1;
  const place = "mann";
  for (const [name, value] of [["features", options.features], ["targetInputs", options.targetInputs], ["outputs", options.outputs], ["hidden", hidden], ["slots", slots], ["slotWidth", width]] as const) {
    if (!(Number.isInteger(value) && value >= 1)) throw new CajalError(badMemoryOption(place, name, value, "a positive integer"));
  }
  if (!(decay >= 0 && decay <= 1)) throw new CajalError(badMemoryOption(place, "usageDecay", decay, "a number in [0, 1]"));
  if (!(fastRate > 0)) throw new CajalError(badMemoryOption(place, "fastRate", fastRate, "a positive number"));
  const rng = options.rng;
  const controllerInputs = options.features + options.targetInputs + width;
  const controller = lstmCell({ inputs: controllerInputs, hidden, rng: rng.stream("controller"), forgetBias: 1 });
  const key = dense({ inputs: hidden, units: width, rng: rng.stream("key") });
  const strength = dense({ inputs: hidden, units: 1, rng: rng.stream("strength") });
  const gate = dense({ inputs: hidden, units: 1, rng: rng.stream("write gate") });
  const readout = dense({ inputs: hidden + width, units: options.outputs, rng: rng.stream("readout") });
  const params: Record<string, tf.Variable> = collectParams({ controller, key, strength, gate, readout });
  if (fastPath !== "none") {
    const initial = tf.scalar(Math.log(fastRate));
    params.logFastRate = tf.variable(initial, true);
    initial.dispose(); // the variable holds its own copy
  }
  const synthetic = syntheticGradientModule({ inputs: hidden + width + options.targetInputs, outputs: hidden, hidden: options.syntheticHidden ?? 64, rng: rng.stream("synthetic gradient") });

  function checkInputs(inputs: MannInputs): void {
    const f = inputs.features.shape;
    const y = inputs.previousTargets.shape;
    const problems = [];
    if (f.length !== 3 || f[2] !== options.features || f[0]! < 1) problems.push(shapeMismatch("mann.unroll", "inputs.features", f, `[steps ≥ 1, batch, ${options.features}]`));
    if (y.length !== 3 || y[0] !== f[0] || y[1] !== f[1] || y[2] !== options.targetInputs) {
      problems.push(shapeMismatch("mann.unroll", "inputs.previousTargets", y, `[${f[0]}, ${f[1]}, ${options.targetInputs}] (steps and batch of the features)`));
    }
    if (problems.length) throw new CajalError(problems);
  }

  function unroll(inputs: MannInputs, o: UnrollOptions = {}): MannUnroll {
    checkInputs(inputs);
    const [steps, batch] = inputs.features.shape as [number, number, number];
    const p = o.params;
    const c = scope(p, "controller");
    const weights = { inputKernel: pick(controller.params, c, "inputKernel"), recurrentKernel: pick(controller.params, c, "recurrentKernel"), bias: pick(controller.params, c, "bias") };
    const rate = fastPath === "none" ? undefined : tf.exp(pick(params, p, "logFastRate"));
    const features = tf.unstack(inputs.features);
    const previous = tf.unstack(inputs.previousTargets);
    const probes = o.probe ? tf.unstack(o.probe) : undefined;
    let h: tf.Tensor = tf.zeros([batch, hidden]);
    let cell: tf.Tensor = tf.zeros([batch, hidden]);
    let memory: MemoryState = emptyMemory(batch, slots, width);
    let fast: FastWeights = {};
    // Step t−1's quantities, kept until its label arrives (as the previous-target input of step t).
    let pending: { step: FastLstmStep; cellBefore: tf.Tensor; h: tf.Tensor; read: tf.Tensor } | undefined;
    const out: MannUnroll = { outputs: [], conditioning: [], syntheticGrads: [], writeGates: [] };
    for (let t = 0; t < steps; t++) {
      if (rate && pending) {
        // Fast learning: the label of step t−1 has just arrived, so M_φ predicts ĝ_{t−1} ≈ ∂L/∂h_{t−1} from
        // [h_{t−1}, r_{t−1}, y_{t−1}] and the fast weights take the one-step update before step t runs.
        // ĝ is a learning signal, not part of the function being differentiated: no gradient through it.
        const conditioning = stopGradient(tf.concat([pending.h, pending.read, previous[t]!], 1));
        const gHat = stopGradient(synthetic.apply(conditioning, o.syntheticParams));
        const deltaZ = lstmStepVjp(pending.step.gates, pending.cellBefore, pending.step.c, gHat);
        fast = addFastUpdate(fast, pending.step.stackedInput, deltaZ, rate);
        out.conditioning.push(conditioning);
        out.syntheticGrads.push(gHat);
      }
      const x = tf.concat([features[t]!, previous[t]!, memory.read], 1);
      const step = fastLstmStep(x, h, cell, weights, fast);
      const hOut = probes ? tf.add(step.h, probes[t]!) : step.h;
      const k = tf.tanh(key.apply(hOut, scope(p, "key")));
      const beta = tf.add(1, tf.softplus(strength.apply(hOut, scope(p, "strength"))));
      const writeGate = tf.sigmoid(gate.apply(hOut, scope(p, "gate")));
      memory = lruaStep(memory, k, beta, writeGate, decay).state;
      out.outputs.push(readout.apply(tf.concat([hOut, memory.read], 1), scope(p, "readout")));
      out.writeGates.push(writeGate);
      pending = { step, cellBefore: cell, h: hOut, read: memory.read };
      h = hOut;
      cell = step.c;
    }
    return out;
  }

  return { params, synthetic, fastPath, hidden, slotWidth: width, outputs: options.outputs, unroll };
}
