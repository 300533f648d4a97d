// The learning core's MNIST MLP epoch beside PyTorch (bench/learn/mlp.ts), as part of `npm run bench`.
import { spawnSync } from "node:child_process";
import path from "node:path";

export function run(): void {
  const hidden = process.env["BENCH_QUICK"] ? "256" : "256,1000";
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "mlp.ts"), "--hidden", hidden, "--opt", "sgd"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`bench/learn/mlp.ts exited with ${r.status ?? r.signal}`);
}

if (require.main === module) run();
