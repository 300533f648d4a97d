/** Entry point of the reference backend's worker threads (see threads.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { workerLoop, type SharedLayout } from "./threads.js";

const { layout, thread, firstStep } = workerData as { layout: SharedLayout; thread: number; firstStep: number };
parentPort!.postMessage("ready");
workerLoop(layout, thread, firstStep);
