/**
 * The one TensorFlow.js the learning core uses. Every module of `src/learn` imports tfjs from
 * here, so a process holds one tfjs-core (danfojs-node shares it through the package's override)
 * and one kernel registry, and notebooks reach the same copy as `learn.tf`. It is tfjs's own
 * namespace except `tf.fused.matMul`, which stays fused under gradient tapes on wasm
 * (kernels/tfjs-facade.ts, kernels/fused-dense.ts).
 */
import * as tf from "./kernels/tfjs-facade.js";

export { tf };
