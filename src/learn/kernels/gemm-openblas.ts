/**
 * OpenBLAS's `cblas_sgemm`, called through the FFI package koffi (its prebuilt binary ships in
 * the npm registry package, so nothing is compiled or downloaded at install), on raw addresses
 * inside the tfjs wasm backend's memory: tensors are never copied.
 *
 * Optional by design: when koffi or the shared library is missing (a fresh machine without the
 * Debian package `libopenblas0`), `loadOpenBlas()` returns the reason and the learning core keeps
 * its portable WebAssembly SIMD GEMM (gemm-wasm.ts).
 *
 * Two choices are made at load time, because OpenBLAS reads them once, from the environment:
 * - Kernels: OpenBLAS 0.3.21 does not recognise recent CPUs (on the project's Zen 5 machine it
 *   picks "Prescott", SSE3, about 4× slower than its AVX2 kernels). When `OPENBLAS_CORETYPE` is
 *   unset, the kernels are chosen from the CPU flags in /proc/cpuinfo (AVX-512 F/BW/DQ/VL →
 *   SkylakeX, AVX2 + FMA → Haswell); a set `OPENBLAS_CORETYPE` is respected.
 * - Threads: one (the machine is shared, results stay deterministic, and the peers are measured
 *   on one thread); `OPENBLAS_NUM_THREADS` is respected when set.
 * Both variables are restored after loading, so child processes see the environment unchanged.
 */
import { readFileSync } from "node:fs";

/** The koffi members used here (typed locally: koffi is an optional runtime dependency). */
interface KoffiLike {
  load(path: string): { func(signature: string): (...args: unknown[]) => unknown };
  address(value: unknown): bigint;
}

/** A loaded single-precision GEMM on raw addresses. */
export interface NativeGemm {
  /** E.g. "openblas 0.3.21 (SkylakeX kernels, 1 thread) via koffi". */
  readonly description: string;
  /** OpenBLAS's name for the kernels it runs ("SkylakeX", "Haswell", "Prescott", …). */
  readonly coreName: string;
  /**
   * Row-major C[M×N] = alpha·op(A)·op(B) + beta·C, addresses in bytes, leading dimensions in
   * elements: op(A) is A [M×K] (lda ≥ K) or, with `transA`, Aᵀ for A stored [K×M] (lda ≥ M);
   * likewise for B.
   */
  sgemm(transA: boolean, transB: boolean, M: number, N: number, K: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number): void;
  /** Address of the first byte of an ArrayBuffer (e.g. a WebAssembly memory's buffer). */
  addressOf(buffer: ArrayBuffer): number;
}

/** The outcome of `loadOpenBlas`: the GEMM, or why it is not available. */
export type OpenBlasLoad = { readonly ok: true; readonly gemm: NativeGemm } | { readonly ok: false; readonly reason: string };

const LIBRARIES = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"];
const ROW_MAJOR = 101;
const NO_TRANS = 111;
const TRANS = 112;

/**
 * OpenBLAS kernel family for the CPU flags (a whitespace-separated /proc/cpuinfo "flags" line),
 * or undefined to let OpenBLAS decide.
 */
export function coreTypeForFlags(flags: string): string | undefined {
  const has = new Set(flags.split(/\s+/));
  if (["avx512f", "avx512bw", "avx512dq", "avx512vl"].every((f) => has.has(f))) return "SkylakeX";
  if (has.has("avx2") && has.has("fma")) return "Haswell";
  return undefined;
}

function cpuFlags(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("flags"));
    return line?.split(":")[1] ?? "";
  } catch {
    return "";
  }
}

/** Runs `f` with some environment variables set (when unset), restoring them afterwards. */
function withDefaults<T>(defaults: Record<string, string | undefined>, f: () => T): T {
  const added: string[] = [];
  for (const [name, value] of Object.entries(defaults)) {
    if (value !== undefined && process.env[name] === undefined) {
      process.env[name] = value;
      added.push(name);
    }
  }
  try {
    return f();
  } finally {
    for (const name of added) delete process.env[name];
  }
}

let cached: OpenBlasLoad | undefined;

/** Loads OpenBLAS through koffi once per process; later calls return the first outcome. */
export function loadOpenBlas(): OpenBlasLoad {
  cached ??= openOpenBlas(LIBRARIES);
  return cached;
}

/** Loads the first of `libraries` that opens (uncached; `loadOpenBlas` is the one to use). */
export function openOpenBlas(libraries: readonly string[]): OpenBlasLoad {
  let koffi: KoffiLike;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    koffi = require("koffi") as KoffiLike;
  } catch (error) {
    return { ok: false, reason: `the npm package koffi did not load (${String(error).split("\n")[0]})` };
  }
  const errors: string[] = [];
  const lib = withDefaults({ OPENBLAS_CORETYPE: coreTypeForFlags(cpuFlags()), OPENBLAS_NUM_THREADS: "1" }, () => {
    for (const name of libraries) {
      try {
        return koffi.load(name);
      } catch (error) {
        errors.push(`${name}: ${String(error).split("\n")[0]}`);
      }
    }
    return undefined;
  });
  if (!lib) return { ok: false, reason: `OpenBLAS was not found (install the Debian package libopenblas0; ${errors.join("; ")})` };
  let sgemm: (...args: unknown[]) => unknown;
  let coreName: string;
  let config: string;
  let threads: number;
  try {
    sgemm = lib.func("void cblas_sgemm(int order, int transA, int transB, int M, int N, int K, float alpha, void *a, int lda, void *b, int ldb, float beta, void *c, int ldc)");
    coreName = String(lib.func("const char *openblas_get_corename()")());
    config = String(lib.func("const char *openblas_get_config()")());
    const getThreads = lib.func("int openblas_get_num_threads()");
    if (process.env["OPENBLAS_NUM_THREADS"] === undefined) lib.func("void openblas_set_num_threads(int n)")(1);
    threads = Number(getThreads());
  } catch (error) {
    return { ok: false, reason: `the loaded library is not OpenBLAS with CBLAS (${String(error).split("\n")[0]})` };
  }
  const version = /OpenBLAS\s+(\S+)/.exec(config)?.[1] ?? "?";
  const gemm: NativeGemm = {
    description: `openblas ${version} (${coreName} kernels, ${threads} thread${threads === 1 ? "" : "s"}) via koffi`,
    coreName,
    sgemm(transA, transB, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc) {
      sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, M, N, K, alpha, a, lda, b, ldb, beta, c, ldc);
    },
    addressOf(buffer) {
      return Number(koffi.address(buffer));
    },
  };
  return { ok: true, gemm };
}
