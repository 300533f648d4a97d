/**
 * Float32 matrix products for the continual-learning loops, run by Cajal's WebAssembly SIMD GEMM
 * (`kernels/gemm-wasm.ts`) on a private wasm memory: operands are copied in, the product runs at
 * SIMD speed, the result is copied out. Copies cost O(MK + KN + MN) against O(MNK) for the product,
 * so they pay for themselves on every shape these networks use.
 */
import { type GemmFunction, createWasmGemm } from "../kernels/gemm-wasm.js";
import { type WasmMemory, wasmApi } from "../kernels/wasm-api.js";

const PAGE_BYTES = 65536;
let memory: WasmMemory | null = null;
let gemm: GemmFunction | null = null;
let view = new Float32Array(0);

function ensure(floats: number): Float32Array {
  if (view.length < floats) {
    const pages = Math.ceil((floats * 4 * 1.25) / PAGE_BYTES) + 1;
    memory = new wasmApi.Memory({ initial: pages });
    gemm = createWasmGemm(memory);
    view = new Float32Array(memory.buffer);
  }
  return view;
}

/**
 * C[M×N] = op(A)·op(B), every matrix row-major: op(A) = A stored [M×K], or Aᵀ of A stored [K×M]
 * when `transA`; op(B) = B stored [K×N], or Bᵀ of B stored [N×K] when `transB`. With `accumulate`
 * the product is added to C instead of overwriting it. Offsets are in elements.
 */
export function matmul(
  a: Float32Array, b: Float32Array, c: Float32Array, M: number, N: number, K: number,
  options: { readonly transA?: boolean; readonly transB?: boolean; readonly accumulate?: boolean; readonly aOffset?: number; readonly bOffset?: number; readonly cOffset?: number } = {},
): void {
  if (M === 0 || N === 0) return;
  const aOff = options.aOffset ?? 0, bOff = options.bOffset ?? 0, cOff = options.cOffset ?? 0;
  if (K === 0) {
    if (!options.accumulate) c.fill(0, cOff, cOff + M * N);
    return;
  }
  const mem = ensure(M * K + K * N + M * N);
  const pa = 0, pb = M * K, pc = M * K + K * N;
  mem.set(a.subarray(aOff, aOff + M * K), pa);
  if (options.transB) {
    // The kernel reads B row-major only: materialise Bᵀ (N·K copies, small against M·N·K products).
    for (let n = 0; n < N; n++) {
      const src = bOff + n * K;
      for (let k = 0; k < K; k++) mem[pb + k * N + n] = b[src + k]!;
    }
  } else {
    mem.set(b.subarray(bOff, bOff + K * N), pb);
  }
  const sai = options.transA ? 4 : K * 4;
  const sak = options.transA ? M * 4 : 4;
  gemm!(pa * 4, pb * 4, pc * 4, M, N, K, sai, sak, N * 4, N * 4);
  if (options.accumulate) {
    for (let i = 0; i < M * N; i++) c[cOff + i]! += mem[pc + i]!;
  } else {
    c.set(mem.subarray(pc, pc + M * N), cOff);
  }
}
