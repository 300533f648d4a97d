import assert from "node:assert/strict";
import { test } from "node:test";
import { kdivk } from "./div.js";
import { expk, expulr } from "./exp.js";
import { encS1615, encU032 } from "./hostEncode.js";
import { lifCeilAccum } from "./s1615.js";
import { decayS1615ToU032, U032_MAX_RAW } from "./u032.js";

// spinnaker.md §3.9 "Derived LIF/synapse constants", composed directly from the primitives of §3.3
// (the emulator's LIF kernel, which uses the same formulas, is tested against the traces in
// src/spinnaker/runtime/lifCurrExp.test.ts).
const SETS = [
  { name: "PyNN defaults", cm: 1, tauM: 20, tauSyn: 5, tauRefrac: 0.1,
    v7: [655360, 31170, 1, 3516490311, 3892384920], v6: [655360, 31170, 1, 3516421809, 3892727437] },
  { name: "CA3 cm=0.27 τm=3", cm: 0.27, tauM: 3, tauSyn: 0.3, tauRefrac: 1,
    v7: [364103, 23479, 1, 153198536, 1242480068], v6: [364089, 23479, 1, 153218635, 1242524598] },
  { name: "CA3 cm=0.14 τm=0.5", cm: 0.14, tauM: 0.5, tauSyn: 0.3, tauRefrac: 1,
    v7: [117016, 4434, 1, 153198536, 1242480068], v6: [117029, 4435, 1, 153218635, 1242524598] },
];

for (const s of SETS) {
  test(`${s.name}: 7.x on-chip derivation with kdivk/expk/expulr gives the golden raw constants`, () => {
    const h = encS1615(1);
    const tauM = encS1615(s.tauM);
    const tauSyn = encS1615(s.tauSyn);
    const decay = expulr(-kdivk(h, tauSyn));
    assert.deepEqual([
      kdivk(tauM, encS1615(s.cm)),
      expk(-kdivk(h, tauM)),
      lifCeilAccum(kdivk(encS1615(s.tauRefrac), h)),
      decay,
      decayS1615ToU032(kdivk(tauSyn, h), U032_MAX_RAW - decay),
    ], s.v7);
  });
  test(`${s.name}: 6.x host derivation in double, then encoded, gives the golden raw constants`, () => {
    const decay = Math.exp(-1 / s.tauSyn);
    assert.deepEqual([
      encS1615(s.tauM / s.cm), encS1615(Math.exp(-1 / s.tauM)), Math.ceil(s.tauRefrac / 1), encU032(decay),
      encU032(s.tauSyn * (1 - decay)),
    ], s.v6);
  });
}
