import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { escapeHtml, rootPrefix } from "../../docs/lib/layout.mjs";
import { startStaticServer } from "../../docs/lib/static-server.mjs";

test("the static server binds to 127.0.0.1, serves files with types, index.html for folders, and refuses to leave its folder", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cajal-serve-"));
  await mkdir(path.join(dir, "site", "sub"), { recursive: true });
  await writeFile(path.join(dir, "site", "index.html"), "<p>home</p>");
  await writeFile(path.join(dir, "site", "sub", "a.js"), "1");
  await writeFile(path.join(dir, "secret.txt"), "secret");
  const server = await startStaticServer(path.join(dir, "site"));
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await fetch(server.url);
    assert.equal(home.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(await home.text(), "<p>home</p>");
    const js = await fetch(server.url + "sub/a.js");
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal((await fetch(server.url + "missing.html")).status, 404);
    assert.equal((await fetch(server.url + "..%2fsecret.txt")).status, 403);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("layout helpers: the root prefix climbs one level per folder, text is escaped", () => {
  assert.equal(rootPrefix("index.html"), "");
  assert.equal(rootPrefix("notebooks/a.html"), "../");
  assert.equal(escapeHtml('<a href="x">&'), "&lt;a href=&quot;x&quot;&gt;&amp;");
});
