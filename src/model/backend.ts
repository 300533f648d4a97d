/**
 * What every way of running a Network provides, the registry that finds backends by name, and
 * the per-backend kernel registry that makes "does this backend support X?" a query.
 */
import type { Problem } from "../core/errors.js";
import type { Run } from "../results/run.js";
import type { Component, ComponentKind } from "./cells/compose.js";
import * as msg from "./messages.js";
import type { NetworkSpec } from "./spec.js";

/** Options of one stretch of simulated time. */
export interface AdvanceOptions {
  /** The kernel's interrupt; a backend looks at it at least once per simulated millisecond. */
  readonly signal?: AbortSignal;
  /** Called as simulated time advances (at most every simulated ms). */
  readonly onProgress?: (doneMs: number, totalMs: number) => void;
}

/** A network being simulated: it keeps its state between stretches of time. */
export interface Session {
  /** Simulated time so far, ms. */
  readonly timeMs: number;
  /** Simulates `durationMs` more and returns everything recorded since t = 0. */
  advance(durationMs: number, options?: AdvanceOptions): Promise<Run>;
}

/** Options of a one-shot run from t = 0 (backends that cannot keep state between calls). */
export interface OneShotOptions extends AdvanceOptions {
  /** Simulated time from t = 0, ms. */
  readonly durationMs: number;
}

/**
 * One way of running a Network. `reference` and `spinnaker` implement it; tests run both.
 * A backend gives `start` (a session that keeps its state, so `net.run` continues) or, at
 * least, `run` (a one-shot run from t = 0: `net.run` then re-simulates from 0 to the total
 * time on every call, which gives the same results, only slower).
 */
export interface Backend {
  readonly name: string;
  /** Every reason this network cannot run here; empty when it can. Collects, never throws. */
  check(net: NetworkSpec): readonly Problem[];
  /**
   * Builds the network's state at t = 0 (connections drawn, state initialised). `options` are the
   * backend's own settings from `net.run(ms, { backendOptions })` (the emulator's board, profile…).
   */
  start?(net: NetworkSpec, options?: Readonly<Record<string, unknown>>): Session;
  /** Runs the network from t = 0 for `durationMs`. */
  run?(net: NetworkSpec, options: OneShotOptions): Promise<Run>;
}

/** A session over a one-shot backend: each advance re-runs from 0 to the new total time. */
export function replayingSession(backend: Backend, net: NetworkSpec): Session {
  const run = backend.run;
  if (!run) throw new Error(`backend ${backend.name} has neither start() nor run()`); // a Cajal bug
  let timeMs = 0;
  return {
    get timeMs() { return timeMs; },
    async advance(durationMs, options = {}) {
      const total = timeMs + durationMs;
      const result = await run.call(backend, net, {
        durationMs: total,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: (done: number) => options.onProgress!(Math.max(0, done - timeMs), durationMs) } : {}),
      });
      timeMs = total;
      return result;
    },
  };
}

/**
 * Problems for cell parameters given per neuron to components whose kernels on `backend` take
 * one shared value only. `perNeuron` lists the "kind/name" keys of the kernels that vary them.
 */
export function perNeuronSupportProblems(net: NetworkSpec, backend: string, perNeuron: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const pop of net.populations) {
    if (pop.cell.kind !== "cell") continue;
    for (const part of Object.values(pop.cell.parts)) {
      const varied = Object.keys(part.perNeuron ?? {});
      if (varied.length && !perNeuron.includes(`${part.kind}/${part.name}`)) {
        problems.push(msg.perNeuronUnsupported(`${pop.label}.cell.${part.kind}`, backend, part.kind, part.name, varied, perNeuron.map((k) => k.split("/")[1]!)));
      }
    }
  }
  return problems;
}

const backends = new Map<string, Backend>();

/** Makes a backend available to `net.run(ms, { backend: name })`. Registering a name twice is a Cajal bug. */
export function registerBackend(backend: Backend): void {
  if (backends.has(backend.name)) throw new Error(`backend ${backend.name} is registered twice`);
  backends.set(backend.name, backend);
}

/** The backend with that name, or a problem listing the registered ones. */
export function findBackend(name: string, place = "net.run"): Backend | Problem {
  return backends.get(name) ?? msg.unknownBackend(`${place}.backend`, name, [...backends.keys()]);
}

/** Names of the registered backends. */
export function backendNames(): string[] {
  return [...backends.keys()];
}

/**
 * A backend's own registry of component kernels, keyed by (kind, name) as tfjs keys kernels by
 * (op, backend). There is no global kernel registry.
 */
export function createKernelRegistry<Kernel>(backend: string) {
  const kernels = new Map<string, Kernel>();
  const keyOf = (kind: string, name: string) => `${kind}/${name}`;
  return {
    register(kind: ComponentKind | "source" | "plasticity", name: string, kernel: Kernel): void {
      const key = keyOf(kind, name);
      if (kernels.has(key)) throw new Error(`${backend}: kernel ${key} is registered twice`); // a Cajal bug
      kernels.set(key, kernel);
    },
    get(kind: string, name: string): Kernel | undefined {
      return kernels.get(keyOf(kind, name));
    },
    /** Undefined when `c` can run on this backend; otherwise a problem that lists what can. */
    missing(c: Pick<Component, "name"> & { kind: string }, place: string): Problem | undefined {
      if (kernels.has(keyOf(c.kind, c.name))) return undefined;
      const available = [...kernels.keys()].filter((key) => key.startsWith(`${c.kind}/`)).map((key) => key.slice(c.kind.length + 1));
      return msg.backendUnsupported(place, backend, c.kind, c.name, available);
    },
  };
}
