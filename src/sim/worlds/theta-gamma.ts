/**
 * A Lisman–Idiart style short-term memory (Lisman & Idiart 1995; Jensen, Idiart & Lisman 1996):
 * item assemblies of leaky integrate-and-fire cells share a theta-modulated excitability, global
 * feedback inhibition splits each theta cycle into gamma subcycles, and an after-depolarisation
 * (ADP) that rises over about one theta cycle after each spike makes an assembly fire again one
 * cycle later, in the same order. Voltages are dimensionless (rest 0, threshold 1), times in ms.
 *
 * Written as its own small simulator because the DSL has no after-depolarisation current (an
 * intrinsic current triggered by the cell's own spike with an alpha time course).
 */
import { CajalError, type Problem } from "../../core/errors.js";
import type { Rng } from "../../core/rng.js";
import type { SpikeTrains } from "../../core/spikes.js";

/** Parameters of {@link simulateThetaGamma}; every field has a default. */
export interface ThetaGammaOptions {
  /** Item assemblies (default 7). */
  readonly assemblies?: number;
  /** Cells per assembly (default 20). */
  readonly cellsPerAssembly?: number;
  /** Theta frequency, Hz (default 6). */
  readonly thetaHz?: number;
  /** Mean and amplitude of the theta drive (defaults 0.3, 0.2). */
  readonly thetaMean?: number;
  readonly thetaAmplitude?: number;
  /** Membrane time constant, ms (default 4). */
  readonly tauMMs?: number;
  /** ADP peak amplitude and time to peak, ms (defaults 1.3, 300: still rising one theta cycle after a spike, so the item that fired earlier is ahead). */
  readonly adpAmplitude?: number;
  readonly adpPeakMs?: number;
  /** ADP shape k: ADP(s) = A (s/τ)^k e^{k(1 − s/τ)}, peak A at s = τ; larger k rises more steeply (default 3). */
  readonly adpShape?: number;
  /** Feedback inhibition per assembly volley (peak) and its time to peak, ms (defaults 6, 3: a gamma period of ≈ 25 ms). */
  readonly inhibitionWeight?: number;
  readonly inhibitionPeakMs?: number;
  /** Recurrent excitation inside an assembly per volley (peak) and time to peak, ms (defaults 5, 1: one cell recruits its assembly). */
  readonly recurrentWeight?: number;
  readonly recurrentPeakMs?: number;
  /** Refractory period, ms (default 8). */
  readonly refractoryMs?: number;
  /** Noise s.d. of the voltage (dimensionless, per √ms; default 0.02). */
  readonly noise?: number;
  /** Load times (ms), one per assembly, in load order; default one theta cycle apart from 200 ms at the theta phase `loadPhaseDeg`. */
  readonly loadTimesMs?: readonly number[];
  /** Theta phase of the default load times, degrees (default 190: late in the excitable part of the cycle, after the stored items fired, so a new item takes the last gamma slot). */
  readonly loadPhaseDeg?: number;
  /** Load pulse: duration (ms) and strength (defaults 20, 1.5). */
  readonly loadDurationMs?: number;
  readonly loadStrength?: number;
  /** Simulated time, ms (default: last load + 2000). */
  readonly durationMs?: number;
  /** Euler step, ms (default 0.1). */
  readonly dtMs?: number;
}

/** Result of {@link simulateThetaGamma}. */
export interface ThetaGammaRun {
  /** Spikes of all cells; cell i belongs to assembly floor(i / cellsPerAssembly). */
  readonly spikes: SpikeTrains;
  readonly cellsPerAssembly: number;
  readonly assemblies: number;
  readonly thetaHz: number;
  /** Load times used, ms. */
  readonly loadTimesMs: readonly number[];
  /** End of loading (last load + pulse), ms. */
  readonly loadEndMs: number;
  /** Cell updates performed (a cost count). */
  readonly updates: number;
}

/** Alpha kernel state pair: fast h (jumps at spikes) feeding slow g; g peaks at `peakMs` with value `weight` per unit jump. */
function alphaDecay(peakMs: number, dtMs: number): number { return Math.exp(-dtMs / peakMs); }

/**
 * Simulates the network: theta drive + ADP + feedback inhibition + within-assembly excitation,
 * items loaded by pulses to their assemblies.
 */
export function simulateThetaGamma(options: ThetaGammaOptions, rng: Rng): ThetaGammaRun {
  const {
    assemblies = 7, cellsPerAssembly = 20, thetaHz = 6, thetaMean = 0.3, thetaAmplitude = 0.2, tauMMs = 4,
    adpAmplitude = 1.3, adpPeakMs = 300, adpShape = 3, inhibitionWeight = 6, inhibitionPeakMs = 3, recurrentWeight = 5, recurrentPeakMs = 1,
    refractoryMs = 8, noise = 0.02, loadPhaseDeg = 190, loadDurationMs = 20, loadStrength = 1.5, dtMs = 0.1,
  } = options;
  const periodMs = 1000 / thetaHz;
  const loadTimesMs = options.loadTimesMs ?? Array.from({ length: assemblies }, (_, k) => (1 + k) * periodMs + (loadPhaseDeg / 360) * periodMs);
  const problems: Problem[] = [];
  const bad = (name: string, value: unknown, expected: string): void => {
    problems.push({ ruleId: "theta-gamma-bad-option", place: `thetaGamma.${name}`, reason: `${name} is ${String(value)}.`, expected });
  };
  if (!(Number.isInteger(assemblies) && assemblies >= 1)) bad("assemblies", assemblies, "a whole number ≥ 1");
  if (!(Number.isInteger(cellsPerAssembly) && cellsPerAssembly >= 1)) bad("cellsPerAssembly", cellsPerAssembly, "a whole number ≥ 1");
  if (!(thetaHz > 0)) bad("thetaHz", thetaHz, "a frequency > 0 Hz");
  for (const [name, v] of [["tauMMs", tauMMs], ["adpPeakMs", adpPeakMs], ["inhibitionPeakMs", inhibitionPeakMs], ["recurrentPeakMs", recurrentPeakMs], ["dtMs", dtMs]] as const) {
    if (!(v > 0)) bad(name, v, "a time > 0 ms");
  }
  if (loadTimesMs.length !== assemblies || loadTimesMs.some((t) => !(t >= 0))) bad("loadTimesMs", `[${loadTimesMs.join(", ")}]`, `${assemblies} load times ≥ 0 ms`);
  if (problems.length) throw new CajalError(problems);
  const loadEndMs = Math.max(...loadTimesMs) + loadDurationMs;
  const durationMs = options.durationMs ?? loadEndMs + 2000;

  const n = assemblies * cellsPerAssembly;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 0.3 * rng.uniform();
  const lastSpike = new Float64Array(n).fill(-Infinity);
  // Alpha-shaped currents as cascades h → g: per-assembly recurrent excitation, global inhibition.
  const recH = new Float64Array(assemblies); const recG = new Float64Array(assemblies);
  let inhH = 0; let inhG = 0;
  const dRec = alphaDecay(recurrentPeakMs, dtMs); const dInh = alphaDecay(inhibitionPeakMs, dtMs);
  const volleyCount = new Float64Array(assemblies);
  const times: number[] = []; const neurons: number[] = [];
  const steps = Math.round(durationMs / dtMs);
  const noiseStep = noise * Math.sqrt(dtMs);
  const e = Math.E;
  for (let s = 0; s < steps; s++) {
    const t = s * dtMs;
    const theta = thetaMean + thetaAmplitude * Math.sin((2 * Math.PI * t) / periodMs);
    const inhibition = inhibitionWeight * e * inhG;
    volleyCount.fill(0);
    for (let a = 0; a < assemblies; a++) {
      const lt = loadTimesMs[a]!;
      const load = t >= lt && t < lt + loadDurationMs ? loadStrength : 0;
      const rec = recurrentWeight * e * recG[a]!;
      for (let c = 0; c < cellsPerAssembly; c++) {
        const i = a * cellsPerAssembly + c;
        const since = t - lastSpike[i]!;
        if (since < refractoryMs) continue;
        const x = since / adpPeakMs;
        const adp = Number.isFinite(since) ? adpAmplitude * Math.pow(x * Math.exp(1 - x), adpShape) : 0;
        const drive = theta + adp - inhibition + rec + load;
        let vi = v[i]! + (dtMs / tauMMs) * (drive - v[i]!) + noiseStep * rng.normal();
        if (vi >= 1) {
          vi = 0; lastSpike[i] = t; volleyCount[a]!++;
          times.push(t); neurons.push(i);
        }
        v[i] = vi;
      }
    }
    // Alpha kernels normalised per assembly volley: a full volley of cellsPerAssembly spikes gives peak = weight.
    inhG = inhG * dInh + (dtMs / inhibitionPeakMs) * inhH;
    inhH *= dInh;
    for (let a = 0; a < assemblies; a++) {
      recG[a] = recG[a]! * dRec + (dtMs / recurrentPeakMs) * recH[a]!;
      recH[a] = recH[a]! * dRec + volleyCount[a]! / cellsPerAssembly;
      inhH += volleyCount[a]! / cellsPerAssembly;
    }
  }
  return {
    spikes: { label: "assemblies", size: n, times: Float64Array.from(times), neurons: Int32Array.from(neurons), window: [0, durationMs] },
    cellsPerAssembly, assemblies, thetaHz, loadTimesMs, loadEndMs, updates: n * steps,
  };
}

/** The assemblies that fired in one theta cycle, in firing order. */
export interface CycleOrder {
  /** Cycle index (floor(t / period)). */
  readonly cycle: number;
  /** Assemblies in order of their mean spike time in the cycle (those with ≥ minFraction of cells firing). */
  readonly order: number[];
  /** Mean spike time of each listed assembly, ms. */
  readonly timesMs: number[];
}

/**
 * Firing order per theta cycle from `fromMs` on: an assembly counts as active in a cycle when at
 * least `minFraction` (default 0.5) of its cells spike in it. Cycles start at phase −90°, the
 * theta trough, so a cycle's gamma volleys are not split across two cycles.
 */
export function cycleOrders(run: ThetaGammaRun, fromMs: number, minFraction = 0.5): CycleOrder[] {
  const period = 1000 / run.thetaHz;
  const offset = -period / 4; // theta trough of sin
  const out: CycleOrder[] = [];
  const firstCycle = Math.ceil((fromMs - offset) / period);
  const lastCycle = Math.floor((run.spikes.window[1] - offset) / period) - 1;
  const sum = new Float64Array(run.assemblies); const count = new Float64Array(run.assemblies);
  let k = 0;
  const { times, neurons } = run.spikes;
  for (let c = firstCycle; c <= lastCycle; c++) {
    const from = offset + c * period; const to = from + period;
    sum.fill(0); count.fill(0);
    while (k < times.length && times[k]! < from) k++;
    let j = k;
    for (; j < times.length && times[j]! < to; j++) {
      const a = Math.floor(neurons[j]! / run.cellsPerAssembly);
      sum[a]! += times[j]!; count[a]!++;
    }
    k = j;
    const active: number[] = [];
    for (let a = 0; a < run.assemblies; a++) if (count[a]! >= minFraction * run.cellsPerAssembly) active.push(a);
    active.sort((x, y) => sum[x]! / count[x]! - sum[y]! / count[y]!);
    out.push({ cycle: c, order: active, timesMs: active.map((a) => sum[a]! / count[a]!) });
  }
  return out;
}

/** Summary of maintenance after loading. */
export interface Maintenance {
  /** Mean number of items that fire per theta cycle over the last `tailCycles` cycles. */
  readonly maintained: number;
  /** Longest run of consecutive cycles (after loading) in which every loaded item fired, in load order. */
  readonly cyclesInOrder: number;
  /** Cycles analysed. */
  readonly cycles: number;
  /** Mean interval between successive assembly volleys inside a cycle (the gamma period), ms; NaN with < 2 items. */
  readonly gammaPeriodMs: number;
}

/**
 * How many items are held after loading, for how many cycles all of them keep the loaded order,
 * and the gamma period. The load order is the order of `run.loadTimesMs`.
 */
export function maintenance(run: ThetaGammaRun, tailCycles = 6): Maintenance {
  const orders = cycleOrders(run, run.loadEndMs);
  const loadOrder = run.loadTimesMs.map((t, a) => [t, a] as const).sort((x, y) => x[0] - y[0]).map((x) => x[1]);
  let cyclesInOrder = 0; let streak = 0;
  let gapSum = 0; let gaps = 0;
  for (const o of orders) {
    streak = o.order.length === loadOrder.length && o.order.every((a, i) => a === loadOrder[i]) ? streak + 1 : 0;
    cyclesInOrder = Math.max(cyclesInOrder, streak);
    for (let i = 1; i < o.timesMs.length; i++) { gapSum += o.timesMs[i]! - o.timesMs[i - 1]!; gaps++; }
  }
  const tail = orders.slice(-tailCycles);
  let items = 0;
  for (const o of tail) items += o.order.length;
  return { maintained: tail.length ? items / tail.length : 0, cyclesInOrder, cycles: orders.length, gammaPeriodMs: gaps ? gapSum / gaps : NaN };
}
