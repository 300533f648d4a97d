import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, connect, network } from "../../src/model/index.js";
import "./helpers.js";

// Vogels & Abbott (2005) CUBA as written in architecture.md: 4000 LIF cells, 80/20, p = 0.02.
// Cells rest above threshold, so without inhibition each would fire every
// τref + τm·ln((vRest − vReset)/(vRest − vThresh)) = 5 + 20·ln 11 ≈ 53 ms (≈ 19 Hz); recurrent
// inhibition must bring the rate down and make firing irregular (asynchronous irregular state).
test("the CUBA network settles into asynchronous irregular firing at a plausible rate", async () => {
  const net = network({ dt: 0.1, seed: 11 });
  const lp = { tauM: 20, vRest: -49, vReset: -60, vThresh: -50, tauRefrac: 5, tauSynE: 5, tauSynI: 10 };
  const exc = net.population("exc", 3200, cells.lifCurrExp(lp));
  const inh = net.population("inh", 800, cells.lifCurrExp(lp));
  for (const pop of [exc, inh]) pop.initialize({ v: { distribution: "uniform", low: -60, high: -50 } }).record("spikes");
  net.project(exc, [exc, inh], connect.fixedProbability(0.02), { weight: 0.27, delay: 1 });
  net.project(inh, [exc, inh], connect.fixedProbability(0.02), { weight: -4.5, delay: 1, receptor: "inhibitory" });
  const run = await net.run(1000);

  const excRate = run.rate("exc", { fromMs: 200 });
  const inhRate = run.rate("inh", { fromMs: 200 });
  assert.ok(excRate > 1 && excRate < 15, `excitatory rate ${excRate} Hz (uncoupled cells would fire at ≈ 19 Hz)`);
  assert.ok(Math.abs(inhRate - excRate) < 0.3 * excRate, `inhibitory ${inhRate} Hz vs excitatory ${excRate} Hz (same cells, same input statistics)`);

  const s = run.spikes("exc");
  const last = new Float64Array(3200).fill(NaN);
  const sum = new Float64Array(3200); const sumSq = new Float64Array(3200); const count = new Float64Array(3200);
  for (let k = 0; k < s.times.length; k++) {
    const i = s.neurons[k]!;
    if (!Number.isNaN(last[i]!) && s.times[k]! > 200) { const x = s.times[k]! - last[i]!; sum[i]! += x; sumSq[i]! += x * x; count[i]!++; }
    last[i] = s.times[k]!;
  }
  let cvSum = 0; let cells3 = 0;
  for (let i = 0; i < 3200; i++) {
    if (count[i]! < 3) continue;
    const m = sum[i]! / count[i]!;
    cvSum += Math.sqrt(Math.max(0, sumSq[i]! / count[i]! - m * m)) / m;
    cells3++;
  }
  assert.ok(cells3 > 300, `${cells3} cells with ≥ 3 intervals`);
  assert.ok(cvSum / cells3 > 0.7, `mean ISI CV ${cvSum / cells3}: irregular, unlike the uncoupled clock-like cells (CV 0)`);
});
