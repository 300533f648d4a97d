import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import * as tg from "./theta-gamma.js";

test("three loaded items replay once per theta cycle, in load order, one gamma cycle apart", () => {
  const run = tg.simulateThetaGamma({ assemblies: 3, durationMs: 1800 }, createRng(4));
  const m = tg.maintenance(run);
  assert.ok(m.cyclesInOrder >= 5, `in order for ${m.cyclesInOrder} of ${m.cycles} cycles`);
  assert.equal(m.maintained, 3);
  assert.ok(m.gammaPeriodMs > 15 && m.gammaPeriodMs < 35, `gamma period ${m.gammaPeriodMs} ms`);
});

test("without the after-depolarisation nothing is held after loading", () => {
  const run = tg.simulateThetaGamma({ assemblies: 3, durationMs: 1800, adpAmplitude: 0 }, createRng(4));
  assert.equal(tg.maintenance(run).maintained, 0);
});

test("overloaded, the items firing per cycle are capped near the gamma slots in a theta cycle", () => {
  const run = tg.simulateThetaGamma({ assemblies: 10 }, createRng(5));
  const m = tg.maintenance(run);
  const slots = 1000 / 6 / m.gammaPeriodMs;
  assert.ok(m.maintained < 10 && Math.abs(m.maintained - slots) <= 1.5, `${m.maintained} items per cycle vs ${slots} slots`);
});

test("cycle orders read assemblies from the spike trains, cycles starting at the theta trough", () => {
  // Hand-made spikes: assembly 1 before assembly 0 in the cycle starting at 125 ms (trough of 6 Hz sine).
  const cps = 2;
  const run: tg.ThetaGammaRun = {
    spikes: { label: "x", size: 4, times: Float64Array.of(130, 131, 150, 151, 200), neurons: Int32Array.of(2, 3, 0, 1, 0), window: [0, 500] },
    cellsPerAssembly: cps, assemblies: 2, thetaHz: 6, loadTimesMs: [0, 10], loadEndMs: 100, updates: 0,
  };
  const orders = tg.cycleOrders(run, 100);
  assert.deepEqual(orders[0]!.order, [1, 0]);
  assert.ok(Math.abs(orders[0]!.timesMs[1]! - (150 + 151 + 200) / 3) < 1e-9);
  assert.throws(() => tg.simulateThetaGamma({ assemblies: 0, tauMMs: -1 }, createRng(1)), (e: unknown) => e instanceof CajalError && e.problems.length >= 2);
});
