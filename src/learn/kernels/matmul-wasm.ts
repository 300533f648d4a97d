/**
 * Matrix products on the wasm backend without its slow transposed path.
 *
 * tfjs-backend-wasm 4.22 hands `matMul(a, b, transposeA, transposeB)` to XNNPACK only when
 * neither operand is transposed; otherwise it runs a scalar loop that measured 13–16× slower
 * (64×784 by 784×256: 1.0 ms plain, 13.6 ms with transposeB, 16.0 ms with transposeA). Backward
 * passes of dense layers ask for exactly those products (dX = dY·Wᵀ, dW = Xᵀ·dY), so this module
 * re-registers `BatchMatMul` and `_FusedMatMul` for wasm: a transposed operand is first
 * materialised with the backend's own Transpose kernel (cheap, memory-bound), then the fast
 * plain product runs. Results are identical up to float32 summation order.
 */
import { tf } from "../tf.js";

type KernelFunc = tf.KernelFunc;
interface TensorInfo { dataId: object; shape: number[]; dtype: string }
interface DisposingBackend { disposeData(dataId: object): void }

const WRAPPED = "__cajalTransposeFirst";
const KERNELS = ["BatchMatMul", "_FusedMatMul"] as const;

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function transposeFirst(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  const wrapped: KernelFunc = (args) => {
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean } & Record<string, unknown>;
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const inputs = { ...(args.inputs as Record<string, TensorInfo>) };
    const temporaries: TensorInfo[] = [];
    for (const [key, flag] of [["a", "transposeA"], ["b", "transposeB"]] as const) {
      const operand = inputs[key];
      if (!attrs[flag] || operand === undefined) continue;
      const t = transpose({ inputs: { x: operand } as never, backend: args.backend, attrs: { perm: swapLastTwo(operand.shape.length) } as never }) as TensorInfo;
      inputs[key] = t;
      temporaries.push(t);
    }
    const out = original({ inputs: inputs as never, backend: args.backend, attrs: { ...attrs, transposeA: false, transposeB: false } as never });
    for (const t of temporaries) (args.backend as unknown as DisposingBackend).disposeData(t.dataId);
    return out;
  };
  (wrapped as unknown as Record<string, boolean>)[WRAPPED] = true;
  return wrapped;
}

/**
 * Registers the transpose-first matrix products for the wasm backend (idempotent). Returns false
 * when the wasm kernels are not registered (the backend package was not loaded).
 */
export function installWasmMatMul(): boolean {
  const transpose = tf.getKernel("Transpose", "wasm");
  if (!transpose) return false;
  for (const name of KERNELS) {
    const config = tf.getKernel(name, "wasm");
    if (!config) return false;
    if ((config.kernelFunc as unknown as Record<string, boolean>)[WRAPPED]) continue;
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ ...config, kernelFunc: transposeFirst(config.kernelFunc, transpose.kernelFunc) });
  }
  return true;
}

/** Whether the transpose-first products are registered for wasm. */
export function wasmMatMulInstalled(): boolean {
  const config = tf.getKernel("BatchMatMul", "wasm");
  return Boolean(config && (config.kernelFunc as unknown as Record<string, boolean>)[WRAPPED]);
}
