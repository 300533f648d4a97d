/**
 * A training step for models where some parameters may not reach the loss (a GN variant that
 * ignores globals still owns a global encoder; a task may use only node outputs). tfjs's
 * `variableGrads` allows variables without a gradient; they are left out of the update.
 */
import type { Optimizer } from "../optimisers.js";
import { tf } from "../tf.js";

/**
 * Evaluates `loss()` (which must use the optimiser's variables), applies the optimiser to every
 * parameter that has a gradient, and returns the loss value and the names of parameters without one.
 * Non-finite losses are returned without an update.
 */
export function stepAllowingUnused(optimizer: Optimizer, loss: () => tf.Scalar): { loss: number; unused: string[] } {
  return tf.tidy(() => {
    const names = Object.keys(optimizer.params);
    const byVariable = new Map<string, string>();
    for (const n of names) byVariable.set(optimizer.params[n]!.name, n);
    const { value, grads } = tf.variableGrads(loss, names.map((n) => optimizer.params[n]!));
    const keyed: Record<string, tf.Tensor> = {};
    for (const [variableName, g] of Object.entries(grads)) keyed[byVariable.get(variableName)!] = g;
    const v = value.dataSync()[0]!;
    if (Number.isFinite(v)) optimizer.step(keyed);
    return { loss: v, unused: names.filter((n) => !(n in keyed)) };
  });
}
