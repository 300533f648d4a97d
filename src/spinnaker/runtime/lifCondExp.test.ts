import assert from "node:assert/strict";
import { test } from "node:test";
import { decayS1615, mulk } from "../../core/fixed/index.js";
import { LIF_CURR_EXP_DEFAULTS, createLifCurrExpState, lifCurrExpConstants, lifCurrExpUpdate } from "./lifCurrExp.js";
import { LIF_COND_EXP_DEFAULTS, createLifCondExpState, lifCondExpConstants, lifCondExpUpdate } from "./lifCondExp.js";

test("without synaptic input IF_cond_exp integrates exactly like IF_curr_exp", () => {
  const p = { ...LIF_COND_EXP_DEFAULTS, iOffset: 0.8 };
  const cond = createLifCondExpState([lifCondExpConstants(p, 1, "spynnaker7")]);
  const curr = createLifCurrExpState([lifCurrExpConstants({ ...LIF_CURR_EXP_DEFAULTS, iOffset: 0.8 }, 1, "spynnaker7")]);
  const a = new Uint8Array(1);
  const b = new Uint8Array(1);
  for (let t = 0; t < 300; t++) {
    lifCondExpUpdate(cond, a);
    lifCurrExpUpdate(curr, b);
    assert.equal(cond.v[0], curr.v[0], `tick ${t}`);
    assert.equal(a[0], b[0]);
  }
});

test("a held conductance drives V to (v_rest + R·g·E) / (1 + R·g), toward the reversal potential", () => {
  for (const [type, eRev] of [["exc", 0], ["inh", -70]] as const) {
    const p = { ...LIF_COND_EXP_DEFAULTS, tauSynE: 1e4, tauSynI: 1e4, vThresh: 100 };
    const s = createLifCondExpState([lifCondExpConstants(p, 1, "spynnaker7")]);
    const g = 0.05; // µS, stored ×1024
    (type === "exc" ? s.isynExc : s.isynInh)[0] = Math.round(g * 1024 * 32768);
    const spiked = new Uint8Array(1);
    for (let t = 0; t < 300; t++) lifCondExpUpdate(s, spiked);
    const gNow = ((type === "exc" ? s.isynExc : s.isynInh)[0]! >> 10) / 32768;
    const r = 20;
    const expected = (-65 + r * gNow * eRev) / (1 + r * gNow);
    assert.ok(Math.abs(s.v[0]! / 32768 - expected) < 0.02, `${type}: ${s.v[0]! / 32768} vs ${expected}`);
  }
});

test("the inhibitory conductance is negated before the truncating multiply (one step by hand)", () => {
  const p = { ...LIF_COND_EXP_DEFAULTS, vThresh: 100 };
  const c = lifCondExpConstants(p, 1, "spynnaker7");
  const s = createLifCondExpState([c], [-64.3]); // a voltage off the 1 mV grid, so the products round
  s.isynInh[0] = 12345 << 10; // g_i raw 12345
  const v0 = s.v[0]!;
  const iI = mulk(-12345, c.eRevI - v0);
  assert.notEqual(iI, -mulk(12345, c.eRevI - v0), "the two orders differ on this input");
  const current = (0 - iI + c.iOffset) | 0;
  const alpha = (mulk(current, c.r) + c.vRest) | 0;
  const expected = (alpha - mulk(c.expTc, (alpha - v0) | 0)) | 0;
  const rec = { v: new Int32Array(1), gsynExc: new Int32Array(1), gsynInh: new Int32Array(1) };
  lifCondExpUpdate(s, new Uint8Array(1), rec);
  assert.equal(s.v[0], expected);
  assert.equal(rec.gsynInh[0], 12345, "recorded conductance is isyn >> 10");
  assert.equal(s.isynInh[0], decayS1615(12345 << 10, c.decayI));
});
