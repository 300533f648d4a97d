/**
 * The small source CNN of the test-time-adaptation notebook, for 28 × 28 greyscale digits:
 * conv 3×3 (8) → BN → ReLU → [modulator] → max-pool 2 → conv 3×3 (16) → BN → ReLU → max-pool 2 →
 * flatten (400) → linear (10). Convolutions have no bias (the BN after each makes one redundant).
 * Batch normalisation runs with running statistics ("running", the source model at test time) or
 * with the current batch's statistics ("batch", training and BN-adapt / Tent at test time).
 * The modulator is a per-channel scale and shift after the first block's ReLU, identity at
 * construction and left out of source training; it is one reading of NHL's "neuro-modulator layer"
 * (placed after the ReLU because before the BN a per-channel affine map would be normalised away).
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { dense } from "../layers/dense.js";
import { initVariable } from "../init.js";
import { shapeMismatch } from "../messages.js";
import type { Tensors } from "../params.js";
import { tf } from "../tf.js";
import { batchNormBatchStats, conv2dValid, maxPool2 } from "./ops.js";
import { badTtaOption } from "./messages.js";

/** Which statistics batch normalisation uses. */
export type NormStatistics = "running" | "batch";

/** Running statistics of one batch-norm layer (mean and unbiased variance per channel). */
export interface RunningMoments {
  readonly mean: Float32Array;
  readonly variance: Float32Array;
}

/** A copy of everything a stream may change: parameter values and running statistics. */
export interface CnnState {
  readonly params: Readonly<Record<string, Float32Array>>;
  readonly running: Readonly<Record<"bn1" | "bn2", RunningMoments>>;
}

/** Options of `createTtaCnn`. */
export interface TtaCnnOptions {
  /** Source of the initial weights (PyTorch's default uniform initialisation). */
  readonly rng: Rng;
  /** Image side in pixels (default 28). */
  readonly imageSize?: number;
  /** Channels of the first convolution (default 8). */
  readonly conv1Channels?: number;
  /** Channels of the second convolution (default 16). */
  readonly conv2Channels?: number;
  /** Classes (default 10). */
  readonly classes?: number;
  /** Weight of the newest batch in the running statistics (default 0.1, PyTorch's momentum). */
  readonly runningMomentum?: number;
  /** ε of batch normalisation (default 1e-5). */
  readonly epsilon?: number;
}

/** Options of one forward pass. */
export interface ForwardOptions {
  /** Batch-norm statistics (default "batch"). */
  readonly statistics?: NormStatistics;
  /** Fold this batch's statistics into the running ones (training; needs statistics "batch"). */
  readonly updateRunning?: boolean;
  /**
   * Tensors that replace parameters of the same names (for gradients). When given, the convolution
   * kernels absent from it are treated as constants: no kernel gradient is computed for them.
   */
  readonly params?: Tensors;
}

/** The CNN, its parameters by name and its running statistics. */
export interface TtaCnn {
  /**
   * Trainable variables: "conv1/kernel" [3,3,1,c1], "bn1/gamma", "bn1/beta", "mod/scale", "mod/shift" [c1],
   * "conv2/kernel" [3,3,c1,c2], "bn2/gamma", "bn2/beta" [c2], "out/kernel" [flat, classes], "out/bias".
   */
  readonly params: Readonly<Record<string, tf.Variable>>;
  /** Names of the parameters trained on the source data (all but the modulator). */
  readonly sourceParamNames: readonly string[];
  /** Running statistics, updated in place by training passes. */
  readonly running: Record<"bn1" | "bn2", RunningMoments>;
  /** Kernel size of the first convolution (3). */
  readonly kernelSize: number;
  /** Input shape of one image, [size, size, 1]. */
  readonly inputShape: readonly [number, number, number];
  /** Logits [batch, classes] of images [batch, size, size, 1]. */
  apply(x: tf.Tensor, options?: ForwardOptions): tf.Tensor;
  /** A copy of the parameters and running statistics. */
  state(): CnnState;
  /** Restores a state taken by `state()`. */
  setState(state: CnnState): void;
}

/**
 * Builds the CNN.
 *
 * @example
 * const cnn = createTtaCnn({ rng: rng.stream("cnn") });
 * const logits = cnn.apply(x, { statistics: "batch", updateRunning: true });
 */
export function createTtaCnn(options: TtaCnnOptions): TtaCnn {
  const { rng } = options;
  const size = options.imageSize ?? 28;
  const c1 = options.conv1Channels ?? 8;
  const c2 = options.conv2Channels ?? 16;
  const classes = options.classes ?? 10;
  const momentum = options.runningMomentum ?? 0.1;
  const eps = options.epsilon ?? 1e-5;
  const k = 3;
  const s1 = Math.floor((size - k + 1) / 2);
  const s2 = Math.floor((s1 - k + 1) / 2);
  if (!(Number.isInteger(size) && s2 >= 1)) throw new CajalError(badTtaOption("tta.createTtaCnn", "imageSize", size, "an integer ≥ 10"));
  if (!(momentum > 0 && momentum <= 1)) throw new CajalError(badTtaOption("tta.createTtaCnn", "runningMomentum", momentum, "0 < momentum ≤ 1"));
  const flat = s2 * s2 * c2;
  const out = dense({ inputs: flat, units: classes, rng: rng.stream("out") });
  const params: Record<string, tf.Variable> = {
    "conv1/kernel": initVariable(rng.stream("conv1"), [k, k, 1, c1], { kind: "kaimingUniform", fanIn: k * k }),
    "bn1/gamma": initVariable(rng, [c1], { kind: "ones" }),
    "bn1/beta": initVariable(rng, [c1], { kind: "zeros" }),
    "mod/scale": initVariable(rng, [c1], { kind: "ones" }),
    "mod/shift": initVariable(rng, [c1], { kind: "zeros" }),
    "conv2/kernel": initVariable(rng.stream("conv2"), [k, k, c1, c2], { kind: "kaimingUniform", fanIn: k * k * c1 }),
    "bn2/gamma": initVariable(rng, [c2], { kind: "ones" }),
    "bn2/beta": initVariable(rng, [c2], { kind: "zeros" }),
    "out/kernel": out.params.kernel!,
    "out/bias": out.params.bias!,
  };
  const running = {
    bn1: { mean: new Float32Array(c1), variance: new Float32Array(c1).fill(1) },
    bn2: { mean: new Float32Array(c2), variance: new Float32Array(c2).fill(1) },
  };
  const get = (name: string, override?: Tensors): tf.Tensor => override?.[name] ?? params[name]!;

  function norm(x: tf.Tensor, layer: "bn1" | "bn2", statistics: NormStatistics, update: boolean, override?: Tensors): tf.Tensor {
    const gamma = get(`${layer}/gamma`, override);
    const beta = get(`${layer}/beta`, override);
    if (statistics === "batch") {
      const target = running[layer];
      const count = x.size / target.mean.length;
      return batchNormBatchStats(x, gamma, beta, {
        epsilon: eps,
        onMoments: update
          ? (m) => {
              // PyTorch keeps the unbiased variance in its running statistics.
              const unbias = count > 1 ? count / (count - 1) : 1;
              for (let c = 0; c < target.mean.length; c++) {
                target.mean[c] = (1 - momentum) * target.mean[c]! + momentum * m.mean[c]!;
                target.variance[c] = (1 - momentum) * target.variance[c]! + momentum * m.variance[c]! * unbias;
              }
            }
          : undefined,
      });
    }
    const r = running[layer];
    const invStd = r.variance.map((v) => 1 / Math.sqrt(v + eps));
    const scale = tf.mul(gamma, tf.tensor1d(invStd));
    return tf.add(tf.mul(tf.sub(x, tf.tensor1d(r.mean)), scale), beta);
  }

  return {
    params,
    sourceParamNames: Object.keys(params).filter((n) => !n.startsWith("mod/")),
    running,
    kernelSize: k,
    inputShape: [size, size, 1],
    apply(x: tf.Tensor, forward: ForwardOptions = {}): tf.Tensor {
      if (x.rank !== 4 || x.shape[1] !== size || x.shape[2] !== size || x.shape[3] !== 1) {
        throw new CajalError(shapeMismatch("tta.TtaCnn", "the input", x.shape, `[batch, ${size}, ${size}, 1]`));
      }
      const statistics = forward.statistics ?? "batch";
      const update = forward.updateRunning === true;
      if (update && statistics !== "batch") throw new CajalError(badTtaOption("tta.TtaCnn.apply", "updateRunning", true, "false when statistics is \"running\""));
      const p = forward.params;
      const batch = x.shape[0]!;
      // A kernel that is not being differentiated (absent from `params`) needs no kernel gradient.
      const trains = (name: string) => p === undefined || name in p;
      let h: tf.Tensor = conv2dValid(x, get("conv1/kernel", p), { inputGradient: false, kernelGradient: trains("conv1/kernel") });
      h = tf.relu(norm(h, "bn1", statistics, update, p));
      h = tf.add(tf.mul(h, get("mod/scale", p)), get("mod/shift", p));
      h = maxPool2(h);
      h = conv2dValid(h, get("conv2/kernel", p), { kernelGradient: trains("conv2/kernel") });
      h = maxPool2(tf.relu(norm(h, "bn2", statistics, update, p)));
      return out.apply(tf.reshape(h, [batch, flat]), { kernel: get("out/kernel", p), bias: get("out/bias", p) });
    },
    state(): CnnState {
      const values: Record<string, Float32Array> = {};
      for (const [name, v] of Object.entries(params)) values[name] = Float32Array.from(v.dataSync() as Float32Array);
      const copy = (m: RunningMoments) => ({ mean: Float32Array.from(m.mean), variance: Float32Array.from(m.variance) });
      return { params: values, running: { bn1: copy(running.bn1), bn2: copy(running.bn2) } };
    },
    setState(state: CnnState): void {
      for (const [name, v] of Object.entries(params)) {
        const values = state.params[name];
        if (!values || values.length !== v.size) throw new Error(`tta.TtaCnn.setState: no values for ${name}`); // a Cajal bug: states come from state()
        tf.tidy(() => v.assign(tf.tensor(values, v.shape, "float32")));
      }
      for (const layer of ["bn1", "bn2"] as const) {
        running[layer].mean.set(state.running[layer].mean);
        running[layer].variance.set(state.running[layer].variance);
      }
    },
  };
}
