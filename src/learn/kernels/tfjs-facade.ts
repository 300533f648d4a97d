/**
 * TensorFlow.js as the learning core sees it: every export of `@tensorflow/tfjs`, with
 * `fused.matMul` replaced by Cajal's (fused-dense.ts), which keeps a dense layer's product, bias
 * and ReLU in one kernel under gradient tapes too. Nothing in tfjs itself is changed: other
 * users of tfjs in the process get tfjs's own `fused.matMul`.
 */
import * as tfjs from "@tensorflow/tfjs";
import { fusedMatMul } from "./fused-dense.js";

export * from "@tensorflow/tfjs";

/** tfjs's fused ops, with Cajal's `matMul`. */
export const fused: typeof tfjs.fused = { ...tfjs.fused, matMul: fusedMatMul as typeof tfjs.fused.matMul };
