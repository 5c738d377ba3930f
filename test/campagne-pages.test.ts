// The regional campaigns in the back office (issue #13), on the real stack (Temporal dev server, worker, SMTP sink):
// a campaign created through the API, then followed and driven by a signed-in chargée de mission in the browser: the
// list, the campaign's page (French headings, progress), its « reunion » form built from the API's schema (a missing
// date said next to its field, then planned: redirected, the meeting listed), the support by its link, the phase
// passed from the page; one ML's page and its blocking point, shown on the campaign's page; and a `lecture` account
// that reads without any form and is refused every POST.
import request from 'supertest';
import { regleDe } from '../api/acces/routes';
import { isoToParisLocal } from '../domain/format';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { compteDeTest, type CompteDeTest } from './helpers/acces';
import { session as sessionDe } from './helpers/connexion';
import { DAY } from './helpers/fixtures';
import { until } from './helpers/temporal';

let stack: ApiStack;
let charge: CompteDeTest;
let lecteur: CompteDeTest;

const CONSULTANT = { id: 'cns-PAGES', nom: 'Inès Roy', email: 'ines.roy@horizon-conseil.fr', type: 'consultant_cabinet', region: 'GES' } as const;
const personne = (nom: string, email: string) => ({ nom, email });
const jour = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

/** Seed 004's Alsace in small: three MLs in two territories, the State and the Région. */
const definition = () => ({
  nom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
  region: 'GES',
  mls: [
    {
      code: 'ML-STRASBOURG',
      direction: personne('Claire Muller', 'direction@ml-strasbourg.fr'),
      presidence: personne('Jean Schmitt', 'presidence@ml-strasbourg.fr'),
    },
    { code: 'ML-MULHOUSE', direction: personne('Sophie Meyer', 'direction@ml-mulhouse.fr'), presidence: personne('Luc Klein', 'presidence@ml-mulhouse.fr') },
    { code: 'ML-COLMAR', direction: personne('Anne Wolff', 'direction@ml-colmar.fr'), presidence: personne('Marc Fischer', 'presidence@ml-colmar.fr') },
  ],
  territoires: [
    { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG'] },
    { nom: 'Haut-Rhin', mls: ['ML-MULHOUSE', 'ML-COLMAR'] },
  ],
  financeurs: [
    { nom: 'DIRECCTE Alsace', organisme: 'etat', contact: personne('Hélène Roth', 'helene.roth@direccte.gouv.fr') },
    { nom: 'Région Alsace', organisme: 'region', contact: personne('Pierre Hoffmann', 'pierre.hoffmann@region-alsace.fr') },
  ],
  consultantId: CONSULTANT.id,
  calendrier: {
    cadrage: { debut: jour(1), fin: jour(60) },
    etat_des_lieux: { debut: jour(61), fin: jour(180) },
    analyse_transversale: { debut: jour(181), fin: jour(270) },
  },
  financement: { enveloppeCentimes: 150_000_000 },
});

beforeAll(async () => {
  stack = await startApiStack();
  await stack.ajouterIntervenant(CONSULTANT);
  charge = await compteDeTest(stack.comptes, 'charge_mission');
  lecteur = await compteDeTest(stack.comptes, 'lecture');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const champ = (action: string, nom: string) => `a-${action.replace(/[^a-z0-9]+/gi, '-')}__${nom}`;
/** A posted form of an action: its fields named as the page names them, with the session's CSRF token. */
const formulaire = (csrf: string, action: string, champs: Record<string, string>) => ({
  _csrf: csrf,
  _action: action,
  ...Object.fromEntries(Object.entries(champs).map(([k, v]) => [champ(action, k), v])),
});
/** The page's HTML around the field `nom` (its label, input and error). */
function autourDu(html: string, nom: string): string {
  const i = html.indexOf(`id="f-${nom}"`);
  expect(i).toBeGreaterThan(-1);
  return html.slice(Math.max(0, i - 400), i + 900);
}
const csrfDe = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
async function ok(path: string, body: unknown): Promise<request.Response> {
  const res = await request(stack.app)
    .post(path)
    .send(body as object);
  if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${res.text}`);
  return res;
}

it('reads the campaign pages from `lecture` up, posts their forms from `charge_mission` up', () => {
  expect(regleDe('GET', '/campagnes')?.acces).toBe('lecture');
  expect(regleDe('GET', '/campagnes/CAM-0123456789')?.acces).toBe('lecture');
  expect(regleDe('GET', '/campagnes/CAM-0123456789/mls/ML-COLMAR')?.acces).toBe('lecture');
  expect(regleDe('POST', '/campagnes/CAM-0123456789/actions/reunion')?.acces).toBe('charge_mission');
  expect(regleDe('POST', '/campagnes/CAM-0123456789/actions/enquete/reponse')?.acces).toBe('charge_mission');
  expect(regleDe('POST', '/campagnes/CAM-0123456789/mls/ML-COLMAR/actions/point-bloquant')?.acces).toBe('charge_mission');
});

it('follows and drives a campaign in the browser', async () => {
  const creee = await ok('/api/campagnes', definition());
  const id = creee.body.campagneId as string;
  const url = `/campagnes/${id}`;
  const agent = await sessionDe(stack, charge);

  // The list: the campaign, its région and phase in French, its progress; the nav links to it.
  const liste = await until('the campaign in the list', async () => {
    const res = await agent.get('/campagnes');
    return res.text.includes(id) ? res : undefined;
  });
  expect(liste.status).toBe(200);
  expect(liste.text).toContain('<h1>Campagnes régionales</h1>');
  expect(liste.text).toContain(`href="/campagnes/${id}"`);
  expect(liste.text).toContain('Démarche de progrès des Missions Locales d’Alsace 2027');
  expect(liste.text).toContain('Grand Est');
  expect(liste.text).toContain('cadrage');
  expect(liste.text).toContain('états des lieux pas encore commencés');
  expect(liste.text).toMatch(/<a href="\/campagnes" aria-current="page">Campagnes<\/a>/);

  // The campaign's page: French headings, calendar, one row per ML, the forms of the cadrage.
  const page = await agent.get(url);
  expect(page.status).toBe(200);
  for (const titre of [
    'Résumé',
    'Avancement des états des lieux',
    'Missions Locales',
    'Réunions',
    'Support de la démarche',
    'Financement',
    'Actions possibles',
    'Historique',
  ])
    expect(page.text).toContain(`>${titre}</h2>`);
  expect(page.text).toContain('cadrage (phase en cours)');
  expect(page.text).toContain('Mission Locale du Centre Alsace');
  expect(page.text).toContain('Haut-Rhin');
  expect(page.text).toContain(`href="/campagnes/${id}/mls/ML-COLMAR"`);
  expect(page.text).toContain(`action="/campagnes/${id}/actions/reunion#a-reunion"`);
  expect(page.text).toContain(`id="f-${champ('reunion', 'debut')}"`);
  expect(page.text).toContain('Aucune réunion planifiée.');
  const csrf = csrfDe(page.text);
  expect(csrf).toBeTruthy();

  // The « reunion » form without its date: the French error next to the field, the values kept.
  const sansDate = await agent
    .post(`${url}/actions/reunion`)
    .type('form')
    .send(formulaire(csrf, 'reunion', { type: 'presentation_presidents', lieu: 'Strasbourg, salle du conseil' }));
  expect(sansDate.status).toBe(400);
  expect(autourDu(sansDate.text, champ('reunion', 'debut'))).toContain('Ce champ est obligatoire.');
  expect(sansDate.text).toContain('Le formulaire contient');
  expect(autourDu(sansDate.text, champ('reunion', 'lieu'))).toContain('Strasbourg, salle du conseil');

  // Valid: planned, back to the page with a confirmation, the meeting listed with its invited.
  const debut = isoToParisLocal(new Date(Date.now() + 7 * DAY));
  const planifiee = await agent
    .post(`${url}/actions/reunion`)
    .type('form')
    .send(formulaire(csrf, 'reunion', { type: 'presentation_presidents', debut, lieu: 'Strasbourg, salle du conseil' }));
  expect(planifiee.status).toBe(303);
  expect(planifiee.headers.location).toBe(`${url}?fait=reunion#t-actions`);
  const apres = await agent.get(`${url}?fait=reunion`);
  expect(apres.text).toContain('Action enregistrée');
  expect(apres.text).toContain('Présentation aux présidences');
  expect(apres.text).toContain('planifiée');
  const vue = (await request(stack.app).get(`/api/campagnes/${id}`)).body;
  const reunion = vue.reunions.presentation_presidents as { invites: unknown[]; lieu: string };
  expect(reunion.lieu).toBe('Strasbourg, salle du conseil');
  expect(apres.text).toMatch(new RegExp(`<td>${reunion.invites.length}</td>`));
  // Who acted: the signed-in account, from the back office.
  expect(vue.timeline.at(-1)).toMatchObject({ compte: charge.compte.id, source: 'back_office' });

  // A refusal: the workflow's reason next to the form (the presentations have not been held).
  const refus = await agent
    .post(`${url}/actions/phase`)
    .type('form')
    .send(formulaire(csrf, 'phase', { phase: 'etat_des_lieux' }));
  expect(refus.status).toBe(409);
  expect(refus.text).toContain('Action refusée');
  expect(refus.text).toContain('la présentation de la démarche aux présidents n’a pas eu lieu');

  // The support by its link (a file goes through the API: the form has no file field).
  expect(page.text).not.toContain(`id="f-${champ('support', 'fichier.contenuBase64')}"`);
  const sansLien = await agent
    .post(`${url}/actions/support`)
    .type('form')
    .send(formulaire(csrf, 'support', { nom: 'Support de la démarche' }));
  expect(sansLien.status).toBe(400);
  expect(autourDu(sansLien.text, champ('support', 'url'))).toContain('Indiquez le lien du document');
  const support = await agent
    .post(`${url}/actions/support`)
    .type('form')
    .send(formulaire(csrf, 'support', { nom: 'Support de la démarche', url: 'https://unml.example.org/demarche.pdf' }));
  expect(support.status).toBe(303);

  // A day in a one-line field (the schema's date-or-instant); an ML chosen in a list of the campaign's.
  const entretien = await agent
    .post(`${url}/actions/entretien-contextuel`)
    .type('form')
    .send(formulaire(csrf, 'entretien-contextuel', { date: jour(-3), avec: 'Hélène Roth, DIRECCTE Alsace' }));
  expect(entretien.status).toBe(303);
  const avecSupport = await agent.get(url);
  expect(avecSupport.text).toContain('Hélène Roth, DIRECCTE Alsace');
  expect(avecSupport.text).toContain(`<select id="f-${champ('accuse-support', 'ml')}"`);
  expect(avecSupport.text).toContain('<option value="ML-COLMAR">Mission Locale du Centre Alsace (ML-COLMAR)</option>');
  const accuse = await agent
    .post(`${url}/actions/accuse-support`)
    .type('form')
    .send(formulaire(csrf, 'accuse-support', { ml: 'ML-COLMAR' }));
  expect(accuse.status).toBe(303);
  const accusee = await agent.get(url);
  expect(accusee.text).toMatch(/Accusé de réception : Mission Locale du Centre Alsace \(le /);
  expect(accusee.text).toContain('Pas encore accusé : Mission Locale pour l’Emploi de Strasbourg, Mission Locale de la Région Mulhousienne.');

  // The ML page before its état des lieux: it renders, says so, offers nothing yet.
  const avant = await agent.get(`${url}/mls/ML-COLMAR`);
  expect(avant.status).toBe(200);
  expect(avant.text).toContain('<h1>Mission Locale du Centre Alsace</h1>');
  expect(avant.text).toContain('n’a pas commencé');

  // The presentations held (moved to now through the API, their attendance recorded), then the phase from the page.
  const bientot = () => new Date(Date.now() + 1500).toISOString();
  await ok(`/api/campagnes/${id}/reunion`, { cle: 'presentation_presidents', type: 'presentation_presidents', debut: bientot() });
  await ok(`/api/campagnes/${id}/reunion`, { type: 'presentation_directeurs', debut: bientot() });
  await new Promise((r) => setTimeout(r, 1700));
  await ok(`/api/campagnes/${id}/presence`, { cle: 'presentation_presidents', presents: ['presidence@ml-colmar.fr'] });
  await ok(`/api/campagnes/${id}/presence`, { cle: 'presentation_directeurs', presents: ['direction@ml-colmar.fr', 'direction@ml-mulhouse.fr'] });
  const phase = await agent
    .post(`${url}/actions/phase`)
    .type('form')
    .send(formulaire(csrf, 'phase', { phase: 'etat_des_lieux' }));
  expect(phase.status).toBe(303);
  const enCours = await until('the MLs’ états des lieux under way', async () => {
    const res = await agent.get(url);
    return res.text.includes('0 sur 3 états des lieux validés') ? res : undefined;
  });
  expect(enCours.text).toContain('état des lieux par structure (phase en cours)');
  expect(enCours.text).toContain('tenue le');

  // One ML's page: its forms; a blocking point posted there, shown prominently on the campaign's page.
  const mlUrl = `${url}/mls/ML-COLMAR`;
  const ml = await until('the child of ML-COLMAR', async () => {
    const res = await agent.get(mlUrl);
    return res.text.includes('en cours de rédaction') ? res : undefined;
  });
  for (const titre of ['Étude documentaire', 'Entretiens', 'État des lieux', 'Projet de structure', 'Dialogues de gestion', 'Actions possibles'])
    expect(ml.text).toContain(`>${titre}</h2>`);
  expect(ml.text).toContain(`action="${mlUrl}/actions/point-bloquant#a-point-bloquant"`);
  expect(ml.text).toContain(`action="${mlUrl}/actions/etat-des-lieux#a-etat-des-lieux"`);
  const point = 'La direction est en arrêt jusqu’en mars';
  const bloque = await agent
    .post(`${mlUrl}/actions/point-bloquant`)
    .type('form')
    .send(formulaire(csrfDe(ml.text), 'point-bloquant', { point }));
  expect(bloque.status).toBe(303);
  expect(bloque.headers.location).toBe(`${mlUrl}?fait=point-bloquant#t-actions`);
  expect((await agent.get(mlUrl)).text).toContain(point);
  const signale = await until('the blocking point on the campaign', async () => {
    const res = await agent.get(url);
    return res.text.includes('Points bloquants (1)') ? res : undefined;
  });
  expect(signale.text).toContain(point);

  // A `lecture` account reads every page, without any form, and is refused a POST.
  const lecture = await sessionDe(stack, lecteur);
  const lue = await lecture.get(url);
  expect(lue.status).toBe(200);
  expect(lue.text).toContain('permet de consulter cette campagne, pas d’y agir');
  expect(lue.text).not.toContain('name="_action"');
  expect((await lecture.get(mlUrl)).text).not.toContain('name="_action"');
  expect((await lecture.get('/campagnes')).status).toBe(200);
  const interdit = await lecture
    .post(`${url}/actions/reunion`)
    .type('form')
    .send(formulaire(csrfDe(lue.text), 'reunion', { type: 'presentation_presidents', debut }));
  expect(interdit.status).toBe(403);
  expect(interdit.text).toContain('Accès refusé');
}, 120_000);
