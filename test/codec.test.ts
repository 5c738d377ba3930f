// Encrypted Temporal payloads (issue #15, config/codec.ts): the codec alone (round trip, an unknown key, rotation,
// unencrypted payloads unchanged, PAYLOAD_KEYS's errors, the development key), then on the real stack: a dossier
// started through the API has only encrypted payloads in its history on the server, the API and the worker still read
// it, and the Temporal UI's codec endpoint (/codec/decode, /codec/encode) decodes it for `lecture`, CORS for the UI only.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import request from 'supertest';
import { ConfigError, parseConfig } from '../config';
import { AesGcmPayloadCodec, DEV_KEYS_FILE, ENCODING_ENCRYPTED, generatePayloadKey, parsePayloadKeys, resolvePayloadKeys } from '../config/codec';
import { compteDeTest } from './helpers/acces';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi } from './helpers/compagnonnage';
import { session } from './helpers/connexion';
import { until } from './helpers/temporal';

const json = (value: unknown): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) });
const texte = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const codecDe = (...cles: string[]) => new AesGcmPayloadCodec(parsePayloadKeys(cles.join(',')));

describe('the payload codec', () => {
  const k1 = generatePayloadKey('k1');
  const k2 = generatePayloadKey('k2');

  it('encrypts each payload with the first key, its id in the metadata, and decrypts it back as it was', async () => {
    const codec = codecDe(k1);
    const original = [json({ email: 'direction@ml.example.fr', description: 'équipe en tension' }), { metadata: {}, data: Buffer.from('') }];
    const chiffres = await codec.encode(original);
    expect(chiffres).toHaveLength(2);
    for (const p of chiffres) {
      expect(texte(p.metadata?.encoding)).toBe(ENCODING_ENCRYPTED);
      expect(texte(p.metadata?.['encryption-key-id'])).toBe('k1');
      expect(texte(p.data)).not.toContain('direction@ml.example.fr');
      expect(texte(p.data)).not.toContain('json/plain');
    }
    // A fresh nonce each time: the same payload twice gives two ciphertexts.
    expect(Buffer.from((await codec.encode([original[0]!]))[0]!.data!).equals(Buffer.from(chiffres[0]!.data!))).toBe(false);
    const dechiffres = await codec.decode(chiffres);
    expect(texte(dechiffres[0]!.metadata?.encoding)).toBe('json/plain');
    expect(JSON.parse(texte(dechiffres[0]!.data))).toEqual({ email: 'direction@ml.example.fr', description: 'équipe en tension' });
    expect(texte(dechiffres[1]!.data)).toBe('');
  });

  it('refuses a payload encrypted with a key it does not have, naming that key', async () => {
    const chiffre = await codecDe(k1).encode([json('x')]);
    await expect(codecDe(k2).decode(chiffre)).rejects.toThrow(/key "k1", which PAYLOAD_KEYS does not have \(it has "k2"\)/);
    // Same id, other material: the tag does not verify.
    await expect(codecDe(generatePayloadKey('k1')).decode(chiffre)).rejects.toThrow(/could not be decrypted with key "k1"/);
  });

  it('after a rotation (a new key first), still decrypts what the old key encrypted, and encrypts with the new one', async () => {
    const avant = await codecDe(k1).encode([json({ n: 1 })]);
    const apres = codecDe(k2, k1);
    expect(JSON.parse(texte((await apres.decode(avant))[0]!.data))).toEqual({ n: 1 });
    const nouveau = await apres.encode([json({ n: 2 })]);
    expect(texte(nouveau[0]!.metadata?.['encryption-key-id'])).toBe('k2');
    expect(JSON.parse(texte((await codecDe(k2).decode(nouveau))[0]!.data))).toEqual({ n: 2 });
  });

  it('leaves a payload that is not encrypted (written before encryption) unchanged', async () => {
    const clair = json({ avant: 'le chiffrement' });
    const [decode] = await codecDe(k1).decode([clair]);
    expect(decode).toBe(clair);
  });

  it('stops at start-up on a malformed PAYLOAD_KEYS, naming the variable and the entry, never the key', () => {
    const erreur = (valeur: string) => {
      try {
        parseConfig({ PAYLOAD_KEYS: valeur });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    const court = 'k2:' + Buffer.alloc(16, 7).toString('base64');
    expect(erreur(`${k1},${court}`)).toMatch(/^Invalid configuration: PAYLOAD_KEYS=\(hidden\): entry 2 \("k2"\): expected 32 bytes in base64.*got 16$/);
    expect(erreur(`${k1},${court}`)).not.toContain(k1.split(':')[1]);
    expect(erreur('sans-deux-points')).toMatch(/PAYLOAD_KEYS=\(hidden\): entry 1: expected id:key/);
    expect(erreur(`${k1},${k1}`)).toMatch(/key id "k1" appears twice/);
    expect(erreur('k 1:abc')).toMatch(/key id "k 1"/);
    expect(parseConfig({ PAYLOAD_KEYS: ` ${k2} , ${k1} ` }).PAYLOAD_KEYS).toBeDefined();
  });

  it('in development without PAYLOAD_KEYS, generates a key once into DATA_DIR/payload-keys (mode 600) and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codec-test-'));
    try {
      expect(resolvePayloadKeys({ dev: true, dataDir: dir })).toBeUndefined(); // not generated unless asked (replay, API)
      expect(resolvePayloadKeys({ dev: false, dataDir: dir, generate: true })).toBeUndefined(); // production: no key, no file
      const premiere = resolvePayloadKeys({ dev: true, dataDir: dir, generate: true })!;
      const fichier = join(dir, DEV_KEYS_FILE);
      expect(premiere.source).toBe(fichier);
      expect(statSync(fichier).mode & 0o777).toBe(0o600);
      expect(readFileSync(fichier, 'utf8')).toMatch(/^dev-\d{8}:[A-Za-z0-9+/]{43}=\n$/);
      const seconde = resolvePayloadKeys({ dev: true, dataDir: dir, generate: true })!;
      expect(seconde.keys[0]!.key.equals(premiere.keys[0]!.key)).toBe(true);
      // PAYLOAD_KEYS wins over the file.
      expect(resolvePayloadKeys({ keys: k1, dev: true, dataDir: dir })!.keys[0]!.id).toBe('k1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('on the real stack (Temporal dev server, worker, API)', () => {
  let stack: ApiStack;
  const EMAIL = 'claire.martin.codec-7f3a@ml-rouen.fr';
  const UI = 'http://localhost:8233';

  beforeAll(async () => {
    stack = await startApiStack();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  /** Every payload of a history, wherever it sits (inputs, results, updates, memo, failures' encoded attributes…), search attributes aside. */
  function payloads(node: unknown, out: { chemin: string; p: temporal.api.common.v1.IPayload }[] = [], chemin = ''): typeof out {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return out;
    const o = node as Record<string, unknown>;
    if (o.data instanceof Uint8Array && o.metadata !== undefined && typeof o.metadata === 'object') {
      out.push({ chemin, p: o as temporal.api.common.v1.IPayload });
      return out;
    }
    // Search attributes are never encrypted (the server indexes them): identifiers and codes only, checked below with the rest.
    for (const [k, v] of Object.entries(o)) if (k !== 'searchAttributes') payloads(v, out, `${chemin}.${k}`);
    return out;
  }

  let dossierId: string;
  let entree: temporal.api.common.v1.IPayload;

  it('stores a dossier started through the API with every payload encrypted, which the worker and the API still read', async () => {
    const cree = await request(stack.app)
      .post('/api/demandes')
      .send(demandeApi({ direction: { nom: 'Claire Martin', email: EMAIL } }));
    expect(cree.status).toBe(201);
    dossierId = cree.body.dossierId as string;
    // The worker decrypted the input: the acknowledgement went to the direction.
    await until('the acknowledgement to the direction', () => stack.mails().find((m) => m.includes(EMAIL)));
    // The API reads it back (a query, decrypted by its client).
    const lu = await request(stack.app).get(`/api/dossiers/${dossierId}`);
    expect(lu.status).toBe(200);
    expect(JSON.stringify(lu.body)).toContain(EMAIL);

    // The raw history, with a client WITHOUT the codec.
    const brut = new Client({ connection: stack.env.connection, namespace: stack.env.namespace ?? 'default' });
    const history = await brut.workflow.getHandle(dossierId).fetchHistory();
    const tous = payloads(history.events);
    expect(tous.length).toBeGreaterThan(3);
    // Every payload encrypted, but the SDK's patch markers (written by its core, not through the codec: a patch id, code only).
    const clairs = tous.filter(({ chemin, p }) => texte(p.metadata?.encoding) !== ENCODING_ENCRYPTED && !chemin.endsWith('.details.patch-data.payloads.0'));
    expect(clairs.map(({ chemin, p }) => `${chemin}: ${texte(p.data)}`)).toEqual([]);
    expect(tous.filter(({ p }) => texte(p.data).includes(EMAIL)).map(({ chemin }) => chemin)).toEqual([]);
    expect(historyToJSON(history)).not.toContain(EMAIL);
    expect(historyToJSON(history)).not.toContain(Buffer.from(EMAIL).toString('base64').slice(0, 16));
    entree = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  });

  const versJson = (p: temporal.api.common.v1.IPayload) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  });

  it('decodes for the Temporal UI (POST /codec/decode) with a `lecture` token or session, never without one', async () => {
    const corps = { payloads: [versJson(entree)] };
    const sans = await request(stack.appSansCompte).post('/codec/decode').set('X-Namespace', 'default').send(corps);
    expect(sans.status).toBe(401);
    expect(sans.body.error).toBe('non_authentifie');
    expect(JSON.stringify(sans.body)).not.toContain(EMAIL);

    const lecteur = await compteDeTest(stack.comptes, 'lecture');
    const lu = await request(stack.appSansCompte)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${lecteur.jeton}`)
      .set('X-Namespace', 'default')
      .send(corps);
    expect(lu.status).toBe(200);
    const [p] = lu.body.payloads as { metadata: Record<string, string>; data: string }[];
    expect(Buffer.from(p!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(p!.data, 'base64').toString('utf8'))).toMatchObject({ demande: { direction: { email: EMAIL } } });

    // Encode, then decode: the same value back; a plain payload decodes unchanged.
    const clair = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"bonjour"').toString('base64') };
    const encode = await request(stack.appSansCompte)
      .post('/codec/encode')
      .set('Authorization', `Bearer ${lecteur.jeton}`)
      .send({ payloads: [clair] });
    expect(encode.status).toBe(200);
    expect(Buffer.from(encode.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(ENCODING_ENCRYPTED);
    const retour = await request(stack.appSansCompte).post('/codec/decode').set('Authorization', `Bearer ${lecteur.jeton}`).send(encode.body);
    expect(retour.body.payloads).toEqual([clair]);
    const inchange = await request(stack.appSansCompte)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${lecteur.jeton}`)
      .send({ payloads: [clair] });
    expect(inchange.body.payloads).toEqual([clair]);

    // A payload of an unknown key: 400 with the reason; a malformed body: 400.
    const inconnu = { ...versJson(entree), metadata: { ...versJson(entree).metadata, 'encryption-key-id': Buffer.from('k-perdue').toString('base64') } };
    const refuse = await request(stack.appSansCompte)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${lecteur.jeton}`)
      .send({ payloads: [inconnu] });
    expect(refuse.status).toBe(400);
    expect(refuse.body.message).toContain('"k-perdue"');
    expect((await request(stack.appSansCompte).post('/codec/decode').set('Authorization', `Bearer ${lecteur.jeton}`).send({ p: 1 })).status).toBe(400);
  });

  it('decodes for a signed-in session (the UI sends the back office’s cookie) without a CSRF token', async () => {
    const agent = await session(stack, await compteDeTest(stack.comptes, 'lecture'));
    const lu = await agent
      .post('/codec/decode')
      .set('Origin', UI)
      .set('X-Namespace', 'default')
      .send({ payloads: [versJson(entree)] });
    expect(lu.status).toBe(200);
    expect(Buffer.from(lu.body.payloads[0].data, 'base64').toString('utf8')).toContain(EMAIL);
    // Elsewhere, a session's POST still needs its CSRF token.
    expect((await agent.post('/api/jetons').send({ nom: 'x' })).status).toBe(403);
  });

  it('answers CORS for the Temporal UI’s origin only, its preflight included', async () => {
    const lecteur = await compteDeTest(stack.comptes, 'lecture');
    const corps = { payloads: [versJson(entree)] };
    const depuisUi = await request(stack.appSansCompte).post('/codec/decode').set('Origin', UI).set('Authorization', `Bearer ${lecteur.jeton}`).send(corps);
    expect(depuisUi.status).toBe(200);
    expect(depuisUi.headers['access-control-allow-origin']).toBe(UI);
    expect(depuisUi.headers['access-control-allow-credentials']).toBe('true');
    expect(depuisUi.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const ailleurs = await request(stack.appSansCompte)
      .post('/codec/decode')
      .set('Origin', 'https://ailleurs.example')
      .set('Authorization', `Bearer ${lecteur.jeton}`)
      .send(corps);
    expect(ailleurs.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await request(stack.appSansCompte)
      .options('/codec/decode')
      .set('Origin', UI)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Namespace/i);
    const autre = await request(stack.appSansCompte)
      .options('/codec/decode')
      .set('Origin', 'https://ailleurs.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(autre.status).toBe(403);
    expect(autre.headers['access-control-allow-origin']).toBeUndefined();
    // Elsewhere in the API: no CORS at all.
    expect((await request(stack.appSansCompte).get('/healthz').set('Origin', UI)).headers['access-control-allow-origin']).toBeUndefined();
  });
});
