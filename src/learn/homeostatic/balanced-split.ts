/** Seeded class-balanced, disjoint training and validation subsets of an image set. */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { type ImageSet, shuffledIndices, subset } from "../../data/image-set.js";
import { badOption } from "../messages.js";

/**
 * Draws `trainCount` and `validationCount` images with equal counts per class (both must be
 * multiples of the number of classes) and no image in both. Each part is in random order.
 */
export function balancedSplit(set: ImageSet, trainCount: number, validationCount: number, rng: Rng): { train: ImageSet; validation: ImageSet } {
  const k = set.classes;
  for (const [name, n] of [["trainCount", trainCount], ["validationCount", validationCount]] as const) {
    if (!(Number.isInteger(n) && n >= 0 && n % k === 0)) throw new CajalError(badOption("balancedSplit", name, n, `a multiple of ${k} (the number of classes)`));
  }
  const perTrain = trainCount / k, perVal = validationCount / k;
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (const i of shuffledIndices(set.count, rng.stream("order"))) {
    const list = byClass[set.labels[i]!]!;
    if (list.length < perTrain + perVal) list.push(i);
  }
  const short = byClass.findIndex((l) => l.length < perTrain + perVal);
  if (short >= 0) throw new CajalError(badOption("balancedSplit", "trainCount + validationCount", trainCount + validationCount, `at most ${k} × ${byClass[short]!.length} (class ${short} has ${byClass[short]!.length} images)`));
  const train = byClass.flatMap((l) => l.slice(0, perTrain));
  const validation = byClass.flatMap((l) => l.slice(perTrain));
  const mix = (idx: number[], name: string) => { const p = shuffledIndices(idx.length, rng.stream(name)); return Array.from(p, (j) => idx[j]!); };
  return { train: subset(set, mix(train, "train")), validation: subset(set, mix(validation, "validation")) };
}
