/**
 * The one TensorFlow.js the learning core uses. Every module of `src/learn` imports tfjs from
 * here, so a process holds one tfjs-core (danfojs-node shares it through the package's override)
 * and one kernel registry, and notebooks reach the same copy as `learn.tf`.
 */
import * as tf from "@tensorflow/tfjs";

export { tf };
