#!/usr/bin/env node
'use strict';
// `npm run notebooks [-- pattern…] [--jobs N] [--timeout S]`: executes notebooks through the cajal
// kernel with Debian's nbclient, two at a time, writes executed copies and summary.json to
// build/executed/, prints a summary table, and fails when any notebook fails.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { findPython, jupyterPathEnv } = require('./jupyter-env.js');

const root = path.resolve(__dirname, '..');

function parseArgs(argv) {
  const options = { patterns: [], jobs: 2, timeoutS: 600, dir: path.join(root, 'notebooks'), out: path.join(root, 'build', 'executed'), cache: false, keepGoing: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--jobs') options.jobs = positiveInt(value(), '--jobs');
    else if (a === '--timeout') options.timeoutS = positiveInt(value(), '--timeout');
    else if (a === '--dir') options.dir = path.resolve(value());
    else if (a === '--out') options.out = path.resolve(value());
    else if (a === '--cache') options.cache = true;
    else if (a === '--keep-going') options.keepGoing = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run notebooks [-- [pattern…] [--jobs N] [--timeout SECONDS] [--dir notebooks] [--out build/executed] [--cache] [--keep-going]]\n' +
        'Runs notebooks whose file name contains any pattern (all when none), in CAJAL_MODE (default quick) with CAJAL_SEED.\n' +
        '--cache       skip a notebook whose cells, the library build, the kernel, the mode and the seed are unchanged since its\n' +
        '              last run (needs `node --import tsx`, as `npm run docs` does)\n' +
        '--keep-going  exit 0 even when notebooks fail (the docs site shows failures instead of stopping)');
      process.exit(0);
    } else if (a.startsWith('--')) fail(`unknown option ${a}; try --help`);
    else options.patterns.push(a);
  }
  return options;
}

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a whole number ≥ 1, got ${text}`);
  return n;
}

function fail(message) {
  console.error(`notebooks: ${message}`);
  process.exit(2);
}

/** The notebooks to run: every .ipynb in the folder whose name matches a pattern, in name order. */
function selectNotebooks(options) {
  if (!fs.existsSync(options.dir)) fail(`no folder ${options.dir}`);
  const all = fs.readdirSync(options.dir).filter((f) => f.endsWith('.ipynb')).sort();
  const chosen = options.patterns.length ? all.filter((f) => options.patterns.some((p) => f.includes(p))) : all;
  if (chosen.length === 0) fail(`no notebook in ${path.relative(root, options.dir) || '.'} matches ${options.patterns.join(', ') || '*'}`);
  return chosen.map((f) => path.join(options.dir, f));
}

function executeOne(notebook, options, python) {
  const name = path.basename(notebook);
  const out = path.join(options.out, name);
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(python, ['-Xfrozen_modules=off', path.join(__dirname, 'execute_notebook.py'), notebook, out, String(options.timeoutS)], {
      env: { ...process.env, ...jupyterPathEnv(), PYDEVD_DISABLE_FILE_VALIDATION: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Whole-notebook limit: cells may each be under the cell timeout and still add up.
    const killer = setTimeout(() => child.kill('SIGKILL'), (options.timeoutS + 30) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const line = stdout.split('\n').reverse().find((l) => l.startsWith('{'));
      let result;
      try {
        result = JSON.parse(line);
      } catch {
        result = {
          status: signal === 'SIGKILL' ? 'timeout' : 'failed',
          seconds: (Date.now() - started) / 1000,
          claims: { passed: 0, failed: 0, contradicted: 0, notChecked: 0 },
          error: { cell: null, source: '', ename: signal ? `killed by ${signal}` : `exit ${code}`, evalue: stderr.trim().split('\n').slice(-5).join('\n'), traceback: [] },
        };
      }
      // The kernel's own stderr (its crash message, when it died) comes through nbclient's.
      const log = result.status === 'passed' ? undefined : stderr.trim().split('\n').filter((l) => !/frozen_modules|Debugger warning|PYDEVD|debugger miss breakpoints|^\s*$/.test(l)).slice(-15);
      resolve({ notebook: name, ...result, ...(log && log.length ? { kernelLog: log } : {}), output: path.relative(root, out) });
    });
  });
}

/**
 * The execution cache (docs/lib/execution-cache.mts): a notebook runs again only when what can
 * change its outputs changed, as Jupyter Book's cache does.
 */
async function openCache(options, mode) {
  let cacheModule;
  try {
    cacheModule = await import(require('url').pathToFileURL(path.join(root, 'docs', 'lib', 'execution-cache.mts')).href);
  } catch (e) {
    fail(`--cache needs the TypeScript loader: run with \`node --import tsx kernel/run-notebooks.js\` (${e.message.split('\n')[0]})`);
  }
  const cache = await cacheModule.openExecutionCache(path.join(options.out, '.cache.json'));
  const seed = process.env.CAJAL_SEED || 'default';
  const extraFiles = ['package-lock.json', 'kernel/start.js', 'kernel/server.js', 'kernel/shorthand.js', 'kernel/execute_notebook.py']
    .map((f) => path.join(root, f));
  return {
    key: (notebook) => cacheModule.executionKey({ notebookFile: notebook, distDir: path.join(root, 'dist'), mode: `${mode} seed=${seed}`, extraFiles }),
    cache,
  };
}

async function runAll(notebooks, options, python, onDone, cached) {
  const results = new Array(notebooks.length);
  let next = 0;
  async function worker() {
    while (next < notebooks.length) {
      const index = next++;
      const notebook = notebooks[index];
      const executedFile = path.join(options.out, path.basename(notebook));
      const key = cached ? await cached.key(notebook) : undefined;
      const entry = cached && cached.cache.isFresh(notebook, key, executedFile) ? cached.cache.get(notebook) : undefined;
      if (entry && entry.result) {
        results[index] = { ...entry.result, cached: true };
      } else {
        results[index] = await executeOne(notebook, options, python);
        if (cached) {
          if (results[index].status === 'timeout') cached.cache.forget(notebook);
          else cached.cache.record(notebook, key, results[index]);
          await cached.cache.save();
        }
      }
      onDone(results[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.jobs, notebooks.length) }, worker));
  return results;
}

function printTable(results) {
  const rows = [['notebook', 'status', 'seconds', 'claims ✓', 'claims ✗', 'contradicted ⊘', 'not checked']];
  for (const r of results) {
    rows.push([r.notebook, r.status, r.seconds.toFixed(1), String(r.claims.passed), String(r.claims.failed), String(r.claims.contradicted ?? 0), String(r.claims.notChecked)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log('\n' + line(rows[0]));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

function printFailure(r) {
  const e = r.error ?? {};
  console.error(`\n✗ ${r.notebook}: ${r.status}${e.cell !== null && e.cell !== undefined ? ` in cell ${e.cell}` : ''}`);
  if (e.source) console.error(e.source.split('\n').map((l) => `    │ ${l}`).join('\n'));
  if (e.traceback && e.traceback.length) console.error(e.traceback.slice(0, 30).map((l) => `    ${l}`).join('\n'));
  else console.error(`    ${e.ename}: ${e.evalue}`);
  if (r.kernelLog) console.error(`    kernel log (last lines):\n${r.kernelLog.map((l) => `      ${l}`).join('\n')}`);
  console.error(`    executed copy: ${r.output}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const python = findPython();
  const notebooks = selectNotebooks(options);
  fs.mkdirSync(options.out, { recursive: true });
  const mode = process.env.CAJAL_MODE || 'quick';
  console.log(`Executing ${notebooks.length} notebook${notebooks.length === 1 ? '' : 's'} through the cajal kernel ` +
    `(mode ${mode}, seed ${process.env.CAJAL_SEED || 'default'}, ${options.jobs} at a time)`);
  const cached = options.cache ? await openCache(options, mode) : undefined;
  const results = await runAll(notebooks, options, python, (r) =>
    console.log(`  ${r.status === 'passed' ? '✓' : '✗'} ${r.notebook} ${r.status} in ${r.seconds.toFixed(1)} s${r.cached ? ' (cached: unchanged since that run)' : ''}`), cached);
  const summary = { mode, seed: process.env.CAJAL_SEED || null, finished: new Date().toISOString(), notebooks: results };
  fs.writeFileSync(path.join(options.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  printTable(results);
  const failed = results.filter((r) => r.status !== 'passed');
  failed.forEach(printFailure);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length && !options.keepGoing ? 1 : 0;
}

if (require.main === module) main();
module.exports = { selectNotebooks, executeOne, runAll };
