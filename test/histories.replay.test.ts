// Every recorded history (test/histories/, see test/helpers/histories.ts) replays against this checkout's
// workflows: a change to workflows/ that running dossiers could not survive (a command changed without
// patched()) fails here, naming the history and the nondeterminism the SDK found.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from './helpers/histories';
import { testDataConverter } from './helpers/codec';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.json') ? [path] : [];
  });
}

const files = filesUnder(HISTORIES_DIR).sort();

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed.
  }
});

test('the recorded histories cover every dossier workflow', () => {
  const recorded = new Set(files.map((f) => relative(HISTORIES_DIR, f).split('/')[0]));
  for (const dossier of ['compagnonnage', 'appui-conseil', 'diagnostic', 'vivier']) expect(recorded).toContain(dossier);
});

test('every recorded history replays against the current workflows', async () => {
  const histories = files.map((file) => {
    const { history } = JSON.parse(readFileSync(file, 'utf8')) as { history: unknown };
    return { workflowId: relative(HISTORIES_DIR, file), history: historyFromJSON(history) };
  });
  const failed: string[] = [];
  let replayed = 0;
  for await (const r of Worker.runReplayHistories(
    // With the encrypting data converter (issue #15): histories recorded in plain text pass through it unchanged,
    // those recorded from the API stack are decrypted with its test keys.
    { workflowsPath: require.resolve('../workflows'), replayName: 'recorded-histories', dataConverter: testDataConverter() },
    histories,
  )) {
    replayed += 1;
    if (r.error) failed.push(`${r.workflowId}: ${r.error.message}`);
  }
  expect(failed).toEqual([]);
  expect(replayed).toBe(files.length);
  expect(replayed).toBeGreaterThan(0);
}, 600_000);
