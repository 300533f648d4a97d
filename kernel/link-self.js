'use strict';
// Makes the project importable by its own name, so a notebook cell at any depth can write
// `import { … } from "cajal"`: tslab resolves modules the node10 way, walking up to node_modules,
// and npm never links a root package into its own node_modules. A symlink to the root does not
// work (TypeScript will not follow a link into an ancestor), so node_modules/cajal is a small
// package whose entry points are the root's compiled files. Also puts the `cajal` command into
// node_modules/.bin, so `npx cajal kernel install` works from a checkout.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const modules = path.join(root, 'node_modules');
const shim = path.join(modules, 'cajal');
const rootPackage = require(path.join(root, 'package.json'));

try {
  if (fs.lstatSync(shim).isSymbolicLink()) fs.unlinkSync(shim);
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
fs.mkdirSync(shim, { recursive: true });
const entry = (file) => path.relative(shim, path.join(root, file)).split(path.sep).join('/');
fs.writeFileSync(
  path.join(shim, 'package.json'),
  JSON.stringify({
    name: rootPackage.name,
    version: rootPackage.version,
    private: true,
    description: 'Written by kernel/link-self.js: points at the compiled library of this checkout.',
    main: entry(rootPackage.main),
    types: entry(rootPackage.types),
  }, null, 2) + '\n',
);

const bin = path.join(modules, '.bin', 'cajal');
fs.mkdirSync(path.dirname(bin), { recursive: true });
fs.rmSync(bin, { force: true });
fs.symlinkSync(path.relative(path.dirname(bin), path.join(root, 'kernel', 'cli.js')), bin);
