/**
 * Gradients that stay differentiable, so gradients of gradients are right.
 *
 * tfjs-core 4.22 lets a gradient reuse an op's saved *output* (Tanh, Sigmoid, Exp, Elu, Softmax). It saves a clone of that output and records the clone on the tape *before* the
 * op that produced the output; when the outer gradient walks the tape forward to find the nodes
 * between x and y, the clone is visited before its input is known to depend on x and is dropped.
 * First-order gradients are unaffected, but second-order ones silently lose every term through
 * the saved output: for f(w) = Σ tanh(w), ∂/∂w Σ f'(w) raised "Cannot compute gradient", and an
 * unrolled SGD step through tanh gave a meta-gradient of 0.47 where finite differences give −4.3.
 * The replacements below save the op's *input* and recompute the output in the backward pass
 * (one extra elementwise op), which the tape orders correctly. Ops that tfjs builds with
 * `customGrad` (tf.logSoftmax, tf.losses.softmaxCrossEntropy, tf.fused.matMul) record nothing
 * inside their forward pass, so they cannot be differentiated twice at all: the learning core
 * uses its own `logSoftmax` (x − logSumExp(x), ordinary ops) and unfused products where second
 * order matters.
 */
import { tf } from "../tf.js";

type Saved = tf.Tensor[];
const attrNumber = (attrs: unknown, key: string, fallback: number) => {
  const v = (attrs as Record<string, unknown> | undefined)?.[key];
  return typeof v === "number" ? v : Array.isArray(v) && typeof v[0] === "number" ? (v[0] as number) : fallback;
};

const configs: tf.GradConfig[] = [
  { kernelName: "Tanh", inputsToSave: ["x"], gradFunc: (dy, saved: Saved) => ({ x: () => tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(tf.tanh(saved[0]!)))) }) },
  {
    kernelName: "Sigmoid", inputsToSave: ["x"], gradFunc: (dy, saved: Saved) => ({
      x: () => { const s = tf.sigmoid(saved[0]!); return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s))); },
    }),
  },
  { kernelName: "Exp", inputsToSave: ["x"], gradFunc: (dy, saved: Saved) => ({ x: () => tf.mul(dy as tf.Tensor, tf.exp(saved[0]!)) }) },
  {
    kernelName: "Elu", inputsToSave: ["x"], gradFunc: (dy, saved: Saved) => ({
      // step() rather than greater(): comparisons have no gradient and would break the outer pass.
      x: () => { const x = saved[0]!; const up = tf.step(x); return tf.mul(dy as tf.Tensor, tf.add(up, tf.mul(tf.sub(1, up), tf.exp(tf.minimum(x, 0))))); },
    }),
  },
  {
    kernelName: "Softmax", inputsToSave: ["logits"], gradFunc: (dy, saved: Saved, attrs) => ({
      logits: () => {
        const dim = attrNumber(attrs, "dim", -1);
        const y = tf.softmax(saved[0]!, dim);
        const g = dy as tf.Tensor;
        return tf.mul(tf.sub(g, tf.sum(tf.mul(g, y), dim, true)), y);
      },
    }),
  },
];

// Comparisons are piecewise constant, so their gradient is zero almost everywhere. tfjs registers
// none, which is harmless to first order but stops a second-order pass as soon as a gradient
// (max's or min's mask, a where()) compares values that depend on the parameters.
const comparisons = ["Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual"];
for (const kernelName of comparisons) {
  configs.push({ kernelName, inputsToSave: ["a", "b"], gradFunc: (_dy, saved: Saved) => ({ a: () => tf.zerosLike(saved[0]!), b: () => tf.zerosLike(saved[1]!) }) });
}

let installed = false;

/** Replaces the output-saving gradients with input-saving ones (idempotent; affects every backend). */
export function installSecondOrderGradients(): void {
  if (installed) return;
  for (const config of configs) tf.registerGradient(config);
  installed = true;
}
