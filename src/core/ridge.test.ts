import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "./errors.js";
import { createRng } from "./rng.js";
import { nrmse, predict, ridgeFit, RidgeSolver, rowRange, squaredCorrelation, type DesignMatrix } from "./ridge.js";

function randomMatrix(rows: number, cols: number, seed: number): DesignMatrix {
  return { data: createRng(seed).fillNormal(new Float64Array(rows * cols)), rows, cols };
}

test("with λ = 0 a noiseless linear map with bias is recovered exactly", () => {
  const x = randomMatrix(60, 5, 1);
  const w = [0.5, -2, 3, 0, 1.25];
  const y = Array.from({ length: 60 }, (_, r) => 0.7 + w.reduce((s, wi, c) => s + wi * x.data[r * 5 + c]!, 0));
  const readout = new RidgeSolver(x, { lambda: 0 }).fit(y);
  w.forEach((wi, c) => assert.ok(Math.abs(readout.weights[c]! - wi) < 1e-10, `w${c} = ${readout.weights[c]}`));
  assert.ok(Math.abs(readout.bias - 0.7) < 1e-10);
  const yHat = predict(readout, x);
  assert.ok(nrmse(yHat, y) < 1e-10);
});

test("λ → 0 gives ordinary least squares, from the normal equations solved independently", () => {
  // Two features, no bias: closed-form 2 × 2 inverse of XᵀX.
  const x = randomMatrix(40, 2, 2);
  const y = createRng(3).fillNormal(new Float64Array(40));
  let a = 0, b = 0, d = 0, p = 0, q = 0;
  for (let r = 0; r < 40; r++) {
    const u = x.data[2 * r]!, v = x.data[2 * r + 1]!;
    a += u * u; b += u * v; d += v * v; p += u * y[r]!; q += v * y[r]!;
  }
  const det = a * d - b * b;
  const ols = [(d * p - b * q) / det, (a * q - b * p) / det];
  const tiny = new RidgeSolver(x, { lambda: 1e-12, bias: false }).fit(y);
  assert.ok(Math.abs(tiny.weights[0]! - ols[0]!) < 1e-9 && Math.abs(tiny.weights[1]! - ols[1]!) < 1e-9);
  // And the ridge solution for a finite λ is (XᵀX + λI)⁻¹Xᵀy, again by the 2 × 2 inverse.
  const lambda = 5;
  const detL = (a + lambda) * (d + lambda) - b * b;
  const ridge = [((d + lambda) * p - b * q) / detL, ((a + lambda) * q - b * p) / detL];
  const fitted = new RidgeSolver(x, { lambda, bias: false }).fit(y);
  assert.ok(Math.abs(fitted.weights[0]! - ridge[0]!) < 1e-12 && Math.abs(fitted.weights[1]! - ridge[1]!) < 1e-12);
  // A larger λ shrinks the weights.
  assert.ok(Math.hypot(...fitted.weights) < Math.hypot(...tiny.weights));
});

test("one factorisation fits many targets as separate solves would", () => {
  const x = randomMatrix(80, 6, 4);
  const targets = [0, 1, 2].map((s) => createRng(10 + s).fillNormal(new Float64Array(80)));
  const shared = ridgeFit(x, targets, { lambda: 0.1 });
  targets.forEach((y, k) => {
    // Same factor, XᵀY summed in another order: equal to rounding.
    const alone = new RidgeSolver(x, { lambda: 0.1 }).fit(y);
    alone.weights.forEach((w, c) => assert.ok(Math.abs(shared[k]!.weights[c]! - w) < 1e-12));
    assert.ok(Math.abs(shared[k]!.bias - alone.bias) < 1e-12);
  });
});

test("the bias is not penalised: a constant target is fitted exactly for any λ", () => {
  const x = randomMatrix(30, 3, 5);
  const r = new RidgeSolver(x, { lambda: 100 }).fit(new Float64Array(30).fill(4));
  assert.ok(Math.abs(r.bias - 4) < 1e-12);
  for (const w of r.weights) assert.ok(Math.abs(w) < 1e-12);
});

test("rowRange is a view of consecutive rows", () => {
  const x = randomMatrix(10, 3, 6);
  const v = rowRange(x, 2, 5);
  assert.equal(v.rows, 3);
  assert.equal(v.data[0], x.data[6]);
  assert.equal(v.data.buffer, x.data.buffer);
});

test("NRMSE and r² match hand computation", () => {
  const y = [1, 2, 3, 4];
  // var = 1.25 (population), mse of prediction y + [0.5, −0.5, 0.5, −0.5] is 0.25 → √(0.25/1.25)
  assert.ok(Math.abs(nrmse([1.5, 1.5, 3.5, 3.5], y) - Math.sqrt(0.2)) < 1e-15);
  assert.equal(nrmse(new Array(4).fill(2.5), y), 1); // the mean predictor scores 1
  assert.ok(Math.abs(squaredCorrelation([2, 4, 6, 8], y) - 1) < 1e-15); // scale-free
  assert.ok(Math.abs(squaredCorrelation([4, 3, 2, 1], y) - 1) < 1e-15); // sign-free
  assert.ok(Number.isNaN(squaredCorrelation([1, 1, 1, 1], y)));
});

test("a singular Gram matrix at λ = 0 throws a CajalError suggesting a larger λ", () => {
  const data = new Float64Array(20);
  for (let r = 0; r < 10; r++) { data[2 * r] = r; data[2 * r + 1] = 2 * r; } // dependent columns
  assert.throws(() => new RidgeSolver({ data, rows: 10, cols: 2 }, { lambda: 0, bias: false }),
    (e: unknown) => e instanceof CajalError && e.problem.ruleId === "ridge-singular");
  // with λ > 0 it factorises
  new RidgeSolver({ data, rows: 10, cols: 2 }, { lambda: 1e-6, bias: false });
  assert.throws(() => new RidgeSolver(randomMatrix(4, 2, 1)).fit([1, 2, 3]),
    (e: unknown) => e instanceof CajalError && e.problem.ruleId === "ridge-target-length");
});
