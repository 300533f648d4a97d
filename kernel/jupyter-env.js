'use strict';
// Where Jupyter lives on this machine and how to point it at the repository's kernelspec.
const fs = require('fs');
const path = require('path');

/** The kernelspec folder kept in the repository (kernel/jupyter/kernels/cajal). */
const JUPYTER_DIR = path.join(__dirname, 'jupyter');

/** JUPYTER_PATH with the repository's kernelspec first, for headless runs. */
function jupyterPathEnv() {
  const existing = process.env.JUPYTER_PATH;
  return { JUPYTER_PATH: existing ? `${JUPYTER_DIR}${path.delimiter}${existing}` : JUPYTER_DIR };
}

/**
 * Debian's Python, which has nbclient and jupyter_client; a pyenv `python3` earlier on PATH does
 * not. CAJAL_PYTHON overrides.
 */
function findPython() {
  const candidate = process.env.CAJAL_PYTHON || '/usr/bin/python3';
  if (!fs.existsSync(candidate)) {
    console.error(`cajal: no Python at ${candidate}. Install Debian's Jupyter packages:\n` +
      '  sudo apt-get install -y python3-nbclient python3-nbconvert python3-jupyter-client python3-ipykernel\n' +
      'or set CAJAL_PYTHON to a Python that has nbclient.');
    process.exit(2);
  }
  return candidate;
}

module.exports = { JUPYTER_DIR, jupyterPathEnv, findPython };
