import assert from "node:assert/strict";
import { test } from "node:test";
import * as msg from "./messages.js";
import { describeRange, inRange, resolveParams, type ParamSpec } from "./params.js";

const positive: ParamSpec = { unit: "ms", default: 20, min: 0, open: "min", pynn: "tau_m", doc: "the membrane time constant" };
const unit: ParamSpec = { unit: "1", default: 0.5, min: 0, max: 1, pynn: "p", doc: "a probability" };

test("ranges honour open and closed bounds, and never admit NaN or infinities", () => {
  assert.equal(inRange(0, positive), false);
  assert.equal(inRange(1e-9, positive), true);
  assert.equal(inRange(0, unit), true);
  assert.equal(inRange(1, unit), true);
  assert.equal(inRange(1.0000001, unit), false);
  assert.equal(inRange(NaN, unit), false);
  assert.equal(inRange(Infinity, { ...positive, min: undefined }), false);
});

test("ranges read as the user writes them", () => {
  assert.equal(describeRange("tauM", positive), "tauM > 0 ms");
  assert.equal(describeRange("p", unit), "0 ≤ p ≤ 1");
  assert.equal(describeRange("g", { unit: "uS", default: 0, min: 0, pynn: "", doc: "" }), "g ≥ 0 µS");
});

test("resolveParams fills defaults and collects every problem without throwing", () => {
  const table = { tauM: positive, p: unit };
  assert.deepEqual(resolveParams("x", table, {}), { values: { tauM: 20, p: 0.5 }, problems: [] });
  const { problems } = resolveParams("x", table, { tauM: -1, p: NaN });
  assert.deepEqual(problems, [msg.outOfRange("x.tauM", "tauM", -1, positive), msg.notANumber("x.p", "p", NaN, unit)]);
});

test("closest() suggests only names that are near", () => {
  assert.equal(msg.closest("vTresh", ["vThresh", "vReset"]), "vThresh");
  assert.equal(msg.closest("banana", ["vThresh", "vReset"]), undefined);
  assert.equal(msg.camelFromSnake("tau_syn_E"), "tauSynE");
});
