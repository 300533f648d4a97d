// The SpiNNaker emulator's speed beside the reference backend, on the same DSL networks: the Vogels–Abbott CUBA
// network (4000 LIF cells, 2 % connectivity, as test/sim/cuba.test.ts builds it) mapped onto one SpiNN-5 board at
// SpiNNaker's usual 1 ms timestep, and the CA3 content-addressable memory's stress test (experiment 2 of paper 01:
// 60 operations, 851 ms) from network construction to checked answers. Both backends draw the same connections;
// each line also gives the rates (CUBA) or the operations answered correctly (CA3) so a fast wrong run cannot pass.
//
// BENCH_QUICK=1: CUBA for 200 ms instead of 1000 ms. BENCH_REPEATS (default 3): runs per measurement (median).
// Times are wall-clock of the whole `net.run` (connection drawing, mapping, building the cores, simulation); the
// process CPU time is given beside them (`cajal_cpu_s`, `cpu_ratio`), which a loaded machine distorts less.
import { network } from "../../src/model/index.js";
import "../../src/sim/index.js"; // registers the reference backend
import { buildCa3Cam, ca3Experiment2, ca3Input, checkOperations } from "../../src/spinnaker/backend/index.js"; // registers spinnaker
import { cuba } from "../../test/spinnaker/helpers.js"; // the tests' CUBA builder: the same network the tests check
import { emit } from "../emit.js";

const quick = process.env["BENCH_QUICK"] === "1";
const repeats = Number(process.env["BENCH_REPEATS"] ?? 3);

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, digits = 4) => Number(x.toPrecision(digits));

/** Median wall and CPU seconds of `repeats` runs, and what the last run measured. */
async function timed<T>(runOnce: (k: number) => Promise<T>): Promise<{ wallS: number; cpuS: number; last: T }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  let last: T | undefined;
  for (let k = 0; k < repeats; k++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    last = await runOnce(k);
    walls.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1e6);
  }
  return { wallS: median(walls), cpuS: median(cpus), last: last! };
}

export async function run(): Promise<void> {
  const durationMs = quick ? 200 : 1000;
  const rates = async (backend: string, seed: number) => {
    const r = await cuba(4000, seed, 1).run(durationMs, { backend });
    return { exc: r.rate("exc", { fromMs: 100 }), inh: r.rate("inh", { fromMs: 100 }) };
  };
  const spin = await timed((k) => rates("spinnaker", k + 1));
  const ref = await timed((k) => rates("reference", k + 1));
  emit(`spinnaker/cuba-4000-spinn5-${durationMs}ms`, spin.wallS, "cajal reference backend", ref.wallS, {
    cajal_cpu_s: round(spin.cpuS), peer_cpu_s: round(ref.cpuS), cpu_ratio: round(spin.cpuS / ref.cpuS), dt_ms: 1, board: "SpiNN-5", profile: "spynnaker7",
    exc_rate_hz: round(spin.last.exc), peer_exc_rate_hz: round(ref.last.exc), inh_rate_hz: round(spin.last.inh), peer_inh_rate_hz: round(ref.last.inh),
    seeds: `1–${repeats}`,
  });

  const exp = ca3Experiment2();
  const stress = async (backend: string) => {
    const net = network({ dt: 1, seed: 1 });
    buildCa3Cam(net, exp.cueSize, exp.contSize, ca3Input(exp));
    const r = await net.run(exp.durationMs, { backend });
    const s = r.spikes("OL");
    return checkOperations(exp, s.times, s.neurons).operations.filter((c) => c.correct).length;
  };
  const ca3Spin = await timed(() => stress("spinnaker"));
  const ca3Ref = await timed(() => stress("reference"));
  emit("spinnaker/ca3-experiment2-851ms", ca3Spin.wallS, "cajal reference backend", ca3Ref.wallS, {
    cajal_cpu_s: round(ca3Spin.cpuS), peer_cpu_s: round(ca3Ref.cpuS), cpu_ratio: round(ca3Spin.cpuS / ca3Ref.cpuS), operations: exp.operations.length,
    correct: ca3Spin.last, peer_correct: ca3Ref.last,
  });
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
