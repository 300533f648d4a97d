// Notebook cells are compiled by tslab's TypeScript 5.0, which must read the library's public
// .d.ts files: a construct newer than 5.0 there breaks every notebook that imports Cajal.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(__dirname, "..");

test("the compiled declarations type-check under tslab's TypeScript 5.0", { skip: !existsSync(path.join(root, "dist/index.d.ts")) && "run npm run build first" }, () => {
  const ts = require("@tslab/typescript-for-tslab") as typeof import("typescript");
  assert.match(ts.version, /^5\.0\./);
  const probe = path.join(root, "notebooks", "__dts_probe__.ts");
  const host = ts.createCompilerHost({});
  const source = 'import * as cajal from "cajal";\nexport const m: "quick" | "full" = cajal.mode();\n';
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === probe ? source : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probe || fileExists(file);
  const program = ts.createProgram({
    rootNames: [probe],
    options: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], types: ["node"], strict: false, noEmit: true, skipLibCheck: false },
    host,
  });
  const ours = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || d.file.fileName === probe || path.resolve(d.file.fileName).startsWith(path.join(root, "dist")));
  const text = ours.map((d) => `${d.file ? path.relative(root, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  assert.deepEqual(text, []);
});
