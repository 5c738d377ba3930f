// The sign-in hardening (issue #12), on the real app with a real SQLite store of accounts and its clock, without
// Temporal: at most SIGNIN_LINKS_PER_ADDRESS links emailed per address and window (beyond, no email and the very page
// an unknown address gets), and the sign-in audit — a link used, sign-out, a link expired, used again or unknown —
// shown on the account's Administration page, never with a secret. (The store's side, on SQLite and PostgreSQL, and
// the clean-up of expired rows: test/comptes-store.test.ts; OpenID Connect's lines: test/oidc.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { LienConnexionCourriel } from '../api/acces/courriel';
import type { ComptesStore } from '../db/comptes-store';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { nettoyagePeriodique } from '../api/acces/nettoyage';
import { createApp } from '../api/app';
import { parseConfig } from '../config';
import { SqlComptesStore } from '../db/comptes';
import { compteDeTest, type CompteDeTest } from './helpers/acces';
import { createTestStore, type TestStore } from './helpers/db';

const MIN = 60_000;

let pool: TestStore;
let comptes: SqlComptesStore;
let now: Date;
let app: Express;
let dir: string;
const liens: LienConnexionCourriel[] = [];
let admin: CompteDeTest;

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  now = new Date();
  comptes = new SqlComptesStore(pool.db, { now: () => now });
  dir = mkdtempSync(join(tmpdir(), 'connexion-renforcee-'));
  app = createApp({
    client: {} as Client,
    config: parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', RATE_LIMIT_SIGNIN: '1000' }),
    logger: pino({ level: 'silent' }),
    vivier: pool.store,
    comptes,
    envoyerLienConnexion: (c) => {
      liens.push(c);
      return Promise.resolve();
    },
  });
  admin = await compteDeTest(comptes, 'admin');
});
afterAll(async () => {
  await pool?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const champ = (html: string, nom: string) => new RegExp(`name="${nom}" value="([^"]*)"`).exec(html)?.[1];
const jetonDuLien = (c: LienConnexionCourriel) => new URL(c.url).searchParams.get('jeton')!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks for a link on the sign-in page; the page's answer, and the emails sent for it (waited for a while). */
async function demander(email: string, attendus: number): Promise<{ texte: string; envoyes: LienConnexionCourriel[] }> {
  const avant = liens.length;
  const res = await request(app).post('/connexion').type('form').send({ email });
  expect(res.status).toBe(200);
  for (let i = 0; i < 100 && liens.length < avant + attendus; i++) await pause(20);
  await pause(100); // and no more than expected
  return { texte: res.text, envoyes: liens.slice(avant) };
}

/** Opens the link's page in a fresh browser and presses its button. */
async function seConnecter(jeton: string) {
  const agent = request.agent(app);
  const page = await agent.get(`/connexion/lien?jeton=${encodeURIComponent(jeton)}`);
  const res = await agent
    .post('/connexion/lien')
    .type('form')
    .send({ jeton, retour: '', _csrf: champ(page.text, '_csrf') });
  return { agent, page, res };
}

describe('the per-address limit on sign-in emails', () => {
  it('sends 3 links per address in 15 minutes; the 4th request sends none and gets the page of an unknown address', async () => {
    const c = await compteDeTest(comptes, 'lecture');
    const inconnu = await demander('personne@nulle-part.fr', 0);
    expect(inconnu.envoyes).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const r = await demander(c.compte.email, 1);
      expect(r.envoyes.map((l) => l.a.email)).toEqual([c.compte.email]);
      expect(r.texte).toBe(inconnu.texte);
      now = new Date(now.getTime() + MIN);
    }
    const quatrieme = await demander(c.compte.email, 0);
    expect(quatrieme.envoyes).toEqual([]);
    expect(quatrieme.texte).toBe(inconnu.texte);
    // Another address is not held back by this one's…
    const autre = await compteDeTest(comptes, 'lecture');
    expect((await demander(autre.compte.email, 1)).envoyes).toHaveLength(1);
    // …and once the first link is out of the window, one more goes.
    now = new Date(now.getTime() + 12 * MIN); // 15 minutes after the first
    expect((await demander(c.compte.email, 1)).envoyes).toHaveLength(1);
    expect((await demander(c.compte.email, 0)).envoyes).toEqual([]);
    now = new Date();
  });
});

describe('the sign-in audit', () => {
  it('records a sign-in by link, the sign-out, and refused links (expired, used, unknown); Administration shows them', async () => {
    const c = await compteDeTest(comptes, 'charge_mission');
    const [lien] = (await demander(c.compte.email, 1)).envoyes;
    const jeton = jetonDuLien(lien!);
    // Mail scanners' GET of a good link is no sign-in.
    expect((await request(app).get(`/connexion/lien?jeton=${encodeURIComponent(jeton)}`)).status).toBe(200);
    expect(await comptes.dernieresConnexions(c.compte.id, 10)).toEqual([]);

    const { agent, res } = await seConnecter(jeton);
    expect(res.status).toBe(303);
    const { csrf } = (await agent.get('/api/moi')).body as { csrf: string };
    now = new Date(now.getTime() + MIN);
    expect((await agent.post('/deconnexion').type('form').send({ _csrf: csrf })).status).toBe(303);
    now = new Date(now.getTime() + MIN);
    // The used link pressed again, then opened again.
    expect((await seConnecter(jeton)).page.status).toBe(410);
    now = new Date(now.getTime() + MIN);
    // A link opened in time, confirmed too late; another opened too late.
    const { jeton: tard } = await comptes.creerLienConnexion(c.compte.id, 15 * MIN);
    const agentTard = request.agent(app);
    const page = await agentTard.get(`/connexion/lien?jeton=${encodeURIComponent(tard)}`);
    now = new Date(now.getTime() + 16 * MIN);
    const refus = await agentTard
      .post('/connexion/lien')
      .type('form')
      .send({ jeton: tard, retour: '', _csrf: champ(page.text, '_csrf') });
    expect(refus.status).toBe(410);
    expect(refus.text).toContain('Lien expiré');
    // An unknown link: a line without an account (only when pressed: a GET of it writes nothing).
    const lignesAvant = await pool.db.selectFrom('journal_connexions').selectAll().execute();
    expect((await request(app).get('/connexion/lien?jeton=inconnu')).status).toBe(404);
    expect((await request(app).post('/connexion/lien').type('form').send({ jeton: 'inconnu', _csrf: 'x' })).status).toBe(404);

    const lignes = await comptes.dernieresConnexions(c.compte.id, 10);
    expect(lignes.map((l) => [l.moyen, l.issue])).toEqual([
      ['lien', 'lien_expire'],
      ['lien', 'lien_utilise'], // opened again (seConnecter's GET)…
      ['lien', 'lien_utilise'], // …and its button pressed
      ['deconnexion', 'reussie'],
      ['lien', 'reussie'],
    ]);
    expect(lignes.every((l) => l.compteId === c.compte.id)).toBe(true);
    const toutes = await pool.db.selectFrom('journal_connexions').selectAll().execute();
    expect(toutes.slice(lignesAvant.length)).toEqual([expect.objectContaining({ compte_id: null, moyen: 'lien', issue: 'lien_inconnu' })]);
    expect(JSON.stringify(toutes)).not.toContain(jeton);
    expect(JSON.stringify(toutes)).not.toContain(tard);

    // The account's page, for an admin.
    const fiche = await request(app).get(`/administration/comptes/${c.compte.id}`).set('Authorization', `Bearer ${admin.jeton}`);
    expect(fiche.status).toBe(200);
    expect(fiche.text).toContain('<h2>Dernières connexions</h2>');
    const tableau = fiche.text.slice(fiche.text.indexOf('<h2>Dernières connexions</h2>'));
    const rangees = [...tableau.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><td>(.+?)<\/td><\/tr>/g)].map((m) => [m[2], m[3]]);
    expect(rangees).toEqual([
      ['Lien reçu par e-mail', '<strong>Refusée : lien expiré</strong>'],
      ['Lien reçu par e-mail', '<strong>Refusée : lien déjà utilisé</strong>'],
      ['Lien reçu par e-mail', '<strong>Refusée : lien déjà utilisé</strong>'],
      ['Déconnexion', 'Réussie'],
      ['Lien reçu par e-mail', 'Réussie'],
    ]);
    const vierge = await compteDeTest(comptes, 'lecture');
    const sans = await request(app).get(`/administration/comptes/${vierge.compte.id}`).set('Authorization', `Bearer ${admin.jeton}`);
    expect(sans.text).toContain('Aucune connexion enregistrée pour ce compte.');
    now = new Date();
  });
});

describe('the periodic clean-up', () => {
  it('runs at start and every SIGNIN_CLEANUP_INTERVAL, keeping expired links a day, until the server closes', async () => {
    const appels: { garderLiensMs: number; durees: unknown }[] = [];
    const store = { nettoyerExpires: (o: (typeof appels)[number]) => (appels.push(o), Promise.resolve({ liens: 0, sessions: 0 })) };
    const serveur = new EventEmitter() as unknown as Server;
    const config = parseConfig({ SIGNIN_CLEANUP_INTERVAL: '30ms' });
    nettoyagePeriodique({ comptes: store as unknown as ComptesStore, config, logger: pino({ level: 'silent' }) }, serveur);
    await pause(100);
    expect(appels.length).toBeGreaterThanOrEqual(3);
    expect(appels[0]).toEqual({ garderLiensMs: 24 * 60 * MIN, durees: { inactiviteMs: 2 * 60 * MIN, dureeMaxMs: 12 * 60 * MIN } });
    serveur.emit('close');
    const n = appels.length;
    await pause(100);
    expect(appels.length).toBe(n);
  });
});
