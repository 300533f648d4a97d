/**
 * The three operations of the test-time-adaptation CNN whose tfjs-wasm gradients are slow, written
 * as `tf.customGrad` ops with closed-form backward passes: a valid stride-1 convolution through
 * im2col and matrix products, 2 × 2 max pooling, and batch normalisation with batch statistics.
 * On wasm, tfjs's filter gradient, max-pool gradient and the autodiff of `tf.moments` took most of
 * a training step (about 120, 40 and 40 ms of 270 ms for batch 128); these take a few ms each.
 * `im2col` is also the local-plasticity view of a convolution: its rows are the input patches a
 * Hebbian rule sees.
 */
import { CajalError } from "../../core/errors.js";
import { maxPool2d } from "../layers/conv.js";
import { shapeMismatch } from "../messages.js";
import { tf } from "../tf.js";

/** Sizes of an NHWC image batch. */
export interface ImageShape {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/**
 * Input patches of a valid, stride-1 convolution with a k × k kernel: one row per output position
 * (b, i, j), in that order, with k·k·channels columns ordered (dy, dx, c) — the order of a
 * [k, k, in, out] kernel reshaped to [k·k·in, out]. `out` is reused when given.
 */
export function im2col(x: Float32Array, shape: ImageShape, kernelSize: number, out?: Float32Array): Float32Array {
  const { batch, height, width, channels } = shape;
  const k = kernelSize;
  const oh = height - k + 1;
  const ow = width - k + 1;
  const rowLength = k * channels; // one kernel row (dx, c) is contiguous in NHWC memory
  const size = batch * oh * ow * k * rowLength;
  const result = out && out.length === size ? out : new Float32Array(size);
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let dy = 0; dy < k; dy++) {
          const start = ((b * height + i + dy) * width + j) * channels;
          for (let t = 0; t < rowLength; t++) result[o + t] = x[start + t]!;
          o += rowLength;
        }
      }
    }
  }
  return result;
}

/** The adjoint of `im2col`: adds every patch row back onto the image positions it came from. */
export function col2imAdd(cols: Float32Array, shape: ImageShape, kernelSize: number, out: Float32Array): Float32Array {
  const { batch, height, width, channels } = shape;
  const k = kernelSize;
  const oh = height - k + 1;
  const ow = width - k + 1;
  const rowLength = k * channels;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let dy = 0; dy < k; dy++) {
          const start = ((b * height + i + dy) * width + j) * channels;
          for (let t = 0; t < rowLength; t++) out[start + t]! += cols[o + t]!;
          o += rowLength;
        }
      }
    }
  }
  return out;
}

function shapeOf(x: tf.Tensor, place: string): ImageShape {
  if (x.rank !== 4) throw new CajalError(shapeMismatch(place, "the input", x.shape, "[batch, height, width, channels]"));
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  return { batch, height, width, channels };
}

/** Options of `conv2dValid`. */
export interface ConvOptions {
  /** Compute the gradient with respect to the input (default true); false returns zeros, for data inputs. */
  readonly inputGradient?: boolean;
  /** Compute the gradient with respect to the kernel (default true); false returns zeros, for a frozen kernel. */
  readonly kernelGradient?: boolean;
}

/**
 * Valid, stride-1 convolution of NHWC `x` with a [k, k, in, out] kernel: `tf.conv2d(x, kernel, 1,
 * "valid")` forward; backward, the kernel gradient is im2col(x)ᵀ·dy and the input gradient is the
 * col2im of dy·Wᵀ, each computed only when asked for (tfjs-wasm's own filter gradient is a slow loop).
 */
export function conv2dValid(x: tf.Tensor, kernel: tf.Tensor, options: ConvOptions = {}): tf.Tensor4D {
  const shape = shapeOf(x, "tta.conv2dValid");
  const [k, k2, inChannels, outChannels] = kernel.shape as [number, number, number, number];
  if (kernel.rank !== 4 || k !== k2 || inChannels !== shape.channels || k > shape.height || k > shape.width) {
    throw new CajalError(shapeMismatch("tta.conv2dValid", "the kernel", kernel.shape, `[k, k, ${shape.channels}, out] with k ≤ ${Math.min(shape.height, shape.width)}`));
  }
  const rows = shape.batch * (shape.height - k + 1) * (shape.width - k + 1);
  const depth = k * k * inChannels;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor4D;
    const w = args[1] as tf.Tensor4D;
    (args[2] as tf.GradSaveFunc)([input, w]);
    return {
      value: tf.conv2d(input, w, 1, "valid"),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy2 = tf.reshape(dy, [rows, outChannels]);
        let dw: tf.Tensor;
        if (options.kernelGradient === false) dw = tf.zeros(ws.shape);
        else {
          const cols = tf.tensor2d(im2col(xs.dataSync() as Float32Array, shape, k), [rows, depth]);
          dw = tf.reshape(tf.matMul(cols, dy2, true, false), ws.shape);
        }
        if (options.inputGradient === false) return [tf.zeros(xs.shape), dw];
        const dcols = tf.matMul(dy2, tf.reshape(ws, [depth, outChannels]), false, true).dataSync() as Float32Array;
        const dx = col2imAdd(dcols, shape, k, new Float32Array(shape.batch * shape.height * shape.width * shape.channels));
        return [tf.tensor4d(dx, [shape.batch, shape.height, shape.width, shape.channels]), dw];
      },
    };
  });
  return op(x, kernel) as tf.Tensor4D;
}

/**
 * 2 × 2 max pooling with stride 2 (an odd last row or column is dropped, as "valid" pooling does):
 * the learning core's `maxPool2d`, whose gradient goes to the first maximum of each window (and
 * is correct on wasm, where tfjs's own MaxPoolGrad is not for several channels).
 */
export function maxPool2(x: tf.Tensor): tf.Tensor4D {
  shapeOf(x, "tta.maxPool2");
  return maxPool2d(x, 2) as tf.Tensor4D;
}

/** Per-channel mean and (biased) variance of a batch, over batch and space. */
export interface BatchMoments {
  readonly mean: Float32Array;
  readonly variance: Float32Array;
}

/** Normalises `xs` (channels last) per channel; fills the moments, 1/σ, x̂ and y = γ·x̂ + β. */
function batchNormForward(
  xs: Float32Array, channels: number, gamma: Float32Array, beta: Float32Array, eps: number,
  mean: Float32Array, variance: Float32Array, invStd: Float32Array, xhat: Float32Array, y: Float32Array,
): void {
  const n = xs.length;
  const count = n / channels;
  // One channel at a time with scalar accumulators (faster in V8 than a per-channel sum array);
  // two passes, so the variance of a channel with a large mean stays accurate.
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let i = c; i < n; i += channels) sum += xs[i]!;
    const m = sum / count;
    let squares = 0;
    for (let i = c; i < n; i += channels) {
      const d = xs[i]! - m;
      squares += d * d;
    }
    const v = squares / count;
    const inv = 1 / Math.sqrt(v + eps);
    const g = gamma[c]!;
    const b = beta[c]!;
    for (let i = c; i < n; i += channels) {
      const h = (xs[i]! - m) * inv;
      xhat[i] = h;
      y[i] = g * h + b;
    }
    mean[c] = m;
    variance[c] = v;
    invStd[c] = inv;
  }
}

/** The closed-form backward pass: fills ∂L/∂x and returns (∂L/∂γ, ∂L/∂β). */
function batchNormBackward(
  dy: Float32Array, xhat: Float32Array, channels: number, gamma: Float32Array, invStd: Float32Array, dx: Float32Array,
): { dGamma: Float32Array; dBeta: Float32Array } {
  const n = dy.length;
  const count = n / channels;
  const dGamma = new Float32Array(channels);
  const dBeta = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    let sumDy = 0;
    let sumDyXhat = 0;
    for (let i = c; i < n; i += channels) {
      sumDy += dy[i]!;
      sumDyXhat += dy[i]! * xhat[i]!;
    }
    // ∂L/∂x = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)), the closed form of the normalisation's Jacobian.
    const meanDy = sumDy / count;
    const meanDyXhat = sumDyXhat / count;
    const scale = gamma[c]! * invStd[c]!;
    for (let i = c; i < n; i += channels) dx[i] = scale * (dy[i]! - meanDy - xhat[i]! * meanDyXhat);
    dGamma[c] = sumDyXhat;
    dBeta[c] = sumDy;
  }
  return { dGamma, dBeta };
}

/**
 * Batch normalisation over every axis but the last with this batch's statistics:
 * y = γ·(x − μ)/√(σ² + ε) + β, μ and σ² (biased) per channel. Differentiable in x, γ and β.
 * `onMoments` receives μ and σ² (for running averages); ε defaults to 1e-5, as PyTorch's.
 */
export function batchNormBatchStats(
  x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, options: { epsilon?: number; onMoments?: (m: BatchMoments) => void } = {},
): tf.Tensor {
  const channels = x.shape[x.rank - 1]!;
  if (gamma.size !== channels || beta.size !== channels) {
    throw new CajalError(shapeMismatch("tta.batchNormBatchStats", "γ or β", gamma.shape, `[${channels}], one per channel`));
  }
  const eps = options.epsilon ?? 1e-5;
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor;
    const g = (args[1] as tf.Tensor).dataSync() as Float32Array;
    const b = (args[2] as tf.Tensor).dataSync() as Float32Array;
    const xs = input.dataSync() as Float32Array;
    const mean = new Float32Array(channels);
    const variance = new Float32Array(channels);
    const invStd = new Float32Array(channels);
    const xhat = new Float32Array(xs.length);
    const y = new Float32Array(xs.length);
    batchNormForward(xs, channels, g, b, eps, mean, variance, invStd, xhat, y);
    options.onMoments?.({ mean, variance });
    return {
      value: tf.tensor(y, input.shape, "float32"),
      gradFunc: (dy: tf.Tensor) => {
        const dx = new Float32Array(xs.length);
        const { dGamma, dBeta } = batchNormBackward(dy.dataSync() as Float32Array, xhat, channels, g, invStd, dx);
        return [tf.tensor(dx, input.shape, "float32"), tf.tensor(dGamma, gamma.shape), tf.tensor(dBeta, beta.shape)];
      },
    };
  });
  return op(x, gamma, beta);
}
