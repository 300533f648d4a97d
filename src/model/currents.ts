/**
 * Injected current sources as data (PyNN's DCSource, StepCurrentSource, ACSource), in nA and ms.
 * A backend samples a source at the start of each timestep and holds it over the step.
 */
import { CajalError, type Problem } from "../core/errors.js";
import * as msg from "./messages.js";

/** A constant current between start and stop. */
export interface DcSource { readonly kind: "dc"; readonly amplitude: number; readonly start: number; readonly stop: number }
/** A piecewise-constant current: `amplitudes[k]` from `times[k]` until the next time. */
export interface StepSource { readonly kind: "step"; readonly times: readonly number[]; readonly amplitudes: readonly number[] }
/** offset + amplitude·sin(2π·frequency·t + phase) between start and stop (t in s, phase in degrees). */
export interface AcSource {
  readonly kind: "ac"; readonly amplitude: number; readonly offset: number;
  readonly frequency: number; readonly phase: number; readonly start: number; readonly stop: number;
}
/** Any current source. */
export type CurrentSource = DcSource | StepSource | AcSource;

/** "Forever", kept finite so that descriptions stay valid JSON (PyNN uses 10¹⁰ ms for Poisson sources too). */
const FOREVER_MS = 1e10;
const finite = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function window(place: string, start: unknown, stop: unknown, problems: Problem[]): void {
  if (!finite(start) || start < 0) problems.push(msg.badSetup(`${place}.start`, "the start time", start, "a time ≥ 0 ms"));
  if (!finite(stop) || (finite(start) && stop < start)) problems.push(msg.badSetup(`${place}.stop`, "the stop time", stop, "a time ≥ start, in ms"));
}

/**
 * A constant current of `amplitude` nA (default 1) from `start` (default 0) to `stop` ms.
 *
 * @example exc.slice(0, 10).inject(currents.dc({ amplitude: 0.5, start: 100, stop: 300 }))
 */
export function dc(options: { amplitude?: number; start?: number; stop?: number } = {}): DcSource {
  const { amplitude = 1, start = 0, stop = FOREVER_MS } = options;
  const problems: Problem[] = [];
  if (!finite(amplitude)) problems.push(msg.badSetup("currents.dc.amplitude", "the amplitude", amplitude, "a finite current in nA"));
  window("currents.dc", start, stop, problems);
  if (problems.length) throw new CajalError(problems);
  return { kind: "dc", amplitude, start, stop };
}

/** A current that takes `amplitudes[k]` nA from `times[k]` ms on (zero before the first time). */
export function step(options: { times: readonly number[]; amplitudes: readonly number[] }): StepSource {
  const { times, amplitudes } = options;
  const problems: Problem[] = [];
  if (!Array.isArray(times) || !times.every(finite) || times.some((t, k) => t < 0 || (k > 0 && t <= times[k - 1]!))) {
    problems.push(msg.badSetup("currents.step.times", "the list of times", times, "increasing times ≥ 0 ms"));
  }
  if (!Array.isArray(amplitudes) || !amplitudes.every(finite)) {
    problems.push(msg.badSetup("currents.step.amplitudes", "the list of amplitudes", amplitudes, "finite currents in nA"));
  } else if (Array.isArray(times) && amplitudes.length !== times.length) {
    problems.push(msg.wrongSize("currents.step.amplitudes", "the list of amplitudes", amplitudes.length, times.length));
  }
  if (problems.length) throw new CajalError(problems);
  return { kind: "step", times: [...times], amplitudes: [...amplitudes] };
}

/** A sinusoidal current offset + amplitude·sin(2π·frequency·t + phase): nA, Hz, degrees. */
export function ac(options: { amplitude?: number; offset?: number; frequency?: number; phase?: number; start?: number; stop?: number } = {}): AcSource {
  const { amplitude = 1, offset = 0, frequency = 10, phase = 0, start = 0, stop = FOREVER_MS } = options;
  const problems: Problem[] = [];
  for (const [name, value] of [["amplitude", amplitude], ["offset", offset], ["phase", phase]] as const) {
    if (!finite(value)) problems.push(msg.badSetup(`currents.ac.${name}`, `the ${name}`, value, "a finite number"));
  }
  if (!finite(frequency) || frequency < 0) problems.push(msg.badSetup("currents.ac.frequency", "the frequency", frequency, "a frequency ≥ 0 Hz"));
  window("currents.ac", start, stop, problems);
  if (problems.length) throw new CajalError(problems);
  return { kind: "ac", amplitude, offset, frequency, phase, start, stop };
}

/** The current of a source at time tMs, nA. */
export function currentAt(source: CurrentSource, tMs: number): number {
  switch (source.kind) {
    case "dc":
      return tMs >= source.start && tMs < source.stop ? source.amplitude : 0;
    case "ac":
      return tMs >= source.start && tMs < source.stop
        ? source.offset + source.amplitude * Math.sin(2 * Math.PI * source.frequency * tMs / 1000 + source.phase * Math.PI / 180)
        : 0;
    case "step": {
      let value = 0;
      for (let k = 0; k < source.times.length && source.times[k]! <= tMs; k++) value = source.amplitudes[k]!;
      return value;
    }
  }
}
