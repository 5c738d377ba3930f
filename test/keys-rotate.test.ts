// `npm run keys:rotate` (scripts/keys-rotate.ts, issue #15): a new key first, the current ones kept; what the old key
// encrypted still decrypts with the new list, and new payloads carry the new key's id. The development file is
// rewritten in place (mode 600) and no key is printed unless the operator asked for the whole value.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, DEV_KEYS_FILE, generatePayloadKey, parsePayloadKeys } from '../config/codec';
import { drop, freshKeyId, rotate, run } from '../scripts/keys-rotate';

const json = (value: unknown): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) });
const texte = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const codec = (value: string) => new AesGcmPayloadCodec(parsePayloadKeys(value));

/** Runs the command in-process: stdout lines, stderr lines. */
function commande(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  run(
    argv,
    env,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { out, err };
}

describe('npm run keys:rotate', () => {
  const ancienne = generatePayloadKey('k1');
  const materiel = ancienne.split(':')[1]!;

  it('prints PAYLOAD_KEYS with a new key first: the old key’s payloads still decode, new ones use the new key', async () => {
    const avant = await codec(ancienne).encode([json({ email: 'avant@ml.example.fr' })]);
    const { out, err } = commande([], { PAYLOAD_KEYS: ancienne });
    expect(out).toHaveLength(1);
    const valeur = /^PAYLOAD_KEYS=(.+)$/.exec(out[0]!)![1]!;
    const cles = parsePayloadKeys(valeur);
    expect(cles.map((k) => k.id)).toEqual([expect.stringMatching(/^k-\d{8}$/), 'k1']);
    expect(cles[1]!.key.toString('base64')).toBe(materiel);

    const apres = codec(valeur);
    expect(JSON.parse(texte((await apres.decode(avant))[0]!.data))).toEqual({ email: 'avant@ml.example.fr' });
    const nouveau = await apres.encode([json({ n: 2 })]);
    expect(texte(nouveau[0]!.metadata?.['encryption-key-id'])).toBe(cles[0]!.id);
    // The old list alone cannot read it (the new key is really another one).
    await expect(codec(ancienne).decode(nouveau)).rejects.toThrow(/PAYLOAD_KEYS does not have/);
    // Messages name key ids, never key material.
    expect(err.join('\n')).not.toContain(materiel);
    expect(err.join('\n')).toContain('"k1"');
  });

  it('without the current list (or with --new-only), prints the new entry only, never a current key', () => {
    const seule = commande([]);
    expect(seule.out).toHaveLength(1);
    expect(parsePayloadKeys(seule.out[0]!)).toHaveLength(1);
    expect(seule.out[0]).toMatch(/^k-\d{8}-[0-9a-f]{4}:/); // the current ids unknown: a random suffix against collisions
    expect(seule.err.join('\n')).toMatch(/FIRST in PAYLOAD_KEYS/);

    const nouvelle = commande(['--new-only', '--id', 'k2'], { PAYLOAD_KEYS: ancienne });
    expect(nouvelle.out).toHaveLength(1);
    expect(nouvelle.out[0]).toMatch(/^k2:[A-Za-z0-9+/]{43}=$/);
    expect([...nouvelle.out, ...nouvelle.err].join('\n')).not.toContain(materiel);
  });

  it('chooses a fresh id, refuses one already there, and drops an old key but never the one that encrypts', () => {
    const jour = new Date('2026-12-02T10:00:00Z');
    expect(freshKeyId('k', jour, [])).toBe('k-20261202');
    expect(freshKeyId('k', jour, ['k-20261202', 'k-20261202-2'])).toBe('k-20261202-3');
    const cles = parsePayloadKeys(ancienne);
    expect(() => rotate(cles, { id: 'k1' })).toThrow(/"k1" is already in the list/);
    expect(() => rotate(cles, { id: 'k 2' })).toThrow(/key id "k 2"/);

    const deux = rotate(cles, { id: 'k2' }).keys!;
    expect(() => drop(deux, 'k2')).toThrow(/the key that encrypts/);
    expect(() => drop(deux, 'k9')).toThrow(/no key "k9"/);
    expect(drop(deux, 'k1').keys!.map((k) => k.id)).toEqual(['k2']);
    const { out } = commande(['--drop', 'k1'], { PAYLOAD_KEYS: deux.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',') });
    expect(parsePayloadKeys(out[0]!.replace(/^PAYLOAD_KEYS=/, '')).map((k) => k.id)).toEqual(['k2']);
  });

  it('--dev rewrites DATA_DIR/payload-keys (mode 600) with the new key first, printing ids only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-rotate-'));
    try {
      const fichier = join(dir, DEV_KEYS_FILE);
      writeFileSync(fichier, `dev-20260101:${materiel}\n`, { mode: 0o600 });
      const avant = await codec(`dev-20260101:${materiel}`).encode([json('avant')]);
      // Through npm's command, as an operator runs it.
      const sortie = execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/keys-rotate.ts', '--dev'], {
        cwd: join(__dirname, '..'),
        env: { PATH: process.env.PATH, DATA_DIR: dir },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(sortie).toBe('');
      expect(statSync(fichier).mode & 0o777).toBe(0o600);
      const cles = parsePayloadKeys(readFileSync(fichier, 'utf8').trim());
      expect(cles.map((k) => k.id)).toEqual([expect.stringMatching(/^dev-\d{8}$/), 'dev-20260101']);
      const apres = new AesGcmPayloadCodec(cles);
      expect(texte((await apres.decode(avant))[0]!.data)).toBe('"avant"');
      expect(texte((await apres.encode([json(1)]))[0]!.metadata?.['encryption-key-id'])).toBe(cles[0]!.id);

      const { out, err } = commande(['--dev', '--drop', 'dev-20260101'], { DATA_DIR: dir });
      expect(out).toEqual([]);
      expect(err.join('\n')).not.toContain(materiel);
      expect(parsePayloadKeys(readFileSync(fichier, 'utf8').trim()).map((k) => k.id)).toEqual([cles[0]!.id]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
