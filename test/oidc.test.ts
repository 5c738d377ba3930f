// Single sign-on with OpenID Connect (issue #12), against a real provider this test starts (oidc-provider, in this
// process; test/helpers/oidc-provider.ts), the app listening on its own port, and a browser's side driven by HTTP
// requests with a cookie jar: the verified email of an active account signs in (its session then opens a staff page);
// an unknown email, an unverified one and an inactive account are refused with a page saying why; a state changed on
// the way back is refused; without OIDC_* the sign-in page offers no such button.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { CHEMIN_RETOUR_OIDC, compteDesClaims } from '../api/acces/oidc';
import { createApp } from '../api/app';
import { parseConfig } from '../config';
import type { Compte } from '../db/comptes-store';
import { SqlComptesStore } from '../db/comptes';
import { createTestStore, type TestStore } from './helpers/db';
import { connexionOidc, demarrerFournisseurOidc, type FournisseurOidc, Navigateur } from './helpers/oidc-provider';

/** A Temporal client with no dossier: the staff page lists none (this test is about signing in). */
const sansDossier = {
  workflow: { list: () => (async function* () {})() },
  workflowService: { listWorkflowExecutions: () => Promise.resolve({ executions: [], nextPageToken: new Uint8Array() }) },
  options: { namespace: 'default' },
} as unknown as Client;

let pool: TestStore;
let comptes: SqlComptesStore;
let dataDir: string;
let server: Server;
let base: string;
let fournisseur: FournisseurOidc;
let actif: Compte;
let inactif: Compte;

const env = (extra: Record<string, string> = {}) => ({
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  SESSION_SECRET: 'test-session-secret-0123456789abcdef0123',
  RATE_LIMIT_SIGNIN: '1000',
  ...extra,
});

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  comptes = new SqlComptesStore(pool.db);
  dataDir = mkdtempSync(join(tmpdir(), 'oidc-test-'));
  actif = await comptes.creerCompte({ email: 'claire.martin@unml.test', nom: 'Claire Martin', roles: ['charge_mission'] }, 'test');
  inactif = await comptes.creerCompte({ email: 'ancien.agent@unml.test', nom: 'Ancien Agent', roles: ['lecture'] }, 'test');
  await comptes.modifierCompte(inactif.id, { actif: false }, 'test');

  // The app's port first: its PUBLIC_URL is the redirect URI the provider's client allows.
  server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fournisseur = await demarrerFournisseurOidc(`${base}${CHEMIN_RETOUR_OIDC}`);
  fournisseur.utilisateurs.set('claire', { email: 'Claire.Martin@unml.test', email_verified: true, name: 'Claire Martin' });
  fournisseur.utilisateurs.set('inconnue', { email: 'personne@ailleurs.test', email_verified: true });
  fournisseur.utilisateurs.set('non-verifiee', { email: 'claire.martin@unml.test', email_verified: false });
  fournisseur.utilisateurs.set('ancien', { email: 'ancien.agent@unml.test', email_verified: true });
  const app = createApp({
    client: sansDossier,
    config: parseConfig(
      env({ PUBLIC_URL: base, OIDC_ISSUER: fournisseur.issuer, OIDC_CLIENT_ID: fournisseur.clientId, OIDC_CLIENT_SECRET: fournisseur.clientSecret }),
    ),
    logger: pino({ level: 'silent' }),
    vivier: pool.store,
    comptes,
    developpement: true,
  });
  server.on('request', app);
});

afterAll(async () => {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  await fournisseur?.stop();
  await pool?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('single sign-on with OpenID Connect', () => {
  it('offers it on the sign-in page, keeping where to go back to', async () => {
    const navigateur = new Navigateur();
    const { reponse } = await navigateur.suivre(`${base}/connexion?retour=%2Fstaff%3Fregion%3DNOR`);
    const html = await reponse.text();
    expect(html).toContain('Se connecter avec le compte de l’organisation');
    expect(html).toContain('href="/connexion/oidc?retour&#x3D;%2Fstaff%3Fregion%3DNOR"'); // (Handlebars escapes the =)
  });

  it('signs in the active account of a verified email (case aside): its session opens a staff page, then the page asked for', async () => {
    const navigateur = new Navigateur();
    const { url, reponse } = await connexionOidc(navigateur, `${base}/connexion/oidc?retour=%2Fstaff%3Fregion%3DNOR`, 'claire');
    expect(reponse.status).toBe(200);
    expect(url.href).toBe(`${base}/staff?region=NOR`);
    // The flow's cookie is gone; the session's is there, and names the account.
    expect(navigateur.entete(new URL(`${base}${CHEMIN_RETOUR_OIDC}`))).not.toContain('dsp_oidc');
    const moi = await navigateur.requete(new URL(`${base}/api/moi`));
    expect(moi.status).toBe(200);
    expect(await moi.json()).toMatchObject({ compte: { id: actif.id, email: 'claire.martin@unml.test' }, role: 'charge_mission', via: 'session' });
    const staff = await navigateur.requete(new URL(`${base}/staff`));
    expect(staff.status).toBe(200);
    // The account's sign-in audit has the line (s6: sign-in hardening).
    expect((await comptes.dernieresConnexions(actif.id, 1))[0]).toMatchObject({ compteId: actif.id, moyen: 'oidc', issue: 'reussie' });
    // Without that cookie, the same page asks to sign in.
    expect((await new Navigateur().requete(new URL(`${base}/staff`))).status).toBe(303);
  });

  it('refuses an email no account has, an unverified email and an inactive account, saying why and to contact an admin', async () => {
    const cas: [string, RegExp][] = [
      ['inconnue', /Aucun compte de l’espace UNML n’a l’adresse e-mail \(personne@ailleurs\.test\)/],
      ['non-verifiee', /n’indique pas que l’adresse e-mail \(claire\.martin@unml\.test\) est vérifiée/],
      ['ancien', /\(ancien\.agent@unml\.test\) est désactivé/],
    ];
    for (const [utilisateur, raison] of cas) {
      const navigateur = new Navigateur();
      const { url, reponse } = await connexionOidc(navigateur, `${base}/connexion/oidc`, utilisateur);
      expect(url.pathname).toBe(CHEMIN_RETOUR_OIDC);
      expect(reponse.status).toBe(403);
      const html = await reponse.text();
      expect(html).toContain('Connexion impossible');
      expect(html).toMatch(raison);
      expect(html).toContain('Contactez un·e administrateur·rice de l’UNML');
      expect(navigateur.entete(new URL(`${base}/staff`))).not.toContain('dsp_session');
      expect((await navigateur.requete(new URL(`${base}/api/moi`))).status).toBe(401);
    }
    // The sign-in audit (s6: sign-in hardening): the inactive account's refusal is on its account, the others on none.
    expect((await comptes.dernieresConnexions(inactif.id, 1))[0]).toMatchObject({ moyen: 'oidc', issue: 'compte_inactif' });
    const lignes = await pool.db.selectFrom('journal_connexions').select(['compte_id', 'issue']).where('moyen', '=', 'oidc').execute();
    expect(lignes.filter((l) => l.compte_id === null).map((l) => l.issue)).toEqual(expect.arrayContaining(['compte_inconnu', 'email_non_verifiee']));
  });

  it('refuses a state changed on the way back, and a return without a flow begun in this browser', async () => {
    const navigateur = new Navigateur();
    let code = '';
    const { url, reponse } = await connexionOidc(navigateur, `${base}/connexion/oidc`, 'claire', (retour) => {
      code = retour.searchParams.get('code') ?? '';
      const modifie = new URL(retour);
      modifie.searchParams.set('state', `${retour.searchParams.get('state')}x`);
      return modifie;
    });
    expect(code).not.toBe('');
    expect(url.pathname).toBe(CHEMIN_RETOUR_OIDC);
    expect(reponse.status).toBe(400);
    expect(await reponse.text()).toContain('n’a pas pu être vérifiée');
    expect((await navigateur.requete(new URL(`${base}/api/moi`))).status).toBe(401);
    // The code alone, in another browser (or once the flow's cookie is spent): no flow to check it against.
    const ailleurs = await new Navigateur().requete(new URL(`${base}${CHEMIN_RETOUR_OIDC}?code=${encodeURIComponent(code)}&state=x`));
    expect(ailleurs.status).toBe(400);
    expect(await ailleurs.text()).toContain('Connexion expirée');
    const encore = await navigateur.requete(new URL(`${base}${CHEMIN_RETOUR_OIDC}?code=${encodeURIComponent(code)}&state=x`));
    expect(encore.status).toBe(400);
  });

  it('matches only a verified email of an active account', async () => {
    expect(await compteDesClaims(comptes, { email: 'claire.martin@unml.test', email_verified: true })).toEqual({ compteId: actif.id });
    expect(await compteDesClaims(comptes, { email: 'claire.martin@unml.test', email_verified: 'true' })).toMatchObject({ refus: 'non_verifiee' });
    expect(await compteDesClaims(comptes, { email_verified: true })).toEqual({ refus: 'non_verifiee' });
    expect(await compteDesClaims(comptes, { email: 'ancien.agent@unml.test', email_verified: true })).toMatchObject({ refus: 'inactif' });
  });

  it('without OIDC_*: no button, and its routes say it is not configured', async () => {
    const app = createApp({ client: sansDossier, config: parseConfig(env()), logger: pino({ level: 'silent' }), vivier: pool.store, comptes });
    expect((await request(app).get('/connexion')).text).not.toContain('compte de l’organisation');
    const page = await request(app).get('/connexion/oidc');
    expect(page.status).toBe(404);
    expect(page.text).toContain('n’est pas activée');
    expect(() => parseConfig(env({ OIDC_ISSUER: 'https://sso.example.test' }))).toThrow(/OIDC_CLIENT_ID=.*required with OIDC_ISSUER/);
  });
});
