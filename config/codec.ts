// Encryption of every Temporal payload (issue #15): workflow inputs and results, signals, updates, queries, activity
// inputs and results, memo, and failure messages (config/failure-converter.ts), so that a history read on the server
// (`temporal workflow show`, the UI without the codec endpoint) shows no personal data.
//
// It lives in config/ rather than a folder of its own: like the rest of config/, it is what every process (worker,
// API, `npm start`, `npm run replay`) builds from the environment at start, and config/ is already in the project's
// TypeScript, lint and image setup.
//
// Format of a payload this codec encrypts: metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`; data
// = nonce (12 bytes) ‖ AES-256-GCM ciphertext ‖ tag (16 bytes) of the original Payload serialised as protobuf (its
// own metadata included), as Temporal's encryption samples do. A payload without that encoding (written before
// encryption was enabled, or by a process without keys) decodes unchanged: old histories replay, running dossiers go on.
//
// Keys: PAYLOAD_KEYS="k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>" — the first key encrypts, every key decrypts
// (rotation: see the README, "Encrypted payloads"). A key: `openssl rand -base64 32`. Unset: no encryption, except
// under `npm start` (and NODE_ENV=development/test processes), which use a key generated once into
// DATA_DIR/payload-keys (same format, mode 600).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DataConverter, METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** The file `npm start` keeps its development key in, under DATA_DIR. */
export const DEV_KEYS_FILE = 'payload-keys';

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/**
 * Parses `id:base64,id:base64…` (spaces around entries allowed). Throws an Error whose message says which entry is
 * wrong and why, never the key material.
 */
export function parsePayloadKeys(value: string): PayloadKey[] {
  const entries = value.split(',').map((e) => e.trim());
  if (entries.every((e) => e === '')) throw new Error('expected id:key[,id:key…], each key 32 bytes in base64 (e.g. `k1:$(openssl rand -base64 32)`)');
  const keys: PayloadKey[] = [];
  entries.forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${where}: expected id:key, the key 32 bytes in base64 (e.g. \`k1:$(openssl rand -base64 32)\`)`);
    const id = entry.slice(0, colon).trim();
    const material = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id))
      throw new Error(`${where}: key id ${JSON.stringify(id)}: letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit`);
    if (keys.some((k) => k.id === id)) throw new Error(`${where}: key id "${id}" appears twice`);
    const key = BASE64.test(material) ? Buffer.from(material, 'base64') : undefined;
    if (!key || key.length !== KEY_BYTES) {
      throw new Error(`${where} ("${id}"): expected ${KEY_BYTES} bytes in base64 (\`openssl rand -base64 32\`)${key ? `, got ${key.length}` : ''}`);
    }
    keys.push({ id, key });
  });
  return keys;
}

/** A new key in PAYLOAD_KEYS's format (`id:base64`). */
export function generatePayloadKey(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

const utf8 = (bytes: Uint8Array | null | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** AES-256-GCM payload codec: encrypts with the first key, decrypts with any key by the payload's key id. */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('AesGcmPayloadCodec needs at least one key');
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new payloads are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  get keyIds(): string[] {
    return [...this.byId.keys()];
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const nonce = randomBytes(NONCE_BYTES);
        const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const data = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return {
          metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCODING_ENCRYPTED), [METADATA_ENCRYPTION_KEY_ID]: Buffer.from(this.current.id) },
          data,
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    try {
      return Promise.resolve(payloads.map((payload) => this.decodeOne(payload)));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  private decodeOne(payload: Payload): Payload {
    // Not encrypted (before encryption was enabled, or by a process without keys): unchanged.
    if (utf8(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCODING_ENCRYPTED) return payload;
    const keyId = utf8(payload.metadata?.[METADATA_ENCRYPTION_KEY_ID]);
    if (!keyId) throw new ValueError(`encrypted payload without its ${METADATA_ENCRYPTION_KEY_ID}: cannot tell which key decrypts it`);
    const key = this.byId.get(keyId);
    if (!key) {
      throw new ValueError(
        `payload encrypted with key "${keyId}", which PAYLOAD_KEYS does not have (it has ${this.keyIds.map((k) => `"${k}"`).join(', ')}): ` +
          'put that key back in the list to read it',
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload (key "${keyId}") too short: corrupted`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`payload could not be decrypted with key "${keyId}": not that key's material, or corrupted data`);
    }
    const decoded = temporal.api.common.v1.Payload.decode(plain);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}

/**
 * The data converter of every client and worker: the codec, and failure messages and stack traces moved into an
 * encoded (hence encrypted) attribute. Without keys: the SDK's defaults (nothing encrypted), as before issue #15.
 */
export function payloadDataConverter(keys: readonly PayloadKey[] | undefined): DataConverter {
  if (!keys?.length) return {};
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath: require.resolve('./failure-converter') };
}

export interface PayloadKeysSource {
  keys: PayloadKey[];
  /** Where they came from, for the start-up log (never the keys). */
  source: string;
}

/**
 * The keys of a process: PAYLOAD_KEYS when set (already validated by parseConfig); else, in development, the
 * development key in DATA_DIR/payload-keys, generated there once when `generate` (only `npm start` does); else none.
 * A malformed file stops with a message naming it.
 */
export function resolvePayloadKeys(a: { keys?: string | undefined; dev: boolean; dataDir: string; generate?: boolean }): PayloadKeysSource | undefined {
  if (a.keys !== undefined) return { keys: parsePayloadKeys(a.keys), source: 'PAYLOAD_KEYS' };
  if (!a.dev) return undefined;
  const file = `${a.dataDir.replace(/\/+$/, '') || '.'}/${DEV_KEYS_FILE}`;
  if (!existsSync(file)) {
    if (!a.generate) return undefined;
    mkdirSync(dirname(file), { recursive: true });
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    writeFileSync(file, `${generatePayloadKey(`dev-${day}`)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  try {
    return { keys: parsePayloadKeys(readFileSync(file, 'utf8').trim()), source: file };
  } catch (err) {
    throw new Error(`${file} (the development payload keys, PAYLOAD_KEYS's format): ${(err as Error).message}`);
  }
}

/**
 * A process's data converter from its configuration (PAYLOAD_KEYS, DATA_DIR), and where its keys came from (for the
 * start-up log; undefined: payloads are not encrypted).
 */
export function dataConverterFromConfig(
  config: { PAYLOAD_KEYS?: string | undefined; DATA_DIR: string },
  opts: { dev: boolean; generate?: boolean },
): { dataConverter: DataConverter; keys?: PayloadKeysSource } {
  const keys = resolvePayloadKeys({ keys: config.PAYLOAD_KEYS, dev: opts.dev, dataDir: config.DATA_DIR, generate: opts.generate ?? false });
  return keys ? { dataConverter: payloadDataConverter(keys.keys), keys } : { dataConverter: {} };
}
