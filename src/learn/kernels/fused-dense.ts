/**
 * A dense layer's product, bias and ReLU as one kernel in training too, with a backward pass of
 * a few kernels that are themselves differentiable.
 *
 * tfjs's `fused.matMul` fuses bias and activation only outside gradient tapes when the activation
 * is not linear; under a tape a ReLU layer runs BatchMatMul, Add and Relu with their separate
 * gradients (about 15 kernels forward and backward), and a linear one runs through `customGrad`,
 * which computes the input gradient even where nobody needs it and cannot be differentiated again.
 *
 * `fusedMatMul` (a drop-in for `tf.fused.matMul`; the learning core's `tf` exports it, see
 * tfjs-facade.ts) records the backend's `_FusedMatMul` kernel itself on the tape, for 2-D float32
 * operands with no bias or a bias of one value per column, and a linear or ReLU activation. Its
 * gradient, registered here:
 *   dz = dy where y > 0 else 0 (ReLU; `CajalReluBackward`, one SIMD pass on wasm), or dy;
 *   da = dz·bᵀ, db = aᵀ·dz (transposes handled), dbias = Σ_rows dz (`CajalColumnSum`: tfjs's
 *   wasm Sum over the first axis transposes first) —
 * each computed only when tfjs asks for it, so a first layer skips its input gradient. All are
 * tfjs ops with gradients (CajalReluBackward's is itself), so gradients of gradients work
 * through fused ReLU layers; the ReLU mask's own derivative is zero almost everywhere.
 * Anything else (other activations, PReLU, broadcast biases, batched products, other backends)
 * goes to tfjs's `fused.matMul` unchanged.
 *
 * This module imports tfjs directly: the learning core's `tf` (../tf.js) is built from it.
 */
import * as tfjs from "@tensorflow/tfjs";
import { type Program, add, compile, load, wherePositive } from "./elementwise-wasm.js";
import { type WasmMemory, isWasmMemory, wasmApi } from "./wasm-api.js";

const RELU_BACKWARD = "CajalReluBackward";
const COLUMN_SUM = "CajalColumnSum";
const FUSED_MATMUL = "_FusedMatMul";

interface TensorInfo { dataId: object; shape: number[]; dtype: tfjs.DataType }
interface WasmBackendLike {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tfjs.DataType): TensorInfo;
  wasm: { asm?: { memory?: WasmMemory } };
}

const RELU_BACKWARD_PROGRAM: Program = { outputs: ["out"], inputs: ["dy", "y"], scalars: [], steps: [{ store: "out", e: wherePositive(load("dy"), load("y")) }] };
const reluBackwardRuns = new WeakMap<object, (out: number, dy: number, y: number, n: number) => void>();

function reluBackwardKernel(rawArgs: unknown): TensorInfo {
  const args = rawArgs as { inputs: { dy: TensorInfo; y: TensorInfo }; backend: WasmBackendLike };
  const backend = args.backend;
  let run = reluBackwardRuns.get(backend);
  if (!run) {
    const memory = backend.wasm.asm?.memory;
    if (!isWasmMemory(memory)) throw new Error("the wasm backend exposes no WebAssembly memory");
    run = new wasmApi.Instance(new wasmApi.Module(compile(RELU_BACKWARD_PROGRAM)), { env: { memory } }).exports.run as (out: number, dy: number, y: number, n: number) => void;
    reluBackwardRuns.set(backend, run);
  }
  const { dy, y } = args.inputs;
  const out = backend.makeOutput(dy.shape, "float32");
  const offset = (t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
  run(offset(out), offset(dy), offset(y), dy.shape.reduce((a, b) => a * b, 1));
  return out;
}

const ADD_ROW: Program = { outputs: ["out"], inputs: ["acc", "row"], scalars: [], steps: [{ store: "out", e: add(load("acc"), load("row")) }] };
const addRowRuns = new WeakMap<object, (out: number, acc: number, row: number, n: number) => void>();

/** Σ over rows of a [rows, N] matrix: row after row added into the output in SIMD (a bias gradient). */
function columnSumKernel(rawArgs: unknown): TensorInfo {
  const args = rawArgs as { inputs: { x: TensorInfo }; backend: WasmBackendLike };
  const backend = args.backend;
  let run = addRowRuns.get(backend);
  if (!run) {
    const memory = backend.wasm.asm?.memory;
    if (!isWasmMemory(memory)) throw new Error("the wasm backend exposes no WebAssembly memory");
    run = new wasmApi.Instance(new wasmApi.Module(compile(ADD_ROW)), { env: { memory } }).exports.run as (out: number, acc: number, row: number, n: number) => void;
    addRowRuns.set(backend, run);
  }
  const { x } = args.inputs;
  const [rows, N] = x.shape as [number, number];
  const out = backend.makeOutput([N], "float32");
  const at = backend.dataIdMap.get(out.dataId)!.memoryOffset;
  const x0 = backend.dataIdMap.get(x.dataId)!.memoryOffset;
  new Uint8Array(backend.wasm.asm!.memory!.buffer).copyWithin(at, x0, x0 + 4 * N);
  for (let r = 1; r < rows; r++) run(at, at, x0 + 4 * r * N, N);
  return out;
}

/** Σ over the rows of a 2-D tensor (tf.sum(x, 0)), one kernel on wasm. */
export function columnSum(x: tfjs.Tensor): tfjs.Tensor {
  if (tfjs.getBackend() === "wasm" && tfjs.getKernel(COLUMN_SUM, "wasm") && x.rank === 2 && x.dtype === "float32" && x.shape[0]! > 0) {
    return tfjs.engine().runKernel(COLUMN_SUM, { x } as never, {} as never) as tfjs.Tensor;
  }
  return tfjs.sum(x, 0);
}

/** dy where y > 0, else 0: the ReLU's backward pass from its output y (differentiable in dy). */
export function reluBackward(dy: tfjs.Tensor, y: tfjs.Tensor): tfjs.Tensor {
  if (tfjs.getBackend() === "wasm" && tfjs.getKernel(RELU_BACKWARD, "wasm") && dy.dtype === "float32" && y.dtype === "float32" && dy.size === y.size) {
    return tfjs.engine().runKernel(RELU_BACKWARD, { dy, y } as never, {} as never) as tfjs.Tensor;
  }
  return tfjs.mul(dy, tfjs.step(y));
}

let installed = false;

/**
 * Registers the ReLU backward kernel on wasm and the gradients of `_FusedMatMul` and of that
 * kernel (idempotent). Returns false when the wasm backend is not loaded (then `fusedMatMul`
 * delegates to tfjs).
 */
export function installFusedDense(): boolean {
  if (!tfjs.getKernel("Add", "wasm")) return false;
  if (installed) return true;
  if (!tfjs.getKernel(RELU_BACKWARD, "wasm")) tfjs.registerKernel({ kernelName: RELU_BACKWARD, backendName: "wasm", kernelFunc: reluBackwardKernel as unknown as tfjs.KernelFunc });
  if (!tfjs.getKernel(COLUMN_SUM, "wasm")) tfjs.registerKernel({ kernelName: COLUMN_SUM, backendName: "wasm", kernelFunc: columnSumKernel as unknown as tfjs.KernelFunc });
  tfjs.registerGradient({
    kernelName: COLUMN_SUM,
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tfjs.Tensor];
      return { x: () => tfjs.broadcastTo(dy as tfjs.Tensor, x.shape) };
    },
  });
  tfjs.registerGradient({
    kernelName: RELU_BACKWARD,
    inputsToSave: ["y"],
    gradFunc: (ddx, saved) => {
      const [y] = saved as [tfjs.Tensor];
      return { dy: () => reluBackward(ddx as tfjs.Tensor, y), y: () => tfjs.zerosLike(y) };
    },
  });
  tfjs.registerGradient({
    kernelName: FUSED_MATMUL,
    inputsToSave: ["a", "b"],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [a, b, y] = saved as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D];
      const { transposeA, transposeB, activation } = attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string };
      const dz = (activation === "relu" ? reluBackward(dy as tfjs.Tensor, y) : dy) as tfjs.Tensor2D;
      return {
        a: () => (transposeA ? tfjs.matMul(b, dz, transposeB, true) : tfjs.matMul(dz, b, false, !transposeB)),
        b: () => (transposeB ? tfjs.matMul(dz, a, true, transposeA) : tfjs.matMul(a, dz, !transposeA, false)),
        bias: () => columnSum(dz),
      };
    },
  });
  installed = true;
  return true;
}

type FusedMatMulArgs = Parameters<typeof tfjs.fused.matMul>[0];

function taped(args: FusedMatMulArgs): boolean {
  const { a, b, bias, activation = "linear", preluActivationWeights } = args;
  if (!installed || tfjs.getBackend() !== "wasm") return false;
  if ((tfjs.engine().state as unknown as { gradientDepth: number }).gradientDepth === 0) return false; // tfjs fuses then
  if (!(a instanceof tfjs.Tensor && b instanceof tfjs.Tensor) || a.rank !== 2 || b.rank !== 2 || a.dtype !== "float32" || b.dtype !== "float32") return false;
  if ((activation !== "linear" && activation !== "relu") || preluActivationWeights !== undefined) return false;
  if (bias === undefined) return true;
  const N = args.transposeB ? b.shape[0] : b.shape[1];
  return bias instanceof tfjs.Tensor && bias.rank === 1 && bias.dtype === "float32" && bias.shape[0] === N;
}

/**
 * `tf.fused.matMul` with the product, bias and activation kept in one kernel under gradient
 * tapes (see the module comment for when; otherwise it is tfjs's own).
 */
export function fusedMatMul(args: FusedMatMulArgs): tfjs.Tensor {
  if (!taped(args)) return tfjs.fused.matMul(args);
  const { a, b, bias, transposeA = false, transposeB = false, activation = "linear" } = args;
  const inputs = bias === undefined ? { a, b } : { a, b, bias };
  return tfjs.engine().runKernel(FUSED_MATMUL, inputs as never, { transposeA, transposeB, activation } as never) as tfjs.Tensor;
}
