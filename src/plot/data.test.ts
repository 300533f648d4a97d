import { test } from "node:test";
import assert from "node:assert/strict";
import { CajalError } from "../core/errors.js";
import { isDataFrameLike, tableRows, toMatrix } from "./data.js";

test("a real danfojs DataFrame is read by duck typing into the same rows as its columns", async () => {
  // danfojs is loaded here only; the plot modules never import it.
  const dfd = (await import("danfojs-node")) as unknown as { DataFrame: new (data: Record<string, unknown[]>) => unknown };
  const df = new dfd.DataFrame({ t: [0, 1, 2], v: [-65, -60, -55], cell: ["a", "a", "b"] });
  assert.ok(isDataFrameLike(df));
  const expected = [{ t: 0, v: -65, cell: "a" }, { t: 1, v: -60, cell: "a" }, { t: 2, v: -55, cell: "b" }];
  assert.deepEqual(tableRows(df as never, "test"), expected);
  assert.deepEqual(tableRows({ t: Float64Array.of(0, 1, 2), v: [-65, -60, -55], cell: ["a", "a", "b"] }, "test"), expected);
  assert.deepEqual(tableRows(expected, "test"), expected);
});

test("matrices: rows or flat values with a shape; ragged rows are a user error", () => {
  assert.deepEqual(toMatrix([[1, 2, 3], [4, 5, 6]], "test"), { values: Float64Array.of(1, 2, 3, 4, 5, 6), rows: 2, cols: 3 });
  assert.throws(() => toMatrix([[1, 2], [3]], "test"), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "plot-bad-input");
});
