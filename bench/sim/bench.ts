// The reference simulator's run phase beside Brian2 2.5.1, both run here, in this benchmark, on the same
// models: the CUBA network (Brette et al. 2007 benchmark 2, Brian2's example parameters) and Song, Miller &
// Abbott (2000) additive STDP. Brian2 runs through the peer scripts of the shared benchmark folder
// (`brian2_cuba.py`, `brian2_stdp.py`; cpp_standalone and cython targets). Each comparison also checks that
// both simulators produce the same activity: mean rates over the same seeds, within a stated tolerance.
//
// BENCH_QUICK=1: CUBA at N = 4000 only and 10 s of STDP (instead of N = 4000 and 16 000, and 100 s);
// BENCH_CUBA_N (e.g. "16000") and BENCH_STDP_S (0: none) override the sizes. BENCH_SEEDS (default 3): seeds per
// simulator for the rate comparison. PY: the Python with Brian2 (default Debian's /usr/bin/python3).
// BRIAN2_PEERS: folder of the peer scripts. Times are wall-clock (Brian2 reports only those); Cajal's
// process CPU time is given beside them (`cajal_cpu_s`), which a loaded machine distorts less.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { cells, connect, network, plasticity } from "../../src/model/index.js";
import "../../src/sim/index.js"; // registers the reference backend
import { emit } from "../emit.js";

const quick = process.env["BENCH_QUICK"] === "1";
const seeds = Array.from({ length: Number(process.env["BENCH_SEEDS"] ?? 3) }, (_, k) => k + 1);
const python = process.env["PY"] ?? "/usr/bin/python3";
const peersDir = process.env["BRIAN2_PEERS"] ?? "/work/shared/bench/peers";
const DT_MS = 0.1;
/** Relative difference of mean rates (Cajal vs Brian2, each averaged over `seeds`) that still counts as agreement. */
const CUBA_RATE_TOLERANCE = 0.05;
/** The same for the STDP neuron's output rate, which depends on how the weights reorganise. */
const STDP_RATE_TOLERANCE = 0.1;

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, digits = 4) => Number(x.toPrecision(digits));
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

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

/**
 * Cajal's CUBA network exactly as `brian2_cuba.py` builds it (`--scaling k`): N LIF cells, 80 % excitatory,
 * p = 80/N, current jumps of 1.62 mV and −9 mV in Brian2's units = 0.081 nA and −0.45 nA into 1 nF / 20 ms,
 * one-step delay (Brian2's "no delay" acts from the next step, as a one-step delay does here).
 */
async function cajalCuba(n: number, seed: number) {
  const ne = Math.round(0.8 * n);
  const p = Math.min(1, 80 / n);
  const t0 = performance.now();
  const net = network({ dt: DT_MS, seed });
  const cell = cells.lifCurrExp({ tauM: 20, cm: 1, vRest: -49, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10 });
  const exc = net.population("exc", ne, cell);
  const inh = net.population("inh", n - ne, cell);
  for (const pop of [exc, inh]) pop.initialize({ v: { distribution: "uniform", low: -60, high: -50 } }).record("spikes");
  net.project(exc, [exc, inh], connect.fixedProbability(p), { weight: 0.081 });
  net.project(inh, [exc, inh], connect.fixedProbability(p), { weight: -0.45, receptor: "inhibitory" });
  // One step first: it draws the connections and builds the state, so the timed call is the loop alone.
  await net.run(DT_MS, { progress: false });
  const cpu = process.cpuUsage();
  const t1 = performance.now();
  const run = await net.run(1000, { progress: false });
  const t2 = performance.now();
  const cpuS = cpuSeconds(process.cpuUsage(cpu));
  const spikes = run.spikes("exc").times.length + run.spikes("inh").times.length;
  const synapses = ["exc→exc", "exc→inh", "inh→exc", "inh→inh"].reduce((s, label) => s + run.weights(label).pre.length, 0);
  return { setupS: (t1 - t0) / 1000, loopS: (t2 - t1) / 1000, cpuS, rateHz: spikes / (n * run.timeMs / 1000), synapses, spikes };
}

async function benchCuba(n: number): Promise<void> {
  const ours = [];
  for (const seed of seeds) ours.push(await cajalCuba(n, seed));
  const args = (target: string, seed: number) => ["--target", target, "--N", String(n), "--duration", "1", "--dt", String(DT_MS), "--seed", String(seed)];
  const cython = seeds.map((seed) => brian2("brian2_cuba.py", args("cython", seed)));
  const standalone = brian2("brian2_cuba.py", args("cpp_standalone", seeds[0]!));
  const ourRate = mean(ours.map((r) => r.rateHz));
  const peerRates = cython.map((r) => num(r, "rate_hz"));
  const peerRate = mean(peerRates);
  const diff = (ourRate - peerRate) / peerRate;
  const shared = {
    N: n, seeds, steps: 10_000, cajal_setup_s: round(median(ours.map((r) => r.setupS))),
    cajal_rate_hz: round(ourRate), cajal_rates_hz: ours.map((r) => round(r.rateHz)), cajal_synapses: ours[0]!.synapses,
    brian2_rate_hz: round(peerRate), brian2_rates_hz: peerRates.map((r) => round(r)),
    rate_diff_pct: round(100 * diff, 3), rate_tolerance_pct: 100 * CUBA_RATE_TOLERANCE,
    rates_agree: Number.isFinite(diff) ? Math.abs(diff) <= CUBA_RATE_TOLERANCE : null,
    loadavg_1m: round(os.loadavg()[0]!, 3),
  };
  const loop = median(ours.map((r) => r.loopS));
  emit(`CUBA N=${n}, 1 s: run loop`, loop, "Brian2 2.5.1 cpp_standalone", Number.isFinite(num(standalone, "sim_loop_s")) ? num(standalone, "sim_loop_s") : null,
    { ...shared, cajal_loop_s_all: ours.map((r) => round(r.loopS)), cajal_cpu_s: round(median(ours.map((r) => r.cpuS))), brian2_compile_s: num(standalone, "codegen_compile_s"), brian2_rate_same_seed_hz: num(standalone, "rate_hz") });
  const cythonLoops = cython.map((r) => num(r, "sim_loop_s")).filter(Number.isFinite);
  emit(`CUBA N=${n}, 1 s: run loop`, loop, "Brian2 2.5.1 cython", cythonLoops.length ? median(cythonLoops) : null,
    { ...shared, brian2_loop_s_all: cythonLoops, brian2_run_total_s: cython.map((r) => num(r, "run_total_s")) });
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
    loadavg_1m: round(os.loadavg()[0]!, 3),
  };
  const loop = median(ours.map((r) => r.loopS));
  emit(`STDP Song et al. 2000, ${durationS} s: run loop`, loop, "Brian2 2.5.1 cpp_standalone",
    Number.isFinite(num(standalone, "sim_loop_s")) ? num(standalone, "sim_loop_s") : null,
    { ...shared, cajal_loop_s_all: ours.map((r) => round(r.loopS)), cajal_cpu_s: round(median(ours.map((r) => r.cpuS))), brian2_compile_s: num(standalone, "codegen_compile_s") });
  const cythonLoops = peer("sim_loop_s").filter(Number.isFinite);
  emit(`STDP Song et al. 2000, ${durationS} s: run loop`, loop, "Brian2 2.5.1 cython", cythonLoops.length ? median(cythonLoops) : null,
    { ...shared, brian2_loop_s_all: cythonLoops });
}

export async function run(): Promise<void> {
  const sizes = process.env["BENCH_CUBA_N"] ? process.env["BENCH_CUBA_N"].split(",").map(Number) : quick ? [4000] : [4000, 16_000];
  for (const n of sizes) await benchCuba(n);
  const stdpS = Number(process.env["BENCH_STDP_S"] ?? (quick ? 10 : 100));
  if (stdpS > 0) await benchStdp(stdpS); // BENCH_STDP_S=0 leaves STDP out
}

if (require.main === module) run().catch((e) => { console.error(e); process.exitCode = 1; });
