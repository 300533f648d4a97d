/**
 * The "differentiable" backend: `net.run(ms, { backend: "differentiable" })` simulates the network
 * with the same tfjs step the training API differentiates (forward only here, float32, dense
 * propagation), and returns a Run like the other backends'. It is a one-shot backend: a second
 * `net.run` replays from t = 0.
 */
import { CajalError } from "../core/errors.js";
import { tf } from "../learn/tf.js";
import { backendNames, registerBackend, type Backend } from "../model/backend.js";
import * as modelMsg from "../model/messages.js";
import type { NetworkSpec } from "../model/spec.js";
import type { PopulationRecording, ProjectionRecording, Recordings } from "../results/recordings.js";
import { createRun, type Run } from "../results/run.js";
import { compileNetwork } from "./compile.js";
import { DiffModel } from "./model.js";

/** Runs `net` from t = 0 for `durationMs` on tfjs (forward only) and collects the recordings. */
export async function runDifferentiable(net: NetworkSpec, durationMs: number, options: { signal?: AbortSignal; onProgress?: (doneMs: number, totalMs: number) => void } = {}): Promise<Run> {
  const steps = Math.round(durationMs / net.dtMs);
  const model = new DiffModel(net);
  const pops = model.compiled.populations;
  const spikeOut = pops.map(() => ({ times: [] as number[], neurons: [] as number[] }));
  const masks = pops.map((pop) => {
    const r = net.recordings.find((x) => x.population === pop.label && x.variable === "spikes");
    if (!r) return undefined;
    const m = new Uint8Array(pop.size);
    for (const i of r.indices) m[i] = 1;
    return { m, recorded: Int32Array.from(r.indices) };
  });
  const traces = net.recordings.filter((r) => r.variable !== "spikes").map((r) => ({
    r, pop: pops.findIndex((p) => p.label === r.population), values: new Float64Array(steps * r.indices.length),
  }));
  for (const t of traces) {
    if (!["v", "gsyn_exc", "gsyn_inh", "theta"].includes(t.r.variable)) throw new Error(`differentiable: ${t.r.population} has no state variable ${t.r.variable}`);
  }
  const stepsPerMs = Math.max(1, Math.round(1 / net.dtMs));
  let aborted = false;
  try {
    tf.tidy(() => {
      model.unroll({ steps }, false, (k, spikes, samples) => {
        if (aborted) return;
        pops.forEach((_, i) => {
          const mask = masks[i];
          const s = spikes[i];
          if (!mask || !s) return;
          const counts = s.dataSync();
          for (let n = 0; n < counts.length; n++) {
            const c = counts[n]!;
            if (c !== 0 && mask.m[n]) for (let j = 0; j < c; j++) { spikeOut[i]!.times.push(k * net.dtMs); spikeOut[i]!.neurons.push(n); }
          }
        });
        for (const t of traces) {
          const s = samples[t.pop];
          if (!s) continue;
          const src = (t.r.variable === "v" ? s.v : t.r.variable === "gsyn_exc" ? s.exc : t.r.variable === "gsyn_inh" ? s.inh : s.theta).dataSync();
          const idx = t.r.indices;
          for (let m = 0; m < idx.length; m++) t.values[k * idx.length + m] = src[idx[m]!]!;
        }
        if (k % stepsPerMs === 0) {
          options.onProgress?.(k * net.dtMs, durationMs);
          if (options.signal?.aborted) aborted = true;
        }
      });
    });
  } finally {
    model.dispose();
  }
  if (aborted) throw new CajalError(modelMsg.interrupted("net.run", 0), { cause: options.signal?.reason });
  options.onProgress?.(durationMs, durationMs);
  const populations: Record<string, PopulationRecording> = {};
  pops.forEach((pop, i) => {
    const own: Record<string, { neurons: Int32Array; values: Float64Array; steps: number }> = {};
    for (const t of traces) if (t.pop === i) own[t.r.variable] = { neurons: Int32Array.from(t.r.indices), values: t.values, steps };
    const m = masks[i];
    populations[pop.label] = {
      size: pop.size, traces: own,
      ...(m ? { spikes: { recorded: m.recorded, times: Float64Array.from(spikeOut[i]!.times), neurons: Int32Array.from(spikeOut[i]!.neurons) } } : {}),
    };
  });
  const projections: Record<string, ProjectionRecording> = {};
  for (const proj of net.projections) {
    const c = model.compiled.connections.get(proj.label)!;
    const pre = pops.find((p) => p.label === proj.pre.population)!;
    const post = pops.find((p) => p.label === proj.post.population)!;
    projections[proj.label] = {
      preSize: pre.size, postSize: post.size, pre: c.pre, post: c.post, weight: c.weight,
      delayMs: Float64Array.from(c.delayMs, (d) => Math.max(1, Math.round(d / net.dtMs)) * net.dtMs), history: [],
    };
  }
  const rec: Recordings = { backend: "differentiable", dtMs: net.dtMs, timeMs: steps * net.dtMs, populations, projections, provenance: [] };
  return createRun(rec);
}

/** The differentiable backend (tfjs, float32, surrogate gradients when trained through `compile`). */
export const differentiableBackend: Backend = {
  name: "differentiable",
  check(net) {
    return compileNetworkProblems(net);
  },
  run(net, options) {
    return runDifferentiable(net, options.durationMs, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  },
};

function compileNetworkProblems(net: NetworkSpec) {
  // Drawing the connections finds bad weights and delays; the dense matrices are dropped again.
  return compileNetwork(net, [], false).problems;
}

if (!backendNames().includes("differentiable")) registerBackend(differentiableBackend);

/** Milliseconds of wall time for `steps` forward steps of a compiled model (batch 1, nothing recorded), for timing figures. */
export function timeForward(model: DiffModel, steps: number): number {
  const t0 = performance.now();
  tf.tidy(() => { model.unroll({ steps }, false, (_k, spikes) => { for (const s of spikes) s?.dataSync(); }); });
  return performance.now() - t0;
}
