/**
 * A small static file server over `node:http` for the built site (used by `docs/serve.mts` and the
 * browser test). Binds to 127.0.0.1 only; refuses paths that leave the served folder.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".ico": "image/x-icon",
};

/** A running server. */
export interface StaticServer {
  /** "http://127.0.0.1:PORT/" */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Starts serving `dir` on 127.0.0.1:`port` (0 = any free port). */
export async function startStaticServer(dir: string, port = 0): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = createServer(async (request, response) => {
    try {
      const urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
      let file = path.resolve(root, `.${urlPath}`);
      if (file !== root && !file.startsWith(root + path.sep)) {
        response.writeHead(403).end("forbidden");
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!existsSync(file)) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" }).end(body);
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
