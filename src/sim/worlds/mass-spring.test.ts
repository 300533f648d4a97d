import assert from "node:assert/strict";
import { test } from "node:test";
import { createRng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";
import { advance, chain, forces, positionMse, simulate, withNoise } from "./mass-spring.js";

test("one free mass between two fixed ones oscillates along x exactly as the closed form of symplectic Euler", () => {
  // Without gravity the middle mass feels −2k(x − d) along x: a linear oscillator with ω² = 2k.
  // Symplectic Euler maps (x, v) by a matrix with trace 2 − ω²dt² and determinant 1, so
  // x_n = A cos(nθ) + B sin(nθ) with cos θ = 1 − ω²dt²/2.
  const k = 50, d = 1, dt = 0.02, a = 0.1;
  const system = chain({ masses: 3, spacingM: d, springConstant: k, gravityY: 0 });
  system.nodes[5] = d + a; // displace the middle mass
  const traj = simulate(system, { steps: 200, dtS: dt });
  const w2 = 2 * k;
  const theta = Math.acos(1 - (w2 * dt * dt) / 2);
  // x_0 = a, x_1 = a(1 − ω²dt²) (from v_1 = −ω²a·dt, x_1 = x_0 + v_1·dt).
  const x1 = a * (1 - w2 * dt * dt);
  const A = a;
  const B = (x1 - A * Math.cos(theta)) / Math.sin(theta);
  for (let n = 0; n <= 200; n++) {
    const expected = d + A * Math.cos(n * theta) + B * Math.sin(n * theta);
    assert.ok(Math.abs(traj[n]![5]! - expected) < 1e-9, `step ${n}: ${traj[n]![5]} vs ${expected}`);
    assert.equal(traj[n]![6], 0); // no motion along y
    assert.equal(traj[n]![0], 0); // fixed ends stay put
    assert.equal(traj[n]![10], 2 * d);
  }
});

test("forces: a chain at rest feels only gravity on its free masses; Hooke forces are equal and opposite", () => {
  const s = chain({ masses: 5, spacingM: 0.5 });
  const f = forces(s, s.nodes);
  assert.deepEqual(Array.from(f), [0, 0, 0, -10, 0, -10, 0, -10, 0, 0]);
  const noGravity = chain({ masses: 4, spacingM: 0.5, gravityY: 0 });
  const moved = Float64Array.from(noGravity.nodes);
  moved[5 + 1] = 0.2; // lift mass 1
  moved[10 + 0] = 1.3; // stretch mass 2 along x
  // Remove the fixed flags to see all forces, then momentum conservation: they sum to zero.
  for (let i = 0; i < 4; i++) moved[i * 5 + 4] = 0;
  const g = forces(noGravity, moved);
  let fx = 0, fy = 0;
  for (let i = 0; i < 4; i++) { fx += g[2 * i]!; fy += g[2 * i + 1]!; }
  assert.ok(Math.abs(fx) < 1e-12 && Math.abs(fy) < 1e-12);
});

test("a chain started at its static sag stays there: the closed-form equilibrium is a fixed point of the integrator", () => {
  // A 3-mass chain (one free mass) at rest spacing 1 m: equilibrium depth y solves
  // 2k(√(1 + y²) − 1)·y/√(1 + y²) = g, found here by bisection.
  const k = 50, g = 10;
  const sys = chain({ masses: 3, spacingM: 1, springConstant: k, gravityY: -g });
  let lo = 0, hi = 2;
  for (let it = 0; it < 200; it++) {
    const y = (lo + hi) / 2;
    const L = Math.sqrt(1 + y * y);
    if (2 * k * (L - 1) * (y / L) < g) lo = y; else hi = y;
  }
  sys.nodes[6] = -lo;
  const traj = simulate(sys, { steps: 500, dtS: 0.01 });
  for (const st of traj) assert.ok(Math.abs(st[6]! + lo) < 1e-9 && Math.abs(st[5]! - 1) < 1e-12);
  // Started 5 cm higher, it moves downwards first.
  sys.nodes[6] = -lo + 0.05;
  assert.ok(simulate(sys, { steps: 1, dtS: 0.01 })[1]![8]! < 0);
});

test("withNoise: positions, spring constants and gravity move within the demo's ranges; both directions of a spring agree", () => {
  const base = chain({ masses: 6, spacingM: 0.4 });
  const noisy = withNoise(base, createRng(9));
  for (let i = 0; i < 6; i++) {
    assert.ok(Math.abs(noisy.nodes[i * 5]! - base.nodes[i * 5]!) <= 0.04);
    assert.ok(Math.abs(noisy.nodes[i * 5 + 1]!) <= 0.04);
  }
  for (let e = 0; e < base.senders.length; e += 2) {
    assert.ok(Math.abs(noisy.edges[e * 2]! - 50) <= 5);
    assert.equal(noisy.edges[e * 2], noisy.edges[(e + 1) * 2]);
  }
  assert.ok(Math.abs(noisy.gravity[1] + 10) <= 1);
  assert.throws(() => chain({ masses: 1, spacingM: 1 }), CajalError);
});

test("advance with the simulator's own next velocities reproduces the simulator's next state", () => {
  const sys = withNoise(chain({ masses: 7, spacingM: 0.3 }), createRng(1));
  const traj = simulate(sys, { steps: 3 });
  const v = new Float64Array(14);
  for (let i = 0; i < 7; i++) { v[2 * i] = traj[2]![i * 5 + 2]!; v[2 * i + 1] = traj[2]![i * 5 + 3]!; }
  const next = advance(traj[1]!, v, 0.1);
  assert.ok(positionMse(next, traj[2]!) < 1e-24);
});
