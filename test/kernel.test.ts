// The kernel through a real Jupyter client: test/kernel/protocol_check.py drives it with
// jupyter_client (Debian's python3-jupyter-client) and prints one JSON line per check.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(__dirname, "..");

test("the cajal kernel speaks the Jupyter protocol correctly", async (t) => {
  const run = spawnSync("/usr/bin/python3", ["-Xfrozen_modules=off", path.join(root, "test/kernel/protocol_check.py")], {
    env: { ...process.env, JUPYTER_PATH: path.join(root, "kernel/jupyter"), CAJAL_MODE: "quick" },
    encoding: "utf8",
    timeout: 240_000,
  });
  const checks = run.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { check: string; ok: boolean; detail: string });
  assert.ok(checks.length >= 10, `expected the protocol checks to report, got:\n${run.stdout}\n${run.stderr}`);
  for (const c of checks) {
    await t.test(c.check, () => assert.ok(c.ok, c.detail));
  }
  assert.equal(run.status, 0, run.stderr);
});
