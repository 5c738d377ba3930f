// Access control (issue #12), on the real app without Temporal (every Temporal call fails at once): the route-by-role
// matrix over every mounted route and every OpenAPI operation (none missing from the table), passwordless sign-in
// (a link used twice, expired, unknown, for another email; the same answer for a known and an unknown address),
// sessions (sign-out, deactivation ends them at once), CSRF, API tokens (creation, role cap, last use, expiry,
// revocation), the content security policy the pages pass, and the sign-in rate limit.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { acteurDe } from '../api/acces/middleware';
import { ROUTES, regleDe } from '../api/acces/routes';
import type { LienConnexionCourriel } from '../api/acces/courriel';
import { createApp, createSecuredOpenApiDocument } from '../api/app';
import { parseConfig } from '../config';
import type { RoleCompte } from '../db/comptes-store';
import { SqlComptesStore } from '../db/comptes';
import { CompagnonnageDossier } from '../workflows/compagnonnage/dossier';
import { compteDeTest, type CompteDeTest } from './helpers/acces';
import { input } from './helpers/compagnonnage';
import { createTestStore, type TestStore } from './helpers/db';

const silent = pino({ level: 'silent' });

/** A Temporal client whose every call fails at once, when awaited (the access checks come first anyway). */
const injoignable: unknown = new Proxy(function () {}, {
  get: (_t, p) => (p === 'then' ? (_ok: unknown, echec: (e: Error) => void) => echec(new Error('14 UNAVAILABLE: Temporal injoignable (test)')) : injoignable),
  apply: () => injoignable,
});

let pool: TestStore;
let comptes: SqlComptesStore;
let now: Date;
let app: Express;
let mailDir: string;
const liens: LienConnexionCourriel[] = [];
const par: Partial<Record<RoleCompte, CompteDeTest>> = {};

function nouvelleApp(env: Record<string, string> = {}): Express {
  return createApp({
    client: injoignable as Client,
    config: parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: mailDir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', ...env }),
    logger: silent,
    vivier: pool.store,
    comptes,
    devMailDir: mailDir,
    envoyerLienConnexion: (c) => {
      liens.push(c);
      return Promise.resolve();
    },
  });
}

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  now = new Date();
  comptes = new SqlComptesStore(pool.db, { now: () => now });
  mailDir = mkdtempSync(join(tmpdir(), 'acces-test-'));
  app = nouvelleApp({ RATE_LIMIT_SIGNIN: '1000', SIGNIN_LINKS_PER_ADDRESS: '1000' }); // (the per-address limit: test/connexion-renforcee.test.ts)
  for (const role of ['admin', 'charge_mission', 'lecture'] as const) par[role] = await compteDeTest(comptes, role);
});
afterAll(async () => {
  await pool?.cleanup();
  rmSync(mailDir, { recursive: true, force: true });
});

// --- The route-by-role matrix ------------------------------------------------------------------------

interface Route {
  methode: string;
  chemin: string;
}

/** Every route the app mounts (express 5's router stack, nested routers included). */
function routesMontees(a: Express): Route[] {
  const out: Route[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) {
      if (layer.route) {
        const chemins = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const chemin of chemins) for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push({ methode: m.toUpperCase(), chemin });
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((a as unknown as { router: { stack: unknown[] } }).router.stack);
  return out;
}

const EXEMPLES: Record<string, string> = { id: 'CMP-0123456789', intervenantId: 'INT-0000000000', numero: '1', dispositif: 'compagnonnage', action: 'seance' };
function concret(chemin: string): string {
  const c = chemin.replace(/:(\w+)/g, (_m, nom: string) => {
    if (chemin.startsWith('/api/comptes') || chemin.startsWith('/administration/comptes')) return 'CPT-0000000000';
    if (chemin.startsWith('/api/jetons') || chemin.startsWith('/mes-jetons')) return 'JET-0000000000';
    if (chemin.startsWith('/api/intervenants') || chemin.startsWith('/api/candidatures')) return 'INT-0000000000';
    // The back office's Vivier pages.
    if (chemin.startsWith('/vivier/intervenants')) return 'INT-0000000000';
    if (chemin.startsWith('/vivier/candidatures')) return 'CAND-0000000000';
    // Regional campaigns: a campaign, one of its MLs, a year (funding, dialogue de gestion).
    if ((chemin.startsWith('/api/campagnes') || chemin.startsWith('/campagnes')) && nom === 'id') return 'CAM-0123456789';
    if (nom === 'annee') return '2027';
    if (nom === 'ml') return 'ML-COLMAR';
    return EXEMPLES[nom] ?? 'x';
  });
  return c.endsWith('/*') ? `${c.slice(0, -2)}/swagger-ui.css` : c;
}

function appel(methode: string, chemin: string, jeton?: string) {
  const agent = request(app);
  const req =
    methode === 'GET'
      ? agent.get(chemin)
      : methode === 'POST'
        ? agent.post(chemin)
        : methode === 'PATCH'
          ? agent.patch(chemin)
          : methode === 'PUT'
            ? agent.put(chemin)
            : agent.delete(chemin);
  if (jeton) void req.set('Authorization', `Bearer ${jeton}`);
  return methode === 'GET' ? req : req.send({});
}

const versConnexion = (res: request.Response) => res.status === 303 && String(res.headers.location).startsWith('/connexion?retour=');
// JSON answers under /api/ and for the Temporal UI's codec endpoint (/codec/, issue #15); the sign-in page elsewhere.
const json = (chemin: string) => chemin.startsWith('/api/') || chemin.startsWith('/codec/');
const sansCompte = (chemin: string, res: request.Response) => (json(chemin) ? res.status === 401 : versConnexion(res));
const refuse = (chemin: string, res: request.Response) =>
  res.status === 403 && (json(chemin) ? res.body.error === 'acces_refuse' : res.text.includes('Accès refusé'));

describe('the table of routes → roles', () => {
  it('has every mounted route and every OpenAPI operation, and no entry that serves nothing', () => {
    const montees = routesMontees(app);
    const operations = Object.entries(createSecuredOpenApiDocument().paths ?? {}).flatMap(([chemin, item]) =>
      Object.keys(item as object)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ methode: m.toUpperCase(), chemin: chemin.replace(/\{(\w+)\}/g, ':$1') })),
    );
    // Counts: a walk that saw nothing would pass anything.
    expect(montees.length).toBeGreaterThan(60);
    expect(operations.length).toBeGreaterThan(50);
    const manquantes = [...montees, ...operations].filter((r) => !regleDe(r.methode, r.chemin)).map((r) => `${r.methode} ${r.chemin}`);
    expect(manquantes).toEqual([]);
    // Every entry of the table names something served (the swagger assets under /docs/* are served by a static handler).
    const servies = [...montees, ...operations, { methode: 'GET', chemin: '/docs' }, { methode: 'GET', chemin: '/docs/swagger-ui.css' }];
    const mortes = ROUTES.filter((regle) => !servies.some((r) => regleDe(r.methode, concret(r.chemin)) === regle)).map((r) => `${r.methode} ${r.chemin}`);
    expect(mortes).toEqual([]);
  });

  it('declares in OpenAPI the two schemes and each operation’s requirement', () => {
    const doc = createSecuredOpenApiDocument() as unknown as {
      components: { securitySchemes: Record<string, { type: string; in?: string; scheme?: string }> };
      paths: Record<string, Record<string, { security?: unknown[]; 'x-acces'?: string }>>;
    };
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'dsp_session' });
    expect(doc.components.securitySchemes.jeton).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/demandes']!.post!.security).toEqual([]);
    expect(doc.paths['/api/dossiers/{id}']!.get).toMatchObject({ security: [{ jeton: [] }, { session: [] }], 'x-acces': 'lecture' });
    expect(doc.paths['/api/comptes']!.post!['x-acces']).toBe('admin');
    const nonDeclarees = Object.values(doc.paths).flatMap((item) => Object.values(item).filter((op) => op['x-acces'] === 'refusé'));
    expect(nonDeclarees).toHaveLength(0);
  });

  it('answers each route: public without account; 401 (or the sign-in page) without, 403 with a lower role, served with the right one', async () => {
    const vues = new Map<string, Route>();
    for (const r of [...routesMontees(app), { methode: 'GET', chemin: '/docs/*' }]) vues.set(`${r.methode} ${r.chemin}`, r);
    const dessous: Record<RoleCompte, RoleCompte | undefined> = { admin: 'charge_mission', charge_mission: 'lecture', lecture: undefined };
    const compte = { public: 0, sansCompte: 0, refuses: 0, servis: 0 };
    const echecs: string[] = [];
    for (const { methode, chemin } of vues.values()) {
      const url = concret(chemin);
      const regle = regleDe(methode, url)!;
      const anonyme = await appel(methode, url);
      if (regle.acces === 'public') {
        if (anonyme.status === 401 || versConnexion(anonyme)) echecs.push(`${methode} ${chemin}: public, answered ${anonyme.status} without an account`);
        compte.public++;
        continue;
      }
      if (sansCompte(url, anonyme)) compte.sansCompte++;
      else echecs.push(`${methode} ${chemin}: answered ${anonyme.status} without an account`);
      const bas = dessous[regle.acces];
      if (bas) {
        const res = await appel(methode, url, par[bas]!.jeton);
        if (refuse(url, res)) compte.refuses++;
        else echecs.push(`${methode} ${chemin}: answered ${res.status} to the role ${bas}`);
      }
      const ok = await appel(methode, url, par[regle.acces]!.jeton);
      if (ok.status === 401 || refuse(url, ok) || versConnexion(ok)) echecs.push(`${methode} ${chemin}: refused (${ok.status}) to the role ${regle.acces}`);
      else compte.servis++;
    }
    expect(echecs).toEqual([]);
    expect(compte.public).toBeGreaterThanOrEqual(15);
    expect(compte.sansCompte).toBeGreaterThan(40);
    expect(compte.refuses).toBeGreaterThan(30);
    expect(compte.servis).toBe(compte.sansCompte);
  });

  it('refuses a route missing from the table, and a bad or absent token', async () => {
    expect(regleDe('GET', '/api/secret-oublie')).toBeUndefined();
    expect((await request(app).get('/api/secret-oublie').set('Authorization', `Bearer ${par.admin!.jeton}`)).status).toBe(404);
    expect((await request(app).delete('/api/dossiers/CMP-0123456789').set('Authorization', `Bearer ${par.admin!.jeton}`)).status).toBe(404);
    const faux = await request(app).get('/api/dossiers').set('Authorization', 'Bearer dsp_faux');
    expect(faux.status).toBe(401);
    expect(faux.body).toMatchObject({ error: 'non_authentifie', message: expect.stringContaining('Jeton') });
    const rien = await request(app).get('/api/dossiers');
    expect(rien.status).toBe(401);
    expect(rien.headers['www-authenticate']).toContain('Bearer');
    const page = await request(app).get('/staff?region=NOR');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/connexion?retour=${encodeURIComponent('/staff?region=NOR')}`);
  });

  it('has the Vivier pages read with the role lecture and changed with chargé·e de mission', () => {
    for (const chemin of ['/vivier', '/vivier/intervenants/INT-0000000000', '/vivier/candidatures', '/vivier/candidatures/CAND-0000000000'])
      expect(regleDe('GET', chemin)?.acces).toBe('lecture');
    expect(regleDe('GET', '/vivier/intervenants/nouveau')?.acces).toBe('charge_mission');
    for (const chemin of [
      '/vivier/intervenants/nouveau',
      '/vivier/intervenants/INT-0000000000',
      '/vivier/intervenants/INT-0000000000/retrait',
      '/vivier/candidatures/CAND-0000000000/validation',
      '/vivier/candidatures/CAND-0000000000/refus',
    ])
      expect(regleDe('POST', chemin)?.acces).toBe('charge_mission');
  });

  it('hands the dossier who acted: UNML staff, from the back office or the API, with the account id', () => {
    const compte = par.admin!.compte;
    const res = (via: 'session' | 'jeton') => ({ locals: { acces: { compte, role: 'admin', via } } }) as never;
    expect(acteurDe(res('session'))).toEqual({ role: 'unml', source: 'back_office', compte: compte.id });
    expect(acteurDe(res('jeton'))).toEqual({ role: 'unml', source: 'api', compte: compte.id });
    expect(acteurDe({ locals: {} } as never)).toBeUndefined();
    // The dossier's timeline keeps the account's id when an action hands its input (with the kit's acteur) as `par`.
    const at = '2026-12-01T10:00:00.000Z';
    const dossier = new CompagnonnageDossier(input('CMP-0123456789'), at);
    dossier.record(at, 'unml', 'Test', undefined, { par: 'Sophie', acteur: { role: 'unml', source: 'back_office', compte: compte.id } });
    expect(dossier.state.timeline.at(-1)).toEqual({ at, acteur: 'unml (Sophie)', source: 'back_office', compte: compte.id, evenement: 'Test' });
  });
});

// --- Sign-in -----------------------------------------------------------------------------------------

const jetonDuLien = (c: LienConnexionCourriel) => new URL(c.url).searchParams.get('jeton')!;
const champ = (html: string, nom: string) => new RegExp(`name="${nom}" value="([^"]*)"`).exec(html)?.[1];

async function lienPour(email: string, retour?: string): Promise<LienConnexionCourriel> {
  const avant = liens.length;
  const res = await request(app)
    .post('/connexion')
    .type('form')
    .send({ email, ...(retour ? { retour } : {}) });
  expect(res.status).toBe(200);
  for (let i = 0; i < 100 && liens.length === avant; i++) await new Promise((r) => setTimeout(r, 20));
  expect(liens.length).toBe(avant + 1);
  return liens[liens.length - 1]!;
}

/** Opens the link's page in a fresh browser (agent) and presses its button: the agent, signed in. */
async function seConnecter(c: LienConnexionCourriel) {
  const agent = request.agent(app);
  const url = new URL(c.url);
  expect(url.pathname).toBe('/connexion/lien');
  const page = await agent.get(url.pathname + url.search);
  expect(page.status).toBe(200);
  const res = await agent
    .post('/connexion/lien')
    .type('form')
    .send({ jeton: champ(page.text, 'jeton'), retour: champ(page.text, 'retour'), _csrf: champ(page.text, '_csrf') });
  return { agent, res, page };
}

describe('passwordless sign-in', () => {
  it('answers the same page for a known and an unknown address, and emails only the known one', async () => {
    const avant = liens.length;
    const inconnu = await request(app).post('/connexion').type('form').send({ email: 'personne@nulle-part.fr' });
    await new Promise((r) => setTimeout(r, 200));
    expect(liens.length).toBe(avant);
    const connu = await request(app).post('/connexion').type('form').send({ email: par.lecture!.compte.email.toUpperCase() });
    expect(connu.status).toBe(inconnu.status);
    expect(connu.text).toBe(inconnu.text);
    expect(connu.text).toContain('Si un compte UNML actif correspond à cette adresse');
    for (let i = 0; i < 100 && liens.length === avant; i++) await new Promise((r) => setTimeout(r, 20));
    expect(liens.slice(avant).map((l) => l.a.email)).toEqual([par.lecture!.compte.email]);
  });

  it('shows a labelled field and its error when the address is invalid', async () => {
    const page = await request(app).get('/connexion');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<label for="f-email">Adresse e-mail professionnelle/);
    const bad = await request(app).post('/connexion').type('form').send({ email: 'pas-une-adresse' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('aria-invalid="true"');
    expect(bad.text).toContain('id="e-email"');
  });

  it('signs in with the button, never with the GET; a link serves once; a session reaches the API', async () => {
    const lien = await lienPour(par.charge_mission!.compte.email, '/api/moi');
    const jeton = jetonDuLien(lien);
    // Mail scanners open links: a GET, even twice, uses nothing.
    expect((await request(app).get(`/connexion/lien?jeton=${jeton}`)).status).toBe(200);
    const { agent, res, page } = await seConnecter(lien);
    expect(page.text).toContain(par.charge_mission!.compte.nom);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/api/moi');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/dsp_session=s%3A/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const moi = await agent.get('/api/moi');
    expect(moi.status).toBe(200);
    expect(moi.body).toMatchObject({ compte: { id: par.charge_mission!.compte.id }, role: 'charge_mission', via: 'session', csrf: expect.any(String) });

    const deux = await seConnecter(lien).catch(() => undefined);
    expect(deux).toBeUndefined(); // the page itself says it is used
    const revu = await request(app).get(`/connexion/lien?jeton=${jeton}`);
    expect(revu.status).toBe(410);
    expect(revu.text).toContain('Lien déjà utilisé');
    expect(revu.text).toContain('href="/connexion"');
  });

  it('refuses a used link pressed again, an expired link, an unknown one, and a confirmation without its pre-session token', async () => {
    const lien = await lienPour(par.lecture!.compte.email);
    const agent = request.agent(app);
    const page = await agent.get(`/connexion/lien?jeton=${encodeURIComponent(jetonDuLien(lien))}`);
    const form = { jeton: champ(page.text, 'jeton'), retour: '', _csrf: champ(page.text, '_csrf') };
    // Without the cookie of that page (another browser, a forged form): refused, the link still good.
    expect((await request(app).post('/connexion/lien').type('form').send(form)).status).toBe(403);
    expect((await agent.post('/connexion/lien').type('form').send(form)).status).toBe(303);
    const encore = await agent.post('/connexion/lien').type('form').send(form);
    expect(encore.status).toBe(410);
    expect(encore.text).toContain('déjà servi');

    const tard = await lienPour(par.lecture!.compte.email);
    now = new Date(now.getTime() + 15 * 60_000 + 1);
    const expire = await request(app).get(`/connexion/lien?jeton=${encodeURIComponent(jetonDuLien(tard))}`);
    now = new Date();
    expect(expire.status).toBe(410);
    expect(expire.text).toContain('Lien expiré');
    expect(expire.text).toContain('Demander un nouveau lien');
    const inconnu = await request(app).get('/connexion/lien?jeton=inconnu');
    expect(inconnu.status).toBe(404);
    expect(inconnu.text).toContain('Lien inconnu');
  });

  it('a link signs in the person it was sent to, never another', async () => {
    const lienA = await lienPour(par.lecture!.compte.email);
    const lienB = await lienPour(par.admin!.compte.email);
    expect(lienA.a.email).toBe(par.lecture!.compte.email);
    const { agent } = await seConnecter(lienB);
    expect((await agent.get('/api/moi')).body.compte.id).toBe(par.admin!.compte.id);
    const { agent: autre } = await seConnecter(lienA);
    expect((await autre.get('/api/moi')).body.compte.id).toBe(par.lecture!.compte.id);
  });

  it('a session’s writes need its CSRF token; sign-out ends it', async () => {
    const { agent } = await seConnecter(await lienPour(par.lecture!.compte.email));
    const { csrf } = (await agent.get('/api/moi')).body as { csrf: string };
    const sans = await agent.post('/api/jetons').send({ nom: 'sans csrf' });
    expect(sans.status).toBe(403);
    expect(sans.body.error).toBe('csrf');
    expect((await agent.post('/api/jetons').set('X-CSRF-Token', 'faux').send({ nom: 'faux' })).status).toBe(403);
    const avec = await agent.post('/api/jetons').set('X-CSRF-Token', csrf).send({ nom: 'avec csrf' });
    expect(avec.status).toBe(201);
    // A token is exempt (a browser never sends one by itself).
    expect((await request(app).post('/api/jetons').set('Authorization', `Bearer ${avec.body.jeton}`).send({ nom: 'par jeton' })).status).toBe(201);

    expect((await agent.post('/deconnexion').type('form').send({})).status).toBe(403);
    const fin = await agent.post('/deconnexion').type('form').send({ _csrf: csrf });
    expect(fin.status).toBe(303);
    expect(fin.headers.location).toBe('/connexion?fin=1');
    expect((await agent.get('/api/moi')).status).toBe(401);
  });

  it('a deactivated account’s session ends at once', async () => {
    const c = await comptes.creerCompte({ email: 'a-desactiver@unml.test', nom: 'À désactiver', roles: ['charge_mission'] }, 'test');
    const { agent } = await seConnecter(await lienPour(c.email));
    expect((await agent.get('/api/dossiers/CMP-0123456789/document-suivi')).status).not.toBe(401);
    const patch = await request(app).patch(`/api/comptes/${c.id}`).set('Authorization', `Bearer ${par.admin!.jeton}`).send({ actif: false });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ actif: false, modifiePar: par.admin!.compte.id });
    expect((await agent.get('/api/moi')).status).toBe(401);
    expect((await agent.get('/staff')).headers.location).toMatch(/^\/connexion\?retour=/);
  });
});

// --- Accounts and tokens through the API ------------------------------------------------------------

describe('accounts and API tokens', () => {
  const admin = () => par.admin!.jeton;

  it('admins create, list and change accounts; French errors 400, 404, 409', async () => {
    const cree = await request(app)
      .post('/api/comptes')
      .set('Authorization', `Bearer ${admin()}`)
      .send({ email: 'Nouvelle.Personne@unml.test', nom: 'Nouvelle Personne', roles: ['lecture'] });
    expect(cree.status).toBe(201);
    expect(cree.body).toMatchObject({ id: expect.stringMatching(/^CPT-/), roles: ['lecture'], actif: true, creePar: par.admin!.compte.id });
    const doublon = await request(app)
      .post('/api/comptes')
      .set('Authorization', `Bearer ${admin()}`)
      .send({ email: 'nouvelle.personne@UNML.test', nom: 'Doublon', roles: ['lecture'] });
    expect(doublon.status).toBe(409);
    expect(doublon.body.message).toContain('existe déjà');
    const invalide = await request(app)
      .post('/api/comptes')
      .set('Authorization', `Bearer ${admin()}`)
      .send({ email: 'x', nom: '', roles: ['chef'] });
    expect(invalide.status).toBe(400);
    expect(invalide.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'nom', 'roles.0']);
    expect((await request(app).get('/api/comptes/CPT-0000000000').set('Authorization', `Bearer ${admin()}`)).status).toBe(404);
    const modifie = await request(app)
      .patch(`/api/comptes/${cree.body.id}`)
      .set('Authorization', `Bearer ${admin()}`)
      .send({ roles: ['charge_mission'] });
    expect(modifie.body.roles).toEqual(['charge_mission']);
    const liste = await request(app).get('/api/comptes').set('Authorization', `Bearer ${admin()}`);
    expect(liste.body.map((c: { id: string }) => c.id)).toContain(cree.body.id);
  });

  it('a token: shown once, no more than its owner, last use, expiry, revocation', async () => {
    const lecteur = par.lecture!;
    const trop = await request(app).post('/api/jetons').set('Authorization', `Bearer ${lecteur.jeton}`).send({ nom: 'trop', role: 'admin' });
    expect(trop.status).toBe(403);
    const cree = await request(app).post('/api/jetons').set('Authorization', `Bearer ${lecteur.jeton}`).send({ nom: 'Export', dureeJours: 1 });
    expect(cree.status).toBe(201);
    expect(cree.body).toMatchObject({ jeton: expect.stringMatching(/^dsp_/), role: 'lecture', nom: 'Export' });
    const liste = await request(app).get('/api/jetons').set('Authorization', `Bearer ${lecteur.jeton}`);
    expect(JSON.stringify(liste.body)).not.toContain(cree.body.jeton);
    expect(liste.body.find((j: { id: string }) => j.id === cree.body.id).dernierUsageLe).toBeUndefined();

    expect((await request(app).get('/api/moi').set('Authorization', `Bearer ${cree.body.jeton}`)).body.via).toBe('jeton');
    expect((await comptes.getJeton(cree.body.id))?.dernierUsageLe).toBe(now.toISOString());

    // Someone else's token: unknown to me.
    expect((await request(app).delete(`/api/jetons/${cree.body.id}`).set('Authorization', `Bearer ${admin()}`)).status).toBe(404);
    const revoque = await request(app).delete(`/api/jetons/${cree.body.id}`).set('Authorization', `Bearer ${lecteur.jeton}`);
    expect(revoque.status).toBe(200);
    expect(revoque.body.revoqueLe).toEqual(expect.any(String));
    expect((await request(app).get('/api/moi').set('Authorization', `Bearer ${cree.body.jeton}`)).status).toBe(401);

    const court = await request(app).post('/api/jetons').set('Authorization', `Bearer ${lecteur.jeton}`).send({ nom: 'Court', dureeJours: 1 });
    expect((await request(app).get('/api/moi').set('Authorization', `Bearer ${court.body.jeton}`)).status).toBe(200);
    now = new Date(now.getTime() + 2 * 86_400_000);
    try {
      expect((await request(app).get('/api/moi').set('Authorization', `Bearer ${court.body.jeton}`)).status).toBe(401);
    } finally {
      now = new Date();
    }
  });
});

// --- Headers and limits ------------------------------------------------------------------------------

describe('security headers and rate limits', () => {
  it('sends a content security policy that allows exactly the pages’ own inline style, and no script', async () => {
    const page = await request(app).get('/demande/compagnonnage');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.text)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("form-action 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(String((await request(app).get('/docs/')).headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('limits sign-in attempts per client address', async () => {
    const limitee = nouvelleApp({ RATE_LIMIT_SIGNIN: '2' });
    const statuts: number[] = [];
    for (let i = 0; i < 3; i++) statuts.push((await request(limitee).post('/connexion').type('form').send({ email: 'x@unml.test' })).status);
    expect(statuts).toEqual([200, 200, 429]);
  });
});

// --- Several dossiers at once (issue #12 §4, s6-lots) -----------------------------------------------------

describe('the batch routes', () => {
  it('are charge_mission’s: 401 or the sign-in page without an account, 403 to `lecture`, declared in OpenAPI with their security', async () => {
    expect(
      (
        await request(app)
          .post('/api/dossiers/lot')
          .send({ action: 'relance', dossiers: ['CMP-0123456789'] })
      ).status,
    ).toBe(401);
    expect(versConnexion(await request(app).post('/staff/lot').type('form').send('action=relance&dossiers=CMP-0123456789'))).toBe(true);
    const lecteur = await request(app).post('/api/dossiers/lot').set('Authorization', `Bearer ${par.lecture!.jeton}`).send({ action: 'relance', dossiers: [] });
    expect(refuse('/api/dossiers/lot', lecteur)).toBe(true);
    expect(
      refuse('/staff/lot', await request(app).post('/staff/lot').set('Authorization', `Bearer ${par.lecture!.jeton}`).type('form').send('action=relance')),
    ).toBe(true);
    // charge_mission: past the access check (an invalid batch answers 400 before any dossier is touched).
    const invalide = await request(app)
      .post('/api/dossiers/lot')
      .set('Authorization', `Bearer ${par.charge_mission!.jeton}`)
      .send({ action: 'relance', dossiers: [] });
    expect(invalide.status).toBe(400);
    const doc = createSecuredOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, { security?: unknown[]; 'x-acces'?: string; responses: object }>>;
    };
    const op = doc.paths['/api/dossiers/lot']!.post!;
    expect(op).toMatchObject({ security: [{ jeton: [] }, { session: [] }], 'x-acces': 'charge_mission' });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '409']));
    for (const d of ['CMP', 'APC', 'DGN']) expect(doc.paths[`/api/dossiers/${d}-{ref}/relance`]!.post!['x-acces']).toBe('charge_mission');
  });
});
