import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../core/errors.js";
import { Plot, VEGA_LITE_MIME, VEGA_LITE_SCHEMA } from "./plot.js";
import { compileSpec } from "./render.js";

const spec = {
  title: "two points",
  data: { values: [{ x: 0, y: 1 }, { x: 1, y: 3 }] },
  mark: "line" as const,
  encoding: { x: { field: "x", type: "quantitative" as const }, y: { field: "y", type: "quantitative" as const } },
};

test("a Plot's bundle holds the vega-lite spec as an object, an SVG and a text label", async () => {
  const bundle = await new Plot(spec).toMimeBundle();
  const vl = bundle[VEGA_LITE_MIME] as { $schema: string; mark: string };
  assert.equal(vl.$schema, VEGA_LITE_SCHEMA);
  assert.equal(vl.mark, "line");
  const svg = String(bundle["image/svg+xml"]);
  assert.match(svg, /^<svg/);
  assert.match(svg, /class="mark-line role-mark/);
  assert.match(svg, /two points/);
  assert.equal(bundle["text/plain"], "<Plot: two points>");
});

test("a Plot renders to a PNG with the PNG signature", async () => {
  const png = await new Plot(spec).toPNG({ scale: 1 });
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test("compiling collects vega-lite's warnings instead of printing them", () => {
  const { warnings } = compileSpec({ ...spec, encoding: { ...spec.encoding, color: { field: "c", type: "quantitative", scale: { type: "band" } } } } as never);
  assert.ok(warnings.length > 0);
  assert.deepEqual(compileSpec(spec).warnings, []);
});

test("a spec vega-lite cannot compile gives a CajalError", () => {
  assert.throws(() => compileSpec({ data: { values: [] }, mark: "nonsense" } as never), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "plot-invalid-spec");
});
