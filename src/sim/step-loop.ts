/**
 * The outer loop every engine of the reference backend shares: simulated time advances in
 * chunks of one simulated millisecond; between chunks the loop reports progress, lets the event
 * loop run (at most every 50 ms of wall time, so an interrupt can reach the abort signal) and
 * stops with `interrupted` when the signal has fired.
 */
import { CajalError } from "../core/errors.js";
import type { AdvanceOptions } from "../model/backend.js";
import * as msg from "../model/messages.js";

/**
 * Runs `steps` timesteps of `dtMs` by calling `chunk(count)` with at most one simulated ms of steps
 * at a time; `timeMs()` is the engine's clock (for the interrupt message). Reports `durationMs`
 * done at the end.
 */
export async function runInChunks(
  steps: number, dtMs: number, durationMs: number, options: AdvanceOptions, timeMs: () => number, chunk: (count: number) => void,
): Promise<void> {
  const stepsPerMs = Math.max(1, Math.round(1 / dtMs));
  const { signal, onProgress } = options;
  let lastYield = Date.now();
  for (let s = 0; s < steps; s += stepsPerMs) {
    if (s > 0) onProgress?.(s * dtMs, durationMs);
    if (Date.now() - lastYield > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    }
    if (signal?.aborted) throw new CajalError(msg.interrupted("net.run", timeMs()), { cause: signal.reason });
    chunk(Math.min(stepsPerMs, steps - s));
  }
  onProgress?.(durationMs, durationMs);
}
