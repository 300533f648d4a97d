/**
 * Episodic task samplers for memory-augmented meta-learning (Santoro et al. 2016): N-way
 * K-instance classification episodes with a fresh label permutation per episode and the previous
 * step's label as input, and generated sinusoid regression episodes. Arrays are time-major,
 * [step, episode, feature], so step t of a batch is one contiguous block.
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import type { ImageSet } from "../../data/image-set.js";
import { badMemoryOption, poolTooSmall } from "./messages.js";

/** Images of an image set grouped by class: the pool an episode draws from. */
export interface ClassPools {
  /** The classes (dataset class ids) in this split, e.g. [0, 1, 2, 3, 4]. */
  readonly classes: readonly number[];
  /** For each entry of `classes`, the indices of its images in `set`. */
  readonly indices: readonly Uint32Array[];
  readonly set: ImageSet;
}

/** Groups the images of `set` whose class is in `classes` (a meta-training or meta-test split). */
export function classPools(set: ImageSet, classes: readonly number[]): ClassPools {
  const counts = classes.map(() => 0);
  const position = new Map<number, number>();
  classes.forEach((c, k) => {
    if (!(Number.isInteger(c) && c >= 0 && c < set.classes) || position.has(c)) {
      throw new CajalError(badMemoryOption("classPools", "classes", classes.join(", "), `distinct class ids in 0 … ${set.classes - 1}`));
    }
    position.set(c, k);
  });
  for (let i = 0; i < set.count; i++) {
    const k = position.get(set.labels[i]!);
    if (k !== undefined) counts[k]! += 1;
  }
  const indices = counts.map((n) => new Uint32Array(n));
  const filled = classes.map(() => 0);
  for (let i = 0; i < set.count; i++) {
    const k = position.get(set.labels[i]!);
    if (k !== undefined) indices[k]![filled[k]!++] = i;
  }
  return { classes: [...classes], indices, set };
}

/** A batch of few-shot classification episodes, time-major. */
export interface ClassificationEpisodes {
  /** Steps per episode = ways × instances. */
  readonly steps: number;
  /** Episodes in the batch. */
  readonly batch: number;
  /** Pixels per image. */
  readonly features: number;
  /** Number of episode labels (ways). */
  readonly ways: number;
  /** Image pixels, [steps, batch, features]. */
  readonly images: Float32Array;
  /** Episode label (0 … ways−1) of the image shown at each step, [steps, batch]. */
  readonly labels: Int32Array;
  /** The previous step's label, one-hot (zeros at step 0), [steps, batch, ways]. */
  readonly previousLabels: Float32Array;
  /** How many times this step's class has been shown so far in its episode, counting this one (1 … instances), [steps, batch]. */
  readonly instance: Int32Array;
  /** Dataset class id of each step's image, [steps, batch]. */
  readonly classIds: Int32Array;
}

/** Options of `classificationEpisodes`. */
export interface ClassificationEpisodeOptions {
  readonly pools: ClassPools;
  /** Classes per episode, drawn from the pools' classes without replacement (all of them when equal). */
  readonly ways: number;
  /** Instances of each class per episode. */
  readonly instances: number;
  /** Episodes in the batch. */
  readonly batch: number;
  readonly rng: Rng;
}

/**
 * Samples `batch` episodes: each picks `ways` classes of the split, gives them a random label
 * permutation, draws `instances` distinct images per class (without replacement within the
 * episode) and shows the ways × instances images in a random order. The input at step t carries
 * the label of step t−1 (Santoro et al.'s offset), so a network must hold the image until its
 * label arrives.
 */
export function classificationEpisodes(options: ClassificationEpisodeOptions): ClassificationEpisodes {
  const { pools, ways, instances, batch, rng } = options;
  const place = "classificationEpisodes";
  if (!(Number.isInteger(ways) && ways >= 2 && ways <= pools.classes.length)) {
    throw new CajalError(badMemoryOption(place, "ways", ways, `an integer in 2 … ${pools.classes.length} (the classes in the pools)`));
  }
  if (!(Number.isInteger(instances) && instances >= 1)) throw new CajalError(badMemoryOption(place, "instances", instances, "a positive integer"));
  if (!(Number.isInteger(batch) && batch >= 1)) throw new CajalError(badMemoryOption(place, "batch", batch, "a positive integer"));
  pools.indices.forEach((pool, k) => {
    if (pool.length < instances) throw new CajalError(poolTooSmall(place, pools.classes[k]!, pool.length, instances));
  });
  const set = pools.set;
  const features = set.rows * set.cols;
  const steps = ways * instances;
  const images = new Float32Array(steps * batch * features);
  const labels = new Int32Array(steps * batch);
  const previousLabels = new Float32Array(steps * batch * ways);
  const instance = new Int32Array(steps * batch);
  const classIds = new Int32Array(steps * batch);
  const seen = new Int32Array(ways);
  const order = new Int32Array(steps);
  for (let b = 0; b < batch; b++) {
    const chosen = rng.permutation(pools.classes.length).subarray(0, ways); // chosen[label] = pool index
    // Draw `instances` distinct images per chosen class: a partial Fisher–Yates on a copy of the pool.
    const drawn: Uint32Array[] = [];
    for (let label = 0; label < ways; label++) {
      const pool = Uint32Array.from(pools.indices[chosen[label]!]!);
      for (let i = 0; i < instances; i++) {
        const j = i + rng.int(pool.length - i);
        const t = pool[i]!;
        pool[i] = pool[j]!;
        pool[j] = t;
      }
      drawn.push(pool.subarray(0, instances));
    }
    for (let s = 0; s < steps; s++) order[s] = s % ways;
    rng.shuffle(order);
    seen.fill(0);
    for (let t = 0; t < steps; t++) {
      const label = order[t]!;
      const image = drawn[label]![seen[label]!]!;
      seen[label]! += 1;
      const at = t * batch + b;
      labels[at] = label;
      instance[at] = seen[label]!;
      classIds[at] = pools.classes[chosen[label]!]!;
      images.set(set.images.subarray(image * features, (image + 1) * features), at * features);
      if (t + 1 < steps) previousLabels[((t + 1) * batch + b) * ways + label] = 1;
    }
  }
  return { steps, batch, features, ways, images, labels, previousLabels, instance, classIds };
}

/** A batch of sinusoid regression episodes, time-major. */
export interface SinusoidEpisodes {
  readonly steps: number;
  readonly batch: number;
  /** Query points x ~ U[−5, 5], [steps, batch]. */
  readonly x: Float32Array;
  /** Targets y = A·sin(x + φ), [steps, batch]. */
  readonly y: Float32Array;
  /** The previous step's target (0 at step 0), [steps, batch]. */
  readonly previousY: Float32Array;
  /** Amplitude A of each episode, [batch]. */
  readonly amplitude: Float32Array;
  /** Phase φ of each episode (radians), [batch]. */
  readonly phase: Float32Array;
}

/** Options of `sinusoidEpisodes`; the ranges default to Finn et al.'s (2017) sinusoid task. */
export interface SinusoidEpisodeOptions {
  readonly steps: number;
  readonly batch: number;
  readonly rng: Rng;
  /** Amplitude range (default [0.1, 5]). */
  readonly amplitude?: readonly [number, number];
  /** Phase range in radians (default [0, π]). */
  readonly phase?: readonly [number, number];
  /** Range of x (default [−5, 5]). */
  readonly xRange?: readonly [number, number];
}

/** Samples sinusoid regression episodes: each has its own amplitude and phase; points arrive one per step with the previous target. */
export function sinusoidEpisodes(options: SinusoidEpisodeOptions): SinusoidEpisodes {
  const { steps, batch, rng } = options;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new CajalError(badMemoryOption("sinusoidEpisodes", "steps", steps, "a positive integer"));
  if (!(Number.isInteger(batch) && batch >= 1)) throw new CajalError(badMemoryOption("sinusoidEpisodes", "batch", batch, "a positive integer"));
  const [a0, a1] = options.amplitude ?? [0.1, 5];
  const [p0, p1] = options.phase ?? [0, Math.PI];
  const [x0, x1] = options.xRange ?? [-5, 5];
  const x = new Float32Array(steps * batch);
  const y = new Float32Array(steps * batch);
  const previousY = new Float32Array(steps * batch);
  const amplitude = new Float32Array(batch);
  const phase = new Float32Array(batch);
  for (let b = 0; b < batch; b++) {
    const A = a0 + (a1 - a0) * rng.uniform();
    const phi = p0 + (p1 - p0) * rng.uniform();
    amplitude[b] = A;
    phase[b] = phi;
    for (let t = 0; t < steps; t++) {
      const xt = x0 + (x1 - x0) * rng.uniform();
      const at = t * batch + b;
      x[at] = xt;
      y[at] = A * Math.sin(xt + phi);
      if (t + 1 < steps) previousY[at + batch] = y[at]!;
    }
  }
  return { steps, batch, x, y, previousY, amplitude, phase };
}
