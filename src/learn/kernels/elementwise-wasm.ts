/**
 * Elementwise float32 kernels in WebAssembly SIMD, written as small programs of expressions and
 * compiled to one function: a SIMD loop over 4 floats at a time, then a scalar loop for the
 * remaining 0–3. Used by the fused optimiser updates (update-wasm.ts) and the ReLU backward
 * pass (fused-dense.ts). The arithmetic is IEEE float32 without fused multiply-adds, operation
 * by operation as written, so it matches tfjs's op-by-op results bit for bit.
 */
import { F32, I32, V128, moduleWithOneFunction, op } from "./wasm-assembler.js";

/** An elementwise float32 expression over input arrays, scalar parameters and earlier results. */
export type Expr =
  | { readonly load: string }
  | { readonly scalar: string }
  | { readonly temp: string }
  | { readonly op: "add" | "sub" | "mul" | "div"; readonly a: Expr; readonly b: Expr }
  | { readonly op: "sqrt"; readonly a: Expr }
  | { readonly op: "wherePositive"; readonly a: Expr; readonly b: Expr };

/** A kernel program: `let` names a result, `store` writes an output array. */
export interface Program {
  readonly outputs: readonly string[];
  readonly inputs: readonly string[];
  readonly scalars: readonly string[];
  readonly steps: ReadonlyArray<{ readonly let: string; readonly e: Expr } | { readonly store: string; readonly e: Expr }>;
}

export const load = (name: string): Expr => ({ load: name });
export const s = (name: string): Expr => ({ scalar: name });
export const t = (name: string): Expr => ({ temp: name });
export const add = (a: Expr, b: Expr): Expr => ({ op: "add", a, b });
export const sub = (a: Expr, b: Expr): Expr => ({ op: "sub", a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ op: "mul", a, b });
export const div = (a: Expr, b: Expr): Expr => ({ op: "div", a, b });
export const sqrt = (a: Expr): Expr => ({ op: "sqrt", a });
/** a where b > 0, else 0 (the ReLU backward pass: b is the ReLU's output). */
export const wherePositive = (a: Expr, b: Expr): Expr => ({ op: "wherePositive", a, b });

/**
 * Compiles a program to a module exporting `run(outputs…, inputs…, n, scalars…)`: pointers are
 * byte offsets into the imported memory, n the element count.
 */
export function compile(program: Program): Uint8Array {
  const pointers = [...program.outputs, ...program.inputs];
  const index = new Map<string, number>(pointers.map((p, i) => [p, i]));
  const N = pointers.length;
  const scalarIndex = new Map(program.scalars.map((name, i) => [name, N + 1 + i]));
  const params = [...pointers.map(() => I32), I32, ...program.scalars.map(() => F32)];
  // Locals after the parameters: i32 byte index and byte end; v128 splats and temps; f32 temps.
  const firstLocal = params.length;
  const I = firstLocal;
  const END = firstLocal + 1;
  const temps = [...new Set(program.steps.flatMap((st) => ("let" in st ? [st.let] : [])))];
  const splatBase = firstLocal + 2;
  const vTempBase = splatBase + program.scalars.length;
  const fTempBase = vTempBase + temps.length;
  const code: number[] = [];
  const emit = (...xs: number[][]) => { for (const x of xs) code.push(...x); };

  const expr = (e: Expr, simd: boolean): void => {
    if ("load" in e) {
      emit(op.get(index.get(e.load)!), op.get(I), op.add, simd ? op.v128Load(0) : op.f32Load(0));
    } else if ("scalar" in e) {
      const k = program.scalars.indexOf(e.scalar);
      emit(simd ? op.get(splatBase + k) : op.get(scalarIndex.get(e.scalar)!));
    } else if ("temp" in e) {
      emit(op.get((simd ? vTempBase : fTempBase) + temps.indexOf(e.temp)));
    } else if (e.op === "sqrt") {
      expr(e.a, simd);
      emit(simd ? op.f32x4Sqrt : op.f32Sqrt);
    } else if (e.op === "wherePositive") {
      // SIMD: a & (b > 0 lane mask); scalar: select(a, 0, b > 0).
      expr(e.a, simd);
      if (simd) {
        expr(e.b, simd);
        emit(op.v128Zero, op.f32x4Gt, op.v128And);
      } else {
        emit(op.f32Zero);
        expr(e.b, simd);
        emit(op.f32Zero, op.f32Gt, op.select);
      }
    } else {
      expr(e.a, simd);
      expr(e.b, simd);
      const table = simd
        ? { add: op.f32x4Add, sub: op.f32x4Sub, mul: op.f32x4Mul, div: op.f32x4Div }
        : { add: op.f32Add, sub: op.f32Sub, mul: op.f32Mul, div: op.f32Div };
      emit(table[e.op]);
    }
  };
  const body = (simd: boolean) => {
    for (const st of program.steps) {
      if ("let" in st) {
        expr(st.e, simd);
        emit(op.set((simd ? vTempBase : fTempBase) + temps.indexOf(st.let)));
      } else {
        emit(op.get(index.get(st.store)!), op.get(I), op.add);
        expr(st.e, simd);
        emit(simd ? op.v128Store(0) : op.f32Store(0));
      }
    }
  };

  program.scalars.forEach((name, k) => emit(op.get(scalarIndex.get(name)!), op.f32x4Splat, op.set(splatBase + k)));
  emit(op.get(N), op.i32(4), op.mul, op.set(END));
  emit(op.i32(0), op.set(I));
  // SIMD loop: while (END − I ≥ 16)
  emit(op.block, op.loop);
  emit(op.get(END), op.get(I), op.sub, op.i32(16), op.ltS, op.brIf(1));
  body(true);
  emit(op.get(I), op.i32(16), op.add, op.set(I));
  emit(op.br(0), op.end, op.end);
  // scalar tail: while (I < END)
  emit(op.block, op.loop);
  emit(op.get(I), op.get(END), op.ltS, op.eqz, op.brIf(1));
  body(false);
  emit(op.get(I), op.i32(4), op.add, op.set(I));
  emit(op.br(0), op.end, op.end);

  return moduleWithOneFunction("run", params, [[2, I32], [program.scalars.length + temps.length, V128], [Math.max(temps.length, 1), F32]], code);
}

