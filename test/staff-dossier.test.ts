// The back office's dossier page (issue #12), on the real stack (Temporal dev server, worker, SMTP sink): a Compagnonnage's
// summary, step and timeline; its action forms built from the API's zod schemas, posted through the same action as the
// API (the state changes; an invalid field says why next to it, the values kept; a refused action shows the workflow's
// reason); the staff-only notes, absent from the suivi document, the participants' link pages and the emails; and a
// `lecture` account who reads the page without any form and is refused every POST.
import request from 'supertest';
import { champsDuSchema, lireFormulaire } from '../api/pages/staff/champs-zod';
import { compagnonnageActionSchemas } from '../api/dossiers/compagnonnage/schemas';
import { DISPOSITIFS_API } from '../api/dossiers/dispositifs';
import { regleDe } from '../api/acces/routes';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { session as sessionDe } from './helpers/connexion';
import { avecJeton, compteDeTest, type CompteDeTest } from './helpers/acces';
import { waitForActionLink } from './helpers/action-link-mails';
import { demandeApi as demande } from './helpers/compagnonnage';

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

const champ = (action: string, nom: string) => `a-${action.replace(/[^a-z0-9]+/gi, '-')}__${nom}`;
/** The posted form of an action: its fields, named as the page names them. */
const formulaire = (action: string, champs: Record<string, string>) => ({
  _action: action,
  ...Object.fromEntries(Object.entries(champs).map(([k, v]) => [champ(action, k), v])),
});
/** The page's HTML around the field `nom` (its label, input and error). */
function autourDu(html: string, nom: string): string {
  const i = html.indexOf(`id="f-${nom}"`);
  expect(i).toBeGreaterThan(-1);
  return html.slice(Math.max(0, i - 400), i + 900);
}

it('reads the dossier page from `lecture` up, posts its forms and notes from `charge_mission` up', () => {
  expect(regleDe('GET', '/staff/dossiers/CMP-0123456789')?.acces).toBe('lecture');
  expect(regleDe('POST', '/staff/dossiers/CMP-0123456789/action')?.acces).toBe('charge_mission');
  expect(regleDe('POST', '/staff/dossiers/CMP-0123456789/notes')?.acces).toBe('charge_mission');
});

describe('the zod → form builder', () => {
  it('builds a form for every action of every dispositif, and each step list names real actions and steps', () => {
    for (const api of DISPOSITIFS_API) {
      for (const a of api.actions) expect(champsDuSchema(a.schema).length).toBeGreaterThan(0);
      const chemins = api.actions.map((a) => a.path);
      for (const [chemin, etapes] of Object.entries(api.etapesDesActions ?? {})) {
        expect(chemins).toContain(chemin);
        for (const e of etapes) expect(Object.keys(api.etapes)).toContain(e);
      }
    }
  });

  it('reads each kind of field: text, number, datetime in Paris time, lines, nested object', () => {
    const champs = champsDuSchema(compagnonnageActionSchemas.ficheCadrage);
    expect(champs.map((c) => [c.nom, c.genre])).toEqual([
      ['par', 'texte'],
      ['besoin', 'long'],
      ['objectifs', 'lignes'],
      ['rythme.heuresParSemaine', 'nombre'],
      ['rythme.semaines', 'nombre'],
    ]);
    const { input } = lireFormulaire(champs, { besoin: 'Un besoin', objectifs: 'Un\n\n Deux \n', 'rythme.heuresParSemaine': '1,5', 'rythme.semaines': '8' });
    expect(input).toEqual({ besoin: 'Un besoin', objectifs: ['Un', 'Deux'], rythme: { heuresParSemaine: 1.5, semaines: 8 } });
    const visio = champsDuSchema(compagnonnageActionSchemas.visioLancement);
    expect(lireFormulaire(visio, { debut: '2026-12-01T10:00' }).input).toEqual({ debut: '2026-12-01T10:00:00+01:00' });
    const completer = champsDuSchema(compagnonnageActionSchemas.completer).find((c) => c.nom === 'sujets')!;
    expect(completer.genre).toBe('cases');
    expect(lireFormulaire([completer], { sujets: 'financements\noffre_de_service' }).input).toEqual({ sujets: ['financements', 'offre_de_service'] });
    const reponse = champsDuSchema(compagnonnageActionSchemas.repondreDesignation);
    expect(reponse.find((c) => c.nom === 'accepte')?.genre).toBe('booleen');
    expect(lireFormulaire(reponse, {}).input).toEqual({ accepte: false });
  });
});

it('shows a Compagnonnage, posts its forms through the workflow, keeps notes internes to staff only', async () => {
  const body = demande();
  const cree = await request(stack.appSansCompte).post('/api/demandes').send(body);
  expect(cree.status).toBe(201);
  const id = cree.body.dossierId as string;
  const app = avecJeton(stack.appSansCompte, charge.jeton);
  const url = `/staff/dossiers/${id}`;

  // The summary: step in French, what it waits for, the timeline, the documents and the Temporal UI.
  const vue = await request(app).get(url);
  expect(vue.status).toBe(200);
  expect(vue.text).toContain('qualification de la demande par l’UNML');
  expect(vue.text).toContain('En attente de');
  expect(vue.text).toContain('l’UNML : accepter, décliner, mettre en liste d’attente ou demander des compléments');
  expect(vue.text).toContain('Demande déposée');
  expect(vue.text).toContain(`/api/dossiers/${id}/document-suivi.html`);
  expect(vue.text).toContain(`/workflows/${id}`);
  // The forms of this step, built from the schemas; another step's folded below.
  expect(vue.text).toContain('name="_action" value="demander-complements"');
  expect(vue.text).toContain(`id="f-${champ('liste-attente', 'priorite')}"`);
  expect(vue.text).toContain('Autres actions');
  // A file in base64 is no field for a person: documents go through the page's own upload block.
  expect(vue.text).not.toContain('name="_action" value="documents"');

  // An invalid field: the French message next to it, every value kept.
  const invalide = await request(app)
    .post(`${url}/action`)
    .type('form')
    .send(formulaire('liste-attente', { priorite: '0', motif: 'Motif gardé tel quel' }));
  expect(invalide.status).toBe(400);
  const autour = autourDu(invalide.text, champ('liste-attente', 'priorite'));
  expect(autour).toContain('value="0"');
  expect(autour).toMatch(/id="e-a-liste-attente__priorite">[^<]*(1|petit)/i);
  expect(invalide.text).toContain('Motif gardé tel quel');
  expect(invalide.text).toContain('Le formulaire contient');
  // An empty required field says so.
  const vide = await request(app)
    .post(`${url}/action`)
    .type('form')
    .send(formulaire('demander-complements', { aCompleter: '' }));
  expect(vide.status).toBe(400);
  expect(autourDu(vide.text, champ('demander-complements', 'aCompleter'))).toContain('Ce champ est obligatoire.');

  // A refused action: the workflow's reason at the top of the page, the values kept.
  const refusee = await request(app)
    .post(`${url}/action`)
    .type('form')
    .send(formulaire('signer-acte-engagement', { signataire: 'Karim Haddad' }));
  expect(refusee.status).toBe(409);
  expect(refusee.text).toContain('role="alert"');
  expect(refusee.text).toContain('n&#x27;est pas possible à l&#x27;étape « qualification de la demande par l’UNML »');
  expect(refusee.text).toContain('value="Karim Haddad"');

  // A form of the current step: posted, the state changes, back to the page with a confirmation.
  const envoyee = await request(app)
    .post(`${url}/action`)
    .type('form')
    .send(formulaire('demander-complements', { aCompleter: 'Le budget prévisionnel de la Mission Locale' }));
  expect(envoyee.status).toBe(303);
  expect(envoyee.headers.location).toBe(`${url}?fait=demander-complements`);
  const etat = await request(app).get(`/api/dossiers/${id}`);
  expect(etat.body.etape).toBe('complements_attendus');
  const entree = (etat.body.timeline as { evenement: string; compte?: string; acteur: string }[]).at(-1)!;
  expect(entree).toMatchObject({ compte: charge.compte.id, acteur: `unml (${charge.compte.nom})` });
  const apres = await request(app).get(envoyee.headers.location as string);
  expect(apres.text).toContain('Action enregistrée');
  expect(apres.text).toContain('attente des compléments de la Mission Locale');

  // A note interne: on the page (who, when), nowhere a participant or an email sees.
  const secret = 'Note confidentielle : la direction hésite encore';
  expect((await request(app).post(`${url}/notes`).type('form').send({ texte: '  ' })).status).toBe(400);
  // Signed in, from the page's own form with its CSRF token (without it, refused).
  const agent = await session(charge);
  const pageSession = await agent.get(url);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(pageSession.text)?.[1];
  expect(csrf).toBeTruthy();
  expect((await agent.post(`${url}/notes`).type('form').send({ texte: secret })).status).toBe(403);
  const note = await agent.post(`${url}/notes`).type('form').send({ texte: secret, _csrf: csrf });
  expect(note.status).toBe(303);
  const avecNote = await request(app).get(url);
  expect(avecNote.text).toContain(secret);
  expect(avecNote.text).toContain(charge.compte.nom);
  expect((await request(app).get(`/api/dossiers/${id}`)).body.notesInternes).toEqual([
    { at: expect.any(String), texte: secret, compte: charge.compte.id, par: charge.compte.nom },
  ]);
  const document = await request(app).get(`/api/dossiers/${id}/document-suivi.html`);
  expect(document.status).toBe(200);
  expect(document.text).not.toContain('confidentielle');
  const lien = await waitForActionLink(stack.mails, { dossierId: id, to: body.direction.email, action: 'completer' });
  // The emails sent, on the page: subject, to whom, the action its personal link leads to.
  let courriels = '';
  for (let i = 0; i < 50 && !courriels.includes('Compléter'); i++) {
    const html = (await request(app).get(url)).text;
    courriels = html.slice(html.indexOf('id="t-courriels"'));
    if (!courriels.includes('Compléter')) await new Promise((r) => setTimeout(r, 200));
  }
  expect(courriels).toContain(body.direction.nom);
  expect(courriels).toMatch(/<td>[^<]*compl[ée]ment[^<]*<\/td>/i);
  expect(courriels).toContain('Compléter');
  expect(courriels).not.toContain('confidentielle');
  const pageLien = await request(stack.appSansCompte).get(new URL(lien).pathname + new URL(lien).search);
  expect(pageLien.status).toBe(200);
  expect(pageLien.text).not.toContain('confidentielle');
  expect(stack.mails().join('\n')).not.toContain('confidentielle');

  // A `lecture` account reads the page, without any form, and may post nothing.
  const lecture = avecJeton(stack.appSansCompte, lecteur.jeton);
  const lue = await request(lecture).get(url);
  expect(lue.status).toBe(200);
  expect(lue.text).toContain('Demande déposée');
  expect(lue.text).not.toContain('name="_action"');
  expect(lue.text).not.toContain('Ajouter la note');
  expect(
    (
      await request(lecture)
        .post(`${url}/action`)
        .type('form')
        .send(formulaire('abandon', { motif: 'Non' }))
    ).status,
  ).toBe(403);
  expect((await request(lecture).post(`${url}/notes`).type('form').send({ texte: 'Non' })).status).toBe(403);
  expect((await request(app).get(`/api/dossiers/${id}`)).body.etape).toBe('complements_attendus');

  // Scripts add notes through the API too, in the name of the token's account; never a `lecture` one.
  const parApi = await request(app).post(`/api/dossiers/${id}/notes`).send({ texte: 'Rappel : appeler la présidence' });
  expect(parApi.status).toBe(201);
  expect(parApi.body.notesInternes.at(-1)).toMatchObject({ texte: 'Rappel : appeler la présidence', compte: charge.compte.id, par: charge.compte.nom });
  const noteVide = await request(app).post(`/api/dossiers/${id}/notes`).send({ texte: '  ' });
  expect(noteVide.status).toBe(400);
  expect(noteVide.body.details[0]).toMatchObject({ path: 'texte' });
  expect((await request(lecture).post(`/api/dossiers/${id}/notes`).send({ texte: 'Non' })).status).toBe(403);
}, 180_000);

it('designates from the ranking on the page: an interlocutrice chosen in a list, a candidate confirmed, the région refusal, a hand-over', async () => {
  await stack.ajouterIntervenant({
    id: 'DIR-PAGE-BRE',
    nom: 'Direction Page Bretagne',
    email: 'dir-page-bre@ml.example.fr',
    type: 'directeur_ml',
    region: 'BRE',
  });
  await stack.ajouterIntervenant({
    id: 'DIR-PAGE-NOR',
    nom: 'Direction Page Normandie',
    email: 'dir-page-nor@ml.example.fr',
    type: 'directeur_ml',
    region: 'NOR',
  });
  const cree = await request(stack.appSansCompte).post('/api/demandes').send(demande());
  expect(cree.status).toBe(201);
  const id = cree.body.dossierId as string;
  const app = avecJeton(stack.appSansCompte, charge.jeton);
  const url = `/staff/dossiers/${id}`;

  // Accepting: the interlocutrice is a choice among the staff who may be one, not an identifier to type.
  const vue = await request(app).get(url);
  const select = autourDu(vue.text, champ('accepter', 'interlocutrice.id'));
  expect(select).toContain('<select');
  expect(select).toContain(`value="${charge.compte.id}"`);
  expect(select).not.toContain(`value="${lecteur.compte.id}"`);
  expect(vue.text).not.toContain('Désignation : le classement du vivier');
  const acceptee = await request(app)
    .post(`${url}/action`)
    .type('form')
    .send(formulaire('accepter', { 'interlocutrice.id': charge.compte.id }));
  expect(acceptee.status).toBe(303);

  // At the designation step: the ranking with its reasons, a confirm button per eligible candidate, the excluded ones apart.
  const classement = await request(app).get(url);
  expect(classement.text).toContain('Désignation : le classement du vivier');
  expect(classement.text).toContain('Confirmer Direction Page Bretagne');
  expect(classement.text).not.toContain('Confirmer Direction Page Normandie');
  expect(classement.text).toContain('Désigner Direction Page Normandie quand même');

  // One of the ML's own région, even with a motif: refused with the rule's reason, nothing recorded, the motif kept.
  const refus = await request(app).post(`${url}/candidats/DIR-PAGE-NOR/confirmation`).type('form').send({ motif: 'Elle connaît bien la structure' });
  expect(refus.status).toBe(409);
  expect(refus.text).toContain('Désignation refusée');
  expect(refus.text).toMatch(/ne peut pas être désigné·e sur ce dossier : [^<]*région/);
  expect(refus.text).toContain('Elle connaît bien la structure');
  expect((await request(app).get(`/api/dossiers/${id}`)).body.etape).toBe('designation_intervenant');

  // The eligible one, confirmed with its button: reserved, asked to accept; the timeline says who did it.
  const confirme = await request(app).post(`${url}/candidats/DIR-PAGE-BRE/confirmation?role=compagnon`).type('form').send({});
  expect(confirme.status).toBe(303);
  expect((await request(app).get(confirme.headers.location as string)).text).toContain('Direction Page Bretagne est désigné·e');
  const etat = (await request(app).get(`/api/dossiers/${id}`)).body;
  expect(etat.etape).toBe('acceptation_intervenant');
  const designe = (etat.timeline as { evenement: string; compte?: string; source?: string }[]).find((e) => e.evenement.startsWith('Intervenant désigné'));
  // (This test calls with a personal token, so the source is the API; the browser test signs in: back office.)
  expect(designe).toMatchObject({ compte: charge.compte.id, source: 'api' });

  // Handing over: another staff member, chosen in the list.
  const collegue = await compteDeTest(stack.comptes, 'charge_mission');
  const passe = await request(app)
    .post(`${url}/action`)
    .type('form')
    .send(formulaire('interlocutrice', { 'interlocutrice.id': collegue.compte.id }));
  expect(passe.status).toBe(303);
  expect((await request(app).get(`/api/dossiers/${id}`)).body.interlocutrice).toMatchObject({ id: collegue.compte.id, nom: collegue.compte.nom });
}, 180_000);
