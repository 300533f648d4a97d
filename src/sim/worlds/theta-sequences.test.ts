import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../../core/errors.js";
import { circularLinearFit, detectBursts } from "../../core/phase.js";
import { createRng } from "../../core/rng.js";
import { populationRate } from "../../core/spike-stats.js";
import * as ts from "./theta-sequences.js";

test("while running, each theta cycle sweeps forward along the track and spikes precess", () => {
  const run = ts.simulateTrack({ laps: 2, offlineMs: 0 }, createRng(3));
  const seq = ts.thetaSequenceCorrelations(run);
  const mean = seq.correlations.reduce((a, b) => a + b, 0) / seq.correlations.length;
  assert.ok(seq.correlations.length > 100 && mean > 0.4, `${seq.correlations.length} cycles, mean rank correlation ${mean}`);
  const p = ts.precessionPoints(run);
  const fit = circularLinearFit(p.offsetCm, p.phaseRad, -0.05, 0.05);
  assert.ok(fit.slope < 0, `phase slope ${fit.slope * 360} °/cm`);
});

test("symmetric weights (no forward shift) give no forward theta sequences", () => {
  const run = ts.simulateTrack({ laps: 2, offlineMs: 0, recurrentShiftCm: 0 }, createRng(3));
  const seq = ts.thetaSequenceCorrelations(run);
  const mean = seq.correlations.reduce((a, b) => a + b, 0) / seq.correlations.length;
  const shifted = ts.thetaSequenceCorrelations(ts.simulateTrack({ laps: 2, offlineMs: 0 }, createRng(3)));
  const meanShifted = shifted.correlations.reduce((a, b) => a + b, 0) / shifted.correlations.length;
  assert.ok(mean < meanShifted - 0.15, `symmetric ${mean} vs shifted ${meanShifted}`);
});

test("offline kicks start events that travel forward through place order (replay)", () => {
  const run = ts.simulateTrack({ laps: 0, offlineMs: 6000 }, createRng(8));
  assert.ok(run.kickTimesMs.length > 0);
  const pr = populationRate(run.spikes, { binMs: 5 });
  const bursts = detectBursts(pr.rateHz, pr.edgesMs, { threshold: 5, minDurationMs: 20, mergeGapMs: 10 });
  const events = ts.replayEvents(run, bursts);
  assert.ok(events.some((e) => e.correlation > 0.6), `correlations ${events.map((e) => e.correlation.toFixed(2)).join(", ")}`);
  assert.throws(() => ts.simulateTrack({ units: 1, laps: -1 }, createRng(1)), (e: unknown) => e instanceof CajalError && e.problems.length === 2);
});
