/**
 * The PyNN script that `net.toPyNN()` writes, run by PyNN 0.10 on Brian2 (Debian's python3-pynn and
 * python3-brian), against Cajal's own reference run of the same network: a deterministic network
 * (spike sources replaying fixed times, LIF cells, explicit weights and delays, two layers) so
 * that both simulators must produce the same spikes.
 *
 * One synaptic hop from the sources (layer1) agrees within one timestep: the two simulators schedule a
 * step's events differently (Brian2 applies an arriving spike after that step's state update; Cajal, like
 * sPyNNaker, within it), which moves some spikes by one step. A second hop (layer2) can add another step
 * to that, and a spike moved near threshold can change what follows, so layer2 is held to a looser check.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import type { SpikeTrains } from "../../src/core/spikes.js";
import { cells, connect, currents, network, type Network } from "../../src/model/index.js";
import "../../src/sim/index.js"; // registers the reference backend

const DT_MS = 0.1;
const DURATION_MS = 200;
const PYTHON = "/usr/bin/python3";

/** Two layers of LIF cells driven by spike sources that replay fixed times; nothing random is drawn. */
function buildNetwork(): Network {
  const net = network({ dt: DT_MS, seed: 3 });
  const every = (start: number, step: number) => Array.from({ length: Math.floor((DURATION_MS - 10 - start) / step) + 1 }, (_, k) => start + k * step);
  const src = net.population("src", 3, cells.spikeSourceArray({ spikeTimes: [every(5, 7), every(8, 11.3), every(20, 4.6)] }));
  const lif = { tauM: 15, cm: 0.5, vRest: -65, vReset: -70, vThresh: -55, tauRefrac: 2, tauSynE: 3, tauSynI: 6 };
  const layer1 = net.population("layer1", 3, cells.lifCurrExp(lif));
  const layer2 = net.population("layer2", 2, cells.lifCurrExp({ ...lif, tauM: 10, tauSynE: 2 }));
  layer1.record("spikes");
  layer2.record("spikes");
  layer1.view([2]).inject(currents.dc({ amplitude: 0.2, start: 50, stop: 150 }));
  const d = (ms: number) => ms;
  // Weights (nA) and delays (ms) differ per connection, so a mix-up of columns would show.
  net.project(src, layer1, connect.fromList([
    [0, 0, 1.2, d(1.0)], [1, 0, 0.9, d(2.3)], [1, 1, 1.4, d(1.5)], [2, 1, 0.8, d(0.7)], [2, 2, 1.1, d(3.1)],
  ]), { weight: 1 });
  net.project(src, layer1, connect.fromList([[0, 2, -0.6, d(1.2)]]), { weight: -1 }, { receptor: "inhibitory", label: "src→layer1 inhibitory" });
  net.project(layer1, layer2, connect.allToAll(), { weight: 2.5, delay: d(1.3) });
  net.project(layer1.view([2]), layer2.view([1]), connect.allToAll(), { weight: -1.5, delay: d(0.5) }, { receptor: "inhibitory", label: "layer1→layer2 inhibitory" });
  return net;
}

const LABELS = ["layer1", "layer2"] as const;

/** The exported script plus lines that print every recorded population's spike times as JSON. */
function scriptWithOutput(net: Network): string {
  const script = net.toPyNN({ simulator: "brian2", durationMs: DURATION_MS });
  const dump = [
    "import json as _json",
    `print("CAJAL-SPIKES " + _json.dumps({${LABELS.map((l) => `"${l}": [[float(t) for t in st.magnitude] for st in data_${l}.spiketrains]`).join(", ")}}))`,
  ];
  assert.ok(script.includes("sim.end()"), "the exported script ends the simulation");
  return script.replace("sim.end()", [...dump, "sim.end()"].join("\n"));
}

type PyNNResult = { skip: string } | { spikes: Record<string, number[][]> };
let pynnResult: PyNNResult | undefined;

/** Runs the exported script once (importing pyNN.brian2 takes seconds to minutes) and keeps its spikes. */
function runExportedScript(): PyNNResult {
  if (pynnResult) return pynnResult;
  const dir = mkdtempSync(path.join(os.tmpdir(), "cajal-pynn-"));
  const file = path.join(dir, "exported.py");
  writeFileSync(file, scriptWithOutput(buildNetwork()));
  const py = spawnSync(PYTHON, [file], { encoding: "utf8", cwd: dir, timeout: 850_000 });
  rmSync(dir, { recursive: true, force: true });
  if (py.error && (py.error as NodeJS.ErrnoException).code === "ENOENT") {
    return (pynnResult = { skip: `${PYTHON} not found: install Debian's python3-pynn and python3-brian to run this comparison` });
  }
  if (py.status !== 0 && /No module named '?(pyNN|brian2)/.test(py.stderr)) {
    return (pynnResult = { skip: `import pyNN.brian2 failed (${py.stderr.trim().split("\n").pop()}): apt-get install python3-pynn python3-brian` });
  }
  assert.equal(py.status, 0, `the exported script failed:\n${py.stderr.slice(-3000)}`);
  const line = py.stdout.split("\n").find((l) => l.startsWith("CAJAL-SPIKES "));
  assert.ok(line, `no spike output from the script:\n${py.stdout.slice(-2000)}`);
  return (pynnResult = { spikes: JSON.parse(line.slice("CAJAL-SPIKES ".length)) as Record<string, number[][]> });
}

/** Asserts the same number of spikes per neuron and every pair of spike times within one timestep; returns the count. */
function assertSameSpikes(ours: SpikeTrains, theirs: number[][] | undefined, what: string): number {
  assert.ok(theirs, `${what}: no spikes from PyNN`);
  assert.equal(theirs.length, ours.size, `${what}: one spike train per neuron`);
  let compared = 0;
  for (let i = 0; i < ours.size; i++) {
    const mine = Array.from(ours.times.filter((_, k) => ours.neurons[k] === i));
    const other: readonly number[] = theirs[i]!;
    assert.equal(other.length, mine.length, `${what}[${i}]: ${mine.length} spikes on Cajal (${mine.join(", ")}), ${other.length} on PyNN/Brian2 (${other.join(", ")})`);
    for (let k = 0; k < mine.length; k++) {
      assert.ok(Math.abs(other[k]! - mine[k]!) <= DT_MS + 1e-9,
        `${what}[${i}] spike ${k}: Cajal ${mine[k]} ms, PyNN/Brian2 ${other[k]} ms (more than one ${DT_MS} ms step apart)`);
    }
    compared += mine.length;
  }
  return compared;
}

test("PyNN on Brian2 runs the exported script; one hop from the sources, its spikes match the reference run within one timestep", { timeout: 900_000 }, async (t) => {
  // Cajal's own run first: it is fast, and a network it refuses should fail before Python starts.
  const run = await buildNetwork().run(DURATION_MS);
  assert.ok(run.spikes("layer1").times.length >= 10, `layer1 fired ${run.spikes("layer1").times.length} spikes: too few to compare`);
  const pynn = runExportedScript();
  if ("skip" in pynn) { t.skip(pynn.skip); return; }
  assert.ok(assertSameSpikes(run.spikes("layer1"), pynn.spikes["layer1"], "layer1") >= 10);
});

test("two hops from the sources, PyNN on Brian2 fires as many spikes as the reference run and its first ten per cell agree within two timesteps", { timeout: 900_000 }, async (t) => {
  const run = await buildNetwork().run(DURATION_MS);
  const ours = run.spikes("layer2");
  assert.ok(ours.times.length >= 10, `layer2 fired ${ours.times.length} spikes: too few to compare`);
  const pynn = runExportedScript();
  if ("skip" in pynn) { t.skip(pynn.skip); return; }
  const theirs = pynn.spikes["layer2"]!;
  const total = theirs.reduce((n, train) => n + train.length, 0);
  assert.ok(Math.abs(total - ours.times.length) <= 0.1 * ours.times.length, `layer2: ${ours.times.length} spikes on Cajal, ${total} on PyNN/Brian2`);
  for (let i = 0; i < ours.size; i++) {
    const mine = Array.from(ours.times.filter((_, k) => ours.neurons[k] === i)).slice(0, 10);
    const other = theirs[i]!.slice(0, 10);
    assert.equal(other.length, mine.length, `layer2[${i}]: first spikes ${mine.join(", ")} vs ${other.join(", ")}`);
    mine.forEach((x, k) => assert.ok(Math.abs(other[k]! - x) <= 2 * DT_MS + 1e-9, `layer2[${i}] spike ${k}: Cajal ${x} ms, PyNN/Brian2 ${other[k]} ms`));
  }
});
