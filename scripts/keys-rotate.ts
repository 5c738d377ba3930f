// `npm run keys:rotate` (issue #15): a new payload key (config/codec.ts), put first so that it encrypts from now on,
// the current ones kept after it so that every history written so far still decrypts. The procedure around it (restart
// the worker and the API, when an old key may go) is in the README, "Encrypted payloads".
//
//   npm run keys:rotate                    PAYLOAD_KEYS set: prints the new value `PAYLOAD_KEYS=<new>,<current…>`.
//                                          Unset: prints the new entry only, to put first in the list kept elsewhere.
//   npm run keys:rotate -- --new-only      the new entry only, even with PAYLOAD_KEYS set (never prints a current key).
//   npm run keys:rotate -- --dev           rewrites the development keys, DATA_DIR/payload-keys (`npm start`'s), and
//                                          prints key ids only.
//   npm run keys:rotate -- --drop <id>     no new key: the list without <id> (never the key that encrypts), printed
//                                          like the above, or written back with --dev.
//   --id <id>                              the new key's id (default: k-YYYYMMDD, dev-YYYYMMDD with --dev).
//
// The value goes to stdout, everything else to stderr, so `npm run -s keys:rotate > file` keeps only the value.
// Nothing is sent anywhere; a key is printed only in the value the operator asked for.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEV_KEYS_FILE, generatePayloadKey, parsePayloadKeys, type PayloadKey } from '../config/codec';

const ids = (keys: readonly PayloadKey[]) => keys.map((k) => `"${k.id}"`).join(', ');
const format = (keys: readonly PayloadKey[]) => keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

/** A key id not among `taken`: `<prefix>-YYYYMMDD`, then -2, -3…; a random suffix when the current ids are unknown. */
export function freshKeyId(prefix: string, now: Date, taken: readonly string[] | undefined): string {
  const base = `${prefix}-${now.toISOString().slice(0, 10).replace(/-/g, '')}`;
  if (taken === undefined) return `${base}-${randomBytes(2).toString('hex')}`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export interface Rotation {
  /** The keys after the rotation, the new one first; undefined when the current list is unknown (only `added` then). */
  keys?: PayloadKey[];
  /** The new key, when one was generated. */
  added?: PayloadKey;
  /** Ids of the keys kept for decryption only. */
  kept: string[];
  dropped?: string;
}

/** A new key first, before `current` (parsed PAYLOAD_KEYS, or undefined when not known here). */
export function rotate(current: PayloadKey[] | undefined, opts: { id?: string; prefix?: string; now?: Date } = {}): Rotation {
  const id =
    opts.id ??
    freshKeyId(
      opts.prefix ?? 'k',
      opts.now ?? new Date(),
      current?.map((k) => k.id),
    );
  // Validates the id (and refuses one already in the list) as a process would at start.
  const [added] = parsePayloadKeys(generatePayloadKey(id));
  if (current?.some((k) => k.id === id)) throw new Error(`key id "${id}" is already in the list: choose another (--id)`);
  return { ...(current ? { keys: [added!, ...current] } : {}), added: added!, kept: (current ?? []).map((k) => k.id) };
}

/** The list without `id`: refused for the key that encrypts (rotate first) and for an id not in the list. */
export function drop(current: PayloadKey[], id: string): Rotation {
  const i = current.findIndex((k) => k.id === id);
  if (i < 0) throw new Error(`no key "${id}" in the list (it has ${ids(current)})`);
  if (i === 0) throw new Error(`"${id}" is the key that encrypts: rotate first (a new key first), then drop it once no history needs it`);
  const keys = current.filter((k) => k.id !== id);
  return { keys, kept: keys.slice(1).map((k) => k.id), dropped: id };
}

/** Writes the development keys file (mode 600), replacing it at once. */
export function writeDevKeys(file: string, keys: readonly PayloadKey[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${format(keys)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

interface Args {
  dev: boolean;
  newOnly: boolean;
  id?: string;
  drop?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dev: false, newOnly: false };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--dev') args.dev = true;
    else if (a === '--new-only') args.newOnly = true;
    else if (a === '--id') args.id = value();
    else if (a === '--drop') args.drop = value();
    else throw new Error(`unknown argument ${a} (--dev, --new-only, --id <id>, --drop <id>)`);
  }
  if (args.drop && args.id) throw new Error('--drop generates no key: --id does not apply');
  if (args.drop && args.newOnly) throw new Error('--drop prints the whole list: --new-only does not apply');
  return args;
}

/** The command: its output lines (stdout: the value only) and its messages (stderr). */
export function run(argv: readonly string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void): void {
  const args = parseArgs(argv);
  const now = new Date();
  if (args.dev) {
    const file = join(resolve(env.DATA_DIR ?? 'data'), DEV_KEYS_FILE);
    let current: PayloadKey[] = [];
    if (existsSync(file)) {
      try {
        current = parsePayloadKeys(readFileSync(file, 'utf8').trim());
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
    }
    const r = args.drop ? drop(current, args.drop) : rotate(current, { ...(args.id ? { id: args.id } : {}), prefix: 'dev', now });
    writeDevKeys(file, r.keys!);
    err(`${file}: ${r.dropped ? `key "${r.dropped}" removed` : `new key "${r.added!.id}" first`}; it holds ${ids(r.keys!)} (mode 600).`);
    err('Restart `npm start` (its worker, API and the UI codec use the file).');
    if (env.PAYLOAD_KEYS !== undefined) err('Warning: PAYLOAD_KEYS is set in this environment, and wins over the file for every process that sees it.');
    return;
  }
  let current: PayloadKey[] | undefined;
  if (env.PAYLOAD_KEYS !== undefined && !args.newOnly) {
    try {
      current = parsePayloadKeys(env.PAYLOAD_KEYS);
    } catch (e) {
      throw new Error(`PAYLOAD_KEYS: ${(e as Error).message}`);
    }
  }
  if (args.drop) {
    if (!current) throw new Error('--drop needs the current list: set PAYLOAD_KEYS in this environment');
    const r = drop(current, args.drop);
    out(`PAYLOAD_KEYS=${format(r.keys!)}`);
    err(`Key "${r.dropped}" removed: ${ids(r.keys!)} left. Payloads written with it no longer decrypt (the worker fails their tasks).`);
    return;
  }
  const r = rotate(current, { ...(args.id ? { id: args.id } : {}), now });
  if (r.keys) {
    out(`PAYLOAD_KEYS=${format(r.keys)}`);
    err(`New key "${r.added!.id}" first: it encrypts from now on; ${ids(r.keys.slice(1))} kept to decrypt what they encrypted.`);
  } else {
    out(format([r.added!]));
    err(
      `New key "${r.added!.id}". Put it FIRST in PAYLOAD_KEYS, before the keys there now (comma-separated): ` +
        `PAYLOAD_KEYS="${r.added!.id}:…,<current list>".`,
    );
  }
  err('Give the worker and the API the same new list and restart both (the API serves the UI codec). See README, "Encrypted payloads".');
}

if (require.main === module) {
  try {
    run(
      process.argv.slice(2),
      process.env,
      (l) => process.stdout.write(`${l}\n`),
      (l) => process.stderr.write(`${l}\n`),
    );
  } catch (e) {
    process.stderr.write(`keys:rotate: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
