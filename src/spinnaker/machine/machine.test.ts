import assert from "node:assert/strict";
import { test } from "node:test";
import { CajalError } from "../../core/errors.js";
import { machineFor, spinn3, spinn5, spinn5Boards, virtualMachine } from "./boards.js";
import { chipAt, chipIndexAt, countAppCores, type Machine, neighbour, shortestVector, vectorLength } from "./machine.js";
import { oppositeLink } from "./spin1.js";

/** Hop distance over working links, by breadth-first search: the independent check of shortestVector. */
function bfsDistances(m: Machine, from: number): Int32Array {
  const dist = new Int32Array(m.chips.length).fill(-1);
  dist[from] = 0;
  const queue = [from];
  for (let h = 0; h < queue.length; h++) {
    const c = m.chips[queue[h]!]!;
    for (let l = 0; l < 6; l++) {
      const n = neighbour(m, c.x, c.y, l);
      if (!n) continue;
      const j = chipIndexAt(m, n.x, n.y);
      if (dist[j] === -1) {
        dist[j] = dist[queue[h]!]! + 1;
        queue.push(j);
      }
    }
  }
  return dist;
}

test("SpiNN-3 has 4 chips of 18 cores, 2×2 full wrap, 63 application cores (15 on the Ethernet chip)", () => {
  const m = spinn3();
  assert.equal(m.chips.length, 4);
  assert.equal(m.wrap, "full");
  assert.ok(m.chips.every((c) => c.nCores === 18));
  assert.equal(chipAt(m, 0, 0)!.appCores.length, 15);
  assert.equal(chipAt(m, 1, 1)!.appCores.length, 16);
  assert.equal(countAppCores(m), 63);
  assert.deepEqual(chipAt(m, 0, 0)!.appCores.slice(0, 2), [3, 4], "cores 0–2 are monitor, extra monitor, gatherer");
});

test("SpiNN-5 has the 48 chips of the hexagon, eight 17-core chips, and 759 application cores", () => {
  const m = spinn5();
  assert.equal(m.chips.length, 48);
  assert.equal(m.chips.filter((c) => c.nCores === 17).length, 8);
  assert.equal(chipAt(m, 7, 2), undefined);
  assert.equal(chipAt(m, 0, 4), undefined);
  assert.ok(chipAt(m, 4, 7));
  assert.equal(chipAt(m, 1, 1)!.appCores.length, 15);
  assert.equal(countAppCores(m), 39 * 16 + 15 + 8 * 15);
  assert.equal(chipAt(m, 0, 0)!.linkMask, 0b000111, "(0,0) links only East, North-East and North");
  assert.equal(m.chips.filter((c) => c.isEthernet).length, 1);
});

test("links are symmetric: l from A reaches B exactly when the opposite link from B reaches A", () => {
  for (const m of [spinn3(), spinn5(), spinn5Boards(3), spinn5Boards(2)]) {
    for (const c of m.chips) {
      for (let l = 0; l < 6; l++) {
        const n = neighbour(m, c.x, c.y, l);
        if (!n) continue;
        const back = neighbour(m, n.x, n.y, oppositeLink(l));
        assert.ok(back && back.x === c.x && back.y === c.y, `${m.name}: (${c.x},${c.y}) link ${l}`);
      }
    }
  }
});

test("three SpiNN-5 boards tile a 12×12 torus exactly once; six make 24×12; two are a 16×16 rectangle", () => {
  const triad = spinn5Boards(3);
  assert.deepEqual([triad.width, triad.height, triad.wrap, triad.chips.length], [12, 12, "full", 144]);
  assert.deepEqual(triad.chips.filter((c) => c.isEthernet).map((c) => [c.x, c.y]), [[0, 0], [4, 8], [8, 4]]);
  assert.ok(triad.chips.every((c) => c.linkMask === 0b111111), "a full torus has all six links everywhere");
  const six = spinn5Boards(6);
  assert.deepEqual([six.width, six.height, six.wrap, six.chips.length], [24, 12, "full", 288]);
  const two = spinn5Boards(2);
  assert.deepEqual([two.width, two.height, two.wrap, two.chips.length], [16, 16, "none", 96]);
  assert.equal(machineFor({ boards: 1 }).name, "SpiNN-5");
  assert.throws(() => spinn5Boards(0), (e: unknown) => e instanceof CajalError && e.problem.ruleId === "spinnaker-board-count");
});

test("shortest vectors have the length of the breadth-first hop distance, on tori and on a board", () => {
  for (const m of [spinn5Boards(3), spinn5(), virtualMachine({ width: 5, height: 7, wrap: "horizontal" }), virtualMachine({ width: 6, height: 4 })]) {
    for (let i = 0; i < m.chips.length; i += 3) {
      const dist = bfsDistances(m, i);
      const a = m.chips[i]!;
      m.chips.forEach((b, j) => {
        assert.equal(vectorLength(shortestVector(m, a.x, a.y, b.x, b.y)), dist[j], `${m.name}: (${a.x},${a.y})→(${b.x},${b.y})`);
      });
    }
  }
});

test("a wrap-around vector uses the diagonal: (0,0)→(11,11) on the 12×12 torus is one South-West hop", () => {
  const m = spinn5Boards(3);
  assert.deepEqual(shortestVector(m, 0, 0, 11, 11), { dx: 0, dy: 0, dd: -1 });
  assert.deepEqual(shortestVector(m, 0, 0, 7, 3), { dx: 4, dy: 0, dd: 3 });
});
