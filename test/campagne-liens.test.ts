// The pages of a regional campaign's personal links (issue #13): a director acknowledges the support, reviews the
// état des lieux of the structure (validate, or return with comments), answers the survey; what is done or no longer
// possible is said instead of the form; an expired link offers a fresh one; a used one is refused. First against a
// client that answers the campaign's queries from fixed states (every case of the pages), then on the real workflows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import pino from 'pino';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ActionLinks } from '../activities/action-links';
import { storeFichier } from '../api/livrables/fichiers';
import { campagneLiensRouter } from '../api/pages/agir-campagne/router';
import { campagne as campagneWf } from '../workflows';
import type { CampagneActivities } from '../workflows/campagne/activites';
import * as M from '../workflows/campagne/messages';
import type { CampagneVue } from '../workflows/campagne/messages';
import { idMlCampagne, type MlCampagneState } from '../workflows/campagne/state';
import { parseMails } from './helpers/action-link-mails';
import { campagneInput } from './helpers/campagne';
import { DAY } from './helpers/fixtures';
import { createTimeSkippingEnv, inDays as inDaysOf, until } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const links = new ActionLinks({ secret: 'campagne-liens-secret-0123456789abcdef01234567', ttlMs: 60 * 60_000, publicUrl: 'http://localhost:3000' });
const CAM = 'CAM-0A1B2C3D4E';
const ML_ID = `${CAM}-ML-MULHOUSE`;
const DIRECTION = { nom: 'Nadia Keller', email: 'direction@ml-mulhouse.fr' };
const PRESIDENCE = { nom: 'Jean Muller', email: 'presidence@ml-mulhouse.fr' };
const ML = { code: 'ML-MULHOUSE', nom: 'Mission Locale de Mulhouse', direction: DIRECTION, presidence: PRESIDENCE };
const AUTRE = {
  code: 'ML-COLMAR',
  nom: 'Mission Locale de Colmar',
  direction: { nom: 'Paul Weber', email: 'direction@ml-colmar.fr' },
  presidence: { nom: 'Anne Roth', email: 'presidence@ml-colmar.fr' },
};

function campagne(over: Partial<CampagneVue> = {}): CampagneVue {
  return {
    campagneId: CAM,
    nom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    phase: 'cadrage',
    mls: [
      { ...ML, territoire: 'Haut-Rhin Sud' },
      { ...AUTRE, territoire: 'Haut-Rhin Nord' },
    ],
    support: { nom: 'La démarche : méthode et engagements', url: 'https://docs.example.org/support.pdf', diffuseLe: '2027-01-15T09:00:00.000Z', accuses: [] },
    enquete: {
      questions: [
        { code: 'achats', libelle: 'Mutualiser les achats ?' },
        { code: 'appels', libelle: 'Répondre ensemble aux appels à projets ?' },
      ],
      lanceeLe: '2027-02-01T09:00:00.000Z',
      reponses: [],
    },
    ...over,
  } as unknown as CampagneVue;
}

function etatDesLieux(over: Partial<MlCampagneState> = {}): MlCampagneState {
  return {
    campagneId: CAM,
    dossierId: ML_ID,
    nomCampagne: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    ml: ML,
    territoire: 'Haut-Rhin Sud',
    statut: 'livrable_a_valider',
    documents: [],
    entretiens: [],
    livrable: {
      version: 2,
      nom: 'État des lieux — Mission Locale de Mulhouse',
      url: 'https://docs.example.org/edl-mulhouse.pdf',
      synthese: 'Une offre de services solide, un pilotage à conforter.',
      deposeLe: '2027-04-12T08:00:00.000Z',
    },
    revues: [
      { version: 1, decision: 'a_reprendre', commentaires: 'Le partenariat avec la Région manque.', le: '2027-04-01T08:00:00.000Z', par: 'Nadia Keller' },
    ],
    projetsPrecedents: [],
    dialogues: [],
    timeline: [],
    ...over,
  } as unknown as MlCampagneState;
}

/** A client answering the campaign's queries from `states`, recording the updates (and their link ids, as the workflow does). */
function fauxClient(states: Record<string, unknown>) {
  const updates: { id: string; name: string; args: unknown[] }[] = [];
  const started: { workflowId: string; args: unknown[] }[] = [];
  const utilises: Record<string, string[]> = {};
  const client = {
    workflow: {
      getHandle: (id: string) => ({
        query: async (def: { name: string }) => {
          if (def.name === 'getLiensUtilises') return utilises[id] ?? [];
          if (!(id in states)) throw Object.assign(new Error('not found'), { name: 'WorkflowNotFoundError' });
          return states[id];
        },
        executeUpdate: async (name: string, o: { args: unknown[] }) => {
          updates.push({ id, name, args: o.args });
          (utilises[id] ??= []).push((o.args[1] as { lien: { jti: string } }).lien.jti);
          return states[id];
        },
      }),
      start: async (_wf: string, o: { workflowId: string; args: unknown[] }) => void started.push(o),
    },
  };
  return { client: client as unknown as Client, updates, started };
}

function appDe(client: Client, DATA_DIR = '/nonexistent'): Express {
  const app = express();
  app.use(campagneLiensRouter(client, { TASK_QUEUE: 'test', DATA_DIR }, links, pino({ level: 'silent' })));
  app.use((_req, res) => void res.status(404).send('dossiers’ pages'));
  return app;
}

const lien = async (dossierId: string, action: 'support-demarche' | 'valider-etat-des-lieux' | 'enquete', email = DIRECTION.email, ttlMs?: number) => {
  const jeton = await links.sign({ dossierId, action, email, role: 'ml', ...(ttlMs !== undefined ? { ttlMs } : {}) });
  return { path: `/agir/${dossierId}/${action}`, jeton };
};

describe('a campaign’s link pages (queries answered from fixed states)', () => {
  it('leaves the ids of dossiers to the dossiers’ pages', async () => {
    const { client } = fauxClient({});
    const res = await request(appDe(client)).get('/agir/CMP-0A1B2C3D4E/signer-acte-engagement?jeton=x');
    expect(res.text).toBe('dossiers’ pages');
  });

  it('refuses a link for another page or another campaign, and a page that does not exist', async () => {
    const { client } = fauxClient({ [CAM]: campagne() });
    const app = appDe(client);
    const { path, jeton } = await lien(CAM, 'support-demarche');
    expect((await request(app).get(`/agir/${CAM}/enquete?jeton=${jeton}`)).status).toBe(403);
    expect((await request(app).get(`${path}?jeton=${jeton}x`)).text).toContain('Ce lien n’est pas valide');
    expect((await request(app).get(`/agir/${CAM}/seance?jeton=${jeton}`)).status).toBe(404);
    // The état des lieux is reviewed on the ML's child, never on the campaign.
    const surCampagne = await lien(CAM, 'valider-etat-des-lieux');
    expect((await request(app).get(`${surCampagne.path}?jeton=${surCampagne.jeton}`)).status).toBe(404);
  });

  it('shows the support and acknowledges it for the holder’s ML; then says it is done', async () => {
    const states: Record<string, unknown> = { [CAM]: campagne() };
    const { client, updates } = fauxClient(states);
    const app = appDe(client);
    const { path, jeton } = await lien(CAM, 'support-demarche', PRESIDENCE.email);
    const page = await request(app).get(`${path}?jeton=${jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('La démarche : méthode et engagements');
    expect(page.text).toContain('href="https://docs.example.org/support.pdf"');
    expect(page.text).toContain('J’ai pris connaissance du support et des engagements');
    expect(page.text).toContain('Jean Muller (présidence)');
    const sansCase = await request(app).post(path).type('form').send({ jeton });
    expect(sansCase.status).toBe(400);
    expect(sansCase.text).toContain('Cochez cette case pour accuser réception du support.');
    const ok = await request(app).post(path).type('form').send({ jeton, pris_connaissance: 'oui' });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('C’est enregistré.');
    expect(updates).toEqual([
      {
        id: CAM,
        name: 'accuserSupport',
        args: [
          { ml: 'ML-MULHOUSE', par: 'Jean Muller' },
          { acteur: { role: 'ml', source: 'lien' }, lien: { jti: expect.any(String) } },
        ],
      },
    ]);
    // The same link again: used.
    expect((await request(app).get(`${path}?jeton=${jeton}`)).text).toContain('Ce lien a déjà été utilisé');
    // The direction's own link, once the ML acknowledged: done, never the form.
    states[CAM] = campagne({ support: { ...campagne().support!, accuses: [{ ml: 'ML-MULHOUSE', le: '2027-01-16T10:00:00.000Z', par: 'Jean Muller' }] } });
    const autre = await lien(CAM, 'support-demarche');
    const fait = await request(app).get(`${autre.path}?jeton=${autre.jeton}`);
    expect(fait.text).toContain(
      'Le support a déjà été pris en connaissance pour Mission Locale de Mulhouse le samedi 16 janvier 2027 à 11 h 00 par Jean Muller.',
    );
    expect(fait.text).not.toContain('<form');
  });

  it('shows the état des lieux with its synthèse, version and previous comments; a return needs comments', async () => {
    const { client, updates } = fauxClient({ [ML_ID]: etatDesLieux() });
    const app = appDe(client);
    const { path, jeton } = await lien(ML_ID, 'valider-etat-des-lieux');
    const page = await request(app).get(`${path}?jeton=${jeton}`);
    expect(page.status).toBe(200);
    for (const vu of [
      'L’état des lieux (version 2)',
      'État des lieux — Mission Locale de Mulhouse',
      'href="https://docs.example.org/edl-mulhouse.pdf"',
      'Une offre de services solide, un pilotage à conforter.',
      'Vos commentaires précédents',
      'Le partenariat avec la Région manque.',
      'Je valide l’état des lieux',
      'Je le retourne au consultant avec mes commentaires',
    ])
      expect(page.text).toContain(vu);
    const sansCommentaires = await request(app).post(path).type('form').send({ jeton, decision: 'retourner', commentaires: '  ' });
    expect(sansCommentaires.status).toBe(400);
    expect(sansCommentaires.text).toMatch(/id="e-commentaires">Indiquez vos commentaires pour retourner l’état des lieux au consultant\./);
    expect(sansCommentaires.text).toContain('value="retourner" checked');
    const sansChoix = await request(app).post(path).type('form').send({ jeton });
    expect(sansChoix.text).toContain('Choisissez de valider l’état des lieux ou de le retourner au consultant.');
    const retour = await request(app).post(path).type('form').send({ jeton, decision: 'retourner', commentaires: 'Les chiffres 2026 manquent.' });
    expect(retour.status).toBe(200);
    expect(retour.text).toContain('État des lieux retourné au consultant');
    expect(updates[0]).toMatchObject({ id: ML_ID, name: 'reviserEtatDesLieux' });
    expect(updates[0]!.args[0]).toEqual({ decision: 'retourner', commentaires: 'Les chiffres 2026 manquent.', par: 'Nadia Keller' });
  });

  it('serves the état des lieux’s (and the support’s) stored file from the same link', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'campagne-liens-'));
    try {
      const contenu = Buffer.from('%PDF-1.4 état des lieux');
      const sha256 = await storeFichier(dataDir, ML_ID, contenu);
      const livrable = { ...etatDesLieux().livrable!, url: undefined, fichier: { type: 'application/pdf', tailleOctets: contenu.length, sha256 } };
      const { client } = fauxClient({ [ML_ID]: etatDesLieux({ livrable }) });
      const app = appDe(client, dataDir);
      const { path, jeton } = await lien(ML_ID, 'valider-etat-des-lieux');
      const page = await request(app).get(`${path}?jeton=${jeton}`);
      expect(page.text).toContain('Télécharger « État des lieux — Mission Locale de Mulhouse »');
      const href = /href="(\/agir\/[^"]*)"/
        .exec(page.text)![1]!
        .replace(/&#x3D;/g, '=')
        .replace(/&amp;/g, '&');
      expect(href).toMatch(/&fichier=1$/);
      const fichier = await request(app).get(href);
      expect(fichier.status).toBe(200);
      expect(fichier.headers['content-type']).toContain('application/pdf');
      expect(fichier.headers['content-disposition']).toContain('attachment');
      expect(Buffer.from(fichier.body as Buffer).equals(contenu)).toBe(true);
      // The support as a file, likewise, from the campaign's link.
      const supportSha = await storeFichier(dataDir, CAM, contenu);
      const support = { ...campagne().support!, url: undefined, fichier: { type: 'application/pdf', tailleOctets: contenu.length, sha256: supportSha } };
      const avecSupport = appDe(fauxClient({ [CAM]: campagne({ support }) }).client, dataDir);
      const s = await lien(CAM, 'support-demarche');
      const pageSupport = await request(avecSupport).get(`${s.path}?jeton=${s.jeton}`);
      expect(pageSupport.text).toContain('Télécharger « La démarche : méthode et engagements »');
      const telecharge = await request(avecSupport).get(`${s.path}?jeton=${s.jeton}&fichier=1`);
      expect(telecharge.status).toBe(200);
      expect(telecharge.headers['content-disposition']).toContain('attachment');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says an état des lieux already validated, or returned, or not yet sent, instead of the form', async () => {
    const states: Record<string, unknown> = {};
    const { client } = fauxClient(states);
    const app = appDe(client);
    const { path, jeton } = await lien(ML_ID, 'valider-etat-des-lieux');
    states[ML_ID] = etatDesLieux({ statut: 'valide', revues: [{ version: 2, decision: 'valide', le: '2027-04-14T08:00:00.000Z', par: 'Nadia Keller' }] });
    expect((await request(app).get(`${path}?jeton=${jeton}`)).text).toContain('L’état des lieux (version 2) est déjà validé le mercredi 14 avril 2027');
    states[ML_ID] = etatDesLieux({
      statut: 'a_reprendre',
      revues: [{ version: 2, decision: 'a_reprendre', commentaires: 'x', le: '2027-04-14T08:00:00.000Z' }],
    });
    expect((await request(app).get(`${path}?jeton=${jeton}`)).text).toContain('a déjà été retourné au consultant');
    states[ML_ID] = etatDesLieux({ statut: 'en_cours', livrable: undefined, revues: [] });
    const pasEncore = await request(app).get(`${path}?jeton=${jeton}`);
    expect(pasEncore.status).toBe(410);
    expect(pasEncore.text).toContain('L’état des lieux de votre structure n’est pas encore déposé.');
    states[ML_ID] = etatDesLieux({ fin: { motif: 'La campagne est annulée.', le: '2027-05-01T08:00:00.000Z' } });
    expect((await request(app).get(`${path}?jeton=${jeton}`)).text).toContain('La démarche de progrès est terminée depuis le samedi 1er mai 2027');
  });

  it('asks one yes/no question per survey question and sends the answers with the ML’s code', async () => {
    const states: Record<string, unknown> = { [CAM]: campagne() };
    const { client, updates } = fauxClient(states);
    const app = appDe(client);
    const { path, jeton } = await lien(CAM, 'enquete');
    const page = await request(app).get(`${path}?jeton=${jeton}`);
    expect(page.text).toContain('Mutualiser les achats ?');
    expect(page.text).toContain('Répondre ensemble aux appels à projets ?');
    const incomplet = await request(app).post(path).type('form').send({ jeton, q0: 'oui' });
    expect(incomplet.status).toBe(400);
    expect(incomplet.text).toContain('id="e-q1">Répondez par oui ou par non.');
    const ok = await request(app).post(path).type('form').send({ jeton, q0: 'oui', q1: 'non' });
    expect(ok.status).toBe(200);
    expect(updates[0]).toMatchObject({ id: CAM, name: 'repondreEnquete' });
    expect(updates[0]!.args[0]).toEqual({ ml: 'ML-MULHOUSE', reponses: { achats: true, appels: false }, par: 'Nadia Keller' });
    states[CAM] = campagne({
      enquete: { ...campagne().enquete!, reponses: [{ ml: 'ML-MULHOUSE', reponses: { achats: true }, le: '2027-02-03T10:00:00.000Z' }] },
    });
    const presidence = await lien(CAM, 'enquete', PRESIDENCE.email);
    expect((await request(app).get(`${presidence.path}?jeton=${presidence.jeton}`)).text).toContain('Mission Locale de Mulhouse a déjà répondu à l’enquête');
    states[CAM] = campagne({ phase: 'cloturee', issue: { motif: 'Fin', le: '2027-12-01T10:00:00.000Z' } });
    const autre = await lien(CAM, 'enquete', AUTRE.direction.email);
    const close = await request(app).get(`${autre.path}?jeton=${autre.jeton}`);
    expect(close.status).toBe(410);
    expect(close.text).toContain('La démarche de progrès est close depuis le mercredi 1er décembre 2027');
  });

  it('refuses someone who is no ML’s direction or présidence of the campaign', async () => {
    const { client } = fauxClient({ [CAM]: campagne() });
    const { path, jeton } = await lien(CAM, 'enquete', 'quelquun@example.org');
    const res = await request(appDe(client)).get(`${path}?jeton=${jeton}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('Nous ne vous retrouvons pas parmi les directions et les présidences');
  });

  it('offers a fresh link for an expired one, sent to the same person', async () => {
    const { client, started } = fauxClient({ [CAM]: campagne() });
    const app = appDe(client);
    const { path, jeton } = await lien(CAM, 'enquete', DIRECTION.email, -60_000);
    const expire = await request(app).get(`${path}?jeton=${jeton}`);
    expect(expire.status).toBe(410);
    expect(expire.text).toContain('Ce lien a expiré');
    expect(expire.text).toContain(`action="/agir/${CAM}/enquete/nouveau-lien"`);
    const envoi = await request(app).post(`${path}/nouveau-lien`).type('form').send({ jeton });
    expect(envoi.status).toBe(202);
    expect(started).toEqual([
      {
        taskQueue: 'test',
        workflowId: expect.stringMatching(/^lien-/),
        args: [
          expect.objectContaining({
            dossier: { dossierId: CAM, dispositif: 'campagne', mlNom: 'Démarche de progrès des Missions Locales d’Alsace 2027', regionNom: 'Grand Est' },
            destinataire: DIRECTION,
            action: 'enquete',
            actionLibelle: 'Répondre à l’enquête auprès des directions',
          }),
        ],
      },
    ]);
  });
});

describe('a campaign’s link pages on the real workflows (time-skipping server)', () => {
  const TASK_QUEUE = 'campagne-liens-test';
  const id = 'CAM-00000000C1';
  const DIR_02 = 'direction.02@ml-alsace.example.org';
  const liensReels = new ActionLinks({ secret: 'campagne-liens-reels-0123456789abcdef0123456789', ttlMs: 30 * DAY, publicUrl: 'http://localhost:3000' });
  let env: TestWorkflowEnvironment;
  let mailbox: Mailbox;
  let stopWorker: () => Promise<void>;
  let app: Express;
  let h: WorkflowHandle<typeof campagneWf>;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    // The time-skipping server has no Schedules: the campaign's calls to them are answered here.
    const planification: Partial<CampagneActivities> = {
      planifierDialoguesGestion: async () => ({ scheduleId: 'enregistree', cree: true }),
      suspendreDialoguesGestion: async () => true,
      supprimerDialoguesGestion: async () => true,
    };
    ({ mailbox, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { actionLinks: liensReels, campagne: planification }));
    app = express();
    app.use(campagneLiensRouter(env.client, { TASK_QUEUE, DATA_DIR: '/nonexistent' }, liensReels, pino({ level: 'silent' })));
    h = await env.client.workflow.start(campagneWf, { taskQueue: TASK_QUEUE, workflowId: id, args: [campagneInput(id, 3, true)] });
  }, 120_000);

  afterAll(async () => {
    await stopWorker?.();
    await env?.teardown();
  });

  const inDays = (days: number) => inDaysOf(env, days);
  /** The personal link of the `kind` email about `dossierId` to `to` (the newest first when `dernier`). */
  async function lienDe(dossierId: string, kind: string, to: string, dernier = false): Promise<{ path: string; jeton: string }> {
    const trouve = await until(`a ${kind} link to ${to}`, async () => {
      const l = (await parseMails(mailbox.raw)).filter((m) => m.kind === kind && m.to.includes(to) && m.subject.includes(dossierId)).flatMap((m) => m.links);
      return dernier ? l.at(-1) : l[0];
    });
    const url = new URL(trouve);
    return { path: url.pathname, jeton: url.searchParams.get('jeton')! };
  }

  it('the support: a director acknowledges it from the link of the email; the présidence’s link then says it is done', async () => {
    await h.executeUpdate(M.diffuserSupport, { args: [{ nom: 'La démarche de progrès et ses engagements', url: 'https://unml.example.org/support.pdf' }] });
    const { path, jeton } = await lienDe(id, 'support_demarche', DIR_02);
    expect(path).toBe(`/agir/${id}/support-demarche`);
    const page = await request(app).get(`${path}?jeton=${jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('La démarche de progrès et ses engagements');
    expect(page.text).toContain('Directrice 02 (direction)');
    expect((await request(app).post(path).type('form').send({ jeton, pris_connaissance: 'oui' })).status).toBe(200);
    const vue = await h.query(M.getCampagne);
    expect(vue.support!.accuses).toEqual([{ ml: 'ML-ALS-02', le: expect.any(String), par: 'Directrice 02' }]);
    expect(vue.timeline.at(-1)).toMatchObject({ acteur: expect.stringContaining('ml'), source: 'lien' });
    const presidence = await lienDe(id, 'support_demarche', 'presidence.02@ml-alsace.example.org');
    const fait = await request(app).get(`${presidence.path}?jeton=${presidence.jeton}`);
    expect(fait.text).toContain('Le support a déjà été pris en connaissance pour Mission Locale d’Alsace 02');
    expect(fait.text).not.toContain('<form');
  });

  it('the état des lieux: the director returns it with comments (the field error first), a used link is refused, version 2 is validated', async () => {
    await h.executeUpdate(M.planifierReunion, { args: [{ type: 'presentation_presidents', debut: await inDays(2), lieu: 'Strasbourg' }] });
    await h.executeUpdate(M.planifierReunion, { args: [{ type: 'presentation_directeurs', debut: await inDays(3), lien: 'https://visio.example.org/dir' }] });
    await env.sleep(3 * DAY + 3_600_000);
    const reunions = (await h.query(M.getCampagne)).reunions;
    for (const cle of ['presentation_presidents', 'presentation_directeurs'])
      await h.executeUpdate(M.enregistrerPresence, { args: [{ cle, presents: reunions[cle]!.invites.slice(0, 2).map((r) => r.email) }] });
    await h.executeUpdate(M.passerPhase, { args: [{ phase: 'etat_des_lieux' }] });
    const enfantId = idMlCampagne(id, 'ML-ALS-02');
    const e = env.client.workflow.getHandle(enfantId);
    await until('the ML’s état des lieux open', async () => (await e.query(M.getMlCampagne).catch(() => undefined))?.statut === 'en_cours' || undefined);
    await e.executeUpdate(M.deposerDocumentEtude, {
      args: [{ categorie: 'bilan_activite', nom: 'Bilan d’activité 2026', url: 'https://ml.example.org/bilan.pdf' }],
    });
    for (const avec of ['president', 'directeur'] as const) await e.executeUpdate(M.enregistrerEntretien, { args: [{ avec, date: await inDays(0) }] });
    await e.executeUpdate(M.deposerEtatDesLieux, {
      args: [{ nom: 'État des lieux ML-ALS-02', url: 'https://cabinet.example.org/edl-02.pdf', synthese: 'Forces, fragilités et pistes de progrès.' }],
    });

    const v1 = await lienDe(enfantId, 'etat_des_lieux_a_valider', DIR_02);
    expect(v1.path).toBe(`/agir/${enfantId}/valider-etat-des-lieux`);
    const page = await request(app).get(`${v1.path}?jeton=${v1.jeton}`);
    expect(page.status).toBe(200);
    for (const vu of ['L’état des lieux (version 1)', 'Forces, fragilités et pistes de progrès.', 'href="https://cabinet.example.org/edl-02.pdf"'])
      expect(page.text).toContain(vu);
    const vide = await request(app).post(v1.path).type('form').send({ jeton: v1.jeton, decision: 'retourner' });
    expect(vide.status).toBe(400);
    expect(vide.text).toContain('id="e-commentaires">Indiquez vos commentaires pour retourner l’état des lieux au consultant.');
    const retour = await request(app).post(v1.path).type('form').send({ jeton: v1.jeton, decision: 'retourner', commentaires: 'Les partenariats manquent.' });
    expect(retour.status).toBe(200);
    expect((await e.query(M.getMlCampagne)).statut).toBe('a_reprendre');
    const auConsultant = await mailbox.attendre({ workflowId: enfantId }, 'etat_des_lieux_retourne');
    expect(auConsultant.message.commentaires).toBe('Les partenariats manquent.');
    // The same link again: the return is said, never the form.
    expect((await request(app).get(`${v1.path}?jeton=${v1.jeton}`)).text).toContain('a déjà été retourné au consultant');

    await e.executeUpdate(M.deposerEtatDesLieux, {
      args: [{ nom: 'État des lieux ML-ALS-02 (v2)', url: 'https://cabinet.example.org/edl-02-v2.pdf', synthese: 'Avec les partenariats.' }],
    });
    // The first link, used, does not serve for version 2.
    await until('version 2 sent', async () => (await e.query(M.getMlCampagne)).livrable?.version === 2 || undefined);
    const reutilise = await request(app).post(v1.path).type('form').send({ jeton: v1.jeton, decision: 'valider' });
    expect(reutilise.text).toContain('Ce lien a déjà été utilisé');
    const v2 = await lienDe(enfantId, 'etat_des_lieux_a_valider', DIR_02, true);
    expect(v2.jeton).not.toBe(v1.jeton);
    const page2 = await request(app).get(`${v2.path}?jeton=${v2.jeton}`);
    expect(page2.text).toContain('L’état des lieux (version 2)');
    expect(page2.text).toContain('Les partenariats manquent.');
    expect((await request(app).post(v2.path).type('form').send({ jeton: v2.jeton, decision: 'valider' })).status).toBe(200);
    const etat = await e.query(M.getMlCampagne);
    expect(etat.statut).toBe('valide');
    expect(etat.revues.at(-1)).toMatchObject({ version: 2, decision: 'valide', par: 'Directrice 02' });
    expect((await request(app).get(`${v2.path}?jeton=${v2.jeton}`)).text).toContain('L’état des lieux (version 2) est déjà validé');
  });

  it('an expired link: the same page as a dossier’s, and a fresh link by email that opens the form', async () => {
    const jeton = await liensReels.sign({ dossierId: id, action: 'enquete', email: 'direction.03@ml-alsace.example.org', role: 'ml', ttlMs: -60_000 });
    await h.executeUpdate(M.lancerEnquete, { args: [{}] });
    const expire = await request(app).get(`/agir/${id}/enquete?jeton=${jeton}`);
    expect(expire.status).toBe(410);
    expect(expire.text).toContain('Ce lien a expiré');
    expect((await request(app).post(`/agir/${id}/enquete/nouveau-lien`).type('form').send({ jeton })).status).toBe(202);
    const neuf = await lienDe(id, 'nouveau_lien', 'direction.03@ml-alsace.example.org');
    expect(neuf.path).toBe(`/agir/${id}/enquete`);
    const mail = (await parseMails(mailbox.raw)).find((m) => m.kind === 'nouveau_lien')!;
    expect(mail.text).toContain('Vous avez demandé un nouveau lien pour la démarche de progrès « Démarche de progrès des Missions Locales d’Alsace »');
    expect(mail.text).toContain('Répondre à l’enquête auprès des directions.');
    const page = await request(app).get(`${neuf.path}?jeton=${neuf.jeton}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mutualiser les achats');
  });

  it('the survey: a director answers yes or no to each question, once for the ML', async () => {
    const { path, jeton } = await lienDe(id, 'enquete_campagne', DIR_02);
    expect(path).toBe(`/agir/${id}/enquete`);
    const page = await request(app).get(`${path}?jeton=${jeton}`);
    expect(page.text).toContain('Mutualiser les achats');
    expect(page.text).toContain('Répondre ensemble aux appels à projets');
    expect((await request(app).post(path).type('form').send({ jeton, q0: 'oui' })).text).toContain('id="e-q1">Répondez par oui ou par non.');
    expect((await request(app).post(path).type('form').send({ jeton, q0: 'oui', q1: 'non' })).status).toBe(200);
    const vue = await h.query(M.getCampagne);
    expect(vue.enquete!.reponses).toEqual([{ ml: 'ML-ALS-02', reponses: { achats: true, appels_projets: false }, le: expect.any(String) }]);
    expect((await request(app).get(`${path}?jeton=${jeton}`)).text).toContain('Mission Locale d’Alsace 02 a déjà répondu à l’enquête');
  });
});
