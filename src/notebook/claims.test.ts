import assert from "node:assert/strict";
import { test } from "node:test";
import { setKernelChannel } from "./channel.js";
import { ClaimError, ClaimTable, CLAIMS_MIME, claims, contradicted, notChecked, verdictOf } from "./claims.js";
import type { MimeBundle } from "../plot/plot.js";

function captureDisplays(): { shown: MimeBundle[]; restore: () => void } {
  const shown: MimeBundle[] = [];
  setKernelChannel({ display: (bundle) => shown.push(bundle) });
  return { shown, restore: () => setKernelChannel(undefined) };
}

test("claims() shows the table and returns when every claim holds", () => {
  const { shown, restore } = captureDisplays();
  try {
    claims([{ name: "two is even", measured: 2, expected: "even", holds: 2 % 2 === 0 }]);
    assert.equal(shown.length, 1);
    assert.deepEqual(shown[0]![CLAIMS_MIME], [{ name: "two is even", measured: 2, expected: "even", holds: true }]);
  } finally {
    restore();
  }
});

test("claims() throws a ClaimError listing every failed claim, after showing the table", () => {
  const { shown, restore } = captureDisplays();
  try {
    assert.throws(
      () => claims([
        { name: "a", measured: 1, expected: "2", holds: false },
        { name: "b", measured: 3, expected: "3", holds: true },
        { name: "c", measured: [0.5, 0.25], expected: "> 1", holds: false },
      ]),
      (e: unknown) => e instanceof ClaimError && e.failed.map((c) => c.name).join() === "a,c" && /2 claims failed/.test(e.message) && /\[0\.5, 0\.25\]/.test(e.message),
    );
    assert.equal(shown.length, 1, "the table is shown before the error");
  } finally {
    restore();
  }
});

test("a claim not checked here needs a reason and does not fail the notebook", () => {
  const { shown, restore } = captureDisplays();
  try {
    claims([notChecked("paper's 97 % accuracy", "≥ 97 %", "the quick run trains one epoch"), { name: "x", measured: 1, expected: "1", holds: true }]);
    const text = String(shown[0]!["text/plain"]);
    assert.match(text, /not checked here: the quick run trains one epoch/);
    assert.match(text, /1 of 2 claims hold, 1 not checked here/);
    assert.throws(() => claims([{ name: "y", measured: 1, expected: "1", holds: null }]), /gives no note/);
  } finally {
    restore();
  }
});

test("claims() rejects a claim whose holds is not a boolean (a check that cannot fail is a bug)", () => {
  assert.throws(() => claims([{ name: "z", measured: 1, expected: "1", holds: 1 as unknown as boolean }]), /holds=1/);
  assert.throws(() => claims([]), /non-empty/);
});

test("the claim table escapes HTML in names and measured values", () => {
  const bundle = new ClaimTable([{ name: "<script>x</script>", measured: "<b>", expected: "&", holds: true }]).toMimeBundle();
  const html = String(bundle["text/html"]);
  assert.ok(!html.includes("<script>"));
  assert.match(html, /&#60;script&#62;/);
});

test("non-finite and typed-array measurements survive as JSON", () => {
  const bundle = new ClaimTable([{ name: "n", measured: new Float64Array([1, 2]), expected: "", holds: true }, { name: "m", measured: NaN, expected: "", holds: false }]).toMimeBundle();
  const list = bundle[CLAIMS_MIME] as { measured: unknown }[];
  assert.deepEqual(list[0]!.measured, [1, 2]);
  assert.equal(list[1]!.measured, "NaN");
  assert.doesNotThrow(() => JSON.stringify(bundle));
});

test("a contradicted claim that does not hold is reported as ⊘ with its finding and does not fail the notebook", () => {
  const { shown, restore } = captureDisplays();
  try {
    const against = contradicted({ name: "τm grows", measured: 4.2, expected: "> 5 ms", holds: 4.2 > 5 }, "τm shrinks in every seed");
    assert.equal(verdictOf(against), "contradicted");
    claims([{ name: "ok", measured: 1, expected: "1", holds: true }, against]);
    const text = String(shown[0]!["text/plain"]);
    assert.match(text, /⊘ τm grows: measured 4\.2, expected > 5 ms \(contradicted by this run: τm shrinks in every seed\)/);
    assert.match(text, /1 of 2 claims hold, 1 contradicted by this run/);
    assert.match(String(shown[0]!["text/html"]), /class="cajal-claim contradicted"/);
    assert.equal((shown[0]![CLAIMS_MIME] as { contradicts?: string }[])[1]!.contradicts, "τm shrinks in every seed");
  } finally {
    restore();
  }
});

test("a contradicted claim that holds in a run is a plain ✓; one without a finding, or not computed, is refused", () => {
  const holding = contradicted({ name: "x", measured: 6, expected: "> 5", holds: true }, "usually fails");
  assert.equal(verdictOf(holding), "holds");
  const { restore } = captureDisplays();
  try {
    assert.throws(() => claims([contradicted({ name: "y", measured: 1, expected: "2", holds: false }, "")]), /without saying what the run found/);
    assert.throws(() => claims([{ ...notChecked("z", "2", "why"), contradicts: "found" }]), /both contradicted and not checked/);
    // A failing claim without the mark still fails the notebook.
    assert.throws(() => claims([{ name: "w", measured: 1, expected: "2", holds: false }, holding]), ClaimError);
  } finally {
    restore();
  }
});
