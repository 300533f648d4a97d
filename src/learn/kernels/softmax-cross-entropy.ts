/**
 * Softmax cross-entropy from logits as one kernel forward and one backward, for training loops.
 *
 * The loss written with tfjs ops (log-sum-exp, one-hot, product, sums, mean) runs about 15
 * kernels forward and 15 backward; on the 784-256-10 MLP that was over half of a training step's
 * kernels. Here, on wasm, `CajalSoftmaxCrossEntropy` computes the reduced loss in one pass over
 * the logits (float64 accumulation, max-shifted), and its registered gradient
 * `CajalSoftmaxCrossEntropyGrad` writes (softmax(z)·Σt − t)·dy (÷ batch for the mean) in one
 * more. First order only, like `crossEntropy(…, { secondOrder: false })`: the backward kernel has
 * no gradient of its own. Other backends compute the same loss op by op.
 *
 * This module imports tfjs directly (it is part of what ../tf.js is built from).
 */
import * as tfjs from "@tensorflow/tfjs";

const FORWARD = "CajalSoftmaxCrossEntropy";
const BACKWARD = "CajalSoftmaxCrossEntropyGrad";

/** How per-sample losses are combined. */
export type CrossEntropyReduction = "mean" | "sum" | "none";

interface TensorInfo { dataId: object; shape: number[]; dtype: tfjs.DataType }
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tfjs.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}
interface Args { inputs: Record<string, TensorInfo>; backend: WasmBackendLike; attrs: { reduction: CrossEntropyReduction } }

/** Target of sample i, class c: one-hot of an int32 label, or the given distribution. */
function targetReader(labels: TensorInfo, backend: WasmBackendLike, classes: number): (i: number, c: number) => number {
  const values = backend.typedArrayFromHeap(labels);
  if (labels.shape.length === 1) return (i, c) => (values[i] === c ? 1 : 0);
  return (i, c) => values[i * classes + c]!;
}

function forwardKernel(rawArgs: unknown): TensorInfo {
  const { inputs, backend, attrs } = rawArgs as Args;
  const logits = inputs.logits!;
  const [batch, classes] = logits.shape as [number, number];
  const out = backend.makeOutput(attrs.reduction === "none" ? [batch] : [], "float32");
  // Views after the allocation: a grown heap detaches earlier ones.
  const z = backend.typedArrayFromHeap(logits) as Float32Array;
  const target = targetReader(inputs.labels!, backend, classes);
  const loss = backend.typedArrayFromHeap(out) as Float32Array;
  let total = 0;
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, z[row + c]!);
    let sumExp = 0;
    for (let c = 0; c < classes; c++) sumExp += Math.exp(z[row + c]! - max);
    const logSum = max + Math.log(sumExp);
    let li = 0;
    for (let c = 0; c < classes; c++) {
      const t = target(i, c);
      if (t !== 0) li -= t * (z[row + c]! - logSum);
    }
    if (attrs.reduction === "none") loss[i] = li;
    total += li;
  }
  if (attrs.reduction !== "none") loss[0] = attrs.reduction === "mean" ? total / batch : total;
  return out;
}

function backwardKernel(rawArgs: unknown): TensorInfo {
  const { inputs, backend, attrs } = rawArgs as Args;
  const logits = inputs.logits!;
  const [batch, classes] = logits.shape as [number, number];
  const out = backend.makeOutput([batch, classes], "float32");
  const z = backend.typedArrayFromHeap(logits) as Float32Array;
  const target = targetReader(inputs.labels!, backend, classes);
  const dy = backend.typedArrayFromHeap(inputs.dy!) as Float32Array;
  const dz = backend.typedArrayFromHeap(out) as Float32Array;
  for (let i = 0; i < batch; i++) {
    const row = i * classes;
    const scale = attrs.reduction === "none" ? dy[i]! : attrs.reduction === "mean" ? dy[0]! / batch : dy[0]!;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, z[row + c]!);
    let sumExp = 0;
    let sumT = 0;
    for (let c = 0; c < classes; c++) {
      sumExp += Math.exp(z[row + c]! - max);
      sumT += target(i, c);
    }
    for (let c = 0; c < classes; c++) {
      const p = Math.exp(z[row + c]! - max) / sumExp;
      dz[row + c] = (p * sumT - target(i, c)) * scale;
    }
  }
  return out;
}

let installed = false;

/** Registers both kernels on wasm and the gradient (idempotent); false when wasm is not loaded. */
export function installSoftmaxCrossEntropy(): boolean {
  if (!tfjs.getKernel("Add", "wasm")) return false;
  if (installed) return true;
  tfjs.registerKernel({ kernelName: FORWARD, backendName: "wasm", kernelFunc: forwardKernel as unknown as tfjs.KernelFunc });
  tfjs.registerKernel({ kernelName: BACKWARD, backendName: "wasm", kernelFunc: backwardKernel as unknown as tfjs.KernelFunc });
  tfjs.registerGradient({
    kernelName: FORWARD,
    inputsToSave: ["logits", "labels"],
    gradFunc: (dy, saved, attrs) => {
      const [logits, labels] = saved as [tfjs.Tensor, tfjs.Tensor];
      return {
        logits: () => tfjs.engine().runKernel(BACKWARD, { logits, labels, dy: dy as tfjs.Tensor } as never, { ...attrs } as never) as tfjs.Tensor,
        labels: () => tfjs.zerosLike(labels),
      };
    },
  });
  installed = true;
  return true;
}

/**
 * Softmax cross-entropy of logits [batch, classes] against int32 class ids [batch] or target
 * distributions [batch, classes], reduced by `reduction` (default "mean"): one kernel each way
 * on wasm, first-order gradients only.
 */
export function softmaxCrossEntropy(logits: tfjs.Tensor, labels: tfjs.Tensor, reduction: CrossEntropyReduction = "mean"): tfjs.Tensor {
  const classes = logits.shape[1];
  const fits = logits.rank === 2 && logits.dtype === "float32" && classes !== undefined
    && ((labels.rank === 1 && labels.dtype === "int32" && labels.shape[0] === logits.shape[0])
      || (labels.rank === 2 && labels.dtype === "float32" && labels.shape[0] === logits.shape[0] && labels.shape[1] === classes));
  if (installed && fits && tfjs.getBackend() === "wasm") {
    return tfjs.engine().runKernel(FORWARD, { logits, labels } as never, { reduction } as never) as tfjs.Tensor;
  }
  return tfjs.tidy(() => {
    const target = labels.rank === 1 ? tfjs.oneHot(tfjs.cast(labels, "int32") as tfjs.Tensor1D, classes ?? 0) : labels;
    const perSample = tfjs.neg(tfjs.sum(tfjs.mul(target, tfjs.logSoftmax(logits)), -1));
    return reduction === "none" ? perSample : reduction === "sum" ? tfjs.sum(perSample) : tfjs.mean(perSample);
  });
}
