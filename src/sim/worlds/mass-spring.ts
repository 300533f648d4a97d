/**
 * Mass–spring chains as in the graph_nets physics demo (Battaglia et al. 2018, paper 36): n masses
 * of 1 kg in a horizontal line, neighbours joined by Hookean springs, the two end masses fixed,
 * gravity acting on the others. Integration is semi-implicit (symplectic) Euler, as the demo:
 *   v(t+dt) = v(t) + F(x(t))·dt/m,   x(t+dt) = x(t) + v(t+dt)·dt,
 * with forces and velocities of fixed masses held at zero. State layout per mass: [x, y, vx, vy, fixed]
 * (m, m, m/s, m/s, 0 or 1); per directed spring: [k (N/m), rest length (m)]; globals [gx, gy] (m/s²).
 */
import type { Rng } from "../../core/rng.js";
import { CajalError } from "../../core/errors.js";

/** A chain system: initial node states, springs (both directions) and gravity. */
export interface MassSpringSystem {
  readonly masses: number;
  /** masses × 5: [x, y, vx, vy, fixed]. */
  readonly nodes: Float64Array;
  /** Directed springs: sender and receiver of each; both directions of every spring are listed. */
  readonly senders: Int32Array;
  readonly receivers: Int32Array;
  /** springs × 2: [k (N/m), rest length (m)]. */
  readonly edges: Float64Array;
  /** Gravity [gx, gy] in m/s². */
  readonly gravity: readonly [number, number];
}

/** Per-mass node features. */
export const NODE_FEATURES = 5;
/** Per-spring edge features. */
export const EDGE_FEATURES = 2;

function badOption(name: string, value: unknown, expected: string): CajalError {
  return new CajalError({ ruleId: "mass-spring-bad-option", place: "massSpring", reason: `\`${name}\` is ${String(value)}.`, expected });
}

/** Options of `chain`. */
export interface ChainOptions {
  /** Number of masses (≥ 2; the first and last are fixed). */
  readonly masses: number;
  /** Spacing between neighbours at rest, m (also the springs' rest length). */
  readonly spacingM: number;
  /** Spring constant, N/m; default 50. */
  readonly springConstant?: number;
  /** Gravity along y, m/s²; default −10. */
  readonly gravityY?: number;
}

/** A chain at rest spacing with zero velocities (the demo's `base_graph`). */
export function chain(options: ChainOptions): MassSpringSystem {
  const n = options.masses;
  if (!(Number.isInteger(n) && n >= 2)) throw badOption("masses", n, "an integer ≥ 2");
  if (!(options.spacingM > 0)) throw badOption("spacingM", options.spacingM, "> 0 m");
  const k = options.springConstant ?? 50;
  const nodes = new Float64Array(n * NODE_FEATURES);
  for (let i = 0; i < n; i++) {
    nodes[i * NODE_FEATURES] = i * options.spacingM;
    nodes[i * NODE_FEATURES + 4] = i === 0 || i === n - 1 ? 1 : 0;
  }
  const springs = 2 * (n - 1);
  const senders = new Int32Array(springs);
  const receivers = new Int32Array(springs);
  const edges = new Float64Array(springs * EDGE_FEATURES);
  for (let i = 0; i + 1 < n; i++) {
    senders[2 * i] = i; receivers[2 * i] = i + 1;
    senders[2 * i + 1] = i + 1; receivers[2 * i + 1] = i;
    for (const e of [2 * i, 2 * i + 1]) { edges[e * 2] = k; edges[e * 2 + 1] = options.spacingM; }
  }
  return { masses: n, nodes, senders, receivers, edges, gravity: [0, options.gravityY ?? -10] };
}

/** Noise levels of `withNoise` (the demo's training noise). */
export interface NoiseOptions {
  /** Half-width of the uniform noise on positions, m; default 0.04. */
  readonly positionM?: number;
  /** Half-width of the uniform noise on spring constants, N/m; default 5. */
  readonly springConstant?: number;
  /** Half-width of the uniform noise on gravity's y component, m/s²; default 1. */
  readonly gravityY?: number;
}

/**
 * A copy with uniform noise on positions (every mass), spring constants and gravity. Unlike the
 * demo, which draws the two directions of a spring independently, both directions of a spring
 * get the same draw, so forces stay equal and opposite.
 */
export function withNoise(system: MassSpringSystem, rng: Rng, options: NoiseOptions = {}): MassSpringSystem {
  const dp = options.positionM ?? 0.04;
  const dk = options.springConstant ?? 5;
  const dg = options.gravityY ?? 1;
  const nodes = Float64Array.from(system.nodes);
  for (let i = 0; i < system.masses; i++) {
    nodes[i * NODE_FEATURES] = nodes[i * NODE_FEATURES]! + rng.uniformIn(-dp, dp);
    nodes[i * NODE_FEATURES + 1] = nodes[i * NODE_FEATURES + 1]! + rng.uniformIn(-dp, dp);
  }
  const edges = Float64Array.from(system.edges);
  const drawn = new Map<string, number>();
  for (let e = 0; e < system.senders.length; e++) {
    const a = system.senders[e]!, b = system.receivers[e]!;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    let noise = drawn.get(key);
    if (noise === undefined) { noise = rng.uniformIn(-dk, dk); drawn.set(key, noise); }
    edges[e * EDGE_FEATURES] = edges[e * EDGE_FEATURES]! + noise;
  }
  return { ...system, nodes, edges, gravity: [system.gravity[0], system.gravity[1] + rng.uniformIn(-dg, dg)] };
}

/**
 * Net force on every mass (N, 1 kg masses so also m/s²): Hooke's law on each directed spring,
 * F_receiver = −k·(|d| − rest)·d/|d| with d = x_receiver − x_sender, plus gravity; zero on fixed masses.
 * Writes into `out` (masses × 2) and returns it.
 */
export function forces(system: MassSpringSystem, nodes: Float64Array, out: Float64Array = new Float64Array(system.masses * 2)): Float64Array {
  const n = system.masses;
  for (let i = 0; i < n; i++) { out[2 * i] = system.gravity[0]; out[2 * i + 1] = system.gravity[1]; }
  for (let e = 0; e < system.senders.length; e++) {
    const s = system.senders[e]!, r = system.receivers[e]!;
    const dx = nodes[r * NODE_FEATURES]! - nodes[s * NODE_FEATURES]!;
    const dy = nodes[r * NODE_FEATURES + 1]! - nodes[s * NODE_FEATURES + 1]!;
    const length = Math.sqrt(dx * dx + dy * dy);
    const k = system.edges[e * EDGE_FEATURES]!, rest = system.edges[e * EDGE_FEATURES + 1]!;
    const magnitude = -k * (length - rest) / length;
    out[2 * r] = out[2 * r]! + magnitude * dx;
    out[2 * r + 1] = out[2 * r + 1]! + magnitude * dy;
  }
  for (let i = 0; i < n; i++) if (nodes[i * NODE_FEATURES + 4]! > 0.5) { out[2 * i] = 0; out[2 * i + 1] = 0; }
  return out;
}

/** One semi-implicit Euler step of `dtS` seconds from `nodes` into `next` (may be the same array). */
export function step(system: MassSpringSystem, nodes: Float64Array, dtS: number, next: Float64Array, scratch?: Float64Array): Float64Array {
  const f = forces(system, nodes, scratch);
  for (let i = 0; i < system.masses; i++) {
    const b = i * NODE_FEATURES;
    const vx = nodes[b + 2]! + f[2 * i]! * dtS;
    const vy = nodes[b + 3]! + f[2 * i + 1]! * dtS;
    next[b] = nodes[b]! + vx * dtS;
    next[b + 1] = nodes[b + 1]! + vy * dtS;
    next[b + 2] = vx;
    next[b + 3] = vy;
    next[b + 4] = nodes[b + 4]!;
  }
  return next;
}

/**
 * Trajectory of `steps` steps of `dtS` s (defaults 50 × 0.1 s, the demo's): (steps + 1) states of
 * masses × 5 values, the first being the system's initial state.
 */
export function simulate(system: MassSpringSystem, options: { steps?: number; dtS?: number } = {}): Float64Array[] {
  const steps = options.steps ?? 50;
  const dt = options.dtS ?? 0.1;
  if (!(Number.isInteger(steps) && steps >= 0)) throw badOption("steps", steps, "an integer ≥ 0");
  if (!(dt > 0)) throw badOption("dtS", dt, "> 0 s");
  const out: Float64Array[] = [Float64Array.from(system.nodes)];
  const scratch = new Float64Array(system.masses * 2);
  for (let t = 0; t < steps; t++) out.push(step(system, out[t]!, dt, new Float64Array(system.nodes.length), scratch));
  return out;
}

/**
 * The next state from a state and predicted next velocities (masses × 2), as the demo's
 * `prediction_to_next_state`: positions advance by v·dt, the fixed flag is carried over.
 */
export function advance(nodes: Float64Array, velocities: ArrayLike<number>, dtS: number): Float64Array {
  const n = nodes.length / NODE_FEATURES;
  const next = new Float64Array(nodes.length);
  for (let i = 0; i < n; i++) {
    const b = i * NODE_FEATURES;
    const vx = velocities[2 * i]!, vy = velocities[2 * i + 1]!;
    next[b] = nodes[b]! + vx * dtS;
    next[b + 1] = nodes[b + 1]! + vy * dtS;
    next[b + 2] = vx;
    next[b + 3] = vy;
    next[b + 4] = nodes[b + 4]!;
  }
  return next;
}

/** Mean over masses of the squared position error between two states, m². */
export function positionMse(a: Float64Array, b: Float64Array): number {
  const n = a.length / NODE_FEATURES;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const dx = a[i * NODE_FEATURES]! - b[i * NODE_FEATURES]!;
    const dy = a[i * NODE_FEATURES + 1]! - b[i * NODE_FEATURES + 1]!;
    sum += dx * dx + dy * dy;
  }
  return sum / n;
}
