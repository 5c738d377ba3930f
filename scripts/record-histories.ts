// `npm run histories:record [-- <name>] [test files and jest options]`: runs the test suite and keeps the full history of every workflow it
// drives under test/histories/<dispositif>/<name>/ (default name: the date and the commit of workflows/), for
// test/histories.replay.test.ts to replay from then on. A recording that exists is never overwritten: record
// after adding a path worth keeping, never to make a failing replay pass (an old history is what running
// dossiers have).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const historiesDir = join(root, 'test', 'histories');
const commit = execFileSync('git', ['log', '-1', '--format=%h', '--', 'workflows'], { cwd: root, encoding: 'utf8' }).trim();
const args = process.argv.slice(2);
// The first argument not starting with "-" names the recording; the others go to jest.
const named = args.findIndex((a) => !a.startsWith('-'));
const name = named >= 0 ? args.splice(named, 1)[0]! : `${new Date().toISOString().slice(0, 10)}-${commit || 'nogit'}`;
if (!/^[\w.-]+$/.test(name)) {
  console.error(`invalid recording name "${name}": letters, digits, dots and dashes only`);
  process.exit(2);
}
const taken = existsSync(historiesDir) ? readdirSync(historiesDir).filter((d) => existsSync(join(historiesDir, d, name))) : [];
if (taken.length > 0) {
  console.error(`recording "${name}" exists already (${taken.join(', ')}): choose another name, never overwrite a recording`);
  process.exit(2);
}
const jest = spawnSync('npx', ['jest', ...args, '--testPathIgnorePatterns', 'histories.replay'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RECORD_HISTORIES: name },
});
const count = readdirSync(historiesDir)
  .filter((d) => existsSync(join(historiesDir, d, name)))
  .map((d) => `${d}: ${readdirSync(join(historiesDir, d, name)).length}`);
console.log(`recording "${name}": ${count.join(', ') || 'nothing recorded'}`);
process.exit(jest.status ?? 1);
