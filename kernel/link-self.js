'use strict';
// Makes the project importable by its own name, so a notebook cell at any depth can write
// `import { … } from "cajal"`: tslab resolves modules the node10 way, walking up to node_modules,
// and npm never links a root package into its own node_modules. Also puts the `cajal` command
// into node_modules/.bin, so `npx cajal kernel install` works from a checkout.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const modules = path.join(root, 'node_modules');

function link(target, at) {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  try {
    const existing = fs.lstatSync(at);
    if (existing.isSymbolicLink() && path.resolve(path.dirname(at), fs.readlinkSync(at)) === target) return;
    fs.rmSync(at, { recursive: true, force: true });
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  fs.symlinkSync(path.relative(path.dirname(at), target), at);
}

link(root, path.join(modules, 'cajal'));
link(path.join(root, 'kernel', 'cli.js'), path.join(modules, '.bin', 'cajal'));
