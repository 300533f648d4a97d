/** Classification metrics over typed arrays of labels and predictions. */

/** Fraction of equal entries. */
export function accuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predictions[i]) correct++;
  return labels.length === 0 ? NaN : correct / labels.length;
}

/** counts[true][predicted]: row = true class, column = predicted class. */
export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const row = counts[labels[i]!];
    if (row) row[predictions[i]!] = (row[predictions[i]!] ?? 0) + 1;
  }
  return counts;
}

/** Recall of each class (diagonal over row sums); NaN for a class with no examples. */
export function perClassAccuracy(matrix: readonly (readonly number[])[]): number[] {
  return matrix.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? NaN : (row[i] ?? 0) / total;
  });
}
