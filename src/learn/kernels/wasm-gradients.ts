/**
 * The two kernels tfjs-backend-wasm 4.22 lacks that the learning core's gradients need:
 * `Conv2DBackpropFilter` (the weight gradient of conv2d) and `UnsortedSegmentSum` (the gradient
 * of gather, hence of embeddings). Both are written here over the wasm heap in plain loops, so
 * conv nets and embeddings train on wasm instead of forcing the whole process onto cpu.
 */
import { tf } from "../tf.js";

interface TensorInfo { dataId: object; shape: number[]; dtype: tf.DataType }
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

function conv2dBackpropFilter(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs: Record<string, unknown> }): TensorInfo {
  const backend = args.backend as WasmBackend;
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as {
    strides: [number, number] | number; pad: "valid" | "same" | number; dataFormat: "NHWC" | "NCHW";
    dimRoundingMode?: "floor" | "round" | "ceil"; filterShape: [number, number, number, number];
  };
  if (dataFormat === "NCHW") throw new Error("Conv2DBackpropFilter on wasm: only NHWC is implemented");
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, "channelsLast");
  const out = backend.makeOutput(filterShape, "float32");
  // Views are taken after the allocation above: growing the heap would detach earlier ones.
  const xs = backend.typedArrayFromHeap(x) as Float32Array;
  const dys = backend.typedArrayFromHeap(dy) as Float32Array;
  const dw = backend.typedArrayFromHeap(out) as Float32Array;
  dw.fill(0);
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = oh * strideHeight + fh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = ow * strideWidth + fw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xBase = ((b * inHeight + ih) * inWidth + iw) * inChannels;
            const wBase = (fh * filterWidth + fw) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const xv = xs[xBase + ci]!;
              if (xv === 0) continue;
              const row = wBase + ci * outChannels;
              for (let co = 0; co < outChannels; co++) dw[row + co]! += xv * dys[dyBase + co]!;
            }
          }
        }
      }
    }
  }
  return out;
}

function unsortedSegmentSum(args: { inputs: Record<string, TensorInfo>; backend: unknown; attrs: Record<string, unknown> }): TensorInfo {
  const backend = args.backend as WasmBackend;
  const x = args.inputs.x!;
  const ids = args.inputs.segmentIds!;
  const numSegments = args.attrs.numSegments as number;
  const idCount = ids.shape.reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(ids.shape.length).reduce((a, b) => a * b, 1);
  const outShape = [numSegments, ...x.shape.slice(ids.shape.length)];
  const out = backend.makeOutput(outShape, x.dtype);
  const xs = backend.typedArrayFromHeap(x);
  const idv = backend.typedArrayFromHeap(ids);
  const os = backend.typedArrayFromHeap(out);
  os.fill(0);
  for (let i = 0; i < idCount; i++) {
    const s = idv[i]!;
    if (s < 0 || s >= numSegments) continue; // TensorFlow drops out-of-range ids
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) os[dst + j]! += xs[src + j]!;
  }
  return out;
}

/** Registers the missing gradient kernels for wasm (idempotent). */
export function installWasmGradientKernels(): void {
  if (!tf.getKernel("Conv2DBackpropFilter", "wasm")) {
    tf.registerKernel({ kernelName: "Conv2DBackpropFilter", backendName: "wasm", kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel("UnsortedSegmentSum", "wasm")) {
    tf.registerKernel({ kernelName: "UnsortedSegmentSum", backendName: "wasm", kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc });
  }
}
