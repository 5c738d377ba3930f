// Regional campaigns through the API (issue #13), end to end: a real Temporal dev server, the real worker, the
// reference data and the pool in a temporary SQLite database. The definition's refusals (400, French, per field),
// an unknown campaign (404), then a small campaign of three Alsatian MLs driven by hand from its creation to its first
// dialogue de gestion recorded, asserting what UNML staff see.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { idPlanificationDialogue } from '../workflows/campagne/state';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { DAY } from './helpers/fixtures';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

const MAX_BYTES = 64 * 1024;
let stack: ApiStack;
const { call, seen } = responseRecorder();

const CONSULTANT = { id: 'cns-GES', nom: 'Inès Roy', email: 'ines.roy@horizon-conseil.fr', type: 'consultant_cabinet', region: 'GES' } as const;
const DIRECTEUR = { id: 'dir-GES', nom: 'Paul Weber', email: 'direction@ml-metz.fr', type: 'directeur_ml', region: 'GES' } as const;

const personne = (nom: string, email: string) => ({ nom, email });
const ML = {
  strasbourg: {
    code: 'ML-STRASBOURG',
    direction: personne('Claire Muller', 'direction@ml-strasbourg.fr'),
    presidence: personne('Jean Schmitt', 'presidence@ml-strasbourg.fr'),
  },
  mulhouse: {
    code: 'ML-MULHOUSE',
    direction: personne('Sophie Meyer', 'direction@ml-mulhouse.fr'),
    presidence: personne('Luc Klein', 'presidence@ml-mulhouse.fr'),
  },
  colmar: { code: 'ML-COLMAR', direction: personne('Anne Wolff', 'direction@ml-colmar.fr'), presidence: personne('Marc Fischer', 'presidence@ml-colmar.fr') },
};
const FINANCEURS = [
  { nom: 'DIRECCTE Alsace', organisme: 'etat', contact: personne('Hélène Roth', 'helene.roth@direccte.gouv.fr') },
  { nom: 'Région Alsace', organisme: 'region', contact: personne('Pierre Hoffmann', 'pierre.hoffmann@region-alsace.fr') },
];
const jour = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const instant = (n: number) => new Date(Date.now() + n * DAY).toISOString();

/** A campaign's definition over the three MLs in two territories, with the State and the Région. */
function definition(over: Record<string, unknown> = {}) {
  return {
    nom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    mls: [ML.strasbourg, ML.mulhouse, ML.colmar],
    territoires: [
      { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG'] },
      { nom: 'Haut-Rhin', mls: ['ML-MULHOUSE', 'ML-COLMAR'] },
    ],
    financeurs: FINANCEURS,
    consultantId: CONSULTANT.id,
    calendrier: {
      cadrage: { debut: jour(1), fin: jour(60) },
      etat_des_lieux: { debut: jour(61), fin: jour(180) },
      analyse_transversale: { debut: jour(181), fin: jour(270) },
    },
    financement: { enveloppeCentimes: 150_000_000 },
    ...over,
  };
}

const get = (path: string) => call(request(stack.app).get(path));
const post = (path: string, body: unknown) =>
  call(
    request(stack.app)
      .post(path)
      .send(body as object),
  );
async function ok(path: string, body: unknown): Promise<request.Response> {
  const res = await post(path, body);
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
  return res;
}
const details = (res: request.Response) => (res.body.details as { path: string; message: string }[]).map((d) => `${d.path} : ${d.message}`);

beforeAll(async () => {
  stack = await startApiStack({ LIVRABLES_MAX_BYTES: String(MAX_BYTES) });
  for (const i of [CONSULTANT, DIRECTEUR]) await stack.ajouterIntervenant(i);
}, 180_000);

afterAll(async () => {
  expectNoStackTrace(seen, 5);
  await stack?.stop();
});

describe('creating a campaign: the definition checked', () => {
  it('answers 400 with every reason in French, each on its field', async () => {
    const res = await post(
      '/api/campagnes',
      definition({
        mls: [ML.strasbourg, ML.mulhouse, { ...ML.colmar, code: 'ML-LILLE' }],
        territoires: [
          { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG'] },
          { nom: 'Haut-Rhin', mls: ['ML-MULHOUSE', 'ML-LILLE'] },
        ],
        financeurs: [FINANCEURS[1]],
        consultantId: DIRECTEUR.id,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation');
    expect(details(res)).toEqual(
      expect.arrayContaining([
        'mls.2.code : Mission Locale de Lille (ML-LILLE) n’est pas de la région de la campagne : la campagne est régionale.',
        'financeurs : Il manque le financeur de l’État : la démarche se mène avec les deux.',
        expect.stringMatching(/^consultantId : Paul Weber n’est pas consultant·e de cabinet/),
      ]),
    );
    expect(res.body.message).toMatch(/^Requête invalide \(3 champs en erreur\)/);
  });

  it('answers 400 on an unknown consultant, phases out of order, a malformed date and a funding rule that does not add up', async () => {
    const res = await post(
      '/api/campagnes',
      definition({
        consultantId: 'cns-inconnu',
        calendrier: {
          cadrage: { debut: jour(1), fin: jour(90) },
          etat_des_lieux: { debut: jour(61), fin: jour(180) },
          analyse_transversale: { debut: jour(181), fin: jour(270) },
        },
        financement: {
          enveloppeCentimes: 1000,
          axes: [{ code: 'axe1', libelle: 'Axe 1', partPourDixMille: 6000, nature: 'fixe', indicateurs: [{ code: 'i1', libelle: 'Jeunes' }] }],
        },
      }),
    );
    expect(res.status).toBe(400);
    expect(details(res)).toEqual(
      expect.arrayContaining([
        'consultantId : Aucun intervenant cns-inconnu dans le vivier (GET /api/intervenants?type=consultant_cabinet).',
        'calendrier.etat_des_lieux.debut : La phase « état des lieux par structure » commence avant la fin de la phase « cadrage ».',
        expect.stringMatching(/^financement\.axes : Les parts des axes doivent faire 100 %/),
      ]),
    );
    const format = await post('/api/campagnes', definition({ calendrier: { cadrage: { debut: '15/01/2027', fin: jour(60) } }, region: 'XX' }));
    expect(format.status).toBe(400);
    expect(details(format)).toEqual(
      expect.arrayContaining([
        'calendrier.cadrage.debut : date attendue au format AAAA-MM-JJ (ex. 2027-01-15)',
        expect.stringMatching(/^region : /),
        expect.stringMatching(/^calendrier\.etat_des_lieux : /),
      ]),
    );
  });

  it('answers 404 in French for an unknown campaign, 400 for a malformed id', async () => {
    const inconnue = await get('/api/campagnes/CAM-0000000000');
    expect(inconnue.status).toBe(404);
    expect(inconnue.body).toEqual({ error: 'not_found', message: expect.stringContaining('Campagne inconnue : CAM-0000000000') });
    const action = await post('/api/campagnes/CAM-0000000000/cloture', {});
    expect(action.status).toBe(404);
    expect(action.body.message).toContain('Campagne inconnue');
    const ml = await get('/api/campagnes/CAM-0000000000/mls/ML-COLMAR');
    expect(ml.status).toBe(404);
    const malforme = await get('/api/campagnes/CMP-0123456789');
    expect(malforme.status).toBe(400);
    expect(details(malforme)).toEqual([expect.stringMatching(/^id : identifiant de campagne attendu au format CAM-XXXXXXXXXX/)]);
  });
});

describe('the campaign API’s documentation and idempotency', () => {
  it('documents every route in OpenAPI, with the refusals each answers', async () => {
    const doc = (await get('/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown>; 'x-acces'?: string }>> };
    for (const path of ['/api/campagnes/{id}/phase', '/api/campagnes/{id}/mls/{ml}/revue', '/api/campagnes/{id}/mls/{ml}/dialogues/{annee}/compte-rendu'])
      expect(Object.keys(doc.paths[path]!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(Object.keys(doc.paths['/api/campagnes/{id}/mls/{ml}/document']!.post!.responses)).toContain('413');
    expect(doc.paths['/api/campagnes']!.post!['x-acces']).toBe('charge_mission');
    expect(doc.paths['/api/campagnes/{id}']!.get!['x-acces']).toBe('lecture');
  });

  it('creates one campaign per Idempotency-Key', async () => {
    const cle = `cle-${Date.now()}`;
    const premiere = await call(request(stack.app).post('/api/campagnes').set('Idempotency-Key', cle).send(definition()));
    expect(premiere.status).toBe(201);
    const seconde = await call(request(stack.app).post('/api/campagnes').set('Idempotency-Key', cle).send(definition()));
    expect(seconde.status).toBe(200);
    expect(seconde.body.campagneId).toBe(premiere.body.campagneId);
    const annulee = await ok(`/api/campagnes/${premiere.body.campagneId as string}/annulation`, { motif: 'Créée pour un essai' });
    expect(annulee.body).toMatchObject({ phase: 'annulee', issue: { motif: 'Créée pour un essai' } });
    // Cancelled: the workflow ends once its emails are gone; an action is then refused with the reason, and it can still be read.
    const id = premiere.body.campagneId as string;
    await until('the cancelled campaign ended', async () =>
      (await stack.env.client.workflow.getHandle(id).describe()).status.name === 'COMPLETED' ? true : undefined,
    );
    expect(await refus(`/api/campagnes/${id}/cloture`, {})).toBe(`La campagne ${id} est annulée : l’action « cloture » n’est plus possible.`);
    expect((await get(`/api/campagnes/${id}`)).body).toMatchObject({ phase: 'annulee', progression: { total: 0 } });
  });
});

/** A tiny but well-formed PDF (header, one empty page, xref, trailer). */
function tinyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Expects a 409 and returns its reason. */
async function refus(path: string, body: unknown): Promise<string> {
  const res = await post(path, body);
  expect({ status: res.status, error: res.body.error }).toEqual({ status: 409, error: 'action_refusee' });
  return res.body.message as string;
}
const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A meeting in a moment (meetings are planned in the future, their attendance recorded once started). */
const bientot = () => new Date(Date.now() + 1500).toISOString();

describe('a campaign driven by hand through the API', () => {
  it('runs from its creation to the first dialogue de gestion recorded', async () => {
    // --- Creation -----------------------------------------------------------------------------------------------
    const creee = await ok('/api/campagnes', definition({ enquete: { questions: [{ code: 'achats', libelle: 'Mutualiser les achats' }] } }));
    expect(creee.status).toBe(201);
    const id = creee.body.campagneId as string;
    expect(id).toMatch(/^CAM-[0-9A-F]{10}$/);
    expect(creee.body).toMatchObject({ phase: 'cadrage', lien: `/api/campagnes/${id}` });
    expect(creee.headers.location).toBe(`/api/campagnes/${id}`);
    const C = `/api/campagnes/${id}`;
    const debut = (await get(C)).body;
    expect(debut).toMatchObject({
      campagneId: id,
      phase: 'cadrage',
      region: 'GES',
      consultant: { id: CONSULTANT.id, nom: CONSULTANT.nom, cabinet: 'Cabinet Test' },
    });
    // The names come from the reference data; UNML's lead of the campaign is the account that created it.
    expect(debut.mls.map((m: { code: string; nom: string; territoire: string }) => `${m.code} ${m.nom} (${m.territoire})`)).toEqual([
      'ML-STRASBOURG Mission Locale pour l’Emploi de Strasbourg (Bas-Rhin)',
      'ML-MULHOUSE Mission Locale de la Région Mulhousienne (Haut-Rhin)',
      'ML-COLMAR Mission Locale du Centre Alsace (Haut-Rhin)',
    ]);
    expect(debut.contactUnml).toEqual({ nom: stack.compteAdmin.nom, email: stack.compteAdmin.email });
    expect(debut.financement).toMatchObject({ enveloppe: 150_000_000, avancePourDixMille: 8000 });
    expect(debut.financement.axes.map((a: { code: string }) => a.code)).toEqual(['axe1', 'axe2', 'axe3']);
    const liste = await until('the campaign in the list', async () => {
      const res = await get('/api/campagnes?region=GES&phase=cadrage');
      return (res.body.items as { campagneId: string }[]).find((c) => c.campagneId === id);
    });
    expect(liste).toMatchObject({ nom: 'Démarche de progrès des Missions Locales d’Alsace 2027', region: 'GES', phase: 'cadrage', status: 'RUNNING' });
    expect((await get('/api/campagnes?region=NOR')).body.items).toEqual([]);
    const pasCommence = await get(`${C}/mls/ML-COLMAR`);
    expect(pasCommence.status).toBe(404);
    expect(pasCommence.body.message).toBe('L’état des lieux de ML-COLMAR n’a pas commencé (campagne en phase « cadrage »).');
    expect((await get(`${C}/mls/ML-METZ`)).body.message).toBe(
      `La Mission Locale ML-METZ ne fait pas partie de la campagne ${id} (voir « mls » de GET /api/campagnes/${id}).`,
    );

    // --- Phase 1: cadrage --------------------------------------------------------------------------------------------
    expect(await refus(`${C}/phase`, { phase: 'etat_des_lieux' })).toBe(
      'Pas encore : la présentation de la démarche aux présidents n’a pas eu lieu ; la présentation de la démarche aux directeurs n’a pas eu lieu ; ' +
        'le support de la démarche n’a pas été diffusé.',
    );
    expect(await refus(`${C}/phase`, { phase: 'suivi' })).toBe(
      'La campagne est en phase « cadrage » : la phase suivante n’est pas « suivi des projets de structure ».',
    );
    const entretien = await ok(`${C}/entretien-contextuel`, { date: jour(-3), avec: 'Hélène Roth, DIRECCTE Alsace', par: 'Sophie' });
    expect(entretien.body.entretiensContextuels).toEqual([{ date: jour(-3), avec: 'Hélène Roth, DIRECCTE Alsace', par: 'Sophie' }]);
    // The timeline names the account that acted, and where from (the API, with its token).
    expect(entretien.body.timeline.at(-1)).toMatchObject({ evenement: 'Entretien contextuel', source: 'api', compte: stack.compteAdmin.id });
    const presidents = await ok(`${C}/reunion`, { type: 'presentation_presidents', debut: bientot(), lieu: 'Strasbourg' });
    expect(presidents.body.reunions.presentation_presidents.invites.map((i: { email: string }) => i.email)).toEqual(
      expect.arrayContaining(['presidence@ml-strasbourg.fr', 'presidence@ml-mulhouse.fr', 'presidence@ml-colmar.fr', CONSULTANT.email]),
    );
    await ok(`${C}/reunion`, { type: 'presentation_directeurs', debut: bientot(), lien: 'https://visio.example.org/directeurs' });
    await ok(`${C}/reunion`, { type: 'groupe_de_travail', debut: instant(7), mls: ['ML-MULHOUSE', 'ML-COLMAR'] });
    expect(await refus(`${C}/presence`, { cle: 'groupe_de_travail-1', presents: ['direction@ml-colmar.fr'] })).toMatch(/n’a pas encore commencé/);
    await ok(`${C}/annulation-reunion`, { cle: 'groupe_de_travail-1', motif: 'Reporté après les présentations' });
    await attendre(1600);
    expect(await refus(`${C}/presence`, { cle: 'presentation_presidents', presents: ['inconnu@example.org'] })).toBe(
      'Ces personnes n’étaient pas invitées à « Présentation de la démarche aux présidents – Démarche de progrès des Missions Locales d’Alsace 2027 » : ' +
        'inconnu@example.org.',
    );
    await ok(`${C}/presence`, {
      cle: 'presentation_presidents',
      presents: ['presidence@ml-strasbourg.fr', 'presidence@ml-colmar.fr'],
      compteRendu: 'Démarche présentée.',
    });
    const tenues = await ok(`${C}/presence`, {
      cle: 'presentation_directeurs',
      presents: ['direction@ml-strasbourg.fr', 'direction@ml-mulhouse.fr', 'direction@ml-colmar.fr'],
    });
    expect(tenues.body.reunions.presentation_directeurs.tenue.presents).toHaveLength(3);
    expect(tenues.body.reunions['groupe_de_travail-1'].annulee).toBe(true);
    const support = await ok(`${C}/support`, { nom: 'Support de présentation de la démarche', url: 'https://unml.example.org/demarche-alsace.pdf' });
    expect(support.body.support).toMatchObject({ nom: 'Support de présentation de la démarche', accuses: [] });
    for (const ml of ['ML-STRASBOURG', 'ML-MULHOUSE', 'ML-COLMAR']) await ok(`${C}/accuse-support`, { ml });
    expect(await refus(`${C}/accuse-support`, { ml: 'ML-COLMAR' })).toBe('Mission Locale du Centre Alsace a déjà pris connaissance du support de la démarche.');
    expect(await refus(`${C}/accuse-support`, { ml: 'ML-METZ' })).toBe('ML-METZ ne fait pas partie des Missions Locales de la campagne.');
    const enquete = await ok(`${C}/enquete`, { reponsesAvant: jour(30) });
    expect(enquete.body.enquete.lanceeLe).toEqual(expect.any(String));
    const reponse = await ok(`${C}/enquete/reponse`, { ml: 'ML-MULHOUSE', reponses: { achats: true } });
    expect(reponse.body.enquete.reponses).toEqual([{ ml: 'ML-MULHOUSE', reponses: { achats: true }, le: expect.any(String) }]);

    // --- Phase 2: état des lieux, per ML --------------------------------------------------------------------------------
    const phase2 = await ok(`${C}/phase`, { phase: 'etat_des_lieux' });
    expect(phase2.body.phase).toBe('etat_des_lieux');
    const vue2 = await until('the MLs’ états des lieux under way', async () => {
      const v = (await get(C)).body;
      return v.etatsDesLieux.length === 3 ? v : undefined;
    });
    expect(vue2.progression).toMatchObject({ texte: '0 sur 3 états des lieux validés', valides: 0, total: 3, complet: false });
    const M = (code: string) => `${C}/mls/${code}`;
    const colmar = await until('the child of ML-COLMAR', async () => {
      const res = await get(M('ML-COLMAR'));
      return res.status === 200 ? res.body : undefined;
    });
    expect(colmar).toMatchObject({ campagneId: id, dossierId: `${id}-ML-COLMAR`, statut: 'en_cours', territoire: 'Haut-Rhin', documents: [] });

    // The documentary study: a file (checked and stored like deliverables) or a link.
    const pdf = tinyPdf();
    const doc = await ok(`${M('ML-STRASBOURG')}/document`, {
      categorie: 'bilan_activite',
      nom: 'Bilan d’activité 2026',
      fichier: { nomFichier: 'bilan-2026.pdf', type: 'application/pdf', contenuBase64: pdf.toString('base64') },
    });
    const fichier = doc.body.documents[0].fichier as { type: string; tailleOctets: number; sha256: string };
    expect(fichier).toEqual({ type: 'application/pdf', tailleOctets: pdf.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(existsSync(join(stack.dataDir, 'livrables', `${id}-ML-STRASBOURG`, fichier.sha256))).toBe(true);
    const gros = Buffer.concat([pdf, Buffer.alloc(MAX_BYTES)]);
    const tropGros = await post(`${M('ML-STRASBOURG')}/document`, {
      categorie: 'evaluation',
      nom: 'Évaluation',
      fichier: { nomFichier: 'evaluation.pdf', type: 'application/pdf', contenuBase64: gros.toString('base64') },
    });
    expect(tropGros.status).toBe(413);
    expect(tropGros.body.message).toMatch(/^Le fichier « evaluation\.pdf » fait .* : un document ne peut dépasser 64 ko/);
    const pasUnPdf = await post(`${M('ML-STRASBOURG')}/document`, {
      categorie: 'evaluation',
      nom: 'Évaluation',
      fichier: { nomFichier: 'evaluation.pdf', type: 'application/pdf', contenuBase64: Buffer.from('pas un PDF').toString('base64') },
    });
    expect(pasUnPdf.status).toBe(400);
    expect(details(pasUnPdf)[0]).toMatch(/^fichier\.contenuBase64 : le contenu ne correspond pas au type déclaré PDF/);
    const lien = await ok(`${M('ML-MULHOUSE')}/document`, {
      categorie: 'projet',
      nom: 'Projet de structure 2024',
      url: 'https://ml-mulhouse.example.org/projet.pdf',
    });
    expect(lien.body.documents).toEqual([expect.objectContaining({ numero: 1, categorie: 'projet', url: 'https://ml-mulhouse.example.org/projet.pdf' })]);
    const lesDeux = await post(`${M('ML-MULHOUSE')}/document`, {
      categorie: 'projet',
      nom: 'Projet',
      url: 'https://ml-mulhouse.example.org/projet.pdf',
      fichier: { nomFichier: 'projet.pdf', type: 'application/pdf', contenuBase64: pdf.toString('base64') },
    });
    expect(lesDeux.status).toBe(400);
    const sansRien = await post(`${M('ML-COLMAR')}/document`, { categorie: 'projet', nom: 'Projet' });
    expect(sansRien.status).toBe(400);
    expect(details(sansRien)).toEqual(['fichier : un fichier (fichier) ou un lien (url) attendu, l’un ou l’autre']);
    await ok(`${M('ML-COLMAR')}/document`, {
      categorie: 'diagnostic_territorial',
      nom: 'Diagnostic territorial',
      url: 'https://ml-colmar.example.org/diag.pdf',
    });
    expect(
      await refus(`${M('ML-COLMAR')}/etat-des-lieux`, { nom: 'État des lieux', synthese: 'Synthèse', url: 'https://cabinet.example.org/edl-colmar.pdf' }),
    ).toBe('L’état des lieux ne peut pas encore être envoyé : pas d’entretien avec le président ; pas d’entretien avec le directeur.');
    for (const ml of ['ML-STRASBOURG', 'ML-MULHOUSE', 'ML-COLMAR']) {
      await ok(`${M(ml)}/entretien`, { avec: 'president', date: jour(-1), compteRendu: 'Entretien avec la présidence.' });
      await ok(`${M(ml)}/entretien`, { avec: 'directeur', date: jour(-1) });
    }
    const futur = await refus(`${M('ML-COLMAR')}/entretien`, { avec: 'directeur', date: jour(2) });
    expect(futur).toBe('Un entretien s’enregistre une fois tenu : sa date ne peut pas être dans le futur.');
    const envoye = await ok(`${M('ML-STRASBOURG')}/etat-des-lieux`, {
      nom: 'État des lieux — Strasbourg',
      synthese: 'Une structure solide, une offre de service à clarifier.',
      fichier: { nomFichier: 'edl-strasbourg.pdf', type: 'application/pdf', contenuBase64: pdf.toString('base64') },
    });
    expect(envoye.body).toMatchObject({ statut: 'livrable_a_valider', livrable: { version: 1, fichier: { sha256: fichier.sha256 } } });
    for (const ml of ['ML-MULHOUSE', 'ML-COLMAR'])
      await ok(`${M(ml)}/etat-des-lieux`, {
        nom: `État des lieux — ${ml}`,
        synthese: 'Synthèse de l’état des lieux.',
        url: `https://cabinet.example.org/edl-${ml}.pdf`,
      });

    // Staff download the files (a link: redirected to it).
    const telecharger = (path: string) =>
      call(
        request(stack.app)
          .get(path)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          }),
      );
    for (const path of [`${M('ML-STRASBOURG')}/documents/1`, `${M('ML-STRASBOURG')}/etat-des-lieux`]) {
      const fichierPdf = await telecharger(path);
      expect(fichierPdf.status).toBe(200);
      expect(fichierPdf.headers['content-type']).toMatch(/^application\/pdf/);
      expect((fichierPdf.body as Buffer).equals(pdf)).toBe(true);
    }
    expect((await telecharger(`${M('ML-STRASBOURG')}/documents/1`)).headers['content-disposition']).toContain(
      "filename*=UTF-8''Bilan%20d%E2%80%99activit%C3%A9%202026.pdf",
    );
    const redirige = await get(`${M('ML-MULHOUSE')}/documents/1`);
    expect({ status: redirige.status, location: redirige.headers.location }).toEqual({ status: 302, location: 'https://ml-mulhouse.example.org/projet.pdf' });
    expect((await get(`${C}/support`)).headers.location).toBe('https://unml.example.org/demarche-alsace.pdf');
    const absent = await get(`${M('ML-MULHOUSE')}/documents/9`);
    expect({ status: absent.status, message: absent.body.message }).toEqual({
      status: 404,
      message: 'Document n° 9 inconnu pour ML-MULHOUSE (documents : 1).',
    });

    // The directors' reviews (staff on their behalf): Colmar's returned with comments, then validated.
    const sansCommentaire = await post(`${M('ML-COLMAR')}/revue`, { decision: 'retourner' });
    expect(sansCommentaire.status).toBe(400);
    expect(details(sansCommentaire)).toEqual(['commentaires : pour retourner l’état des lieux, dites ce qui est à reprendre']);
    const retour = await ok(`${M('ML-COLMAR')}/revue`, { decision: 'retourner', commentaires: 'Les chiffres 2026 manquent.', par: 'Anne Wolff' });
    expect(retour.body).toMatchObject({
      statut: 'a_reprendre',
      revues: [{ version: 1, decision: 'a_reprendre', commentaires: 'Les chiffres 2026 manquent.' }],
    });
    expect(await refus(`${M('ML-COLMAR')}/revue`, { decision: 'valider' })).toBe(
      'Aucun état des lieux n’attend votre revue : le consultant ne l’a pas encore (re)envoyé.',
    );
    await ok(`${M('ML-STRASBOURG')}/revue`, { decision: 'valider', par: 'Claire Muller' });
    await ok(`${M('ML-MULHOUSE')}/revue`, { decision: 'valider' });
    const deuxSurTrois = await until('2 of 3 validated', async () => {
      const v = (await get(C)).body;
      return v.progression.valides === 2 ? v : undefined;
    });
    expect(deuxSurTrois.progression).toMatchObject({ texte: '2 sur 3 états des lieux validés', manquantes: ['Mission Locale du Centre Alsace'] });
    expect(await refus(`${C}/phase`, { phase: 'analyse_transversale' })).toBe(
      '2 sur 3 états des lieux validés. Pour clore la phase sans Mission Locale du Centre Alsace, indiquez le motif : il est enregistré avec leurs noms.',
    );
    await ok(`${M('ML-COLMAR')}/point-bloquant`, { point: 'Conseil d’administration pas encore réuni' });
    const bloque = await until('the blocking point shown', async () => {
      const v = (await get(C)).body;
      return v.progression.bloquants.length ? v : undefined;
    });
    expect(bloque.progression.bloquants).toEqual([{ nom: 'Mission Locale du Centre Alsace', point: 'Conseil d’administration pas encore réuni' }]);
    await ok(`${M('ML-COLMAR')}/levee-point-bloquant`, { commentaire: 'CA réuni' });
    const v2 = await ok(`${M('ML-COLMAR')}/etat-des-lieux`, {
      nom: 'État des lieux — Colmar (v2)',
      synthese: 'Avec les chiffres 2026.',
      url: 'https://cabinet.example.org/edl-colmar-v2.pdf',
    });
    expect(v2.body.livrable.version).toBe(2);
    const valide = await ok(`${M('ML-COLMAR')}/revue`, { decision: 'valider' });
    expect(valide.body.statut).toBe('valide');
    expect(await refus(`${M('ML-COLMAR')}/document`, { categorie: 'autre', nom: 'Encore', url: 'https://ml-colmar.example.org/x.pdf' })).toMatch(
      /^L’état des lieux de Mission Locale du Centre Alsace est validé/,
    );

    // Every état des lieux validated: the campaign moves on to the analyse transversale by itself.
    const phase3 = await until('the analyse transversale', async () => {
      const v = (await get(C)).body;
      return v.phase === 'analyse_transversale' ? v : undefined;
    });
    expect(phase3.progression).toMatchObject({ texte: '3 sur 3 états des lieux validés', complet: true, manquantes: [] });
    expect(await refus(`${C}/phase`, { phase: 'analyse_transversale' })).toBe(
      'La campagne est en phase « analyse transversale et préconisations » : la phase suivante n’est pas « analyse transversale et préconisations ».',
    );

    // --- Phase 3: analyse transversale, restitution per territory --------------------------------------------------------
    expect(await refus(`${C}/phase`, { phase: 'suivi' })).toBe(
      'Pas encore : l’analyse transversale n’est pas enregistrée ; la restitution du territoire « Bas-Rhin » n’a pas eu lieu ; ' +
        'la restitution du territoire « Haut-Rhin » n’a pas eu lieu.',
    );
    const analyse = await ok(`${C}/analyse`, {
      bonnesPratiques: ['Accueil sans rendez-vous'],
      difficultesStructurelles: ['Locaux trop petits'],
      obstaclesExternes: ['Mobilité des jeunes'],
      preconisations: ['Mutualiser la fonction achats'],
    });
    expect(analyse.body.analyse.preconisations).toEqual(['Mutualiser la fonction achats']);
    for (const territoire of ['Bas-Rhin', 'Haut-Rhin']) await ok(`${C}/reunion`, { type: 'restitution', territoire, debut: bientot() });
    await attendre(1600);
    await ok(`${C}/presence`, { cle: 'restitution-1', presents: ['presidence@ml-strasbourg.fr', 'direction@ml-strasbourg.fr'] });
    await ok(`${C}/presence`, { cle: 'restitution-2', presents: ['direction@ml-mulhouse.fr', 'direction@ml-colmar.fr'] });
    const suivi = await ok(`${C}/phase`, { phase: 'suivi' });
    expect(suivi.body.phase).toBe('suivi');

    // --- After: the projet de structure, then the first dialogue de gestion ------------------------------------------------
    const projet = await ok(`${M('ML-STRASBOURG')}/projet-de-structure`, {
      besoinsJeunes: 'Décrochage scolaire, mobilité',
      offreDeService: 'Accueil, accompagnement renforcé',
      moyens: '25 conseillers',
      planAction: [{ action: 'Ouvrir une antenne à Illkirch', echeance: jour(365) }],
      besoinsNonCouverts: 'Logement des jeunes',
      valideDu: jour(0),
    });
    expect(projet.body.projetDeStructure).toMatchObject({ valideDu: jour(0), valideAu: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // The child plans the yearly dialogue de gestion (a Schedule, activities/campagne.ts) and then waits for the renewal.
    const planifie = await until('the dialogue de gestion’s Schedule planned', async () => {
      const etat = (await get(M('ML-STRASBOURG'))).body;
      return etat.prochaineEcheance?.quoi === 'Renouvellement du projet de structure' ? etat : undefined;
    });
    expect(planifie.statut).toBe('valide');
    const schedule = await stack.env.client.schedule.getHandle(idPlanificationDialogue(id, 'ML-STRASBOURG')).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'dialogueDeGestion' });

    const D = `${M('ML-STRASBOURG')}/dialogues`;
    expect((await get(`${D}/2028`)).status).toBe(404);
    const demarre = await post(D, { annee: 2028 });
    expect(demarre.status).toBe(201);
    expect(demarre.body).toEqual({ dialogueId: `${id}-ML-STRASBOURG-DG-2028`, lien: `${D}/2028` });
    expect(await refus(D, { annee: 2028 })).toBe(`Le dialogue de gestion 2028 de ML-STRASBOURG existe déjà (${id}-ML-STRASBOURG-DG-2028) : GET ${D}/2028.`);
    const pret = await until('the dialogue prepared', async () => {
      const res = await get(`${D}/2028`);
      return res.status === 200 && res.body.contexte ? res.body : undefined;
    });
    expect(pret).toMatchObject({
      annee: 2028,
      statut: 'a_preparer',
      contexte: { ml: { code: 'ML-STRASBOURG' }, planAction: [{ action: 'Ouvrir une antenne à Illkirch' }] },
    });
    expect(pret.contexte.indicateursAxe3.map((x: { code: string }) => x.code)).toEqual(['i8', 'i9']);
    const plan = await ok(`${D}/2028/planification`, { debut: instant(14), lieu: 'Région Grand Est, Strasbourg' });
    expect(plan.body).toMatchObject({ statut: 'planifie', reunion: { lieu: 'Région Grand Est, Strasbourg' } });
    expect(await refus(`${D}/2028/compte-rendu`, { revuePlanAction: 'Antenne ouverte', axe3: { valeurs: { i8: 2 }, motif: 'Deux projets coopératifs' } })).toBe(
      'Il manque la valeur de l’axe 3 pour : Opérations avec des acteurs du marché du travail autres que Pôle emploi.',
    );
    const motif = 'Deux projets coopératifs avec Mulhouse et une opération avec la Chambre de métiers : le choix de la Région est argumenté.';
    const tenu = await ok(`${D}/2028/compte-rendu`, { revuePlanAction: 'Antenne ouverte en septembre', axe3: { valeurs: { i8: 2, i9: 1 }, motif } });
    expect(tenu.body).toMatchObject({ statut: 'tenu', tenu: { annee: 2028, axe3: { valeurs: { i8: 2, i9: 1 }, motif } } });
    // The campaign settles axe 3 for the year; the ML keeps the dialogue with its projet de structure.
    const axe3 = await until('axe 3 settled on the campaign', async () => {
      const v = (await get(C)).body;
      return v.axe3.length ? v.axe3 : undefined;
    });
    expect(axe3).toEqual([{ annee: 2028, ml: 'ML-STRASBOURG', valeurs: { i8: 2, i9: 1 }, motif, le: expect.any(String) }]);
    const dialogues = await until('the dialogue on the ML', async () => {
      const etat = (await get(M('ML-STRASBOURG'))).body;
      return etat.dialogues.length ? etat.dialogues : undefined;
    });
    expect(dialogues).toEqual([expect.objectContaining({ annee: 2028, revuePlanAction: 'Antenne ouverte en septembre' })]);
    const encore = await post(`${D}/2028/compte-rendu`, { revuePlanAction: 'Encore', axe3: { valeurs: { i8: 0, i9: 0 }, motif: 'Encore' } });
    expect(encore.status).toBe(409);
  }, 180_000);
});
