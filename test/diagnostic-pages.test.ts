// A Diagnostic dossier driven through the personal links of its emails (issue #6 applies to every dispositif):
// each diagnostiqueur accepts the diagnostic and files their analysis and their rapport normé from their own link,
// the ML's direction answers the programme of meetings and comments on the crossed report from its links; staff
// do the rest through the API. Real Temporal dev server, worker, SMTP sink and SQLite pool.
import type { Express } from 'express';
import request from 'supertest';
import { parseMails, waitForActionLink, waitForMail } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi } from './helpers/diagnostic';
import { INTERLOCUTRICE, mlRouen } from './helpers/fixtures';
import { until } from './helpers/temporal';

let stack: ApiStack;
let app: Express;

const DIRECTION = mlRouen().direction.email;
const CONSULTANT = {
  id: 'dgn-cns-idf',
  nom: 'Marc Petit',
  email: 'marc.petit@horizon-conseil.fr',
  type: 'consultant_cabinet' as const,
  region: 'IDF' as const,
};
const DIRECTEUR = { id: 'dgn-dir-bre', nom: 'Paul Le Gall', email: 'direction@ml-brest.fr', type: 'directeur_ml' as const, region: 'BRE' as const };

const pathOf = (u: URL) => `${u.pathname}${u.search}`;
const jetonDe = (u: URL) => u.searchParams.get('jeton')!;
const etape = async (id: string) => (await request(app).get(`/api/dossiers/${id}`)).body.etape as string;
async function staff(id: string, path: string, body: Record<string, unknown>): Promise<void> {
  const res = await request(app).post(`/api/dossiers/${id}/${path}`).send(body);
  expect({ path, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ path, status: 200, body: undefined });
}
const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
/** Tries `attempt` every half second until it answers 200 (a meeting to begin or to end: real time here), for at most `ms`. */
async function des200(what: string, attempt: () => Promise<{ status: number; body: unknown }>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await attempt();
    if (res.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${what}: still ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A Diagnostic demand of the ML of Rouen, accepted, its binôme (CONSULTANT and DIRECTEUR) designated from the pool's proposal. */
async function dossierAvecBinome(): Promise<string> {
  const created = await request(app)
    .post('/api/demandes')
    .send(demandeApi({ sujets: ['gouvernance', 'management'] }));
  expect(created.status).toBe(201);
  const id = created.body.dossierId as string;
  await staff(id, 'accepter', { interlocutrice: INTERLOCUTRICE });
  await until('the binômes', async () => (await request(app).get(`/api/dossiers/${id}`)).body.binomesProposes?.length, Boolean);
  await staff(id, `candidats/${CONSULTANT.id}/confirmation`, {});
  await staff(id, `candidats/${DIRECTEUR.id}/confirmation`, {});
  return id;
}

beforeAll(async () => {
  stack = await startApiStack();
  app = stack.app;
  await stack.ajouterIntervenant(CONSULTANT);
  await stack.ajouterIntervenant(DIRECTEUR);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe(
  'a Diagnostic dossier driven from the links of its emails: the binôme accepts, files its analyses and reports; the direction answers the ' +
    'programme and comments on the report',
  () => {
    // One dossier, step after step: each test goes on from where the previous one left it.
    let id: string;
    /** When the mise en commun began (one minute long): the day on site, with the same people, starts after it. */
    let miseEnCommunDebut: string;

    it('is accepted, its binôme designated from the pool’s proposal', async () => {
      id = await dossierAvecBinome();
    });

    it('each diagnostiqueur accepts from their own link; a decline needs a reason; nobody answers for another', async () => {
      const accepterConsultant = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'diagnostiqueur_a_accepter', to: CONSULTANT.email }));
      expect(accepterConsultant.pathname).toBe(`/agir/${id}/repondre-designation`);
      const page = await request(app).get(pathOf(accepterConsultant));
      expect(page.status).toBe(200);
      expect(page.text).toContain('en tant que diagnostiqueur·se consultant·e');
      expect(page.text).toContain('Règle d’impartialité');
      const accepterDirecteur = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'diagnostiqueur_a_accepter', to: DIRECTEUR.email }));
      const sansMotif = await request(app)
        .post(accepterDirecteur.pathname)
        .type('form')
        .send({ jeton: jetonDe(accepterDirecteur), reponse: 'decline' });
      expect(sansMotif.status).toBe(400);
      expect(sansMotif.text).toContain('Indiquez la raison pour laquelle vous déclinez.');
      const pourUnAutre = await stack.actionLinks.sign({ dossierId: id, action: 'repondre-designation', email: DIRECTION, role: 'intervenant' });
      const refuse = await request(app).post(accepterDirecteur.pathname).type('form').send({ jeton: pourUnAutre, reponse: 'accepte' });
      expect(refuse.status).toBe(409);
      expect(
        (
          await request(app)
            .post(accepterConsultant.pathname)
            .type('form')
            .send({ jeton: jetonDe(accepterConsultant), reponse: 'accepte' })
        ).status,
      ).toBe(200);
      const accepte = await request(app)
        .post(accepterDirecteur.pathname)
        .type('form')
        .send({ jeton: jetonDe(accepterDirecteur), reponse: 'accepte' });
      expect(accepte.status).toBe(200);
      expect(accepte.text).toContain('étape « analyses individuelles du dossier »');
    });

    it('the binôme formed, each diagnostiqueur files their analysis from their link; the ML, informed, gets none', async () => {
      const analyseConsultant = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'binome_constitue', to: CONSULTANT.email }));
      const analyseDirecteur = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'binome_constitue', to: DIRECTEUR.email }));
      expect(analyseConsultant.pathname).toBe(`/agir/${id}/analyse`);
      const informeMl = (await parseMails(stack.mails())).find((m) => m.kind === 'binome_constitue' && m.subject.includes(id) && m.to.includes(DIRECTION))!;
      expect(informeMl.links).toEqual([]);
      expect(informeMl.text).toContain('Aucune action n’est attendue de votre part.');
      // A link signed for someone outside the binôme cannot file an analysis (the role comes from the link, not the form).
      const horsBinome = await stack.actionLinks.sign({ dossierId: id, action: 'analyse', email: DIRECTION, role: 'intervenant' });
      const horsBinomeRes = await request(app).post(`/agir/${id}/analyse`).type('form').send({ jeton: horsBinome, synthese: 'Je ne suis pas du binôme.' });
      expect(horsBinomeRes.status).toBe(400);
      expect(horsBinomeRes.text).toContain('Nous ne vous retrouvons pas dans le binôme');
      const analyse = await request(app)
        .post(analyseConsultant.pathname)
        .type('form')
        .send({ jeton: jetonDe(analyseConsultant), synthese: 'Gouvernance peu formalisée ; bureau très présent.' });
      expect(analyse.status).toBe(200);
      expect(analyse.text).toContain('diagnostiqueur·se consultant·e');
      expect(
        (
          await request(app)
            .post(analyseDirecteur.pathname)
            .type('form')
            .send({ jeton: jetonDe(analyseDirecteur), synthese: 'Équipe solide, management intermédiaire à soutenir.' })
        ).status,
      ).toBe(200);
      const apresAnalyses = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(apresAnalyses.etape).toBe('mise_en_commun');
      expect(apresAnalyses.analyses.diagnostiqueur_consultant.synthese).toBe('Gouvernance peu formalisée ; bureau très présent.');
      expect(apresAnalyses.analyses.diagnostiqueur_directeur.par).toBe(DIRECTEUR.nom);
      // The timeline shows who really acted, and from where: each diagnostiqueur, from their link.
      const deposees = (apresAnalyses.timeline as { evenement: string; acteur: string; source?: string }[]).filter((e) =>
        e.evenement.startsWith('Analyse individuelle déposée'),
      );
      expect(deposees.map((e) => [e.acteur, e.source])).toEqual([
        [`intervenant (${CONSULTANT.nom})`, 'lien'],
        [`intervenant (${DIRECTEUR.nom})`, 'lien'],
      ]);
    });

    it('invited to the mise en commun, a diagnostiqueur proposes another slot from their link; UNML is told', async () => {
      await staff(id, 'rendez-vous', { evenement: 'mise_en_commun', debut: soon(2 * 86_400_000), dureeMinutes: 120 });
      const invitation = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'invitation_diagnostic', to: DIRECTEUR.email }));
      expect(invitation.pathname).toBe(`/agir/${id}/repondre-visio`);
      const invitationPage = await request(app).get(pathOf(invitation));
      expect(invitationPage.text).toContain('La mise en commun des analyses est prévue le');
      const autre = await request(app)
        .post(invitation.pathname)
        .type('form')
        .send({ jeton: jetonDe(invitation), reponse: 'autre', proposition: '2031-03-04T14:00', commentaire: 'Pris toute la journée' });
      expect(autre.status).toBe(200);
      expect(autre.text).toContain('Autre créneau proposé');
      const reponse = (await request(app).get(`/api/dossiers/${id}`)).body.reponsesRendezvous.mise_en_commun[DIRECTEUR.email];
      expect(reponse).toMatchObject({ confirme: false, nom: DIRECTEUR.nom, commentaire: 'Pris toute la journée' });
      expect(Date.parse(reponse.proposition)).toBe(Date.parse('2031-03-04T13:00:00Z')); // 14:00 in Paris, winter time
      await waitForMail(stack.mails, { dossierId: id, kind: 'visio_autre_creneau', to: INTERLOCUTRICE.email, text: 'mise en commun des analyses' });
    });

    it('the direction asks for a change to the programme (a comment is required), then agrees the new one', async () => {
      // Held only from its start: recorded early it is refused with the date and time; moved to a moment ahead, then recorded.
      const tot = await request(app).post(`/api/dossiers/${id}/mise-en-commun`).send({ compteRendu: 'Analyses convergentes sur la gouvernance.' });
      expect(tot.status).toBe(409);
      expect(tot.body.message).toMatch(/^La mise en commun des analyses commence le .* à \d+ h \d{2} : enregistrez-la comme tenue/);
      miseEnCommunDebut = soon(1500);
      await staff(id, 'rendez-vous', { evenement: 'mise_en_commun', debut: miseEnCommunDebut, dureeMinutes: 1 });
      await des200(
        'the mise en commun recorded',
        () => request(app).post(`/api/dossiers/${id}/mise-en-commun`).send({ compteRendu: 'Analyses convergentes sur la gouvernance.' }),
        20_000,
      );
      const miseEnCommun = (await request(app).get(`/api/dossiers/${id}`)).body.timeline.find(
        (e: { evenement: string }) => e.evenement === 'Analyses mises en commun',
      );
      expect(miseEnCommun).toMatchObject({ acteur: 'unml', source: 'api' });
      await staff(id, 'programme', { rencontres: ['La direction', 'La présidence'] });
      const programme1 = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'programme_a_valider', to: DIRECTION }));
      expect(programme1.pathname).toBe(`/agir/${id}/valider-programme`);
      expect((await request(app).get(pathOf(programme1))).text).toContain('– La présidence');
      const sansCommentaire = await request(app)
        .post(programme1.pathname)
        .type('form')
        .send({ jeton: jetonDe(programme1), reponse: 'modifier' });
      expect(sansCommentaire.status).toBe(400);
      expect(sansCommentaire.text).toContain('Dites ce que vous souhaitez changer au programme.');
      const modifier = await request(app)
        .post(programme1.pathname)
        .type('form')
        .send({ jeton: jetonDe(programme1), reponse: 'modifier', commentaire: 'Ajoutez deux conseillères.' });
      expect(modifier.status).toBe(200);
      expect(modifier.text).toContain('Changements demandés');
      expect(await etape(id)).toBe('programme_rencontres');
      // The binôme is told the direction's answer, with its comment.
      await waitForMail(stack.mails, { dossierId: id, kind: 'programme_repondu', to: CONSULTANT.email, text: 'Ajoutez deux conseillères.' });
      await staff(id, 'programme', { rencontres: ['La direction', 'La présidence', 'Deux conseillères'] });
      const programme2 = new URL(
        await waitForActionLink(stack.mails, { dossierId: id, kind: 'programme_a_valider', to: DIRECTION, except: [programme1.href] }),
      );
      expect(
        (
          await request(app)
            .post(programme2.pathname)
            .type('form')
            .send({ jeton: jetonDe(programme2), reponse: 'accepte' })
        ).text,
      ).toContain('étape « journée sur site »');
    });

    it('the day on site, the debrief; each diagnostiqueur files their rapport normé, one recommendation per line', async () => {
      // The day on site takes place (planned a moment ahead, recorded once it has begun), then the debrief with UNML
      // once the day is over (a one-minute day here: real time). It cannot overlap the mise en commun (the same binôme).
      const chevauche = await request(app)
        .post(`/api/dossiers/${id}/rendez-vous`)
        .send({ evenement: 'journee_sur_site', debut: soon(1500) });
      if (Date.now() + 1500 < Date.parse(miseEnCommunDebut) + 60_000) {
        expect(chevauche.status).toBe(409);
        expect(chevauche.body.message).toMatch(/chevauche « Diagnostic : mise en commun des analyses/);
      }
      const debut = new Date(Math.max(Date.now() + 1500, Date.parse(miseEnCommunDebut) + 61_000)).toISOString();
      await staff(id, 'rendez-vous', { evenement: 'journee_sur_site', debut, dureeMinutes: 1 });
      await des200('the day on site recorded', () => request(app).post(`/api/dossiers/${id}/journee-sur-site`).send({}), 90_000);
      const tot = await request(app)
        .post(`/api/dossiers/${id}/debriefing`)
        .send({ pistes: ['Formaliser les délégations'] });
      expect(tot.status).toBe(409);
      expect(tot.body.message).toMatch(/encore à venir : la journée sur site/);
      await des200(
        'the debrief recorded',
        () =>
          request(app)
            .post(`/api/dossiers/${id}/debriefing`)
            .send({ pistes: ['Formaliser les délégations'] }),
        90_000,
      );

      // Each diagnostiqueur is asked for their rapport normé, one recommendation per line.
      const rapportConsultant = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'rapport_norme_attendu', to: CONSULTANT.email }));
      const rapportDirecteur = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'rapport_norme_attendu', to: DIRECTEUR.email }));
      expect(rapportConsultant.pathname).toBe(`/agir/${id}/rapport-individuel`);
      expect((await request(app).get(pathOf(rapportConsultant))).text).toContain('Formaliser les délégations');
      const incomplet = await request(app)
        .post(rapportConsultant.pathname)
        .type('form')
        .send({ jeton: jetonDe(rapportConsultant), forces: 'Une équipe engagée.', faiblesses: 'Des délégations floues.', preconisations: ' \n ' });
      expect(incomplet.status).toBe(400);
      for (const [lien, preconisations] of [
        [rapportConsultant, 'Formaliser les délégations\r\nClarifier le rôle du bureau'],
        [rapportDirecteur, 'Soutenir le management intermédiaire'],
      ] as const) {
        const res = await request(app)
          .post(lien.pathname)
          .type('form')
          .send({ jeton: jetonDe(lien), forces: 'Une équipe engagée.', faiblesses: 'Des délégations floues.', preconisations });
        expect(res.status).toBe(200);
      }
      const apresRapports = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(apresRapports.etape).toBe('rapport_croise');
      expect(apresRapports.rapports.diagnostiqueur_consultant.preconisations).toEqual(['Formaliser les délégations', 'Clarifier le rôle du bureau']);
    }, 240_000);

    it('the binôme asks the ML for details; the direction answers from the link of its email', async () => {
      await staff(id, 'precisions', { question: 'Combien de conseillers ont quitté la structure en 2025 ?' });
      const precisions = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'precisions_demandees', to: DIRECTION }));
      expect(precisions.pathname).toBe(`/agir/${id}/repondre-precisions`);
      expect((await request(app).get(pathOf(precisions))).text).toContain('Question 1 : Combien de conseillers ont quitté la structure en 2025 ?');
      const vide = await request(app)
        .post(precisions.pathname)
        .type('form')
        .send({ jeton: jetonDe(precisions), reponse: '  ' });
      expect(vide.status).toBe(400);
      const repondu = await request(app)
        .post(precisions.pathname)
        .type('form')
        .send({ jeton: jetonDe(precisions), reponse: 'Quatre, dont deux en fin de contrat.' });
      expect(repondu.status).toBe(200);
      expect((await request(app).get(`/api/dossiers/${id}`)).body.precisions[0].reponse).toMatchObject({
        texte: 'Quatre, dont deux en fin de contrat.',
        par: 'Claire Martin',
      });
      await waitForMail(stack.mails, { dossierId: id, kind: 'precisions_apportees', to: CONSULTANT.email, text: 'Quatre, dont deux' });
    });

    it('the crossed report goes to the ML, which comments on it from its link, once', async () => {
      await staff(id, 'rapport-croise', { constats: 'Une gouvernance à clarifier.', preconisations: ['Formaliser les délégations'] });
      const commenter = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'rapport_croise_a_commenter', to: DIRECTION }));
      expect(commenter.pathname).toBe(`/agir/${id}/commenter-rapport`);
      expect((await request(app).get(pathOf(commenter))).text).toContain('Une gouvernance à clarifier.');
      const commentaire = await request(app)
        .post(commenter.pathname)
        .type('form')
        .send({ jeton: jetonDe(commenter), commentaire: 'Le rôle du bureau est sous-estimé.' });
      expect(commentaire.status).toBe(200);
      const fin = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(fin.retoursMl).toEqual([expect.objectContaining({ commentaire: 'Le rôle du bureau est sous-estimé.', par: 'Claire Martin', version: 1 })]);
      // Used once: the same link now says so.
      expect((await request(app).get(pathOf(commenter))).text).toContain('Ce lien a déjà été utilisé');
    });

    it('its suivi document holds what was done, in date order: meetings, analyses, programme, reports, questions, the crossed report', async () => {
      const doc = (await request(app).get(`/api/dossiers/${id}/document-suivi`)).body;
      expect(doc.parties.rendezVous.liste.map((r: { evenement: string; tenu: boolean }) => [r.evenement, r.tenu])).toEqual([
        ['mise_en_commun', true],
        ['journee_sur_site', true],
      ]);
      expect(doc.parties.analyses.liste.map((a: { nom: string }) => a.nom)).toEqual([CONSULTANT.nom, DIRECTEUR.nom]);
      expect(doc.parties.programme).toMatchObject({ rencontres: ['La direction', 'La présidence', 'Deux conseillères'], validation: { accepte: true } });
      expect(doc.parties.rapportsIndividuels.liste).toHaveLength(2);
      expect(doc.parties.precisions.liste[0]).toMatchObject({ numero: 1, reponse: { texte: 'Quatre, dont deux en fin de contrat.' } });
      expect(doc.parties.rapportCroise).toMatchObject({ renseigne: true, retoursMl: [{ commentaire: 'Le rôle du bureau est sous-estimé.' }] });
      const html = await request(app).get(`/api/dossiers/${id}/document-suivi.html`);
      expect(html.text).toContain('Une gouvernance à clarifier.');
      expect(html.text).toContain('Quatre, dont deux en fin de contrat.');
    });

    it('the final review proposes an Appui Conseil: the direction accepts it from its link, and the new dossier is issued from the diagnostic', async () => {
      await staff(id, 'rendez-vous', { evenement: 'revue_finale', debut: soon(1500), dureeMinutes: 1 });
      await des200(
        'the conclusion',
        () => request(app).post(`/api/dossiers/${id}/conclusion`).send({ conclusions: 'Une gouvernance à clarifier.', accompagnement: 'appui_conseil' }),
        15_000,
      );
      const suite = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'diagnostic_cloture', to: DIRECTION }));
      expect(suite.pathname).toBe(`/agir/${id}/suite-diagnostic`);
      const page = await request(app).get(pathOf(suite));
      expect(page.status).toBe(200);
      expect(page.text).toContain('l’UNML propose un accompagnement : Appui Conseil.');
      expect(page.text).toContain('Conclusions du diagnostic : Une gouvernance à clarifier.');
      // Accepting needs the ML's situation and at least one topic.
      const incomplet = await request(app)
        .post(suite.pathname)
        .type('form')
        .send({ jeton: jetonDe(suite), reponse: 'accepte' });
      expect(incomplet.status).toBe(400);
      expect(incomplet.text).toContain('Choisissez la situation de la Mission Locale.');
      const accepte = await request(app)
        .post(suite.pathname)
        .type('form')
        .send({
          jeton: jetonDe(suite),
          reponse: 'accepte',
          casMobilisation: 'probleme_organisationnel',
          sujet_organisation_rh: 'oui',
          complement: 'Nous souhaitons commencer au printemps.',
        });
      expect(accepte.status).toBe(200);
      expect(accepte.text).toContain('Accompagnement accepté : Appui Conseil');
      const dgn = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(dgn.suite.reponse).toMatchObject({ accepte: true, par: 'Claire Martin' });
      expect(dgn.aConduitA).toMatch(/^APC-[0-9A-F]{10}$/);
      const apc = (await request(app).get(`/api/dossiers/${dgn.aConduitA}`)).body;
      expect(apc).toMatchObject({
        dispositif: 'appui_conseil',
        issuDe: id,
        demande: { casMobilisation: 'probleme_organisationnel', sujets: ['organisation_rh'] },
      });
      expect(apc.demande.description).toContain('Nous souhaitons commencer au printemps.');
      // Both dossier pages show the link to the other.
      expect((await request(app).get(`/staff/dossiers/${id}`)).text).toContain(`<a href="/staff/dossiers/${dgn.aConduitA}">${dgn.aConduitA}</a>`);
      expect((await request(app).get(`/staff/dossiers/${dgn.aConduitA}`)).text).toContain(`<a href="/staff/dossiers/${id}">${id}</a>`);
      // Answered: the link says so, with the dossier it opened.
      const deja = await request(app).get(pathOf(suite));
      expect(deja.text).toMatch(/Ce lien a déjà été utilisé|déjà été accepté/);
      await waitForMail(stack.mails, { dossierId: id, kind: 'suite_diagnostic_repondue', to: DIRECTION, text: dgn.aConduitA });
    });

    it('closed, the diagnostic sends its evaluation questionnaire: the direction answers it from its link, once', async () => {
      const evaluation = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'questionnaire_evaluation', to: DIRECTION }));
      expect(evaluation.pathname).toBe(`/agir/${id}/evaluation`);
      const page = await request(app).get(pathOf(evaluation));
      expect(page.status).toBe(200);
      expect(page.text).toContain('Questionnaire d’évaluation');
      const reponse = await request(app)
        .post(evaluation.pathname)
        .type('form')
        .send({ jeton: jetonDe(evaluation), appreciation: 'Un regard très utile.' });
      expect(reponse.status).toBe(200);
      const dgn = (await request(app).get(`/api/dossiers/${id}`)).body;
      expect(dgn.evaluations).toEqual([expect.objectContaining({ repondant: 'ml', nom: 'Claire Martin' })]);
      expect((await request(app).get(pathOf(evaluation))).text).toMatch(/déjà répondu|déjà été utilisé/);
      // The binôme got theirs too.
      await waitForActionLink(stack.mails, { dossierId: id, kind: 'questionnaire_evaluation', to: CONSULTANT.email });
    });
  },
);

describe('an intervenant’s record corrected in the pool', () => {
  it('reaches the running dossiers that hold them: the next emails go to the new address', async () => {
    const id = await dossierAvecBinome();

    // UNML corrects the director's name and address in the pool.
    const NOUVELLE = 'paul.legall@ml-brest.fr';
    // (Their home ML too: a director's record needs one, and this test pool's was created without.)
    const mlBretonne = ((await request(app).get('/api/referentiel/missions-locales').query({ region: 'BRE' })).body as { code: string }[])[0]!.code;
    const patch = await request(app)
      .patch(`/api/intervenants/${DIRECTEUR.id}`)
      .send({ par: 'unml.sbernard', nom: 'Paul Le Gall-Kerjean', email: NOUVELLE, missionLocaleCode: mlBretonne });
    expect(patch.status).toBe(200);
    const dossier = await until('the dossier told', async () => {
      const d = (await request(app).get(`/api/dossiers/${id}`)).body;
      return d.binome.diagnostiqueur_directeur.intervenant.email === NOUVELLE ? d : undefined;
    });
    expect(dossier.binome.diagnostiqueur_directeur.intervenant.nom).toBe('Paul Le Gall-Kerjean');
    expect(JSON.stringify(dossier.timeline)).toContain(`adresse : ${DIRECTEUR.email} → ${NOUVELLE}`);

    // Once both accept, the binôme's email (with the link to the analysis) goes to the new address only.
    await staff(id, 'diagnostiqueurs/reponse', { intervenantId: CONSULTANT.id, accepte: true });
    await staff(id, 'diagnostiqueurs/reponse', { intervenantId: DIRECTEUR.id, accepte: true });
    const lien = new URL(await waitForActionLink(stack.mails, { dossierId: id, kind: 'binome_constitue', to: NOUVELLE }));
    expect(lien.pathname).toBe(`/agir/${id}/analyse`);
    const recus = (await parseMails(stack.mails())).filter((m) => m.kind === 'binome_constitue' && m.subject.includes(id));
    expect(recus.some((m) => m.to.includes(DIRECTEUR.email))).toBe(false);
    // The link of the new address is theirs: it files their analysis.
    const analyse = await request(app)
      .post(lien.pathname)
      .type('form')
      .send({ jeton: jetonDe(lien), synthese: 'Une gouvernance à clarifier.' });
    expect(analyse.status).toBe(200);
  }, 120_000);
});
