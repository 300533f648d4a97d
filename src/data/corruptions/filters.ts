/**
 * The image operations the corruptions are built from, on one row-major greyscale image at a time:
 * 2-D convolution with a small kernel, separable Gaussian smoothing, and bilinear sampling.
 * Outside the image counts as 0 (MNIST's background) unless a function says otherwise.
 */

/** Normalised 1-D Gaussian kernel of s.d. `sd` pixels, truncated at ±⌈3·sd⌉ (the ImageNet-C blur's truncation is 4·sd; 3·sd keeps 99.7 % of the mass). */
export function gaussianKernel1d(sd: number, truncate = 3): Float64Array {
  const half = Math.max(1, Math.ceil(truncate * sd));
  const kernel = new Float64Array(2 * half + 1);
  let sum = 0;
  for (let k = -half; k <= half; k++) {
    const v = Math.exp((-k * k) / (2 * sd * sd));
    kernel[k + half] = v;
    sum += v;
  }
  for (let k = 0; k < kernel.length; k++) kernel[k]! /= sum;
  return kernel;
}

/**
 * Separable convolution with a symmetric 1-D kernel along rows then columns. `boundary` "zero"
 * treats outside pixels as 0 (an image on a black background keeps its mass when it is away from
 * the border); "reflect" mirrors the image at its edge (…c b a | a b c…), as scipy's default.
 * `scratch` (rows·cols) is reused when given; the result goes to `out`.
 */
export function separableConvolve(
  image: ArrayLike<number>, rows: number, cols: number, kernel: Float64Array, boundary: "zero" | "reflect", out: Float32Array | Float64Array, scratch?: Float64Array,
): void {
  const half = (kernel.length - 1) >> 1;
  const tmp = scratch ?? new Float64Array(rows * cols);
  const index = (i: number, n: number): number => {
    if (i >= 0 && i < n) return i;
    if (boundary === "zero") return -1;
    // Mirror with the edge pixel repeated; repeat until inside for kernels wider than the image.
    let j = i;
    while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - j - 1;
    return j;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let k = -half; k <= half; k++) {
        const cc = index(c + k, cols);
        if (cc >= 0) s += kernel[k + half]! * image[r * cols + cc]!;
      }
      tmp[r * cols + c] = s;
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let k = -half; k <= half; k++) {
        const rr = index(r + k, rows);
        if (rr >= 0) s += kernel[k + half]! * tmp[rr * cols + c]!;
      }
      out[r * cols + c] = s;
    }
  }
}

/** Full 2-D convolution (correlation with the kernel flipped) of an image with an odd square kernel, zero outside. */
export function convolve2d(image: ArrayLike<number>, rows: number, cols: number, kernel: Float64Array, size: number, out: Float32Array): void {
  const half = (size - 1) >> 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let kr = 0; kr < size; kr++) {
        const rr = r + half - kr; // flipped: out(r) = Σ k(i) · in(r − i)
        if (rr < 0 || rr >= rows) continue;
        for (let kc = 0; kc < size; kc++) {
          const cc = c + half - kc;
          if (cc < 0 || cc >= cols) continue;
          s += kernel[kr * size + kc]! * image[rr * cols + cc]!;
        }
      }
      out[r * cols + c] = s;
    }
  }
}

/** Bilinear interpolation of the image at (y, x) in pixel coordinates (row, column); 0 outside. */
export function bilinear(image: ArrayLike<number>, rows: number, cols: number, y: number, x: number): number {
  const r0 = Math.floor(y);
  const c0 = Math.floor(x);
  const fy = y - r0;
  const fx = x - c0;
  const at = (r: number, c: number): number => (r >= 0 && r < rows && c >= 0 && c < cols ? image[r * cols + c]! : 0);
  return (1 - fy) * ((1 - fx) * at(r0, c0) + fx * at(r0, c0 + 1)) + fy * ((1 - fx) * at(r0 + 1, c0) + fx * at(r0 + 1, c0 + 1));
}

/** Clips to [0, 1], the range of every corrupted image (as ImageNet-C's np.clip). */
export function clip01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
