/**
 * A float32 GEMM in WebAssembly SIMD, assembled here byte by byte (no toolchain, no download)
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

// ---- a minimal WebAssembly assembler ----------------------------------------------------------

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a], sub: [0x6b], mul: [0x6c], ltS: [0x48], eqz: [0x45],
  block: [0x02, 0x40], loop: [0x03, 0x40], end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  f32Load: (offset = 0) => [0x2a, 0, ...uleb(offset)],
  f32Store: (offset = 0) => [0x38, 0, ...uleb(offset)],
  f32Add: [0x92], f32Mul: [0x94], f32Zero: [0x43, 0, 0, 0, 0],
  v128Load: (offset = 0) => [0xfd, 0x00, 0, ...uleb(offset)],
  v128Splat32: (offset = 0) => [0xfd, 0x09, 0, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, 0x0b, 0, ...uleb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
};

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
const F32 = 0x7d;

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
  const fnType = [0x60, ...vec(new Array(10).fill([I32])), 0x00];
  const locals = vec([[...uleb(I32_LOCALS), I32], [...uleb(V128_LOCALS), V128], [1, F32]]);
  const body = [...locals, ...gemmBody(), 0x0b];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([fnType])),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 0x00]])),
    ...section(3, vec([[0x00]])),
    ...section(7, vec([[...name("gemm"), 0x00, 0x00]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
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
