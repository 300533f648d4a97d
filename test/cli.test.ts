import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "kernel/cli.js");

test("`cajal kernel install` writes a kernelspec with absolute paths, and uninstall removes it", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "jupyter-data-"));
  const env = { ...process.env, JUPYTER_DATA_DIR: dataDir };
  const install = spawnSync(process.execPath, [cli, "kernel", "install"], { env, encoding: "utf8" });
  assert.equal(install.status, 0, install.stderr);
  const specFile = path.join(dataDir, "kernels", "cajal", "kernel.json");
  const spec = JSON.parse(readFileSync(specFile, "utf8")) as { argv: string[]; display_name: string; interrupt_mode: string };
  assert.equal(spec.display_name, "Cajal (TypeScript)");
  assert.equal(spec.interrupt_mode, "signal");
  assert.equal(spec.argv[0], process.execPath);
  assert.equal(spec.argv[1], path.join(root, "kernel", "start.js"));
  assert.deepEqual(spec.argv.slice(2), ["--config-path", "{connection_file}"]);
  // Jupyter itself finds it.
  const list = spawnSync("/usr/bin/python3", ["-m", "jupyter_client.kernelspecapp", "list", "--json"], { env, encoding: "utf8" });
  const specs = JSON.parse(list.stdout) as { kernelspecs: Record<string, { resource_dir: string }> };
  assert.equal(specs.kernelspecs["cajal"]?.resource_dir, path.join(dataDir, "kernels", "cajal"));
  const uninstall = spawnSync(process.execPath, [cli, "kernel", "uninstall"], { env, encoding: "utf8" });
  assert.equal(uninstall.status, 0);
  assert.equal(existsSync(specFile), false);
});

test("`cajal kernel install --prefix DIR` installs under DIR/share/jupyter", () => {
  const prefix = mkdtempSync(path.join(os.tmpdir(), "prefix-"));
  const r = spawnSync(process.execPath, [cli, "kernel", "install", "--prefix", prefix], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(path.join(prefix, "share", "jupyter", "kernels", "cajal", "kernel.json")));
});

test("an unknown command or option is refused with the usage", () => {
  const r = spawnSync(process.execPath, [cli, "kernal"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "kernal"/);
  assert.match(r.stderr, /cajal kernel install/);
  const o = spawnSync(process.execPath, [cli, "kernel", "install", "--user"], { encoding: "utf8" });
  assert.equal(o.status, 2);
  assert.match(o.stderr, /unknown option --user/);
});

test("the notebook runner fails on a failing claim and shows the failing cell and its error", () => {
  const out = mkdtempSync(path.join(os.tmpdir(), "executed-"));
  const r = spawnSync(process.execPath, [path.join(root, "kernel/run-notebooks.js"), "--dir", path.join(root, "test/fixtures/failing-notebook"), "--out", out], {
    encoding: "utf8",
    env: { ...process.env, CAJAL_MODE: "quick" },
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /claim-fails\.ipynb: failed in cell 2/);
  assert.match(r.stderr, /│ claims\(\[\{ name: "three is four"/);
  assert.match(r.stderr, /ClaimError/);
  assert.match(r.stdout, /0 passed, 1 failed/);
  const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8")) as { notebooks: { status: string; claims: { failed: number } }[] };
  assert.equal(summary.notebooks[0]!.status, "failed");
  assert.equal(summary.notebooks[0]!.claims.failed, 1);
  assert.ok(existsSync(path.join(out, "claim-fails.ipynb")), "the executed copy is kept for inspection");
});

test("the notebook runner refuses a pattern that matches nothing", () => {
  const r = spawnSync(process.execPath, [path.join(root, "kernel/run-notebooks.js"), "no-such-notebook"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no notebook in notebooks matches no-such-notebook/);
});
