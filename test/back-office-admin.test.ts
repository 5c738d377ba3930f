// The back office's frame, Administration and "Mes jetons" pages (issue #12), and the interlocutrice named by her
// account: on the real app with a real SQLite store of accounts, signed in through a real sign-in link; Temporal is a
// stub that records the updates it is sent (the accounts' checks come before any).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp, createSecuredOpenApiDocument } from '../api/app';
import { parseConfig } from '../config';
import type { Compte } from '../db/comptes-store';
import { SqlComptesStore } from '../db/comptes';
import { compteDeTest, type CompteDeTest } from './helpers/acces';
import { createTestStore, type TestStore } from './helpers/db';

/** The updates sent to Temporal: name, input, context. */
const envoyes: { update: string; input: Record<string, unknown>; contexte: unknown }[] = [];
const temporal = {
  workflow: {
    getHandle: (workflowId: string) => ({
      workflowId,
      executeUpdate: (update: { name: string }, { args }: { args: [Record<string, unknown>, unknown] }) => {
        envoyes.push({ update: update.name, input: args[0], contexte: args[1] });
        return Promise.resolve({ dossierId: workflowId, etape: 'test', ...args[0] });
      },
    }),
    list: () => {
      throw new Error('14 UNAVAILABLE: Temporal injoignable (test)');
    },
  },
};

let pool: TestStore;
let comptes: SqlComptesStore;
let app: Express;
let dir: string;
let admin: CompteDeTest;
let charge: CompteDeTest;
let lecteur: CompteDeTest;

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  comptes = new SqlComptesStore(pool.db);
  dir = mkdtempSync(join(tmpdir(), 'back-office-admin-'));
  app = createApp({
    client: temporal as unknown as Client,
    config: parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', RATE_LIMIT_SIGNIN: '1000' }),
    logger: pino({ level: 'silent' }),
    vivier: pool.store,
    comptes,
    envoyerLienConnexion: () => Promise.resolve(),
  });
  admin = await compteDeTest(comptes, 'admin');
  charge = await compteDeTest(comptes, 'charge_mission');
  lecteur = await compteDeTest(comptes, 'lecture');
});
afterAll(async () => {
  await pool?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const champ = (html: string, nom: string) => new RegExp(`name="${nom}" value="([^"]*)"`).exec(html)?.[1];

/** A browser signed in as `compte` through a real sign-in link (the page's button), and its CSRF token. */
async function connecte(compte: Compte) {
  const { jeton } = await comptes.creerLienConnexion(compte.id, 15 * 60_000);
  const agent = request.agent(app);
  const page = await agent.get(`/connexion/lien?jeton=${encodeURIComponent(jeton)}`);
  expect(page.status).toBe(200);
  const res = await agent
    .post('/connexion/lien')
    .type('form')
    .send({ jeton, retour: '/mes-jetons', _csrf: champ(page.text, '_csrf') });
  expect(res.status).toBe(303);
  const { csrf } = (await agent.get('/api/moi')).body as { csrf: string };
  return { agent, csrf };
}

describe('the back office’s frame', () => {
  it('shows who is signed in, the navigation and a sign-out form that needs the CSRF token', async () => {
    const { agent, csrf } = await connecte(admin.compte);
    const page = await agent.get('/mes-jetons');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Connecté·e : <strong>${admin.compte.nom}</strong> (administration)`);
    expect(page.text).toContain('<nav aria-label="Espace UNML">');
    for (const [href, libelle] of [
      ['/staff', 'Mes dossiers'],
      ['/staff?vue=a-traiter', 'À traiter'],
      ['/staff?vue=tous', 'Tous les dossiers'],
      ['/vivier', 'Vivier'],
      ['/administration', 'Administration'],
    ]) {
      expect(page.text).toContain(`<a href="${href}">${libelle}</a>`);
    }
    expect(page.text).toContain('<a href="/mes-jetons" aria-current="page">Mes jetons</a>');
    expect(page.text).toMatch(
      /<form method="post" action="\/deconnexion"><input type="hidden" name="_csrf" value="[^"]+"><button type="submit">Se déconnecter/,
    );

    // Public pages show none of it, even to a signed-in person.
    const publique = await agent.get('/candidater');
    expect(publique.status).toBe(200);
    expect(publique.text).not.toContain('Se déconnecter');
    expect(publique.text).not.toContain('Espace UNML');

    const sans = await agent.post('/deconnexion').type('form').send({});
    expect(sans.status).toBe(403);
    expect(sans.text).toContain('Formulaire expiré');
    expect((await agent.get('/mes-jetons')).status).toBe(200);
    const fin = await agent.post('/deconnexion').type('form').send({ _csrf: csrf });
    expect(fin.status).toBe(303);
    expect(fin.headers.location).toBe('/connexion?fin=1');
    const apres = await agent.get('/mes-jetons');
    expect(apres.status).toBe(303);
    expect(apres.headers.location).toMatch(/^\/connexion\?retour=/);
  });

  it('offers Administration to admins only', async () => {
    const { agent } = await connecte(charge.compte);
    const page = await agent.get('/mes-jetons');
    expect(page.text).toContain(`Connecté·e : <strong>${charge.compte.nom}</strong> (chargé·e de mission)`);
    expect(page.text).not.toContain('href="/administration"');
  });
});

describe('Administration (admins)', () => {
  it('creates an account (errors per field, values kept), changes its roles, deactivates it (its session ends) and reactivates it', async () => {
    const { agent, csrf } = await connecte(admin.compte);
    const liste = await agent.get('/administration');
    expect(liste.status).toBe(200);
    expect(liste.text).toContain(admin.compte.email);
    expect(liste.text).toContain('<a href="/administration/comptes/nouveau">Créer un compte</a>');

    const form = await agent.get('/administration/comptes/nouveau');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<label for="f-nom">Nom et prénom/);
    const mauvais = await agent.post('/administration/comptes/nouveau').type('form').send({ _csrf: csrf, nom: 'Léa Martin', email: 'pas-une-adresse' });
    expect(mauvais.status).toBe(400);
    expect(mauvais.text).toContain('id="e-email"');
    expect(mauvais.text).toContain('Adresse e-mail invalide.');
    expect(mauvais.text).toContain('id="e-roles"');
    expect(mauvais.text).toContain('value="Léa Martin"');
    expect(mauvais.text).toContain('value="pas-une-adresse"');

    const cree = await agent
      .post('/administration/comptes/nouveau')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&nom=L%C3%A9a+Martin&email=lea.martin%40unml.test&roles=lecture`);
    expect(cree.status).toBe(303);
    const id = /cree=(CPT-[0-9A-Z]+)/.exec(String(cree.headers.location))![1]!;
    const compte = (await comptes.getCompte(id))!;
    expect(compte).toMatchObject({ nom: 'Léa Martin', email: 'lea.martin@unml.test', roles: ['lecture'], actif: true, creePar: admin.compte.id });
    const apres = await agent.get(String(cree.headers.location));
    expect(apres.text).toContain('Compte créé : Léa Martin (lea.martin@unml.test)');
    expect(apres.text).toContain(`par ${admin.compte.nom}`);

    const double = await agent
      .post('/administration/comptes/nouveau')
      .type('form')
      .send({ _csrf: csrf, nom: 'Autre', email: 'LEA.martin@unml.test', roles: 'lecture' });
    expect(double.status).toBe(409);
    expect(double.text).toContain('Un compte existe déjà pour cette adresse e-mail.');

    // Roles: two boxes checked.
    const roles = await agent
      .post(`/administration/comptes/${id}`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrf)}&nom=L%C3%A9a+Martin&roles=charge_mission&roles=lecture`);
    expect(roles.status).toBe(303);
    expect((await comptes.getCompte(id))!.roles).toEqual(['charge_mission', 'lecture']);
    const fiche = await agent.get(`/administration/comptes/${id}?fait=modifie`);
    expect(fiche.text).toContain('Modifications enregistrées.');
    expect(fiche.text).toMatch(/value="charge_mission" checked/);
    const sansRole = await agent.post(`/administration/comptes/${id}`).type('form').send({ _csrf: csrf, nom: 'Léa Martin' });
    expect(sansRole.status).toBe(400);
    expect(sansRole.text).toContain('id="e-roles"');

    // Deactivated: her session ends at once; reactivated, she may sign in again.
    const elle = await connecte(compte);
    expect((await elle.agent.get('/mes-jetons')).status).toBe(200);
    const off = await agent.post(`/administration/comptes/${id}/desactiver`).type('form').send({ _csrf: csrf });
    expect(off.status).toBe(303);
    expect((await comptes.getCompte(id))!.actif).toBe(false);
    expect((await elle.agent.get('/mes-jetons')).status).toBe(303);
    expect((await agent.get(`/administration/comptes/${id}?fait=desactive`)).text).toContain('Réactiver le compte');
    expect((await agent.post(`/administration/comptes/${id}/reactiver`).type('form').send({ _csrf: csrf })).status).toBe(303);
    expect((await comptes.getCompte(id))!.actif).toBe(true);
    expect((await agent.post(`/administration/comptes/${id}/reactiver`).type('form').send({})).status).toBe(403);
    expect((await agent.get('/administration/comptes/CPT-0000000000')).status).toBe(404);
  });

  it('keeps the last active admin, and says why', async () => {
    const { agent, csrf } = await connecte(admin.compte);
    const off = await agent.post(`/administration/comptes/${admin.compte.id}/desactiver`).type('form').send({ _csrf: csrf });
    expect(off.status).toBe(409);
    expect(off.text).toContain('C’est le dernier compte administrateur actif');
    const roles = await agent.post(`/administration/comptes/${admin.compte.id}`).type('form').send({ _csrf: csrf, nom: admin.compte.nom, roles: 'lecture' });
    expect(roles.status).toBe(409);
    expect(roles.text).toContain('dernier compte administrateur actif');
    expect((await comptes.getCompte(admin.compte.id))!).toMatchObject({ actif: true, roles: ['admin'] });
  });

  it('refuses its pages to anyone else (403), and asks to sign in without an account', async () => {
    const { agent, csrf } = await connecte(charge.compte);
    for (const url of ['/administration', '/administration/comptes/nouveau', `/administration/comptes/${lecteur.compte.id}`]) {
      const res = await agent.get(url);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Accès refusé');
    }
    const post = await agent.post(`/administration/comptes/${lecteur.compte.id}/desactiver`).type('form').send({ _csrf: csrf });
    expect(post.status).toBe(403);
    expect((await comptes.getCompte(lecteur.compte.id))!.actif).toBe(true);
    expect((await request(app).get('/administration')).headers.location).toBe('/connexion?retour=%2Fadministration');
  });
});

describe('Mes jetons', () => {
  it('creates a token shown once that then works as Bearer; revoked, it stops working', async () => {
    const { agent, csrf } = await connecte(charge.compte);
    const page = await agent.get('/mes-jetons');
    expect(page.text).toMatch(/<label for="f-nom">Nom du jeton/);
    expect(page.text).not.toContain('value="admin"'); // never above one's role

    const mauvais = await agent.post('/mes-jetons').type('form').send({ _csrf: csrf, nom: 'Export', role: 'lecture', dureeJours: '9999' });
    expect(mauvais.status).toBe(400);
    expect(mauvais.text).toContain('id="e-dureeJours"');
    expect(mauvais.text).toContain('value="Export"');
    const trop = await agent.post('/mes-jetons').type('form').send({ _csrf: csrf, nom: 'Trop', role: 'admin', dureeJours: '30' });
    expect(trop.status).toBe(400);
    expect(trop.text).toContain('id="e-role"');

    const cree = await agent.post('/mes-jetons').type('form').send({ _csrf: csrf, nom: 'Export mensuel', role: 'lecture', dureeJours: '30' });
    expect(cree.status).toBe(201);
    expect(cree.text).toContain('il ne sera plus jamais affiché');
    const secret = /dsp_[A-Za-z0-9_-]+/.exec(cree.text)![0];
    const moi = await request(app).get('/api/moi').set('Authorization', `Bearer ${secret}`);
    expect(moi.status).toBe(200);
    expect(moi.body).toMatchObject({ compte: { id: charge.compte.id }, role: 'lecture', via: 'jeton' });

    const liste = await agent.get('/mes-jetons');
    expect(liste.text).not.toContain(secret);
    expect(liste.text).toContain('Export mensuel');
    const fiche = (await comptes.jetons(charge.compte.id)).find((j) => j.nom === 'Export mensuel')!;
    expect(fiche).toMatchObject({ role: 'lecture', dernierUsageLe: expect.any(String) });
    expect(Math.abs(Date.parse(fiche.expireLe) - Date.parse(fiche.creeLe) - 30 * 86_400_000)).toBeLessThan(5_000);

    // Someone else cannot revoke it; its owner can.
    const autre = await connecte(lecteur.compte);
    expect((await autre.agent.post(`/mes-jetons/${fiche.id}/revoquer`).type('form').send({ _csrf: autre.csrf })).status).toBe(404);
    const revoque = await agent.post(`/mes-jetons/${fiche.id}/revoquer`).type('form').send({ _csrf: csrf });
    expect(revoque.status).toBe(303);
    expect((await agent.get(String(revoque.headers.location))).text).toContain('Jeton « Export mensuel » révoqué');
    expect((await request(app).get('/api/moi').set('Authorization', `Bearer ${secret}`)).status).toBe(401);
  });
});

describe('the interlocutrice of a dossier is a staff account', () => {
  const accepter = (body: object, chemin = 'CMP-0123456789/accepter') =>
    request(app).post(`/api/dossiers/${chemin}`).set('Authorization', `Bearer ${charge.jeton}`).send(body);

  it('refuses an unknown, deactivated or read-only account in French, before any update', async () => {
    const avant = envoyes.length;
    const inconnue = await accepter({ interlocutrice: { id: 'CPT-INCONNUE00' } });
    expect(inconnue.status).toBe(400);
    expect(inconnue.body).toMatchObject({ error: 'interlocutrice_inconnue', details: [{ path: 'interlocutrice.id' }] });
    expect(inconnue.body.message).toContain('Aucun compte UNML CPT-INCONNUE00');

    const partie = await comptes.creerCompte({ email: 'partie@unml.test', nom: 'Partie Ailleurs', roles: ['charge_mission'] }, 'test');
    await comptes.modifierCompte(partie.id, { actif: false }, 'test');
    const inactive = await accepter({ interlocutrice: { id: partie.id } });
    expect(inactive.status).toBe(409);
    expect(inactive.body.error).toBe('interlocutrice_inactive');
    expect(inactive.body.message).toContain('est désactivé : choisissez une autre interlocutrice');

    const lecture = await accepter({ interlocutrice: { id: lecteur.compte.id } });
    expect(lecture.status).toBe(409);
    expect(lecture.body.error).toBe('interlocutrice_sans_role');
    expect((await accepter({ interlocutrice: { id: 'unml.sbernard', nom: 'X', email: 'x@unml.info' } })).status).toBe(400);
    expect(envoyes.length).toBe(avant);
  });

  it('takes her name and email from the account (accepter, prise de contact, handing over)', async () => {
    const sophie = await comptes.creerCompte({ email: 'sophie.b@unml.test', nom: 'Sophie Bernard', roles: ['charge_mission'] }, 'test');
    const ok = await accepter({ interlocutrice: { id: sophie.id, nom: 'Autre nom', email: 'autre@exemple.fr' }, par: 'test' });
    expect(ok.status).toBe(200);
    expect(envoyes.at(-1)).toMatchObject({
      update: 'acceptDemande',
      input: { interlocutrice: { id: sophie.id, nom: 'Sophie Bernard', email: 'sophie.b@unml.test' }, par: 'test' },
      contexte: { acteur: { role: 'unml', source: 'api', compte: charge.compte.id } },
    });
    expect((await accepter({ par: 'sans interlocutrice' })).status).toBe(200);
    expect(envoyes.at(-1)!.input).not.toHaveProperty('interlocutrice');
    const apc = await accepter({ besoin: 'Redresser la trésorerie.', interlocutrice: { id: admin.compte.id } }, 'APC-0123456789/prise-de-contact');
    expect(apc.status).toBe(200);
    expect(envoyes.at(-1)).toMatchObject({ update: 'recordPriseDeContact', input: { interlocutrice: { nom: admin.compte.nom, email: admin.compte.email } } });
    expect((await accepter({ interlocutrice: { id: sophie.id } }, 'CMP-0123456789/interlocutrice')).status).toBe(200);
    expect(envoyes.at(-1)).toMatchObject({ update: 'assignInterlocutrice', input: { interlocutrice: { id: sophie.id, nom: 'Sophie Bernard' } } });
    expect((await accepter({}, 'CMP-0123456789/interlocutrice')).status).toBe(400); // required there
  });

  it('is declared in OpenAPI: the account id only, and the refusals', () => {
    const doc = createSecuredOpenApiDocument() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const op = doc.paths['/api/dossiers/CMP-{ref}/accepter']!.post! as {
      description: string;
      responses: Record<string, { description: string }>;
      requestBody: { content: { 'application/json': { schema: unknown } } };
    };
    expect(op.description).toContain('identifiant de son compte UNML');
    expect(op.responses['400']!.description).toContain('interlocutrice_inconnue');
    expect(op.responses['409']!.description).toContain('interlocutrice_inactive');
    expect(JSON.stringify(op.requestBody)).toContain('InterlocutriceCompte');
  });
});
