import assert from "node:assert/strict";
import { test } from "node:test";
import { cells, network } from "../../src/model/index.js";
import "./helpers.js"; // registers the reference backend

// PyNN's EIF_cond_exp_isfa_ista defaults.
const p = { cm: 0.281, tauM: 9.3667, vRest: -70.6, a: 4, deltaT: 2, vThresh: -50.4 };
const gL = p.cm / p.tauM;

test("below rheobase AdEx settles at the fixed point of both equations (bisection, independent)", async () => {
  const current = 0.3;
  // Fixed point: w = a(v − vRest) and 0 = −gL(v − vRest) + gL·ΔT·e^((v − VT)/ΔT) − w + I: the lower root.
  const f = (v: number) => -gL * (v - p.vRest) + gL * p.deltaT * Math.exp((v - p.vThresh) / p.deltaT) - (p.a / 1000) * (v - p.vRest) + current;
  let lo = p.vRest;
  let hi = p.vThresh;
  for (let k = 0; k < 200; k++) { const mid = (lo + hi) / 2; if (f(mid) > 0) lo = mid; else hi = mid; }
  const net = network({ dt: 0.1, seed: 1 });
  net.population("cell", 1, cells.adexCondExpIsfaIsta({ iOffset: current })).record(["v", "w", "spikes"]);
  const run = await net.run(3000);
  assert.equal(run.spikes("cell").times.length, 0);
  const v = run.trace("cell", "v", 0).values.at(-1)!;
  const w = run.trace("cell", "w", 0).values.at(-1)!;
  assert.ok(Math.abs(v - lo) < 1e-4, `v settles at ${v}, fixed point ${lo}`);
  assert.ok(Math.abs(w - (p.a / 1000) * (lo - p.vRest)) < 1e-5, `w settles at ${w}`);
});

test("above rheobase AdEx adapts: each spike adds b to w and the intervals lengthen to a steady value", async () => {
  const net = network({ dt: 0.1, seed: 1 });
  net.population("cell", 1, cells.adexCondExpIsfaIsta({ iOffset: 0.8 })).record(["spikes", "w"]);
  const run = await net.run(1000);
  const t = run.spikes("cell").times;
  assert.ok(t.length >= 8, `${t.length} spikes`);
  const intervals = Array.from(t.subarray(1), (x, k) => x - t[k]!);
  for (let k = 1; k < 4; k++) assert.ok(intervals[k]! > intervals[k - 1]!, `ISI ${k} lengthens: ${intervals.slice(0, 5)}`);
  const last = intervals.slice(-3);
  assert.ok(Math.max(...last) - Math.min(...last) < 0.2, `steady state: ${last}`);
  // w jumps by b = 0.0805 nA in the step of the first spike (stamped at that step's start, so the
  // jump shows in the next sample, together with one step of slow relaxation).
  const w = run.trace("cell", "w", 0).values;
  const k = Math.round(t[0]! / 0.1) + 1;
  assert.ok(Math.abs(w[k]! - w[k - 1]! - 0.0805) < 0.002, `jump ${w[k]! - w[k - 1]!}`);
});
