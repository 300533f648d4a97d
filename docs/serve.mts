/**
 * Serves the built site on 127.0.0.1 and prints its URL.
 *
 *     tsx docs/serve.mts [--dir build/site] [--port 0]
 *
 * Port 0 (the default) lets the system pick a free port. Only files under the site folder are served.
 */
import { parseArgs } from "node:util";
import { startStaticServer } from "./lib/static-server.mjs";

const { values } = parseArgs({
  options: { dir: { type: "string", default: "build/site" }, port: { type: "string", default: process.env.PORT ?? "0" } },
});
const server = await startStaticServer(values.dir, Number(values.port));
console.log(`Cajal docs: ${server.url}index.html  (serving ${values.dir}; Ctrl-C to stop)`);
