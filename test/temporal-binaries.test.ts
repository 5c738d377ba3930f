// scripts/temporal-binaries.js: an explicit TEMPORAL_CLI_PATH wins, and a wrong one fails clearly.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findBinary } = require('../scripts/temporal-binaries.js') as { findBinary(which: 'cli' | 'testServer'): string | undefined };

describe('findBinary', () => {
  let dir: string;
  const saved = { cli: process.env.TEMPORAL_CLI_PATH, testServer: process.env.TEMPORAL_TEST_SERVER_PATH };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'temporal-binaries-'));
  });
  afterEach(() => {
    for (const [name, value] of [
      ['TEMPORAL_CLI_PATH', saved.cli],
      ['TEMPORAL_TEST_SERVER_PATH', saved.testServer],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns an explicit executable TEMPORAL_CLI_PATH as is', () => {
    const file = join(dir, 'my-temporal');
    writeFileSync(file, '#!/bin/sh\nexit 0\n');
    chmodSync(file, 0o755);
    process.env.TEMPORAL_CLI_PATH = file;
    expect(findBinary('cli')).toBe(file);
  });

  it('throws, naming TEMPORAL_CLI_PATH, when it is not executable', () => {
    const file = join(dir, 'not-executable');
    writeFileSync(file, 'not a program');
    chmodSync(file, 0o644);
    process.env.TEMPORAL_CLI_PATH = file;
    expect(() => findBinary('cli')).toThrow(`TEMPORAL_CLI_PATH=${file} is not an executable file`);
  });

  it('throws, naming TEMPORAL_CLI_PATH, when it does not exist or is a directory', () => {
    process.env.TEMPORAL_CLI_PATH = join(dir, 'missing');
    expect(() => findBinary('cli')).toThrow(/TEMPORAL_CLI_PATH=.*missing is not an executable file/);
    process.env.TEMPORAL_CLI_PATH = dir;
    expect(() => findBinary('cli')).toThrow(/TEMPORAL_CLI_PATH=/);
  });

  it('honours TEMPORAL_TEST_SERVER_PATH the same way', () => {
    const file = join(dir, 'my-test-server');
    writeFileSync(file, '#!/bin/sh\nexit 0\n');
    chmodSync(file, 0o755);
    process.env.TEMPORAL_TEST_SERVER_PATH = file;
    expect(findBinary('testServer')).toBe(file);
  });
});
