// Kernel start time, trivial-cell latency and plot-cell latency: the cajal kernel beside plain
// tslab (the kernel it is built on), measured in the same run with the same client.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { emit } from "../emit.js";

const root = path.resolve(__dirname, "..", "..");
const reps = Number(process.env["BENCH_REPS"] ?? 3);

// Both kernels build the same chart: a 200-point line, rendered to SVG on the server.
const spec = `{ data: { values: Array.from({ length: 200 }, (_, i) => ({ x: i, y: Math.sin(i / 10) })) }, mark: "line",
  encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } }`;
const cajalPlot = `new cajal.Plot(${spec})`;
const tslabPlot = `import * as tslab from "tslab";
import { Plot } from "cajal";
//---
tslab.display.html(await new Plot(${spec}).toSVG());`;

function measure(kernel: string, jupyterPath: string, code: string): { start_s: number; trivial_s: number; plot_s: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cajal-bench-"));
  const codeFile = path.join(dir, "plot.ts");
  writeFileSync(codeFile, code);
  const run = spawnSync("/usr/bin/python3", ["-Xfrozen_modules=off", path.join(__dirname, "latency.py"), kernel, path.join(root, "notebooks"), codeFile, "--reps", String(reps)], {
    env: { ...process.env, JUPYTER_PATH: jupyterPath },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`${kernel}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!);
}

export function run(): void {
  // A kernelspec for plain tslab from this checkout's node_modules.
  const tslabSpecs = mkdtempSync(path.join(os.tmpdir(), "tslab-spec-"));
  mkdirSync(path.join(tslabSpecs, "kernels", "tslab-plain"), { recursive: true });
  writeFileSync(path.join(tslabSpecs, "kernels", "tslab-plain", "kernel.json"), JSON.stringify({
    argv: [process.execPath, path.join(root, "node_modules/tslab/bin/tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "tslab", language: "typescript", interrupt_mode: "signal",
  }));
  const cajal = measure("cajal", path.join(root, "kernel/jupyter"), cajalPlot);
  const tslab = measure("tslab-plain", tslabSpecs, tslabPlot);
  emit("kernel start to first cell", cajal.start_s, "tslab 1.0.22", tslab.start_s);
  emit("trivial cell latency", cajal.trivial_s, "tslab 1.0.22", tslab.trivial_s);
  emit("plot cell latency (vega-lite + server SVG)", cajal.plot_s, "tslab 1.0.22 + display.html(svg)", tslab.plot_s);
}

if (require.main === module) run();
