#!/usr/bin/env node
'use strict';
// The `cajal` command: `cajal kernel install|uninstall [--prefix DIR]`, `cajal notebooks […]`.
const path = require('path');

const usage = `usage:
  cajal kernel install [--prefix DIR]    register the "Cajal (TypeScript)" kernel for JupyterLab, Notebook and VS Code
  cajal kernel uninstall [--prefix DIR]  remove it
  cajal notebooks [pattern…] [--jobs N] [--timeout S]
                                         execute notebooks headless (see npm run notebooks -- --help)
Without --prefix the kernelspec goes to JUPYTER_DATA_DIR, or Jupyter's user data folder.`;

function option(args, name) {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) {
    console.error(`cajal: ${name} needs a value\n\n${usage}`);
    process.exit(2);
  }
  return v;
}

function main(args) {
  const [command, sub, ...rest] = args;
  if (command === 'kernel' && (sub === 'install' || sub === 'uninstall')) {
    const unknown = rest.filter((a, i) => a.startsWith('--') && a !== '--prefix' && rest[i - 1] !== '--prefix');
    if (unknown.length) {
      console.error(`cajal: unknown option ${unknown[0]}\n\n${usage}`);
      return 2;
    }
    const spec = require('./kernelspec.js');
    const prefix = option(rest, '--prefix');
    if (sub === 'install') {
      const dir = spec.install({ prefix });
      console.log(`Installed kernelspec "cajal" (Cajal (TypeScript)) in ${dir}`);
      console.log('Pick "Cajal (TypeScript)" as the kernel in JupyterLab, Notebook or VS Code.');
    } else {
      const dir = spec.uninstall({ prefix });
      console.log(dir ? `Removed kernelspec "cajal" from ${dir}` : 'No Cajal kernelspec was installed there; nothing to remove.');
    }
    return 0;
  }
  if (command === 'notebooks') {
    return runNotebooks(args.slice(1));
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  console.error(`cajal: unknown command "${args.join(' ')}"\n\n${usage}`);
  return 2;
}

function runNotebooks(args) {
  const { spawnSync } = require('child_process');
  const r = spawnSync(process.execPath, [path.join(__dirname, 'run-notebooks.js'), ...args], { stdio: 'inherit' });
  return r.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
