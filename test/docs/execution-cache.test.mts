import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { directoryHash, executionKey, notebookSourceHash, openExecutionCache } from "../../docs/lib/execution-cache.mjs";

let dir = "";
const nb = (source: string, outputs: unknown[] = [], count: number | null = null) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", source: [source], outputs, execution_count: count, metadata: {} }] });

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cajal-cache-"));
  await mkdir(path.join(dir, "dist", "sub"), { recursive: true });
  await writeFile(path.join(dir, "dist", "index.js"), "exports.a = 1;");
  await writeFile(path.join(dir, "dist", "sub", "b.js"), "exports.b = 2;");
  await writeFile(path.join(dir, "nb.ipynb"), nb("1 + 1"));
});
after(() => rm(dir, { recursive: true, force: true }));

test("the source hash ignores outputs, counts and metadata but not the code", () => {
  assert.equal(notebookSourceHash(nb("x")), notebookSourceHash(nb("x", [{ output_type: "stream", name: "stdout", text: "1" }], 4)));
  assert.notEqual(notebookSourceHash(nb("x")), notebookSourceHash(nb("y")));
});

test("the directory hash changes with a file's bytes or name, and says when the folder is absent", async () => {
  const before1 = await directoryHash(path.join(dir, "dist"));
  assert.equal(await directoryHash(path.join(dir, "dist")), before1);
  await writeFile(path.join(dir, "dist", "sub", "b.js"), "exports.b = 3;");
  const after1 = await directoryHash(path.join(dir, "dist"));
  assert.notEqual(after1, before1);
  await writeFile(path.join(dir, "dist", "sub", "b.js"), "exports.b = 2;");
  assert.equal(await directoryHash(path.join(dir, "dist")), before1, "same bytes, same hash");
  assert.equal(await directoryHash(path.join(dir, "nope")), "absent");
});

test("the execution key changes with the code, dist/, the mode and extra files, and only with them", async () => {
  const input = { notebookFile: path.join(dir, "nb.ipynb"), distDir: path.join(dir, "dist"), mode: "quick" };
  const base = await executionKey(input);
  assert.equal(await executionKey(input), base);
  assert.notEqual(await executionKey({ ...input, mode: "full" }), base);
  await writeFile(path.join(dir, "nb.ipynb"), nb("1 + 1", [{ output_type: "stream", name: "stdout", text: "2" }], 1));
  assert.equal(await executionKey(input), base, "saving outputs does not invalidate");
  await writeFile(path.join(dir, "nb.ipynb"), nb("1 + 2"));
  const changed = await executionKey(input);
  assert.notEqual(changed, base);
  await writeFile(path.join(dir, "dist", "index.js"), "exports.a = 2;");
  assert.notEqual(await executionKey(input), changed);
  const lock = path.join(dir, "lock.json");
  const withMissing = await executionKey({ ...input, extraFiles: [lock] });
  await writeFile(lock, "{}");
  assert.notEqual(await executionKey({ ...input, extraFiles: [lock] }), withMissing);
});

test("the cache answers fresh only for the recorded key while the executed file exists, and survives a reload", async () => {
  const file = path.join(dir, "cache", "executions.json");
  const executed = path.join(dir, "executed.ipynb");
  const cache = await openExecutionCache(file);
  assert.equal(cache.isFresh("notebooks/a.ipynb", "k1"), false);
  cache.record("notebooks/a.ipynb", "k1", { status: "passed" });
  assert.equal(cache.isFresh("notebooks/a.ipynb", "k1"), true);
  assert.equal(cache.isFresh("./notebooks/a.ipynb", "k1"), true, "paths are normalised");
  assert.equal(cache.isFresh("notebooks/a.ipynb", "k2"), false);
  assert.equal(cache.isFresh("notebooks/a.ipynb", "k1", executed), false, "the executed copy is gone");
  await writeFile(executed, "{}");
  assert.equal(cache.isFresh("notebooks/a.ipynb", "k1", executed), true);
  await cache.save();
  const reloaded = await openExecutionCache(file);
  assert.deepEqual(reloaded.get("notebooks/a.ipynb")?.result, { status: "passed" });
  reloaded.forget("notebooks/a.ipynb");
  assert.equal(reloaded.isFresh("notebooks/a.ipynb", "k1"), false);
  await writeFile(file, "{ not json");
  assert.equal((await openExecutionCache(file)).get("notebooks/a.ipynb"), undefined, "a corrupt cache is empty");
});
