/** Convolution and pooling over NHWC images ([batch, height, width, channels]). */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { type ActivationName, activate } from "../activations.js";
import { initVariable } from "../init.js";
import { shapeMismatch } from "../messages.js";
import { type Layer, type Tensors, pick } from "../params.js";
import { tf } from "../tf.js";

/** Options of `conv2d`. */
export interface Conv2dOptions {
  /** Input channels. */
  readonly inChannels: number;
  /** Output channels (filters). */
  readonly outChannels: number;
  /** Square kernel size in pixels. */
  readonly kernelSize: number;
  /** Stride in pixels (default 1). */
  readonly stride?: number;
  /** "valid" (no padding, the default) or "same". */
  readonly padding?: "valid" | "same";
  /** Learn a bias (default true). */
  readonly bias?: boolean;
  /** Activation after the convolution (default "linear"). */
  readonly activation?: ActivationName;
  /** Initial weights ~ U(±1/√(k²·inChannels)), as PyTorch's nn.Conv2d. */
  readonly rng: Rng;
}

/** A 2-D convolution: params `kernel` [k, k, in, out] and `bias` [out]. */
export function conv2d(options: Conv2dOptions): Layer {
  const { inChannels, outChannels, kernelSize: k, rng } = options;
  const fanIn = k * k * inChannels;
  const params: Record<string, tf.Variable> = {
    kernel: initVariable(rng.stream("kernel"), [k, k, inChannels, outChannels], { kind: "kaimingUniform", fanIn }),
  };
  if (options.bias ?? true) params.bias = initVariable(rng.stream("bias"), [outChannels], { kind: "kaimingUniform", fanIn });
  return {
    params,
    apply(x: tf.Tensor, override?: Tensors): tf.Tensor {
      if (x.rank !== 4 || x.shape[3] !== inChannels) {
        throw new CajalError(shapeMismatch("conv2d", "the input", x.shape, `[batch, height, width, ${inChannels}]`));
      }
      let y: tf.Tensor = tf.conv2d(x as tf.Tensor4D, pick(params, override, "kernel") as tf.Tensor4D, options.stride ?? 1, options.padding ?? "valid");
      if (params.bias) y = tf.add(y, pick(params, override, "bias"));
      return activate(y, options.activation ?? "linear");
    },
  };
}

/**
 * Max pooling with a square window ("valid": windows that do not fit are dropped); stride defaults
 * to the window size. The gradient goes to the first maximum of each window in row-major order.
 * On wasm the gradient is Cajal's own: tfjs-backend-wasm 4.22's MaxPoolGrad routes gradients to
 * the wrong inputs when there is more than one channel (first-order gradients only there).
 */
export function maxPool2d(x: tf.Tensor, size: number, stride = size): tf.Tensor {
  if (tf.getBackend() !== "wasm" || x.rank !== 4) return tf.maxPool(x as tf.Tensor4D, size, stride, "valid");
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const pool = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor4D;
    (args[1] as tf.GradSaveFunc)([input]);
    return {
      value: tf.maxPool(input, size, stride, "valid"),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dx = maxPoolBackward((saved[0] as tf.Tensor).dataSync() as Float32Array, dy.dataSync() as Float32Array, [batch, height, width, channels], size, stride);
        return [tf.tensor4d(dx, [batch, height, width, channels])];
      },
    };
  });
  return pool(x);
}

/** Adds each pooled gradient to the first maximum of its window (NHWC, "valid" windows). */
function maxPoolBackward(xs: Float32Array, dy: Float32Array, [batch, height, width, channels]: readonly number[], size: number, stride: number): Float32Array {
  const outHeight = Math.floor((height! - size) / stride) + 1;
  const outWidth = Math.floor((width! - size) / stride) + 1;
  const dx = new Float32Array(xs.length);
  for (let b = 0; b < batch!; b++) {
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j++) {
        const out = ((b * outHeight + i) * outWidth + j) * channels!;
        for (let c = 0; c < channels!; c++) {
          let at = ((b * height! + i * stride) * width! + j * stride) * channels! + c;
          for (let di = 0; di < size; di++) {
            for (let dj = 0; dj < size; dj++) {
              const k = ((b * height! + i * stride + di) * width! + j * stride + dj) * channels! + c;
              if (xs[k]! > xs[at]!) at = k;
            }
          }
          dx[at]! += dy[out + c]!;
        }
      }
    }
  }
  return dx;
}

/** Average pooling with a square window; stride defaults to the window size. */
export function avgPool2d(x: tf.Tensor, size: number, stride = size): tf.Tensor {
  return tf.avgPool(x as tf.Tensor4D, size, stride, "valid");
}

/** Maximum over the spatial axes: [batch, h, w, c] → [batch, c]. */
export function globalMaxPool2d(x: tf.Tensor): tf.Tensor {
  return tf.max(x, [1, 2]);
}

/** Flattens everything but the batch axis. */
export function flatten(x: tf.Tensor): tf.Tensor {
  return tf.reshape(x, [x.shape[0] ?? -1, -1]);
}
