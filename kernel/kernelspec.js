'use strict';
// Installs the Cajal kernel for interactive Jupyter (JupyterLab, Notebook, VS Code): a user
// kernelspec with absolute paths, since the repository's spec uses paths relative to itself.
const fs = require('fs');
const os = require('os');
const path = require('path');

const KERNEL_NAME = 'cajal';

/** The folder Jupyter reads user kernelspecs from, or `<prefix>/share/jupyter` with a prefix. */
function dataDir(prefix) {
  if (prefix) return path.join(path.resolve(prefix), 'share', 'jupyter');
  if (process.env.JUPYTER_DATA_DIR) return path.resolve(process.env.JUPYTER_DATA_DIR);
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return path.join(process.env.APPDATA || os.homedir(), 'jupyter');
  return path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'jupyter');
}

/** The kernel.json Jupyter needs to start this checkout's kernel from anywhere. */
function kernelSpec() {
  const template = JSON.parse(fs.readFileSync(path.join(__dirname, 'jupyter', 'kernels', KERNEL_NAME, 'kernel.json'), 'utf8'));
  return { ...template, argv: [process.execPath, path.join(__dirname, 'start.js'), '--config-path', '{connection_file}'] };
}

function install({ prefix } = {}) {
  const dir = path.join(dataDir(prefix), 'kernels', KERNEL_NAME);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify(kernelSpec(), null, 2) + '\n');
  return dir;
}

function uninstall({ prefix } = {}) {
  const dir = path.join(dataDir(prefix), 'kernels', KERNEL_NAME);
  if (!fs.existsSync(path.join(dir, 'kernel.json'))) return undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

module.exports = { KERNEL_NAME, dataDir, kernelSpec, install, uninstall };
