// The reference simulator's run phase beside Brian2 2.5.1, both run here, in this benchmark, on the same
// models: the CUBA and COBA networks (Brette et al. 2007 benchmarks 2 and 1, Brian2's parameters) and Song, Miller &
// Abbott (2000) additive STDP. Brian2 runs through the peer scripts of the shared benchmark folder
// (`brian2_cuba.py`, `brian2_coba.py`, `brian2_stdp.py`; cpp_standalone and cython targets). Each comparison also checks that
// both simulators produce the same activity: mean rates over the same seeds, within a stated tolerance.
//
// BENCH_QUICK=1: CUBA and COBA at N = 4000 only and 10 s of STDP (instead of N = 4000, 16 000 and 64 000, and
// 100 s); BENCH_CUBA_N / BENCH_COBA_N (e.g. "16000,64000"; "0": none) and BENCH_STDP_S (0: none) override the sizes. BENCH_SEEDS (default 3): seeds per
// simulator for the rate comparison. BENCH_THREADS (default 2; 1: none): CUBA and COBA also on that many
// threads, against Brian2 cpp_standalone on as many OpenMP threads. PY: the Python with Brian2 (default Debian's /usr/bin/python3).
// BRIAN2_PEERS: folder of the peer scripts. Times are wall-clock (Brian2 reports only those); Cajal's
// process CPU time is given beside them (`cajal_cpu_s`), which a loaded machine distorts less.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cells, connect, network, plasticity } from "../../src/model/index.js";
import "../../src/sim/index.js"; // registers the reference backend
import { createRng } from "../../src/core/rng.js";
import { emit } from "../emit.js";

const quick = process.env["BENCH_QUICK"] === "1";
/** BENCH_THREADS (default 2): also run CUBA and COBA on that many threads (1: not). */
const threads = Number(process.env["BENCH_THREADS"] ?? 2);
const seeds = Array.from({ length: Number(process.env["BENCH_SEEDS"] ?? 3) }, (_, k) => k + 1);
const python = process.env["PY"] ?? "/usr/bin/python3";
const peersDir = process.env["BRIAN2_PEERS"] ?? "/work/shared/bench/peers";
const DT_MS = 0.1;
/** Relative difference of mean rates (Cajal vs Brian2, each averaged over `seeds`) that still counts as agreement. */
const CUBA_RATE_TOLERANCE = 0.05;
/**
 * COBA's self-sustained rate varies by ±15 % from seed to seed in both simulators (Brian2 cython, seeds 1–2:
 * 19.4 and 19.1 Hz with exponential Euler 20.1; Cajal 22.4 and 17.6 Hz), so three seeds agree only to ~10 %.
 */
const COBA_RATE_TOLERANCE = 0.1;
/** The same for the STDP neuron's output rate, which depends on how the weights reorganise. */
const STDP_RATE_TOLERANCE = 0.1;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, digits = 4) => Number(x.toPrecision(digits));
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/**
 * CPU ns per update of the peers' naive CUBA-neuron loop (`js_lif.mjs --syn`, Float64Array), measured now:
 * 2.52 ns on a quiet machine (PEERS.md §7). On a loaded 2-core machine a process's CPU time inflates too
 * (its caches are shared and flushed); the ratio to 2.52 says by how much, so CPU figures taken under load
 * can be read against the quiet-machine peers.
 */
export function naiveLoopNsPerUpdate(): number {
  const n = 4000;
  const steps = 2000;
  const dt = 0.1e-3, taum = 20e-3, taue = 5e-3, taui = 10e-3, el = -49e-3, vt = -50e-3, vr = -60e-3;
  const refSteps = Math.round(5e-3 / dt), am = Math.exp(-dt / taum), ae = Math.exp(-dt / taue), ai = Math.exp(-dt / taui);
  const be = (taue / (taue - taum)) * (ae - am), bi = (taui / (taui - taum)) * (ai - am);
  const once = () => {
    const v = new Float64Array(n), ge = new Float64Array(n), gi = new Float64Array(n), ref = new Int32Array(n);
    for (let i = 0; i < n; i++) v[i] = vr + (((i * 7919) % 1000) / 1000) * (vt - vr);
    const cpu = process.cpuUsage();
    let spikes = 0;
    for (let t = 0; t < steps; t++) {
      for (let i = 0; i < n; i++) {
        const e = ge[i]!, g = gi[i]!;
        ge[i] = e * ae;
        gi[i] = g * ai;
        if (ref[i]! > 0) { ref[i]!--; continue; }
        const nv = el + (v[i]! - el) * am + e * be + g * bi;
        if (nv > vt) { v[i] = vr; ref[i] = refSteps; spikes++; } else v[i] = nv;
      }
    }
    if (spikes === 0) throw new Error("calibration loop did not fire"); // keeps the loop from being optimised away
    return (cpuSeconds(process.cpuUsage(cpu)) * 1e9) / (n * steps);
  };
  once(); // warm-up
  return median([once(), once(), once()]);
}

/** One run of a Brian2 peer script: its JSON line, or null (with a message on stderr) when it cannot run. */
function brian2(script: string, args: readonly string[]): Record<string, unknown> | null {
  const file = path.join(peersDir, script);
  if (!existsSync(file)) {
    console.error(`bench sim: ${file} not found (set BRIAN2_PEERS); Brian2 columns left empty`);
    return null;
  }
  const run = spawnSync(python, [file, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) {
    console.error(`bench sim: ${script} ${args.join(" ")} failed:\n${run.stderr.slice(-2000)}`);
    return null;
  }
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
}
const num = (r: Record<string, unknown> | null, key: string) => (r && typeof r[key] === "number" ? (r[key] as number) : NaN);

/** The two benchmark networks of Brette et al. (2007). */
export type NetworkModel = "CUBA" | "COBA";

/**
 * Cajal's CUBA or COBA network exactly as `brian2_cuba.py` / `brian2_coba.py` build it (`--scaling k`):
 * N LIF cells, 80 % excitatory, p = 80/N, one-step delay (Brian2's "no delay" acts from the next step,
 * as a one-step delay does here).
 * - CUBA: current jumps of 1.62 mV and −9 mV in Brian2's units = 0.081 nA and −0.45 nA into 1 nF / 20 ms,
 *   vRest −49 mV (tonic drive), v uniform in [−60, −50] mV.
 * - COBA (Brette et al. 2007 benchmark 1): gL = 10 nS (cm 0.2 nF, τm 20 ms), jumps of 6 nS and 67 nS,
 *   reversal 0 and −80 mV, no external input, v ~ N(−65, 5) mV. Brian2 also starts the conductances at
 *   ge ~ N(40, 15) nS and gi ~ N(200, 120) nS, which `initialize` cannot set: one "kick" cell, above
 *   threshold at t = 0 and silent afterwards (no input, v relaxes to −60 mV), delivers them 0.1 ms later
 *   through all-to-all synapses with those weights (negative draws clipped to 0). Without it the
 *   network often fails to ignite (N = 1000: silent).
 */
export async function cajalNetwork(model: NetworkModel, n: number, seed: number, durationMs = 1000, threads = 1) {
  const ne = Math.round(0.8 * n);
  const p = Math.min(1, 80 / n);
  const t0 = performance.now();
  const net = network({ dt: DT_MS, seed });
  const cell = model === "CUBA"
    ? cells.lifCurrExp({ tauM: 20, cm: 1, vRest: -49, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10 })
    : cells.lifCondExp({ tauM: 20, cm: 0.2, vRest: -60, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10, eRevE: 0, eRevI: -80 });
  const exc = net.population("exc", ne, cell);
  const inh = net.population("inh", n - ne, cell);
  const v0 = model === "CUBA" ? { distribution: "uniform" as const, low: -60, high: -50 } : { distribution: "normal" as const, mean: -65, sd: 5 };
  for (const pop of [exc, inh]) pop.initialize({ v: v0 }).record("spikes");
  net.project(exc, [exc, inh], connect.fixedProbability(p), { weight: model === "CUBA" ? 0.081 : 0.006 });
  net.project(inh, [exc, inh], connect.fixedProbability(p), { weight: model === "CUBA" ? -0.45 : 0.067, receptor: "inhibitory" });
  if (model === "COBA") {
    const kick = net.population("kick", 1, cell).initialize({ v: -40 }).record("spikes");
    const draws = createRng(seed).stream("coba-initial-conductances");
    const ge = Float64Array.from({ length: n }, () => Math.max(0, draws.normal(0.04, 0.015)));
    const gi = Float64Array.from({ length: n }, () => Math.max(0, draws.normal(0.2, 0.12)));
    net.project(kick, exc, connect.allToAll(), { weight: (_pre, post) => ge[post]! });
    net.project(kick, inh, connect.allToAll(), { weight: (_pre, post) => ge[ne + post]! });
    net.project(kick, exc, connect.allToAll(), { weight: (_pre, post) => gi[post]!, receptor: "inhibitory" }, { label: "kick→exc inh" });
    net.project(kick, inh, connect.allToAll(), { weight: (_pre, post) => gi[ne + post]!, receptor: "inhibitory" }, { label: "kick→inh inh" });
  }
  // One step first: it draws the connections, builds the state and starts the worker threads, so the
  // timed call is the loop alone.
  const options = { progress: false, ...(threads > 1 ? { backendOptions: { threads } } : {}) };
  await net.run(DT_MS, options);
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const run = await net.run(durationMs, options);
  const t2 = performance.now();
  const cpuS = cpuSeconds(process.cpuUsage(cpu));
  const spikes = run.spikes("exc").times.length + run.spikes("inh").times.length;
  const synapses = ["exc→exc", "exc→inh", "inh→exc", "inh→inh"].reduce((s, label) => s + run.weights(label).pre.length, 0);
  const threadsUsed = run.provenance.find((p) => p.name === "threads")?.count ?? 1;
  return { setupS: (t1 - t0) / 1000, loopS: (t2 - t1) / 1000, cpuS, rateHz: spikes / (n * run.timeMs / 1000), synapses, spikes, threadsUsed, run };
}

async function benchNetwork(model: NetworkModel, n: number): Promise<void> {
  const ours: Awaited<ReturnType<typeof cajalNetwork>>[] = [];
  const before = naiveLoopNsPerUpdate();
  for (const seed of seeds) ours.push(await cajalNetwork(model, n, seed));
  const calibration = (before + naiveLoopNsPerUpdate()) / 2;
  const script = model === "CUBA" ? "brian2_cuba.py" : "brian2_coba.py";
  const tolerance = model === "CUBA" ? CUBA_RATE_TOLERANCE : COBA_RATE_TOLERANCE;
  const args = (target: string, seed: number) => ["--target", target, "--N", String(n), "--duration", "1", "--dt", String(DT_MS), "--seed", String(seed)];
  const cython = seeds.map((seed) => brian2(script, args("cython", seed)));
  const standalone = brian2(script, args("cpp_standalone", seeds[0]!));
  const ourRate = mean(ours.map((r) => r.rateHz));
  const peerRates = cython.map((r) => num(r, "rate_hz"));
  const peerRate = mean(peerRates);
  const diff = (ourRate - peerRate) / peerRate;
  const cpu = median(ours.map((r) => r.cpuS));
  const shared = {
    N: n, seeds, steps: 10_000, cajal_setup_s: round(median(ours.map((r) => r.setupS))),
    cajal_rate_hz: round(ourRate), cajal_rates_hz: ours.map((r) => round(r.rateHz)), cajal_synapses: ours[0]!.synapses,
    brian2_rate_hz: round(peerRate), brian2_rates_hz: peerRates.map((r) => round(r)),
    rate_diff_pct: round(100 * diff, 3), rate_tolerance_pct: 100 * tolerance,
    rates_agree: Number.isFinite(diff) ? Math.abs(diff) <= tolerance : null,
    cajal_cpu_s: round(cpu), cajal_ns_per_cell_step_cpu: round((cpu * 1e9) / (n * 10_000), 3),
    naive_loop_ns_per_update_now: round(calibration, 3), naive_loop_ns_quiet: 2.52,
    loadavg_1m: round(os.loadavg()[0]!, 3),
  };
  const loop = median(ours.map((r) => r.loopS));
  const standaloneLoop = num(standalone, "sim_loop_s");
  emit(`${model} N=${n}, 1 s: run loop`, loop, "Brian2 2.5.1 cpp_standalone", Number.isFinite(standaloneLoop) ? standaloneLoop : null,
    { ...shared, cajal_loop_s_all: ours.map((r) => round(r.loopS)), cpu_ratio: Number.isFinite(standaloneLoop) ? round(cpu / standaloneLoop) : null, brian2_compile_s: num(standalone, "codegen_compile_s"), brian2_rate_same_seed_hz: num(standalone, "rate_hz") });
  const cythonLoops = cython.map((r) => num(r, "sim_loop_s")).filter(Number.isFinite);
  emit(`${model} N=${n}, 1 s: run loop`, loop, "Brian2 2.5.1 cython", cythonLoops.length ? median(cythonLoops) : null,
    { ...shared, brian2_loop_s_all: cythonLoops, brian2_run_total_s: cython.map((r) => num(r, "run_total_s")) });
  if (threads < 2) return;
  // Two threads (worker threads over shared memory) against standalone's two OpenMP threads: the
  // spikes are bit-identical to one thread (checked here), so only wall time differs; it is the
  // time to compare, and a loaded machine makes it meaningless (loadavg_1m says how loaded).
  const ours2 = [];
  for (const seed of seeds) ours2.push(await cajalNetwork(model, n, seed, 1000, threads));
  const same = ours2.every((r, k) => r.spikes === ours[k]!.spikes);
  const standalone2 = brian2(script, [...args("cpp_standalone", seeds[0]!), "--threads", String(threads)]);
  const loop2 = median(ours2.map((r) => r.loopS));
  emit(`${model} N=${n}, 1 s, ${threads} threads: run loop`, loop2, `Brian2 2.5.1 cpp_standalone, ${threads} OpenMP threads`,
    Number.isFinite(num(standalone2, "sim_loop_s")) ? num(standalone2, "sim_loop_s") : null,
    { N: n, seeds, threads_used: ours2.map((r) => r.threadsUsed), spikes_same_as_one_thread: same, cajal_loop_s_all: ours2.map((r) => round(r.loopS)),
      cajal_loop_1_thread_s: round(loop), speedup_vs_1_thread: round(loop / loop2), cajal_cpu_s_all_threads: round(median(ours2.map((r) => r.cpuS))),
      brian2_rate_hz: num(standalone2, "rate_hz"), loadavg_1m: round(os.loadavg()[0]!, 3) });
}

/**
 * Song, Miller & Abbott (2000) as `brian2_stdp.py` builds it: 1000 Poisson inputs at 15 Hz onto one
 * conductance LIF cell (τm 10 ms, EL −74 mV, threshold −54 mV, reset −60 mV, τe 5 ms), weights uniform
 * in [0, gmax], gmax = 0.01·gL = 0.001 µS, additive pair STDP with A+ = 0.01·gmax, A− = 1.05·A+, τ± 20 ms.
 */
async function cajalStdp(durationS: number, seed: number) {
  const gmax = 0.001;
  const net = network({ dt: DT_MS, seed });
  const inputs = net.population("inputs", 1000, cells.spikeSourcePoisson({ rate: 15 })).record("spikes");
  const neuron = net.population("neuron", 1, cells.lifCondExp({ cm: 1, tauM: 10, vRest: -74, vReset: -60, vThresh: -54, tauRefrac: 0, tauSynE: 5, eRevE: 0 })).record("spikes");
  net.project(inputs, neuron, connect.allToAll(), {
    weight: { distribution: "uniform", low: 0, high: gmax },
    plasticity: plasticity.stdp({ timing: plasticity.spikePair({ tauPlus: 20, tauMinus: 20, aPlus: 0.01 * gmax, aMinus: 0.0105 * gmax }), weight: plasticity.additive({ wMin: 0, wMax: gmax }) }),
  }, { label: "plastic" });
  await net.run(DT_MS, { progress: false });
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const run = await net.run(durationS * 1000, { progress: false });
  const t2 = performance.now();
  const cpuS = cpuSeconds(process.cpuUsage(cpu));
  const w = Array.from(run.weights("plastic").weight, (x) => x / gmax);
  return {
    loopS: (t2 - t1) / 1000,
    cpuS,
    outputRateHz: run.spikes("neuron").times.length / (run.timeMs / 1000),
    inputRateHz: run.spikes("inputs").times.length / (1000 * run.timeMs / 1000),
    near0: w.filter((x) => x < 0.1).length / w.length,
    nearMax: w.filter((x) => x > 0.9).length / w.length,
    wMean: mean(w),
  };
}

async function benchStdp(durationS: number): Promise<void> {
  const ours = [];
  const calibration = naiveLoopNsPerUpdate();
  for (const seed of seeds) ours.push(await cajalStdp(durationS, seed));
  const args = (target: string, seed: number) => ["--target", target, "--duration", String(durationS), "--seed", String(seed)];
  const cython = seeds.map((seed) => brian2("brian2_stdp.py", args("cython", seed)));
  const standalone = brian2("brian2_stdp.py", args("cpp_standalone", seeds[0]!));
  const peer = (key: string) => cython.map((r) => num(r, key));
  const ourOut = mean(ours.map((r) => r.outputRateHz));
  const peerOut = mean(peer("output_rate_hz"));
  const ourIn = mean(ours.map((r) => r.inputRateHz));
  const peerIn = mean(peer("input_rate_measured_hz"));
  const shared = {
    duration_s: durationS, seeds,
    cajal_input_rate_hz: round(ourIn), brian2_input_rate_hz: round(peerIn),
    input_rates_agree: Math.abs(ourIn - peerIn) / peerIn <= 0.01,
    cajal_output_rate_hz: round(ourOut), cajal_output_rates_hz: ours.map((r) => round(r.outputRateHz)),
    brian2_output_rate_hz: round(peerOut), brian2_output_rates_hz: peer("output_rate_hz"),
    output_rate_diff_pct: round((100 * (ourOut - peerOut)) / peerOut, 3),
    output_rates_agree: Number.isFinite(peerOut) ? Math.abs(ourOut - peerOut) / peerOut <= STDP_RATE_TOLERANCE : null,
    output_rate_tolerance_pct: 100 * STDP_RATE_TOLERANCE,
    cajal_w_near0: round(mean(ours.map((r) => r.near0))), brian2_w_near0: round(mean(peer("w_frac_near0"))),
    cajal_w_near_gmax: round(mean(ours.map((r) => r.nearMax))), brian2_w_near_gmax: round(mean(peer("w_frac_near_gmax"))),
    cajal_w_mean: round(mean(ours.map((r) => r.wMean))), brian2_w_mean: round(mean(peer("w_mean"))),
    naive_loop_ns_per_update_now: round(calibration, 3), naive_loop_ns_quiet: 2.52,
    loadavg_1m: round(os.loadavg()[0]!, 3),
  };
  const loop = median(ours.map((r) => r.loopS));
  emit(`STDP Song et al. 2000, ${durationS} s: run loop`, loop, "Brian2 2.5.1 cpp_standalone",
    Number.isFinite(num(standalone, "sim_loop_s")) ? num(standalone, "sim_loop_s") : null,
    { ...shared, cajal_loop_s_all: ours.map((r) => round(r.loopS)), cajal_cpu_s: round(median(ours.map((r) => r.cpuS))),
      cpu_ratio: Number.isFinite(num(standalone, "sim_loop_s")) ? round(median(ours.map((r) => r.cpuS)) / num(standalone, "sim_loop_s")) : null, brian2_compile_s: num(standalone, "codegen_compile_s") });
  const cythonLoops = peer("sim_loop_s").filter(Number.isFinite);
  emit(`STDP Song et al. 2000, ${durationS} s: run loop`, loop, "Brian2 2.5.1 cython", cythonLoops.length ? median(cythonLoops) : null,
    { ...shared, brian2_loop_s_all: cythonLoops });
}

export async function run(): Promise<void> {
  const sizes = (name: string, full: number[]) => process.env[name] ? process.env[name]!.split(",").map(Number).filter((n) => n > 0) : quick ? [4000] : full;
  for (const n of sizes("BENCH_CUBA_N", [4000, 16_000, 64_000])) await benchNetwork("CUBA", n);
  for (const n of sizes("BENCH_COBA_N", [4000, 16_000, 64_000])) await benchNetwork("COBA", n);
  const stdpS = Number(process.env["BENCH_STDP_S"] ?? (quick ? 10 : 100));
  if (stdpS > 0) await benchStdp(stdpS); // BENCH_STDP_S=0 leaves STDP out
}

if (require.main === module) run().catch((e) => { console.error(e); process.exitCode = 1; });
