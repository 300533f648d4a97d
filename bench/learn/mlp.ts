/**
 * One MNIST epoch of a 784-H-10 ReLU MLP with Cajal's learning core, beside PyTorch's
 * bench/peers/torch_mnist_mlp.py (same model, init family, batch, learning rates, epoch loop).
 *
 * Usage: node --import tsx bench/learn/mlp.ts [--hidden 256,1000] [--opt sgd,adam] [--batch 64]
 *        [--backend wasm|cpu] [--gemm auto|openblas|wasm-simd] [--blas-core NAME] [--stock] [--no-peer]
 *   --stock   run on tfjs's own wasm kernels (no Cajal GEMM/Identity), for comparison
 *   --gemm    the GEMM behind Cajal's kernels (default auto: OpenBLAS through koffi when it loads)
 *   --loss fused  train with kernels/softmax-cross-entropy.ts (one kernel each way) through
 *             trainClassifier's `loss` option instead of the library's default loss
 *   --blas-core  OpenBLAS kernels for BOTH Cajal and the peer (OPENBLAS_CORETYPE), so the two
 *             run the same GEMM code. Default: OPENBLAS_CORETYPE when set, else the kernels
 *             Cajal picks from the CPU flags (SkylakeX on the project's Zen 5 machine; left
 *             alone, OpenBLAS 0.3.21 would give the peer its SSE3 "Prescott" kernels there).
 *   --clock cpu  compare CPU seconds instead of wall seconds: Cajal's process CPU time over the
 *             epoch loop, and the peer run with time.perf_counter replaced by time.process_time.
 *             On a shared, loaded machine wall times mostly measure the neighbours (the torch
 *             epoch took 5.4 s wall at load 11 against 0.56 s quiet); CPU seconds much less so.
 * Prints one JSON line per configuration:
 *   {"name","cajal_s","peer","peer_s","ratio", ...details}
 * cajal_s covers the epoch loop only (batch copies, forward, backward, update), data in memory,
 * like the peer's train_s. peer is "torch" when /usr/bin/python3 can import torch, else peer_s
 * and ratio are null. The peer runs with one thread (the project's 2-core machine is shared).
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import { createRng } from "../../src/core/rng.js";
import { loadMnist, mnistFolder } from "../../src/data/mnist.js";
import { readFileSync } from "node:fs";
import { initLearn } from "../../src/learn/backend.js";
import { coreTypeForFlags } from "../../src/learn/kernels/gemm-openblas.js";
import type { GemmPreference } from "../../src/learn/kernels/matmul-wasm.js";
import { softmaxCrossEntropy } from "../../src/learn/kernels/softmax-cross-entropy.js";
import { dense } from "../../src/learn/layers/dense.js";
import { adam, sgd } from "../../src/learn/optimisers.js";
import { type Tensors, collectParams, scope } from "../../src/learn/params.js";
import type { tf } from "../../src/learn/tf.js";
import { evaluate, trainClassifier } from "../../src/learn/train.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function cpuFlagsLine(): string {
  try {
    return readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("flags"))?.split(":")[1] ?? "";
  } catch {
    return "";
  }
}

interface PeerRun { hidden: number; optimizer: string; train_s: number; images_per_s: number; test_accuracy: number }
interface PeerResult { runs: PeerRun[]; blas_core: string | null }

function runPeer(hidden: number[], opts: string[], batch: number, cpuClock: boolean): PeerResult | undefined {
  if (flag("no-peer")) return undefined;
  try {
    execFileSync("/usr/bin/python3", ["-c", "import torch"], { stdio: "ignore" });
  } catch {
    return undefined;
  }
  const script = new URL("../../../shared/bench/peers/torch_mnist_mlp.py", `file://${__dirname}/`).pathname;
  const args = [mnistFolder(), "--hidden", hidden.join(","), "--opt", opts.join(","), "--threads", "1", "--batch", String(batch)];
  // With --clock cpu the peer's own timer reads process CPU time (one thread, so the training's CPU time).
  const command = cpuClock
    ? ["-c", `import runpy, sys, time; time.perf_counter = time.process_time; sys.argv = ${JSON.stringify([script, ...args])}; runpy.run_path(sys.argv[0], run_name="__main__")`]
    : [script, ...args];
  const out = execFileSync("/usr/bin/python3", command, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const line = out.trim().split("\n").pop()!;
  return JSON.parse(line) as PeerResult;
}

async function main(): Promise<void> {
  const hiddens = arg("hidden", "256").split(",").map(Number);
  const opts = arg("opt", "sgd").split(",");
  const batch = Number(arg("batch", "64"));
  const stock = flag("stock");
  const fusedLoss = arg("loss", "default") === "fused";
  const backendName = arg("backend", "wasm") as "wasm" | "cpu";
  // Set before OpenBLAS loads (in this process and the peer's): both read it once, at load.
  const blasCore = arg("blas-core", process.env["OPENBLAS_CORETYPE"] ?? coreTypeForFlags(cpuFlagsLine()) ?? "");
  if (blasCore) process.env["OPENBLAS_CORETYPE"] = blasCore;
  const info = await initLearn({ backend: backendName, fastMatMul: !stock, gemm: arg("gemm", "auto") as GemmPreference });
  const { train, test } = loadMnist();
  const cpuClock = arg("clock", "wall") === "cpu";
  const peer = runPeer(hiddens, opts, batch, cpuClock);
  for (const hidden of hiddens) {
    for (const opt of opts) {
      const rng = createRng(0);
      const h = dense({ inputs: 784, units: hidden, activation: "relu", rng: rng.stream("hidden") });
      const o = dense({ inputs: hidden, units: 10, rng: rng.stream("out") });
      const params = collectParams({ hidden: h, out: o });
      const model = (x: tf.Tensor, p?: Tensors) => o.apply(h.apply(x, scope(p, "hidden")), scope(p, "out"));
      const optimizer = opt === "adam" ? adam({ params, lr: 1e-3 }) : sgd({ params, lr: 0.1 });
      const load0 = os.loadavg()[0]!;
      const cpu0 = process.cpuUsage();
      const result = trainClassifier({
        model, optimizer, train, epochs: 1, batchSize: batch, rng: rng.stream("shuffle"), progress: false,
        ...(fusedLoss ? { loss: (logits: tf.Tensor, labels: tf.Tensor) => softmaxCrossEntropy(logits, labels) as tf.Scalar } : {}),
      });
      const cpu = process.cpuUsage(cpu0);
      const accuracy = evaluate(model, test).accuracy;
      const p = peer?.runs.find((r) => r.hidden === hidden && r.optimizer === opt);
      const cpuS = (cpu.user + cpu.system) / 1e6;
      const cajalS = cpuClock ? cpuS : result.trainSeconds;
      console.log(JSON.stringify({
        name: `mlp 784-${hidden}-10 ${opt} batch ${batch}, 1 epoch${stock ? " (stock tfjs kernels)" : ""}${fusedLoss ? ", fused loss" : ""}${cpuClock ? ", CPU seconds" : ""}`,
        cajal_s: +cajalS.toFixed(3),
        peer: p ? "torch" : null,
        peer_s: p ? p.train_s : null,
        ratio: p ? +(cajalS / p.train_s).toFixed(2) : null,
        bench: "cajal_mnist_mlp", backend: info.name, cajal_kernels: info.fastMatMul, gemm: info.gemm, peer_blas_core: peer?.blas_core ?? null,
        loss: fusedLoss ? "kernels/softmax-cross-entropy" : "default", threads: 1, hidden, optimizer: opt, batch,
        clock: cpuClock ? "cpu" : "wall",
        train_s: +result.trainSeconds.toFixed(3), images_per_s: Math.round(result.imagesSeen / result.trainSeconds), cpu_s: +cpuS.toFixed(3),
        test_accuracy: accuracy, peer_test_accuracy: p?.test_accuracy ?? null,
        loadavg_1m_start: +load0.toFixed(2), loadavg_1m_end: +os.loadavg()[0]!.toFixed(2),
      }));
      for (const t of Object.values(params)) t.dispose();
      optimizer.dispose();
    }
  }
}

void main();
