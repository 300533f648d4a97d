import assert from "node:assert/strict";
import { test } from "node:test";
import { getNBits } from "./bits.js";

test("get_n_bits is 0 for 0, 1 for 1, ceil(log2 n) otherwise", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 16, 17, 255, 256, 257, 4096].map(getNBits), [0, 1, 1, 2, 2, 3, 4, 5, 8, 8, 9, 12]);
  assert.equal(getNBits(2 ** 32), 32);
});
