/** Shared helpers of the simulator tests. */
import assert from "node:assert/strict";
import "../../src/sim/index.js"; // registers the reference backend

/** Asserts |actual − expected| ≤ rtol·|expected| + atol element-wise, naming the first offender. */
export function assertClose(
  actual: ArrayLike<number>, expected: ArrayLike<number>, options: { rtol?: number; atol?: number; what: string },
): void {
  const { rtol = 0, atol = 0, what } = options;
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k]!;
    const e = expected[k]!;
    if (!(Math.abs(a - e) <= rtol * Math.abs(e) + atol)) {
      assert.fail(`${what}: element ${k} is ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** Spike times of one neuron from a run's spike trains. */
export function timesOfNeuron(trains: { times: Float64Array; neurons: Int32Array }, neuron: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < trains.times.length; k++) if (trains.neurons[k] === neuron) out.push(trains.times[k]!);
  return out;
}
