import assert from "node:assert/strict";
import { test } from "node:test";
import { buildColumns, buildCsr } from "./csr.js";

test("CSR rows group synapses by pre neuron, keep the connector's order within a row, and round delays to steps", () => {
  const c = {
    pre: Int32Array.from([2, 0, 2, 1, 0]),
    post: Int32Array.from([5, 1, 3, 0, 4]),
    weight: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]),
    delayMs: Float64Array.from([1, 0.1, 2.04, 0.16, 0.96]),
  };
  const csr = buildCsr(c, 4, 0.1);
  assert.deepEqual(Array.from(csr.rowStart), [0, 2, 3, 5, 5]);
  assert.deepEqual(Array.from(csr.pre), [0, 0, 1, 2, 2]);
  assert.deepEqual(Array.from(csr.post), [1, 4, 0, 5, 3]);
  assert.deepEqual(Array.from(csr.weight), [0.2, 0.5, 0.4, 0.1, 0.3]);
  assert.deepEqual(Array.from(csr.delaySteps), [1, 10, 2, 10, 20]);
  assert.equal(csr.maxDelaySteps, 20);
  assert.equal(csr.uniformDelaySteps, 0, "delays differ");
  assert.equal(buildCsr({ ...c, delayMs: new Float64Array(5).fill(1.5) }, 4, 0.1).uniformDelaySteps, 15);
  const { colStart, synapses } = buildColumns(csr, 6);
  for (let j = 0; j < 6; j++) {
    for (let k = colStart[j]!; k < colStart[j + 1]!; k++) assert.equal(csr.post[synapses[k]!], j);
  }
  assert.equal(colStart[6], 5);
});
