import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createRng } from "../../core/rng.js";
import { initLearn } from "../backend.js";
import { gradCheck } from "../grad-check.js";
import { valueAndGrads } from "../grad.js";
import { spike } from "../layers/spiking.js";
import { tf } from "../tf.js";
import { lifSequence } from "./lif-sequence.js";
import { decayFromRaw, rawFromTau } from "./reparam.js";

before(async () => { await initLearn(); });

const T = 14, B = 2, N = 3;
const ALPHA = Math.exp(-1 / 5);

function seeded(seed: number, n: number, f: (r: ReturnType<typeof createRng>) => number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => f(rng));
}

/** Float64 forward of the documented equations, for the finite differences. */
function reference(drive: Float64Array | Float32Array, beta: ArrayLike<number>, theta: ArrayLike<number>): { v: Float64Array; s: Uint8Array } {
  const v = new Float64Array(T * B * N), s = new Uint8Array(T * B * N);
  for (let k = 0; k < B * N; k++) {
    const i = k % N;
    let cur = 0, vm = 0;
    for (let t = 0; t < T; t++) {
      const idx = t * B * N + k;
      cur = ALPHA * cur + drive[idx]!;
      const vh = beta[i]! * vm + cur;
      v[idx] = vh;
      s[idx] = vh > theta[i]! ? 1 : 0;
      vm = vh - s[idx]! * theta[i]!;
    }
  }
  return { v, s };
}

const drive0 = seeded(1, T * B * N, (r) => r.normal(0.04, 0.2));
const beta0 = [0.8, 0.87, 0.93];
const theta0 = [0.9, 1.1, 1.3];
const weights = seeded(2, T * B * N, (r) => r.normal(0, 1));

test("lifSequence: the forward pass follows the documented equations (synaptic filter, per-neuron β and θ, subtractive reset)", () => {
  const run = lifSequence(tf.tensor3d(drive0, [T, B, N]), tf.tensor1d(beta0), tf.tensor1d(theta0));
  const ref = reference(drive0, beta0, theta0);
  const v = run.v.dataSync(), s = run.spikes.dataSync();
  for (let k = 0; k < v.length; k++) {
    assert.ok(Math.abs(v[k]! - ref.v[k]!) < 1e-5, `v[${k}] ${v[k]} vs ${ref.v[k]}`);
    assert.equal(s[k], ref.s[k]);
  }
  const count = ref.s.reduce((a, b) => a + b, 0);
  assert.ok(count >= 6 && count <= (T * B * N * 2) / 3, `some but not all steps spike (${count})`);
});

test("lifSequence: gradients of a membrane loss in drive, β and θ equal float64 finite differences where no spike moves", () => {
  // L = Σ r·V̂. With resets detached the trajectory is smooth in every input between spike changes.
  const loss = (d: ArrayLike<number>, b: ArrayLike<number>, th: ArrayLike<number>) => {
    const { v, s } = reference(Float64Array.from(d), b, th);
    let l = 0;
    for (let k = 0; k < v.length; k++) l += weights[k]! * v[k]!;
    return { l, pattern: s.join("") };
  };
  const { grads } = valueAndGrads((p) => tf.sum(tf.mul(lifSequence(p.d!, p.b!, p.th!).v, tf.tensor3d(weights, [T, B, N]))) as tf.Scalar,
    { d: tf.tensor3d(drive0, [T, B, N]), b: tf.tensor1d(beta0), th: tf.tensor1d(theta0) });
  const base = loss(drive0, beta0, theta0);
  const h = 1e-6;
  const check = (name: string, autodiff: Float32Array, perturb: (k: number, e: number) => number) => {
    for (let k = 0; k < autodiff.length; k += name === "drive" ? 7 : 1) {
      const plus = perturb(k, h), minus = perturb(k, -h);
      const numeric = (plus - minus) / (2 * h);
      assert.ok(Math.abs(autodiff[k]! - numeric) <= 1e-3 * Math.abs(numeric) + 1e-3, `${name}[${k}]: autodiff ${autodiff[k]}, finite difference ${numeric}`);
    }
  };
  const at = (d: ArrayLike<number>, b: ArrayLike<number>, th: ArrayLike<number>) => {
    const r = loss(d, b, th);
    assert.equal(r.pattern, base.pattern, "a perturbation moved a spike");
    return r.l;
  };
  check("drive", grads.d!.dataSync() as Float32Array, (k, e) => { const d = Float64Array.from(drive0); d[k]! += e; return at(d, beta0, theta0); });
  check("beta", grads.b!.dataSync() as Float32Array, (k, e) => { const b = beta0.slice(); b[k]! += e; return at(drive0, b, theta0); });
  check("theta", grads.th!.dataSync() as Float32Array, (k, e) => { const th = theta0.slice(); th[k]! += e; return at(drive0, beta0, th); });
  assert.ok(Array.from(grads.th!.dataSync()).some((g) => Math.abs(g) > 1e-2), "θ's gradient is not trivially zero (the reset path is exercised)");
});

test("lifSequence: surrogate gradients through spikes equal an op-by-op tfjs unrolling with the learning core's spike()", () => {
  const target = tf.tensor3d(weights, [T, B, N]);
  const fused = (p: Record<string, tf.Tensor>) => tf.sum(tf.mul(lifSequence(p.d!, p.b!, p.th!, { surrogate: "fastSigmoid", slope: 5 }).spikes, target)) as tf.Scalar;
  // Detach s in the reset the same way (stopGradient from the learning core).
  const unrolledDetached = (p: Record<string, tf.Tensor>) => {
    const steps = tf.unstack(p.d!);
    let cur: tf.Tensor = tf.zeros([B, N]), v: tf.Tensor = tf.zeros([B, N]);
    const out: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      cur = tf.add(tf.mul(ALPHA, cur), steps[t]!);
      const vh = tf.add(tf.mul(p.b!, v), cur);
      const s = spike(tf.sub(vh, p.th!), { surrogate: "fastSigmoid", slope: 5 });
      out.push(s);
      const sDetached = tf.customGrad((...a: Array<tf.Tensor | tf.GradSaveFunc>) => ({ value: tf.clone(a[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }))(s) as tf.Tensor;
      v = tf.sub(vh, tf.mul(sDetached, p.th!));
    }
    return tf.sum(tf.mul(tf.stack(out), target)) as tf.Scalar;
  };
  const params = { d: tf.tensor3d(drive0, [T, B, N]), b: tf.tensor1d(beta0), th: tf.tensor1d(theta0) };
  const a = valueAndGrads(fused, params), b = valueAndGrads(unrolledDetached, params);
  assert.equal(a.value.dataSync()[0], b.value.dataSync()[0]);
  for (const name of ["d", "b", "th"]) {
    const x = a.grads[name]!.dataSync(), y = b.grads[name]!.dataSync();
    let scale = 0;
    for (let k = 0; k < y.length; k++) scale = Math.max(scale, Math.abs(y[k]!));
    assert.ok(scale > 1e-3, `${name}: the surrogate path carries a gradient`);
    for (let k = 0; k < x.length; k++) assert.ok(Math.abs(x[k]! - y[k]!) <= 1e-4 * scale + 1e-5, `${name}[${k}]: fused ${x[k]}, op-by-op ${y[k]}`);
  }
});

test("lifSequence: gradCheck of the reparametrised τ_m = 1 + softplus(a) agrees with central differences on a membrane loss", () => {
  // The chain through decayFromRaw (tfjs ops) into the fused op's β input; h small enough that no spike moves.
  const raw0 = tf.tensor1d([rawFromTau(5), rawFromTau(12), rawFromTau(30)]);
  const d = tf.tensor3d(drive0, [T, B, N]), th = tf.tensor1d(theta0), r = tf.tensor3d(weights, [T, B, N]);
  const base = lifSequence(d, decayFromRaw(raw0, 1), th).spikes.dataSync().join("");
  let moved = 0;
  const f = (p: Record<string, tf.Tensor>) => {
    const run = lifSequence(d, decayFromRaw(p.raw!, 1), th);
    if (run.spikes.dataSync().join("") !== base) moved++;
    return tf.sum(tf.mul(run.v, r)) as tf.Scalar;
  };
  const result = gradCheck(f, { raw: raw0 }, { rng: createRng(3), step: 3e-3, rtol: 2e-2, atol: 2e-3 });
  assert.equal(moved, 0, "no finite-difference evaluation moved a spike");
  assert.ok(result.worst <= 1, `worst ${JSON.stringify(result.worstEntry)}`);
  assert.ok(result.entries.some((e) => Math.abs(e.numeric) > 1e-2), "the compared gradients are not all ~0");
});

test("lifSequence (escape noise): spikes are drawn against σ((V̂−θ)/Δ), and Δ's gradient is the derivative of the firing probability", () => {
  // One neuron, one step: s = [ξ < p], ∂s/∂Δ := ∂p/∂Δ = −p(1−p)·u/Δ² (straight-through on the probability).
  const u = 0.3, delta = 0.5;
  const p = 1 / (1 + Math.exp(-u / delta));
  for (const [xi, expected] of [[p - 0.01, 1], [p + 0.01, 0]] as const) {
    const run = lifSequence(tf.tensor3d([1 + u], [1, 1, 1]), tf.tensor1d([0.9]), tf.tensor1d([1]), {}, { delta: tf.tensor1d([delta]), uniforms: tf.tensor3d([xi], [1, 1, 1]) });
    assert.equal(run.spikes.dataSync()[0], expected);
  }
  const { grads } = valueAndGrads((q) => tf.sum(lifSequence(tf.tensor3d([1 + u], [1, 1, 1]), tf.tensor1d([0.9]), q.th!, {}, { delta: q.de!, uniforms: tf.tensor3d([0.5], [1, 1, 1]) }).spikes) as tf.Scalar,
    { th: tf.tensor1d([1]), de: tf.tensor1d([delta]) });
  assert.ok(Math.abs(grads.de!.dataSync()[0]! - (-p * (1 - p) * u) / delta ** 2) < 1e-5);
  assert.ok(Math.abs(grads.th!.dataSync()[0]! - (-p * (1 - p)) / delta) < 1e-5);
});
