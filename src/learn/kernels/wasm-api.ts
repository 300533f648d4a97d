/**
 * The few WebAssembly JS-API members the kernels use, typed here because the project compiles
 * without the DOM library (where TypeScript declares them).
 */

/** A WebAssembly memory, as far as the kernels read it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
}

/** The global WebAssembly namespace. */
export const wasmApi: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** True for a WebAssembly.Memory instance. */
export function isWasmMemory(x: unknown): x is WasmMemory {
  return x instanceof (wasmApi.Memory as unknown as new () => object);
}
