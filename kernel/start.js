#!/usr/bin/env node
'use strict';
// Entry point of the Cajal Jupyter kernel: `node kernel/start.js --config-path <connection file>`.
// Builds tslab's executor and our protocol layer (server.js), installs the display channel the
// library talks to, and runs the prelude that puts the `cajal` namespace in every notebook.
const path = require('path');
const { createConverter } = require('tslab/dist/converter.js');
const { createExecutor } = require('tslab/dist/executor.js');
const { CajalHandler, CajalServer } = require('./server.js');

const argIndex = process.argv.indexOf('--config-path');
if (argIndex < 0 || !process.argv[argIndex + 1]) {
  console.error('usage: node kernel/start.js --config-path <connection-file.json>  (Jupyter passes it; see `cajal kernel install`)');
  process.exit(2);
}
const connectionFile = process.argv[argIndex + 1];

// The library, loaded from this checkout so the kernel and the cells share one module instance
// (cells reach the same file through node_modules/cajal → ..).
let library;
try {
  library = require(path.join(__dirname, '..', 'dist', 'index.js'));
} catch (e) {
  console.error(`cajal kernel: the library is not built (${e.message.split('\n')[0]}); run \`npm run build\`. Rich output is limited to toMimeBundle().`);
}

const converters = {
  n: null,
  b: null,
  get node() { return (this.n ??= createConverter({ isJS: false, isBrowser: false })); },
  get browser() { return (this.b ??= createConverter({ isJS: false, isBrowser: true })); },
  close() { this.n?.close(); this.b?.close(); },
};

let handler;
const executor = createExecutor(process.cwd(), converters, {
  log: (value) => handler.onLastValue(value),
  error: (...args) => handler.onReport(args),
});

// Displays go to the cell that is running; work they start (async renders) is awaited before the
// cell's reply, so a chart never lands in the next cell.
let sinks = null;
let pending = [];
const channel = {
  display(bundle, options = {}) {
    if (!sinks) return;
    const transient = options.displayId ? { display_id: options.displayId } : {};
    sinks.display({ data: bundle, metadata: options.metadata ?? {}, transient }, Boolean(options.update));
  },
  track(work) { pending.push(work); },
};
if (library) library.setKernelChannel(channel);
else globalThis[Symbol.for('cajal.kernel.display')] = channel;

handler = new CajalHandler(executor, {
  async renderValue(value) {
    if (library) return library.mimeBundleOf(value);
    if (value && typeof value.toMimeBundle === 'function') return value.toMimeBundle();
    return undefined;
  },
  beginCell(cellSinks) { sinks = cellSinks; pending = []; },
  async endCell() {
    const settled = await Promise.allSettled(pending);
    pending = [];
    return settled.filter((s) => s.status === 'rejected').map((s) => s.reason);
  },
});

// The prelude: `cajal` is a type-checked namespace in every cell, so a quick experiment needs no import.
const preludeReady = (async () => {
  if (!library) return;
  const saved = handler.reports;
  handler.reports = [];
  const ok = await executor.execute('import * as cajal from "cajal";');
  if (!ok) {
    const why = handler.reports.map((args) => require('util').format(...args)).join('; ');
    console.error(`cajal kernel: the prelude could not import "cajal" from ${process.cwd()} (${why}); cells must import it themselves.`);
  }
  handler.reports = saved;
})();
const originalExecute = handler.handleExecute.bind(handler);
handler.handleExecute = (req, cellSinks) => preludeReady.then(() => originalExecute(req, cellSinks));

process.on('SIGINT', () => executor.interrupt()); // a blocked loop is stopped by vm's breakOnSigint
process.on('uncaughtException', (e) => console.error('UncaughtException:', e));
process.on('unhandledRejection', (e) => console.error('UnhandledPromiseRejection:', e));

new CajalServer(handler, connectionFile).init().catch((e) => {
  console.error(`cajal kernel: could not start: ${e.message}`);
  process.exit(1);
});
