// Several dossiers at once (issue #12 §4), on the real stack (Temporal dev server, worker, SMTP sink): from the back office's
// list, with a signed-in session and its CSRF token, two dossiers handed over to another interlocutrice in one form; through
// POST /api/dossiers/lot, a batch where one dossier refuses (no reminder at its step) reports it and still sends the other's
// reminder, whose fresh link opens its page; the form's own errors (nothing checked, no interlocutrice chosen) sent back
// with the list; a `lecture` account sees no checkbox and may not post.
import request from 'supertest';
import { regleDe } from '../api/acces/routes';
import { avecJeton, compteDeTest, type CompteDeTest } from './helpers/acces';
import { waitForActionLink } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { session as sessionDe } from './helpers/connexion';
import { demandeApi as demandeAppui } from './helpers/appui-conseil';
import { demandeApi as demande } from './helpers/compagnonnage';
import { COLLEGUE, INTERLOCUTRICE } from './helpers/fixtures';
import { until } from './helpers/temporal';

let stack: ApiStack;
let charge: CompteDeTest;
let lecteur: CompteDeTest;

beforeAll(async () => {
  stack = await startApiStack();
  charge = await compteDeTest(stack.comptes, 'charge_mission');
  lecteur = await compteDeTest(stack.comptes, 'lecture');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const session = (c: CompteDeTest) => sessionDe(stack, c);

/** A new Compagnonnage, accepted with `interlocutrice` (an account id) when given: its id. */
async function dossier(interlocutrice?: string): Promise<string> {
  const cree = await request(stack.app).post('/api/demandes').send(demande());
  expect(cree.status).toBe(201);
  const id = cree.body.dossierId as string;
  if (interlocutrice)
    expect(
      (
        await request(stack.app)
          .post(`/api/dossiers/${id}/accepter`)
          .send({ interlocutrice: { id: interlocutrice } })
      ).status,
    ).toBe(200);
  return id;
}

/** A form body with repeated fields (the checked boxes), as a browser sends it. */
const formulaire = (champs: [string, string][]) => new URLSearchParams(champs).toString();

it('names the batch routes in the table: charge_mission and up', () => {
  expect(regleDe('POST', '/staff/lot')?.acces).toBe('charge_mission');
  expect(regleDe('POST', '/api/dossiers/lot')?.acces).toBe('charge_mission');
});

it('hands two dossiers over at once from the list: both show the new interlocutrice, dossier by dossier', async () => {
  const a = await dossier(INTERLOCUTRICE.id!);
  const b = await dossier(INTERLOCUTRICE.id!);
  const agent = await session(charge);
  // The list: one form around the table, a labelled checkbox per row, the active charge_mission accounts to choose from.
  const liste = await until('both dossiers in « Tous les dossiers »', async () => {
    const r = await agent.get('/staff?vue=tous');
    return r.text.includes(a) && r.text.includes(b) ? r : undefined;
  });
  expect(liste.status).toBe(200);
  expect(liste.text).toContain('<form method="post" action="/staff/lot"');
  expect(liste.text).toMatch(new RegExp(`<input type="checkbox" id="lot-${a}" name="dossiers" value="${a}">`));
  expect(liste.text).toContain(`<label for="lot-${a}" class="case"><span class="evitement">Choisir le dossier ${a}</span></label>`);
  expect(liste.text).toMatch(/<label for="f-nouvelleInterlocutrice">Nouvelle interlocutrice/);
  expect(liste.text).toContain(`<option value="${COLLEGUE.id}">${COLLEGUE.nom}</option>`);
  expect(liste.text).toContain('name="action" value="relance"');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(liste.text)![1]!;

  const champs: [string, string][] = [
    ['retour', '/staff?vue=tous'],
    ['dossiers', a],
    ['dossiers', b],
    ['nouvelleInterlocutrice', COLLEGUE.id!],
    ['notePassation', 'Je pars en congé : merci de reprendre ces deux dossiers.'],
    ['action', 'interlocutrice'],
  ];
  // Without its CSRF token: refused, nothing done.
  expect((await agent.post('/staff/lot').type('form').send(formulaire(champs))).status).toBe(403);
  const fait = await agent
    .post('/staff/lot')
    .type('form')
    .send(formulaire([['_csrf', csrf], ...champs]));
  expect(fait.status).toBe(200);
  expect(fait.text).toContain('<h1>Passation à une autre interlocutrice</h1>');
  expect(fait.text).toContain('2 dossiers : 2 faits.');
  for (const id of [a, b]) expect(fait.text).toMatch(new RegExp(`href="/staff/dossiers/${id}">${id}</a></th><td><strong>fait</strong>`));
  expect(fait.text).toContain('href="/staff?vue&#x3D;tous">Revenir à la liste');

  for (const id of [a, b]) {
    const etat = (await request(stack.app).get(`/api/dossiers/${id}`)).body as {
      interlocutrice: { id: string };
      timeline: { compte?: string; source?: string }[];
    };
    expect(etat.interlocutrice.id).toBe(COLLEGUE.id);
    expect(etat.timeline.at(-1)).toMatchObject({ compte: charge.compte.id, source: 'back_office' });
  }
  // The list of her dossiers shows both (search attributes).
  await until('both dossiers in the new interlocutrice’s list', async () => {
    const r = await request(avecJeton(stack.appSansCompte, charge.jeton)).get(`/staff?vue=tous&interlocutrice=${COLLEGUE.id}`);
    return r.text.includes(a) && r.text.includes(b) ? r : undefined;
  });
});

it('POST /api/dossiers/lot: one dossier refuses (no reminder at its step), reported; the other’s reminder goes, its link works', async () => {
  const enQualification = await dossier();
  const enAttente = await dossier();
  expect((await request(stack.app).post(`/api/dossiers/${enAttente}/demander-complements`).send({ aCompleter: 'Le budget prévisionnel' })).status).toBe(200);
  const app = avecJeton(stack.appSansCompte, charge.jeton);
  const res = await request(app)
    .post('/api/dossiers/lot')
    .send({ action: 'relance', dossiers: [enQualification, enAttente] });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    action: 'relance',
    faits: 1,
    refuses: 1,
    resultats: [
      { dossierId: enQualification, statut: 'refuse', message: 'Aucune relance à renvoyer à l’étape « qualification de la demande par l’UNML ».' },
      { dossierId: enAttente, statut: 'fait', etape: 'complements_attendus' },
    ],
  });
  const direction = demande().direction.email;
  const lien = await waitForActionLink(stack.mails, { dossierId: enAttente, kind: 'relance_complements', to: direction, action: 'completer' });
  const page = await request(stack.appSansCompte).get(new URL(lien).pathname + new URL(lien).search);
  expect(page.status).toBe(200);
  const etat = (await request(app).get(`/api/dossiers/${enAttente}`)).body as { timeline: { evenement: string; compte?: string }[] };
  expect(etat.timeline.at(-1)).toMatchObject({ evenement: 'Relance renvoyée', compte: charge.compte.id });

  // The request itself invalid, or an unknown account to hand over to: 400, no dossier touched.
  const vide = await request(app).post('/api/dossiers/lot').send({ action: 'relance', dossiers: [] });
  expect(vide.status).toBe(400);
  expect(vide.body.details).toEqual([{ path: 'dossiers', message: 'choisissez au moins un dossier' }]);
  const inconnue = await request(app)
    .post('/api/dossiers/lot')
    .send({ action: 'interlocutrice', dossiers: [enAttente], interlocutrice: { id: 'CPT-INCONNU000' } });
  expect(inconnue.status).toBe(400);
  expect(inconnue.body.error).toBe('interlocutrice_inconnue');
  // A read-only account may not.
  expect(
    (
      await request(avecJeton(stack.appSansCompte, lecteur.jeton))
        .post('/api/dossiers/lot')
        .send({ action: 'relance', dossiers: [enAttente] })
    ).status,
  ).toBe(403);
});

it('from the list: one dossier refused says why, the others are done (an Appui Conseil too); the form’s own errors come back with the list', async () => {
  const deja = await dossier(COLLEGUE.id!);
  const autre = await dossier(INTERLOCUTRICE.id!);
  const appui = await request(stack.app).post('/api/demandes').send(demandeAppui());
  expect(appui.status).toBe(201);
  const app = avecJeton(stack.appSansCompte, charge.jeton);
  const res = await request(app)
    .post('/staff/lot')
    .type('form')
    .send(
      formulaire([
        ['dossiers', deja],
        ['dossiers', appui.body.dossierId as string],
        ['dossiers', autre],
        ['nouvelleInterlocutrice', COLLEGUE.id!],
        ['action', 'interlocutrice'],
      ]),
    );
  expect(res.status).toBe(200);
  expect(res.text).toContain('3 dossiers : 2 faits, 1 refusé (la raison est donnée pour chacun).');
  expect(res.text).toContain(`<strong class="erreur">Refusé :</strong> ${COLLEGUE.nom} est déjà l&#x27;interlocutrice de ce dossier.`);
  expect((await request(app).get(`/api/dossiers/${autre}`)).body.interlocutrice.id).toBe(COLLEGUE.id);
  // Every dispositif hands over: the Appui Conseil dossier too.
  expect((await request(app).get(`/api/dossiers/${appui.body.dossierId as string}`)).body.interlocutrice.id).toBe(COLLEGUE.id);

  // Nothing checked, no interlocutrice chosen: the list again (status 400), the errors said, the choices kept.
  const rien = await request(app)
    .post('/staff/lot')
    .type('form')
    .send(
      formulaire([
        ['retour', '/staff?vue=a-traiter'],
        ['action', 'interlocutrice'],
        ['notePassation', 'Gardée'],
      ]),
    );
  expect(rien.status).toBe(400);
  expect(rien.text).toContain('<h1>À traiter</h1>');
  expect(rien.text).toContain('Cochez au moins un dossier.');
  expect(rien.text).toContain('id="e-nouvelleInterlocutrice">Choisissez la nouvelle interlocutrice.');
  expect(rien.text).toContain('>Gardée</textarea>');

  // A `lecture` account reads the list without the batch form.
  const lecture = await request(avecJeton(stack.appSansCompte, lecteur.jeton)).get('/staff?vue=tous');
  expect(lecture.status).toBe(200);
  expect(lecture.text).not.toContain('action="/staff/lot"');
  expect(lecture.text).not.toContain('type="checkbox"');
});
