/**
 * Which tfjs backend the learning core runs on, and why.
 *
 * Two backends are available without native code or downloads: `wasm` (XNNPACK kernels compiled
 * to WebAssembly SIMD, loaded from the installed `@tensorflow/tfjs-backend-wasm` package) and
 * `cpu` (plain JavaScript). `initLearn()` starts the faster one: by default wasm, which measured
 * 20–40× faster than cpu on the 784-256-10 MLP step (bench/learn/mlp.ts); `{ measure: true }`
 * times both on that step and keeps the faster. When wasm cannot start, cpu runs and
 * `learnBackend().reason` says why. The two gradient kernels wasm lacks (conv2d's filter gradient,
 * gather's gradient) are added in kernels/wasm-gradients.ts, and the gradients that tfjs cannot
 * differentiate twice are replaced (kernels/second-order-gradients.ts). On wasm, Cajal replaces tfjs's transposed matrix products
 * (see kernels/matmul-wasm.ts), which are otherwise 13–16× slower than plain ones, with a GEMM
 * on OpenBLAS (through the FFI package koffi) when the machine has it, else a portable
 * WebAssembly SIMD GEMM; `learnBackend().gemm` says which.
 */
import * as path from "node:path";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { CajalError } from "../core/errors.js";
import { badOption } from "./messages.js";
import { tf } from "./tf.js";
import { type GemmPreference, gemmChoice, installWasmMatMul, setGemmPreference } from "./kernels/matmul-wasm.js";
import { installWasmGradientKernels } from "./kernels/wasm-gradients.js";
import { installWasmUpdates } from "./kernels/update-wasm.js";
import { installFusedDense } from "./kernels/fused-dense.js";
import { installSoftmaxCrossEntropy } from "./kernels/softmax-cross-entropy.js";
import { installSecondOrderGradients } from "./kernels/second-order-gradients.js";

/** The backends the learning core can run on. */
export type LearnBackendName = "wasm" | "cpu";

/** What `initLearn` chose, and the evidence. */
export interface LearnBackendInfo {
  /** The backend tfjs runs on now. */
  readonly name: LearnBackendName;
  /** One sentence: why this backend (measured, default, or the fallback with the failure). */
  readonly reason: string;
  /** Milliseconds per 784-256-10 MLP training step (batch 64), when `measure` was asked for. */
  readonly msPerStep?: Readonly<Partial<Record<LearnBackendName, number>>>;
  /** Whether Cajal's own matrix-product kernel is registered for the backend. */
  readonly fastMatMul: boolean;
  /**
   * The GEMM behind the matrix products: "openblas 0.3.21 (SkylakeX kernels, 1 thread) via koffi",
   * "wasm-simd" (Cajal's portable kernel), or "tfjs" (the backend's own, without `fastMatMul`).
   */
  readonly gemm: string;
  /** Why that GEMM (for wasm-simd: why OpenBLAS is not used). */
  readonly gemmReason: string;
}

/** Options for `initLearn`. */
export interface InitLearnOptions {
  /** Force a backend; default: wasm, falling back to cpu. */
  readonly backend?: LearnBackendName;
  /** Time an MLP step on both backends and keep the faster (adds about a second). Default false. */
  readonly measure?: boolean;
  /** Register Cajal's matrix-product kernel on wasm. Default true. */
  readonly fastMatMul?: boolean;
  /**
   * GEMM behind Cajal's kernel: "auto" (default; OpenBLAS through koffi when it loads, else the
   * portable WebAssembly SIMD kernel), "openblas" (fail when it does not load) or "wasm-simd".
   * The environment variable CAJAL_GEMM sets the default.
   */
  readonly gemm?: GemmPreference;
}

let current: LearnBackendInfo | undefined;
let pending: Promise<LearnBackendInfo> | undefined;
let wasmPathsSet = false;

/** Folder of the installed wasm binaries, as a file path with a trailing separator. */
export function wasmBinaryFolder(): string {
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm")) + path.sep;
}

async function startWasm(): Promise<void> {
  // Importing the package registered the backend; its binaries come from node_modules, never the network.
  if (!wasmPathsSet) {
    setWasmPaths(wasmBinaryFolder());
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend("wasm");
  if (!ok) throw new Error("tf.setBackend('wasm') returned false");
  await tf.ready();
}

async function startCpu(): Promise<void> {
  const ok = await tf.setBackend("cpu");
  if (!ok) throw new Error("tf.setBackend('cpu') returned false"); // a broken install, not a user error
  await tf.ready();
}

/** Milliseconds per SGD step of a 784-256-10 MLP on batch 64 on the current backend (median of a few). */
export function timeMlpStep(repeats = 5): number {
  const x = tf.randomUniform([64, 784]);
  const labels = tf.oneHot(tf.randomUniformInt([64], 0, 10), 10);
  const w1 = tf.variable(tf.randomNormal([784, 256], 0, 0.05));
  const b1 = tf.variable(tf.zeros([256]));
  const w2 = tf.variable(tf.randomNormal([256, 10], 0, 0.05));
  const b2 = tf.variable(tf.zeros([10]));
  const step = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
        return tf.losses.softmaxCrossEntropy(labels, tf.add(tf.matMul(h, w2), b2)) as tf.Scalar;
      }, [w1, b1, w2, b2]);
      for (const v of [w1, b1, w2, b2]) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.1)));
    });
  step(); // warm-up: kernels compile or pack weights on first use
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    step();
    w2.dataSync(); // wait for the step (a no-op on synchronous backends)
    times.push(performance.now() - t0);
  }
  tf.dispose([x, labels, w1, b1, w2, b2]);
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

const TFJS_GEMM = { gemm: "tfjs", gemmReason: "the cpu backend runs tfjs's own JavaScript kernels." } as const;

function gemmPreference(options: InitLearnOptions): GemmPreference {
  const wanted = options.gemm ?? process.env["CAJAL_GEMM"] ?? "auto";
  if (wanted !== "auto" && wanted !== "openblas" && wanted !== "wasm-simd") {
    throw new CajalError(badOption("initLearn", options.gemm === undefined ? "CAJAL_GEMM" : "gemm", JSON.stringify(wanted), '"auto", "openblas" or "wasm-simd"'));
  }
  return wanted;
}

async function choose(options: InitLearnOptions): Promise<LearnBackendInfo> {
  // tfjs prints a "use tfjs-node" advertisement on first cpu use; native code is not an option here.
  tf.env().set("PROD", true);
  installSecondOrderGradients();
  const wantFast = options.fastMatMul ?? true;
  if (options.backend === "cpu") {
    await startCpu();
    return { name: "cpu", reason: "cpu was asked for.", fastMatMul: false, ...TFJS_GEMM };
  }
  let wasmError: unknown;
  try {
    await startWasm();
  } catch (error) {
    wasmError = error;
  }
  if (wasmError !== undefined) {
    if (options.backend === "wasm") throw new Error(`the wasm backend failed to start: ${String(wasmError)}`, { cause: wasmError });
    await startCpu();
    return { name: "cpu", reason: `wasm failed to start (${String(wasmError)}); running on cpu, which is 20–40× slower.`, fastMatMul: false, ...TFJS_GEMM };
  }
  installWasmGradientKernels();
  const fastMatMul = wantFast ? installWasmMatMul() : false;
  if (wantFast) {
    installWasmUpdates();
    installFusedDense();
    installSoftmaxCrossEntropy();
  }
  const choice = fastMatMul ? setGemmPreference(gemmPreference(options)) : undefined;
  const gemm = choice ? { gemm: choice.name, gemmReason: choice.reason } : { gemm: "tfjs", gemmReason: wantFast ? "Cajal's kernels could not be registered." : "Cajal's kernels were not asked for (fastMatMul: false)." };
  if (options.backend === "wasm" || !options.measure) {
    return { name: "wasm", reason: options.backend === "wasm" ? "wasm was asked for." : "wasm is the default: it covers every op the learning core uses and is the faster backend.", fastMatMul, ...gemm };
  }
  const wasmMs = timeMlpStep();
  await startCpu();
  const cpuMs = timeMlpStep(2);
  const msPerStep = { wasm: wasmMs, cpu: cpuMs };
  if (cpuMs < wasmMs) {
    return { name: "cpu", reason: `cpu measured faster (${cpuMs.toFixed(2)} vs ${wasmMs.toFixed(2)} ms per MLP step).`, msPerStep, fastMatMul: false, ...TFJS_GEMM };
  }
  await startWasm();
  return { name: "wasm", reason: `wasm measured faster (${wasmMs.toFixed(2)} vs ${cpuMs.toFixed(2)} ms per MLP step).`, msPerStep, fastMatMul, ...gemm };
}

/**
 * Starts the learning core's tfjs backend (once per process; later calls return the first result
 * unless `options.backend` asks for another). Await it before building layers.
 *
 * @example
 * const info = await initLearn();
 * console.log(info.name, info.reason);
 */
export async function initLearn(options: InitLearnOptions = {}): Promise<LearnBackendInfo> {
  if (current && (options.backend === undefined || options.backend === current.name) && !options.measure) return current;
  if (pending && options.backend === undefined && !options.measure) return pending;
  pending = choose(options);
  try {
    current = await pending;
    return current;
  } finally {
    pending = undefined;
  }
}

/** The backend the learning core runs on, with the reason; undefined before `initLearn()`. */
export function learnBackend(): LearnBackendInfo | undefined {
  return current;
}
