/**
 * A float32 GEMM in WebAssembly SIMD, assembled byte by byte (wasm-assembler.ts; no toolchain, no download)
 * and run directly on the tfjs wasm backend's memory, so tensors are never copied.
 *
 * C[M×N] = A[M×K]·B[K×N]. B and C are row-major with byte strides `ldb`, `ldc`; A is addressed
 * as A[i, k] = a + i·sai + k·sak (bytes), so a transposed A costs nothing. The main micro-kernel
 * keeps a 4×8 tile of C in eight 128-bit accumulators: per k it loads two vectors of B, splats
 * four values of A and does 8 multiplies and 8 adds (64 flops). Leftover rows use a 1×8
 * kernel, leftover columns a scalar dot product. Accumulation order over k is sequential, like a
 * textbook loop; results differ from XNNPACK's only by float32 rounding.
 */

import { type WasmMemory, wasmApi } from "./wasm-api.js";
import { F32, I32, V128, moduleWithOneFunction, op } from "./wasm-assembler.js";

// Parameters of the exported function gemm(a, b, c, M, N, K, sai, sak, ldb, ldc).
const P = { a: 0, b: 1, c: 2, M: 3, N: 4, K: 5, sai: 6, sak: 7, ldb: 8, ldc: 9 };
// i32 locals.
const L = { i: 10, j: 11, k: 12, pa0: 13, pa1: 14, pa2: 15, pa3: 16, pb: 17, pc: 18, rows: 19 };
const I32_LOCALS = 10;
// v128 locals: 8 accumulators, two B vectors, one splat.
const ACC = 20;
const BV0 = 28;
const BV1 = 29;
const AV = 30;
const V128_LOCALS = 11;
// one f32 local: the running sum of the scalar path (operand-stack values cannot enter a loop)
const SUM = 31;

/** Emits an R×8 tile loop over j for the rows starting at `i` (R = 4 or 1). */
function tileRows(R: 4 | 1): number[] {
  const code: number[] = [];
  const emit = (...xs: number[][]) => { for (const x of xs) code.push(...x); };
  emit(op.i32(0), op.set(L.j));
  emit(op.block, op.loop);
  // while (N − j ≥ 8)
  emit(op.get(P.N), op.get(L.j), op.sub, op.i32(8), op.ltS, op.brIf(1));
  for (let r = 0; r < 2 * R; r++) emit(op.v128Zero, op.set(ACC + r));
  // pa_r = a + (i + r)·sai
  for (let r = 0; r < R; r++) {
    emit(op.get(P.a), op.get(L.i), op.i32(r), op.add, op.get(P.sai), op.mul, op.add, op.set(L.pa0 + r));
  }
  emit(op.get(P.b), op.get(L.j), op.i32(4), op.mul, op.add, op.set(L.pb));
  emit(op.get(P.K), op.set(L.k));
  emit(op.block, op.loop);
  emit(op.get(L.k), op.eqz, op.brIf(1));
  emit(op.get(L.pb), op.v128Load(0), op.set(BV0));
  emit(op.get(L.pb), op.v128Load(16), op.set(BV1));
  for (let r = 0; r < R; r++) {
    emit(op.get(L.pa0 + r), op.v128Splat32(0), op.set(AV));
    emit(op.get(ACC + 2 * r), op.get(AV), op.get(BV0), op.f32x4Mul, op.f32x4Add, op.set(ACC + 2 * r));
    emit(op.get(ACC + 2 * r + 1), op.get(AV), op.get(BV1), op.f32x4Mul, op.f32x4Add, op.set(ACC + 2 * r + 1));
    emit(op.get(L.pa0 + r), op.get(P.sak), op.add, op.set(L.pa0 + r));
  }
  emit(op.get(L.pb), op.get(P.ldb), op.add, op.set(L.pb));
  emit(op.get(L.k), op.i32(1), op.sub, op.set(L.k));
  emit(op.br(0), op.end, op.end);
  // store the tile: pc = c + i·ldc + j·4, then one row per ldc
  emit(op.get(P.c), op.get(L.i), op.get(P.ldc), op.mul, op.add, op.get(L.j), op.i32(4), op.mul, op.add, op.set(L.pc));
  for (let r = 0; r < R; r++) {
    emit(op.get(L.pc), op.get(ACC + 2 * r), op.v128Store(0));
    emit(op.get(L.pc), op.get(ACC + 2 * r + 1), op.v128Store(16));
    if (r < R - 1) emit(op.get(L.pc), op.get(P.ldc), op.add, op.set(L.pc));
  }
  emit(op.get(L.j), op.i32(8), op.add, op.set(L.j));
  emit(op.br(0), op.end, op.end);
  // leftover columns j … N−1 of these R rows: scalar dot products
  emit(op.i32(0), op.set(L.rows));
  emit(op.block, op.loop);
  emit(op.get(L.rows), op.i32(R), op.sub, op.eqz, op.brIf(1));
  emit(scalarColumns());
  emit(op.get(L.rows), op.i32(1), op.add, op.set(L.rows));
  emit(op.br(0), op.end, op.end);
  return code;
}

/**
 * For row i + rows: C[row, col] = Σ_k A[row, k]·B[k, col] for col = j … N−1, scalar. The store
 * address is pushed before the sum because wasm's store takes the address first; pa1 serves as
 * the column counter.
 */
function scalarColumns(): number[] {
  const code: number[] = [];
  const emit = (...xs: number[][]) => { for (const x of xs) code.push(...x); };
  emit(op.get(L.j), op.set(L.pa1));
  emit(op.block, op.loop);
  emit(op.get(L.pa1), op.get(P.N), op.ltS, op.eqz, op.brIf(1));
  emit(op.get(P.a), op.get(L.i), op.get(L.rows), op.add, op.get(P.sai), op.mul, op.add, op.set(L.pa0));
  emit(op.get(P.b), op.get(L.pa1), op.i32(4), op.mul, op.add, op.set(L.pb));
  emit(op.get(P.K), op.set(L.k));
  // address of C[i + rows, col]
  emit(op.get(P.c), op.get(L.i), op.get(L.rows), op.add, op.get(P.ldc), op.mul, op.add, op.get(L.pa1), op.i32(4), op.mul, op.add);
  emit(op.f32Zero, op.set(SUM));
  emit(op.block, op.loop);
  emit(op.get(L.k), op.eqz, op.brIf(1));
  emit(op.get(SUM), op.get(L.pa0), op.f32Load(0), op.get(L.pb), op.f32Load(0), op.f32Mul, op.f32Add, op.set(SUM));
  emit(op.get(L.pa0), op.get(P.sak), op.add, op.set(L.pa0));
  emit(op.get(L.pb), op.get(P.ldb), op.add, op.set(L.pb));
  emit(op.get(L.k), op.i32(1), op.sub, op.set(L.k));
  emit(op.br(0), op.end, op.end);
  emit(op.get(SUM), op.f32Store(0));
  emit(op.get(L.pa1), op.i32(1), op.add, op.set(L.pa1));
  emit(op.br(0), op.end, op.end);
  return code;
}

function gemmBody(): number[] {
  const code: number[] = [];
  const emit = (...xs: number[][]) => { for (const x of xs) code.push(...x); };
  emit(op.i32(0), op.set(L.i));
  // rows in blocks of 4
  emit(op.block, op.loop);
  emit(op.get(P.M), op.get(L.i), op.sub, op.i32(4), op.ltS, op.brIf(1));
  emit(tileRows(4));
  emit(op.get(L.i), op.i32(4), op.add, op.set(L.i));
  emit(op.br(0), op.end, op.end);
  // leftover rows one by one
  emit(op.block, op.loop);
  emit(op.get(L.i), op.get(P.M), op.ltS, op.eqz, op.brIf(1));
  emit(tileRows(1));
  emit(op.get(L.i), op.i32(1), op.add, op.set(L.i));
  emit(op.br(0), op.end, op.end);
  return code;
}

function buildModule(): Uint8Array {
  return moduleWithOneFunction("gemm", new Array<number>(10).fill(I32), [[I32_LOCALS, I32], [V128_LOCALS, V128], [1, F32]], gemmBody());
}

/** gemm(a, b, c, M, N, K, sai, sak, ldb, ldc): byte addresses and byte strides into `memory`. */
export type GemmFunction = (a: number, b: number, c: number, M: number, N: number, K: number, sai: number, sak: number, ldb: number, ldc: number) => void;

/** Instantiates the GEMM on `memory` (synchronously; the module is a few hundred bytes). */
export function createWasmGemm(memory: WasmMemory): GemmFunction {
  const module = new wasmApi.Module(buildModule());
  const instance = new wasmApi.Instance(module, { env: { memory } });
  return instance.exports.gemm as GemmFunction;
}

/** The module's bytes (exposed for tests that validate it). */
export function wasmGemmBytes(): Uint8Array {
  return buildModule();
}
