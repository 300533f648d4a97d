/**
 * Faster matrix products and copies on the wasm backend.
 *
 * tfjs-backend-wasm 4.22 hands `matMul(a, b, transposeA, transposeB)` to XNNPACK only when
 * neither operand is transposed; otherwise it runs a scalar loop that measured 13–16× slower
 * (64×784 by 784×256: 1.0 ms plain, 13.6 ms with transposeB, 16.0 ms with transposeA), and
 * backward passes of dense layers ask for exactly those products (dX = dY·Wᵀ, dW = Xᵀ·dY). Even
 * the plain path repacks the weights on every call, because they change every step.
 *
 * This module re-registers, for wasm only:
 * - `BatchMatMul` and `_FusedMatMul` (bias of one value per column, linear or ReLU) on a GEMM
 *   that works in place on the backend's memory: OpenBLAS through koffi when it loads
 *   (gemm-openblas.ts; 4–8× faster on the MLP's shapes), else Cajal's own WebAssembly SIMD GEMM
 *   (gemm-wasm.ts), which reads a transposed A through strides and gets a transposed B
 *   materialised by the backend's Transpose kernel. `gemmChoice()` says which runs. Other cases (other fused activations, PReLU weights, integer
 *   tensors, incompatible batch shapes) go to the original kernel, with any transposed operand
 *   materialised first.
 * - `Identity`, which tfjs calls to save every operand a gradient needs: the original copies the
 *   data (0.6 ms per MLP step for the weights alone); this one shares it by reference count, as
 *   the cpu backend and the wasm backend's own Reshape do. tfjs never writes into a tensor's data.
 */
import { tf } from "../tf.js";
import { type GemmFunction, createWasmGemm } from "./gemm-wasm.js";
import { type NativeGemm, loadOpenBlas } from "./gemm-openblas.js";
import { type Program, compile, load, wherePositive } from "./elementwise-wasm.js";
import { type WasmMemory, isWasmMemory, wasmApi } from "./wasm-api.js";

type KernelFunc = tf.KernelFunc;
interface TensorInfo { dataId: object; shape: number[]; dtype: tf.DataType }
interface WasmBackendLike {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  disposeData(dataId: object): void;
  incRef(dataId: object): void;
  wasm: { asm?: { memory?: WasmMemory } };
}
interface KernelArgs { inputs: Record<string, TensorInfo | undefined>; backend: unknown; attrs: Record<string, unknown> }

const MARK = "__cajalKernel";
const marked = (f: KernelFunc): KernelFunc => Object.assign(f, { [MARK]: true });
const isMarked = (f: KernelFunc) => Boolean((f as unknown as Record<string, unknown>)[MARK]);

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The original kernel, with transposed operands materialised first (its transposed path is slow). */
function transposeFirst(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  return (rawArgs) => {
    const args = rawArgs as unknown as KernelArgs;
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(rawArgs);
    const inputs = { ...args.inputs };
    const temporaries: TensorInfo[] = [];
    for (const [key, flag] of [["a", "transposeA"], ["b", "transposeB"]] as const) {
      const operand = inputs[key];
      if (!attrs[flag] || operand === undefined) continue;
      const t = transpose({ inputs: { x: operand } as never, backend: args.backend as never, attrs: { perm: swapLastTwo(operand.shape.length) } as never }) as TensorInfo;
      inputs[key] = t;
      temporaries.push(t);
    }
    const out = original({ inputs: inputs as never, backend: args.backend as never, attrs: { ...args.attrs, transposeA: false, transposeB: false } as never });
    for (const t of temporaries) (args.backend as WasmBackendLike).disposeData(t.dataId);
    return out;
  };
}

/**
 * A GEMM on byte offsets into the backend's memory, all matrices row-major and contiguous:
 * C[M×N] = op(A)·op(B), op(A) = A [M×K] or, with transA, Aᵀ of A stored [K×M]; likewise B.
 */
interface GemmProvider {
  /** Which implementation runs ("openblas … via koffi" or "wasm-simd"). */
  readonly name: string;
  /** Whether `run` accepts transB; otherwise the caller materialises Bᵀ first. */
  readonly transposesB: boolean;
  /** Whether `run` can add the product to C's current contents (accumulate). */
  readonly accumulates: boolean;
  run(aOff: number, bOff: number, cOff: number, M: number, N: number, K: number, transA: boolean, transB: boolean, accumulate?: boolean): void;
  /** The GEMM for products below NATIVE_MIN_MACS multiply-adds, when it is another one. */
  readonly small?: GemmProvider;
}

/**
 * Products of fewer multiply-adds than this stay on the portable wasm kernel even when OpenBLAS
 * is loaded. OpenBLAS saves only 2–15 µs on such products (measured: 48×32×32 5.4 vs 8.1 µs,
 * 64×64×64 8 vs 21 µs per tfjs call), and keeping them portable makes small models (most
 * notebooks') compute bit for bit the same on every machine, with or without OpenBLAS and
 * whichever kernels OpenBLAS picks. Every product of the MNIST MLP (≥ 64·256·10) is above it.
 */
export const NATIVE_MIN_MACS = 1 << 17;

function wasmSimdProvider(gemm: GemmFunction): GemmProvider {
  return {
    name: "wasm-simd",
    transposesB: false,
    accumulates: false,
    run(aOff, bOff, cOff, M, N, K, transA) {
      // A[i, k] at a + i·sai + k·sak: a transposed A is the same matrix read with swapped strides.
      gemm(aOff, bOff, cOff, M, N, K, transA ? 4 : 4 * K, transA ? 4 * M : 4, 4 * N, 4 * N);
    },
  };
}

function nativeProvider(native: NativeGemm, memory: WasmMemory): GemmProvider {
  let buffer: ArrayBuffer | undefined;
  let base = 0;
  return {
    name: native.description,
    transposesB: true,
    accumulates: true,
    run(aOff, bOff, cOff, M, N, K, transA, transB, accumulate = false) {
      // A grown memory gets a new buffer, possibly elsewhere: re-read the base address then.
      if (memory.buffer !== buffer) {
        buffer = memory.buffer;
        base = native.addressOf(buffer);
      }
      native.sgemm(transA, transB, M, N, K, 1, base + aOff, transA ? M : K, base + bOff, transB ? K : N, accumulate ? 1 : 0, base + cOff, N);
    },
  };
}

const RELU: Program = { outputs: ["y"], inputs: ["x"], scalars: [], steps: [{ store: "y", e: wherePositive(load("x"), load("x")) }] };
const reluRuns = new WeakMap<object, (y: number, x: number, n: number) => void>();

/** max(x, 0) over n floats at byte offset `at`, in place, in WebAssembly SIMD. */
function reluInPlace(backend: WasmBackendLike, at: number, n: number): void {
  let run = reluRuns.get(backend);
  if (!run) {
    const memory = backend.wasm.asm!.memory!;
    run = new wasmApi.Instance(new wasmApi.Module(compile(RELU)), { env: { memory } }).exports.run as (y: number, x: number, n: number) => void;
    reluRuns.set(backend, run);
  }
  run(at, at, n);
}

function gemmKernel(gemmFor: (backend: WasmBackendLike) => GemmProvider | undefined, fallback: KernelFunc, transpose: KernelFunc): KernelFunc {
  return (rawArgs) => {
    const args = rawArgs as unknown as KernelArgs;
    const backend = args.backend as WasmBackendLike;
    const { a, b, bias, preluActivationWeights } = args.inputs;
    const transposeA = Boolean(args.attrs.transposeA);
    const transposeB = Boolean(args.attrs.transposeB);
    const activation = args.attrs.activation as string | undefined;
    const provider = gemmFor(backend);
    if (!provider || !a || !b || a.dtype !== "float32" || b.dtype !== "float32" || preluActivationWeights
      || (activation !== undefined && activation !== "linear" && activation !== "relu")) return fallback(rawArgs);
    const aRank = a.shape.length;
    const bRank = b.shape.length;
    const M = transposeA ? a.shape[aRank - 1]! : a.shape[aRank - 2]!;
    const K = transposeA ? a.shape[aRank - 2]! : a.shape[aRank - 1]!;
    const kB = transposeB ? b.shape[bRank - 1]! : b.shape[bRank - 2]!;
    const N = transposeB ? b.shape[bRank - 2]! : b.shape[bRank - 1]!;
    if (K !== kB || M === 0 || N === 0 || K === 0) return fallback(rawArgs); // the original reports shape errors
    const batchA = sizeOf(a.shape.slice(0, -2));
    const batchB = sizeOf(b.shape.slice(0, -2));
    const outer = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const batch = sizeOf(outer);
    if (!((batchA === batch || batchA === 1) && (batchB === batch || batchB === 1))) return fallback(rawArgs);
    if (bias && !(bias.dtype === "float32" && bias.shape[bias.shape.length - 1] === N && sizeOf(bias.shape) === N)) return fallback(rawArgs);

    const gemm = M * N * K < NATIVE_MIN_MACS && provider.small ? provider.small : provider;
    const materialiseB = transposeB && !gemm.transposesB;
    let bOperand = b;
    if (materialiseB) {
      bOperand = transpose({ inputs: { x: b } as never, backend: backend as never, attrs: { perm: swapLastTwo(bRank) } as never }) as TensorInfo;
    }
    const out = backend.makeOutput([...outer, M, N], "float32");
    const offset = (t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
    const aOff = offset(a);
    const bOff = offset(bOperand);
    const cOff = offset(out);
    const rows = batch * M;
    // A bias is written into C first and the product added to it, where the GEMM can accumulate.
    const biasFirst = bias !== undefined && gemm.accumulates;
    if (biasFirst) {
      const heap = new Uint8Array(backend.wasm.asm!.memory!.buffer);
      const b0 = offset(bias);
      for (let r = 0; r < rows; r++) heap.copyWithin(cOff + r * N * 4, b0, b0 + N * 4);
    }
    for (let t = 0; t < batch; t++) {
      gemm.run(aOff + (batchA > 1 ? t * M * K * 4 : 0), bOff + (batchB > 1 ? t * K * N * 4 : 0), cOff + t * M * N * 4, M, N, K, transposeA, transposeB && !materialiseB, biasFirst);
    }
    if (bias && !biasFirst) {
      const heap = new Float32Array(backend.wasm.asm!.memory!.buffer);
      const c0 = cOff >> 2;
      const b0 = offset(bias) >> 2;
      for (let r = 0; r < rows; r++) {
        const row = c0 + r * N;
        for (let j = 0; j < N; j++) heap[row + j] = heap[row + j]! + heap[b0 + j]!;
      }
    }
    if (activation === "relu") reluInPlace(backend, cOff, rows * N);
    if (materialiseB) backend.disposeData(bOperand.dataId);
    return out;
  };
}

function sharedIdentity(original: KernelFunc): KernelFunc {
  return (rawArgs) => {
    const args = rawArgs as unknown as KernelArgs;
    const x = args.inputs.x;
    if (!x || x.dtype === "string") return original(rawArgs);
    (args.backend as WasmBackendLike).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype } as never;
  };
}

/** Which GEMM serves the products: OpenBLAS when it loads ("auto"), or one of the two by name. */
export type GemmPreference = "auto" | "openblas" | "wasm-simd";

/** The GEMM the kernels use, and why. */
export interface GemmChoice {
  /** "openblas 0.3.21 (SkylakeX kernels, 1 thread) via koffi", or "wasm-simd". */
  readonly name: string;
  /** Why this one (for wasm-simd: why OpenBLAS is not used). */
  readonly reason: string;
}

let preference: GemmPreference = "auto";
const providers = new WeakMap<object, Map<GemmPreference, { provider?: GemmProvider; reason: string }>>();

function resolve(backend: WasmBackendLike): { provider?: GemmProvider; reason: string } {
  let byPreference = providers.get(backend);
  if (!byPreference) providers.set(backend, (byPreference = new Map()));
  let found = byPreference.get(preference);
  if (!found) {
    const memory = backend.wasm.asm?.memory;
    if (!isWasmMemory(memory)) {
      found = { reason: "the wasm backend exposes no WebAssembly memory" };
    } else if (preference === "wasm-simd") {
      found = { provider: wasmSimdProvider(createWasmGemm(memory)), reason: "wasm-simd was asked for." };
    } else {
      const native = loadOpenBlas();
      if (native.ok) {
        found = {
          provider: { ...nativeProvider(native.gemm, memory), small: wasmSimdProvider(createWasmGemm(memory)) },
          reason: `OpenBLAS loaded through koffi (products under ${NATIVE_MIN_MACS} multiply-adds stay on wasm-simd).`,
        };
      } else if (preference === "openblas") {
        throw new Error(`the OpenBLAS GEMM was asked for but is not available: ${native.reason}`);
      } else {
        found = { provider: wasmSimdProvider(createWasmGemm(memory)), reason: `portable fallback: ${native.reason}.` };
      }
    }
    byPreference.set(preference, found);
  }
  return found;
}

/**
 * Chooses the GEMM behind the kernels from now on (process-wide; default "auto"). "openblas"
 * throws when OpenBLAS cannot be loaded. Returns the choice on the current backend when it is
 * wasm with the kernels installed, else undefined.
 */
export function setGemmPreference(next: GemmPreference): GemmChoice | undefined {
  preference = next;
  return gemmChoice();
}

/** The GEMM the kernels use on the current backend (undefined unless it is wasm with Cajal's kernels). */
export function gemmChoice(): GemmChoice | undefined {
  if (tf.getBackend() !== "wasm" || !wasmMatMulInstalled()) return undefined;
  const found = resolve(tf.backend() as unknown as WasmBackendLike);
  return found.provider ? { name: found.provider.name, reason: found.reason } : undefined;
}

/**
 * Registers the wasm kernels above (idempotent). Returns false when the wasm kernels are not
 * registered (the backend package was not loaded).
 */
export function installWasmMatMul(): boolean {
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!transpose) return false;
  const gemmFor = (backend: WasmBackendLike): GemmProvider | undefined => resolve(backend).provider;
  for (const name of ["BatchMatMul", "_FusedMatMul"]) {
    const config = tf.getKernel(name, "wasm");
    if (!config) return false;
    if (isMarked(config.kernelFunc)) continue;
    const fallback = transposeFirst(config.kernelFunc, transpose.kernelFunc);
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ ...config, kernelFunc: marked(gemmKernel(gemmFor, fallback, transpose.kernelFunc)) });
  }
  const identity = tf.getKernel("Identity", "wasm");
  if (identity && !isMarked(identity.kernelFunc)) {
    tf.unregisterKernel("Identity", "wasm");
    tf.registerKernel({ ...identity, kernelFunc: marked(sharedIdentity(identity.kernelFunc)) });
  }
  return true;
}

/** Whether Cajal's wasm kernels are registered. */
export function wasmMatMulInstalled(): boolean {
  const config = tf.getKernel("BatchMatMul", "wasm");
  return Boolean(config && isMarked(config.kernelFunc));
}
