/**
 * Spiking units trained with surrogate gradients (Neftci, Mostafa & Zenke 2019): the forward pass
 * emits a Heaviside step, the backward pass uses the derivative of a smooth stand-in. The LIF
 * layer is unrolled in time, so reverse-mode differentiation is backpropagation through time.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { initVariable } from "../init.js";
import { stopGradient } from "../grad.js";
import { badOption, shapeMismatch } from "../messages.js";
import { type Tensors, type Variables, pick } from "../params.js";
import { tf } from "../tf.js";

/** Smooth stand-ins for the step's derivative, as functions of u = v − θ. */
export type SurrogateName = "fastSigmoid" | "sigmoid" | "triangle" | "straightThrough";

/** Options of `spike`. */
export interface SurrogateOptions {
  /** Which surrogate (default "fastSigmoid", SuperSpike's 1/(β|u| + 1)²). */
  readonly surrogate?: SurrogateName;
  /** Steepness β (default 10 for fastSigmoid, 5 for sigmoid; half-width 1/β for triangle). */
  readonly slope?: number;
}

/** The surrogate derivative dΘ/du evaluated on `u` (exposed for tests and plots). */
export function surrogateDerivative(u: tf.Tensor, options: SurrogateOptions = {}): tf.Tensor {
  const kind = options.surrogate ?? "fastSigmoid";
  switch (kind) {
    case "fastSigmoid": {
      const beta = options.slope ?? 10;
      return tf.div(1, tf.square(tf.add(tf.mul(beta, tf.abs(u)), 1)));
    }
    case "sigmoid": {
      const beta = options.slope ?? 5;
      const s = tf.sigmoid(tf.mul(beta, u));
      return tf.mul(beta, tf.mul(s, tf.sub(1, s)));
    }
    case "triangle": {
      const beta = options.slope ?? 1;
      return tf.mul(beta, tf.relu(tf.sub(1, tf.mul(beta, tf.abs(u)))));
    }
    case "straightThrough":
      return tf.onesLike(u);
    default:
      throw new CajalError(badOption("spike", "surrogate", kind, "fastSigmoid, sigmoid, triangle or straightThrough"));
  }
}

/**
 * Heaviside step Θ(u) (1 where u > 0, else 0) whose gradient is the surrogate derivative.
 * Built with `tf.customGrad`, so it composes with any other tfjs op.
 */
export function spike(u: tf.Tensor, options: SurrogateOptions = {}): tf.Tensor {
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([x]);
    return { value: tf.cast(tf.greater(x, 0), "float32"), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, surrogateDerivative(saved[0]!, options)) };
  });
  return f(u) as tf.Tensor;
}

/** Options of `lifLayer`. */
export interface LifLayerOptions extends SurrogateOptions {
  /** Input features per step (spikes or currents). */
  readonly inputs: number;
  /** LIF units. */
  readonly units: number;
  /** Membrane decay per step β = exp(−dt/τm), in (0, 1] (default 0.9). */
  readonly beta?: number;
  /** Threshold θ (default 1). */
  readonly threshold?: number;
  /** Reset after a spike: "subtract" θ (default) or "zero". */
  readonly reset?: "subtract" | "zero";
  /** Let gradients flow through the reset (default false: the reset is detached, as in snnTorch). */
  readonly resetGradient?: boolean;
  readonly rng: Rng;
}

/** A recorded LIF run. */
export interface LifRun {
  /** Spikes [time, batch, units] (0/1). */
  readonly spikes: tf.Tensor;
  /** Membrane potential after input, before reset, [time, batch, units]. */
  readonly v: tf.Tensor;
}

/** A layer of leaky integrate-and-fire units driven through a dense weight matrix. */
export interface LifLayer {
  readonly params: Variables;
  /** Runs the layer over `x` [time, batch, inputs] from rest. */
  apply(x: tf.Tensor, params?: Tensors): LifRun;
}

/**
 * Discrete LIF, one step per input frame: v_t = β·v_{t−1}(after reset) + x_t·W + b;
 * s_t = Θ(v_t − θ); reset by subtraction (v ← v − s·θ) or to zero. Params `kernel` [in, units],
 * `bias` [units].
 */
export function lifLayer(options: LifLayerOptions): LifLayer {
  const { inputs, units, rng } = options;
  const beta = options.beta ?? 0.9;
  const threshold = options.threshold ?? 1;
  if (!(beta > 0 && beta <= 1)) throw new CajalError(badOption("lifLayer", "beta", beta, "0 < beta ≤ 1"));
  const params = {
    kernel: initVariable(rng.stream("kernel"), [inputs, units], { kind: "kaimingUniform", fanIn: inputs }),
    bias: initVariable(rng.stream("bias"), [units], { kind: "zeros" }),
  };
  return {
    params,
    apply(x, override) {
      if (x.rank !== 3 || x.shape[2] !== inputs) throw new CajalError(shapeMismatch("lifLayer", "the input", x.shape, `[time, batch, ${inputs}]`));
      const [time, batch] = x.shape as [number, number, number];
      const kernel = pick(params, override, "kernel");
      const bias = pick(params, override, "bias");
      // One product for all steps: the input current does not depend on the state.
      const current = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [time * batch, inputs]), kernel), bias), [time, batch, units]);
      const steps = tf.unstack(current);
      let v: tf.Tensor = tf.zeros([batch, units]);
      const spikes: tf.Tensor[] = [];
      const vs: tf.Tensor[] = [];
      for (let t = 0; t < time; t++) {
        v = tf.add(tf.mul(beta, v), steps[t]!);
        const s = spike(tf.sub(v, threshold), options);
        vs.push(v);
        spikes.push(s);
        const sReset = options.resetGradient ? s : stopGradient(s);
        v = options.reset === "zero" ? tf.mul(v, tf.sub(1, sReset)) : tf.sub(v, tf.mul(sReset, threshold));
      }
      return { spikes: tf.stack(spikes), v: tf.stack(vs) };
    },
  };
}
