// The Appui Conseil workflow (seed 001) on the real time-skipping test server.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { VivierStore } from '../db/store';
import { classerCandidats } from '../domain/matching';
import type { Intervenant } from '../domain/schemas';
import { ROLES } from '../domain/vivier';
import { appuiConseil } from '../workflows';
import * as M from '../workflows/appui-conseil/messages';
import type { AppuiConseilInput } from '../workflows/appui-conseil/state';
import { getBesoinVivier } from '../workflows/vivier/messages';
import { CABINET, demande, input, MEMBRE_COMPLET, MEMBRE_HDF, MEMBRE_OCCITANIE, ML_DIRECTION, POOL_APPUI_CONSEIL } from './helpers/appui-conseil';
import { DAY, INTERLOCUTRICE } from './helpers/fixtures';
import { icsOfEmail } from './helpers/ics';
import { reservationsActives } from './helpers/pool';
import { createTimeSkippingEnv, inDays as inDaysOf, refusal } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'appui-conseil-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let vivier: VivierStore;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, vivier, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { pool: POOL_APPUI_CONSEIL }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

beforeEach(() => mailbox.clear());

async function start(d = demande(), delais: Partial<AppuiConseilInput['delais']> = {}): Promise<WorkflowHandle<typeof appuiConseil>> {
  const dossierId = `APC-TEST${++counter}`;
  const i = input(dossierId, d);
  return env.client.workflow.start(appuiConseil, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [{ ...i, delais: { ...i.delais, ...delais } }] });
}

/** The visio de lancement planned in an hour, then recorded as held once it has begun. */
async function lancementTenu(h: WorkflowHandle<typeof appuiConseil>, compteRendu?: string): Promise<void> {
  await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(1 / 24) }] });
  await env.sleep('1 hour');
  await h.executeUpdate(M.recordVisioLancement, { args: [compteRendu ? { compteRendu } : {}] });
}

/** Both bilan visios planned (in 2 and 3 days) and taken place. */
async function visiosBilanTenues(h: WorkflowHandle<typeof appuiConseil>): Promise<void> {
  await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: await inDays(2) }] });
  await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: await inDays(3) }] });
  await env.sleep(3 * DAY + 3_600_000);
}

const actives = (h: WorkflowHandle) => reservationsActives(vivier, h);

/** The test server's clock, `days` from now. */
const inDays = (days: number) => inDaysOf(env, days);

/** A dossier in mise en œuvre, with one action whose milestones are in 10 and 20 days. */
async function toMiseEnOeuvre(membre?: Intervenant): Promise<WorkflowHandle<typeof appuiConseil>> {
  const h = await start();
  await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
  await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
  if (membre) {
    await h.executeUpdate(M.addMembreReseau, { args: [{ membre, choix: { source: 'classement', rang: 1 } }] });
    await h.executeUpdate(M.respondDesignation, { args: [{ intervenantId: membre.id, accepte: true }] });
  }
  await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
  await lancementTenu(h);
  await h.executeUpdate(M.submitRapportDiagnostic, { args: [{ constats: 'Déficit de 120 k€', conclusions: 'Plan de retour à l’équilibre' }] });
  await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Équilibre financier', objectifs: ['Budget 2027 à l’équilibre'] }] });
  await h.executeUpdate(M.submitPlanAction, {
    args: [
      {
        actions: [
          {
            intitule: 'Plan de trésorerie',
            responsable: { nom: 'Léa Roux', email: 'lea.roux@equilibres-conseil.fr' },
            jalons: [
              { libelle: 'Prévisionnel validé', date: await inDays(10) },
              { libelle: 'Présentation au CA', date: await inDays(20) },
            ],
          },
        ],
      },
    ],
  });
  return h;
}

describe('Appui Conseil visios in the calendar', () => {
  it('invites, updates a rescheduled visio (same UID, higher SEQUENCE), reminds before the new time only, and cancels it on abandon', async () => {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    mailbox.clear();
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(3) }] });
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(5) }] });
    await env.sleep('4.5 days');
    const rappels = mailbox.sent.filter((m) => m.message.kind === 'rappel_evenement');
    expect(rappels).toHaveLength(1);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La ML renonce' }] });
    const ics = (await Promise.all(mailbox.raw.map((raw) => icsOfEmail(raw)))).filter((e) => e !== undefined);
    const uid = `${h.workflowId}.lancement@dispositifs.unml.info`;
    expect(ics.map((e) => [e.uid, e.method, e.sequence])).toEqual([
      [uid, 'REQUEST', 0],
      [uid, 'REQUEST', 1],
      [uid, 'CANCEL', 2],
    ]);
    expect(ics[2]!.tzid).toBe('Europe/Paris');
  });
});

describe('Appui Conseil, the whole path: from the demand to the closure, the suivi document complete', () => {
  // One dossier, step after step: each test goes on from where the previous one left it, and sees the emails of
  // its own step only (the mailbox is cleared before each test).
  let h: WorkflowHandle<typeof appuiConseil>;

  it('intake: the ARML of Hauts-de-France is informed', async () => {
    h = await start();
    await env.sleep('1 minute');
    expect(mailbox.to('contact@arml-hdf.fr').map((m) => m.message.kind)).toEqual(['notification_arml']);
  });

  it('mobilisation: the cabinet is told, the acte goes to the ML; a network member joins; the ML signs and UNML is told', async () => {
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    expect(mailbox.to(CABINET.contact.email).map((m) => m.message.kind)).toContain('cabinet_mobilise');
    expect(mailbox.to(ML_DIRECTION).map((m) => m.message.kind)).toContain('acte_engagement_a_signer');
    await h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_OCCITANIE }] });
    mailbox.clear();
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    // The interlocutrice UNML is told that the acte d’engagement is signed, by whom and when.
    const signe = mailbox.to(INTERLOCUTRICE.email).filter((m) => m.message.kind === 'appui_acte_signe');
    expect(signe.map((m) => m.message)).toEqual([{ kind: 'appui_acte_signe', signataire: 'Karim Haddad', signeLe: expect.any(String) }]);
  });

  it('lancement: the ML, the cabinet, its consultant, the member and the interlocutrice are invited; the visio is held only from its start', async () => {
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(3) }] });
    const invitation = mailbox.sent.find((m) => m.message.kind === 'invitation_visio')!;
    expect(invitation.to.map((r) => r.email).sort()).toEqual(
      [ML_DIRECTION, CABINET.contact.email, CABINET.consultants[0]!.email, MEMBRE_OCCITANIE.email, INTERLOCUTRICE.email].sort(),
    );
    // Held only from its start: three days later.
    expect(await refusal(h.executeUpdate(M.recordVisioLancement, { args: [{ compteRendu: 'Calendrier partagé' }] }))).toMatch(
      /^La visio de lancement commence le \p{L}+ \d{1,2}(er)? \p{L}+ 20\d\d à \d{1,2} h \d\d : enregistrez-la comme tenue à partir de cette heure/u,
    );
    await env.sleep('3 days');
    await h.executeUpdate(M.recordVisioLancement, { args: [{ compteRendu: 'Calendrier partagé' }] });
  });

  it('diagnostic, cadrage (UNML told of the fiche de cadrage) and plan d’action', async () => {
    await h.executeUpdate(M.submitRapportDiagnostic, { args: [{ constats: 'Déficit de 120 k€', conclusions: 'Plan de retour à l’équilibre' }] });
    await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Équilibre financier', objectifs: ['Budget 2027 à l’équilibre'] }] });
    const cadrage = mailbox.to(INTERLOCUTRICE.email).find((m) => m.message.kind === 'appui_fiche_cadrage');
    expect(cadrage?.message).toMatchObject({ besoin: 'Équilibre financier', objectifs: ['Budget 2027 à l’équilibre'] });
    await h.executeUpdate(M.submitPlanAction, {
      args: [
        {
          actions: [
            { intitule: 'Plan de trésorerie', responsable: CABINET.consultants[0]!, jalons: [{ libelle: 'Prévisionnel validé', date: await inDays(30) }] },
          ],
        },
      ],
    });
  });

  it('mise en œuvre: twenty days of intervention, UNML warned once, at the 15th; a milestone reached; UNML told of its end', async () => {
    for (let day = 1; day <= 20; day++) {
      await env.sleep('1 day');
      await h.executeUpdate(M.logJournee, { args: [{ intervenant: 'Léa Roux', date: await inDays(0), demiJournees: 2, objet: `Intervention ${day}` }] });
      if (day === 14) expect(mailbox.kinds()).not.toContain('alerte_budget_jours');
    }
    expect(mailbox.sent.filter((m) => m.message.kind === 'alerte_budget_jours')).toHaveLength(1);
    await h.executeUpdate(M.markJalonAtteint, { args: [{ action: 1, jalon: 1 }] });
    mailbox.clear();
    await h.executeUpdate(M.endMiseEnOeuvre, { args: [{}] });
    // UNML is told the accompaniment's mise en œuvre is over, with the days done.
    const fin = mailbox.to(INTERLOCUTRICE.email).filter((m) => m.message.kind === 'appui_mise_en_oeuvre_terminee');
    expect(fin.map((m) => m.message)).toEqual([{ kind: 'appui_mise_en_oeuvre_terminee', realises: '20 jours', plafond: '20 jours' }]);
  });

  it('bilan: the fiche bilan waits for the bilan visios to be over, then sends the questionnaires; closing waits for answers or 15 days', async () => {
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: await inDays(3) }] });
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: await inDays(4) }] });
    await h.executeUpdate(M.addLivrable, { args: [{ nom: 'Plan de trésorerie 2027', url: 'https://equilibres-conseil.fr/livrables/ml-lens.pdf' }] });
    const fiche = {
      objectifs: [{ objectif: 'Budget 2027 à l’équilibre', atteint: true }],
      recommandations: 'Suivi trimestriel',
      pointsDeVigilance: 'Dépendance à un financeur',
    };
    // The fiche bilan draws on the bilan visios: it waits for them to have taken place.
    const tot = await refusal(h.executeUpdate(M.submitFicheBilan, { args: [fiche] }));
    expect(tot).toMatch(/^Déposer la fiche bilan n'est possible qu'une fois les réunions prévues tenues ; encore à venir : /);
    expect(tot).toMatch(/Visio bilan avec la Mission Locale \(\p{L}+ .* à \d{1,2} h \d\d, 1 h\), Visio bilan avec les intervenants \(/u);
    await env.sleep(3 * DAY + 2 * 3_600_000);
    expect(await refusal(h.executeUpdate(M.submitFicheBilan, { args: [fiche] }))).toMatch(/encore à venir : Visio bilan avec les intervenants/);
    await env.sleep('1 day');
    mailbox.clear();
    await h.executeUpdate(M.submitFicheBilan, { args: [fiche] });
    const questionnaires = mailbox.sent.filter((m) => m.message.kind === 'questionnaire_evaluation').flatMap((m) => m.to.map((r) => r.email));
    expect(questionnaires.sort()).toEqual([ML_DIRECTION, CABINET.contact.email, CABINET.consultants[0]!.email, MEMBRE_OCCITANIE.email].sort());
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', nom: 'Karim Haddad', reponses: { utilite: 'Décisive' } }] });
    await env.sleep('6 seconds');
    // Closing waits for the questionnaires: the intervenants have not answered and their 15 days are not over.
    const attente = await refusal(h.executeUpdate(M.cloturer, { args: [{}] }));
    expect(attente).toMatch(/^Les questionnaires d'évaluation, envoyés le \p{L}+ .* à \d{1,2} h \d\d, restent ouverts 15 jours : /u);
    expect(attente).toMatch(/la clôture est possible dès que tous ont répondu, ou à partir du \p{L}+ .* à \d{1,2} h \d\d\. /u);
    expect(attente).toMatch(/N'ont pas encore répondu : Marc Petit, Léa Roux, Nadia Benali\.$/);
    expect(attente).not.toMatch(/Mission Locale \(/);
    await env.sleep('15 days');
    await h.executeUpdate(M.cloturer, { args: [{}] });
  });

  it('closure: the suivi document holds the days, the diagnostic, the milestones, the deliverable and the evaluation', async () => {
    const final = await h.result();
    expect(final.etape).toBe('cloture');
    expect(final.budget.demiJourneesRealisees).toBe(40);
    expect(final.rapportDiagnostic?.constats).toBe('Déficit de 120 k€');
    expect(final.ficheSuiviIntermediaire.journees).toHaveLength(20);
    expect(final.ficheSuiviIntermediaire.planAction[0]!.jalons[0]!.atteint).toBeDefined();
    expect(final.livrables[0]).toMatchObject({ numero: 1, nom: 'Plan de trésorerie 2027' });
    expect(final.evaluations).toHaveLength(1);
  });

  it('replays its recorded history on today’s code: the workflow is deterministic', async () => {
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });
});

describe('Network members through the intervenant pool (issue #4)', () => {
  async function enMobilisation(): Promise<WorkflowHandle<typeof appuiConseil>> {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
    return h;
  }

  it('asks the pool for a network member while one may be added, never from the ML’s région, decliners excluded', async () => {
    const h = await enMobilisation();
    const besoin = await h.query(getBesoinVivier);
    expect(besoin).toMatchObject({ dossierId: h.workflowId, dispositif: 'appui_conseil', role: 'membre_reseau', heuresMois: 4, dejaSollicites: [] });
    const classement = classerCandidats(besoin!, await vivier.candidats(ROLES.membre_reseau.types), new Date().toISOString());
    expect(classement.find((c) => c.intervenantId === MEMBRE_HDF.id)).toMatchObject({ eligible: false });
    expect(
      classement
        .filter((c) => c.eligible)
        .map((c) => c.intervenantId)
        .sort(),
    ).toEqual([MEMBRE_OCCITANIE.id, MEMBRE_COMPLET.id].sort());
    expect(mailbox.kinds()).not.toContain('intervenants_proposes'); // an optional role: proposed when UNML asks
    expect(await vivier.fileAttente()).toEqual([]);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    expect(await h.query(getBesoinVivier)).toBeNull();
  });

  it('reserves the member designated from the ranking, records the choice, and releases everything at the dossier’s end', async () => {
    const h = await enMobilisation();
    const s = await h.executeUpdate(M.addMembreReseau, {
      args: [{ membre: MEMBRE_OCCITANIE, choix: { source: 'classement', rang: 1 }, par: INTERLOCUTRICE.nom }],
    });
    expect(s.vivier?.choix).toEqual({ source: 'classement', rang: 1 });
    expect(s.timeline.at(-1)!.details).toMatch(/proposé par le vivier \(rang 1\)/);
    expect(await actives(h)).toEqual([`membre_reseau:${MEMBRE_OCCITANIE.id}`]);
    expect((await vivier.reservations({ dossierId: h.workflowId }))[0]).toMatchObject({ manuelle: false, heuresMois: 4 });
    // The role is held: the dossier asks for nobody else.
    expect(await h.query(getBesoinVivier)).toBeNull();
    expect(await refusal(h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_COMPLET }] }))).toMatch(/tient déjà le rôle de membre du réseau/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La ML renonce' }] });
    const fin = await h.result();
    expect(fin.etape).toBe('abandonnee');
    expect(await actives(h)).toEqual([]);
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });

  it('refuses a member beyond their capacity with the pool’s reason, and records a manual override with its motif', async () => {
    const premier = await enMobilisation();
    await premier.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_COMPLET, choix: { source: 'classement', rang: 2 } }] });
    const h = await enMobilisation();
    expect(await refusal(h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_COMPLET, choix: { source: 'classement', rang: 1 } }] }))).toMatch(
      /capacité/i,
    );
    expect((await h.query(M.getDossier)).membresReseau).toEqual([]);
    expect(await actives(h)).toEqual([]);
    expect(await refusal(h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_OCCITANIE, choix: { source: 'manuel' } }] }))).toMatch(/motif/);
    const s = await h.executeUpdate(M.addMembreReseau, {
      args: [{ membre: MEMBRE_OCCITANIE, choix: { source: 'manuel', motif: 'Connaît le plan de retour à l’équilibre' } }],
    });
    expect(s.vivier?.choix).toEqual({ source: 'manuel', motif: 'Connaît le plan de retour à l’équilibre' });
    expect(s.timeline.at(-1)!.details).toMatch(/désignation manuelle, hors classement : Connaît le plan/);
    expect((await vivier.reservations({ dossierId: h.workflowId, actives: true }))[0]).toMatchObject({ intervenantId: MEMBRE_OCCITANIE.id, manuelle: true });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    await premier.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    await premier.result();
    expect(await actives(premier)).toEqual([]);
  });

  it('releases a member who declines and never asks them again for this dossier', async () => {
    const h = await enMobilisation();
    await h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_OCCITANIE, choix: { source: 'classement', rang: 1 } }] });
    const declined = await h.executeUpdate(M.respondDesignation, {
      args: [{ intervenantId: MEMBRE_OCCITANIE.id, accepte: false, motif: 'Pas disponible ce trimestre' }],
    });
    expect(declined.vivier?.sollicites).toEqual([expect.objectContaining({ intervenantId: MEMBRE_OCCITANIE.id, motif: 'Pas disponible ce trimestre' })]);
    expect(declined.vivier?.choix).toBeUndefined();
    expect(await actives(h)).toEqual([]);
    const besoin = (await h.query(getBesoinVivier))!;
    expect(besoin.dejaSollicites).toEqual([{ intervenantId: MEMBRE_OCCITANIE.id, motif: 'A déjà décliné ce dossier : Pas disponible ce trimestre' }]);
    const classement = classerCandidats(besoin, await vivier.candidats(ROLES.membre_reseau.types), new Date().toISOString());
    expect(classement.find((c) => c.intervenantId === MEMBRE_OCCITANIE.id)).toMatchObject({ eligible: false });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('keeps the member reserved through the dossier and releases the reservation at its closure', async () => {
    const h = await toMiseEnOeuvre(MEMBRE_OCCITANIE);
    expect(await actives(h)).toEqual([`membre_reseau:${MEMBRE_OCCITANIE.id}`]);
    await h.executeUpdate(M.endMiseEnOeuvre, { args: [{ motif: 'Objectifs atteints plus tôt' }] });
    expect(await h.query(getBesoinVivier)).toBeNull(); // the mise en œuvre is over: no member is added any more
    await visiosBilanTenues(h);
    await h.executeUpdate(M.submitFicheBilan, {
      args: [{ objectifs: [{ objectif: 'Budget 2027 à l’équilibre', atteint: true }], recommandations: 'Suivi', pointsDeVigilance: 'Aucun' }],
    });
    expect(await actives(h)).toEqual([`membre_reseau:${MEMBRE_OCCITANIE.id}`]);
    // Everyone the questionnaire went to answers (the ML, the cabinet's contact and consultant, the member): closing at once.
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', nom: 'Karim Haddad', reponses: { utilite: 'Décisive' } }] });
    for (const nom of [CABINET.contact.nom, CABINET.consultants[0]!.nom])
      await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'intervenant', nom, reponses: { utilite: 'Oui' } }] });
    expect(await refusal(h.executeUpdate(M.cloturer, { args: [{}] }))).toMatch(/N'ont pas encore répondu : Nadia Benali\.$/);
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'intervenant', nom: 'nadia benali', reponses: { utilite: 'Oui' } }] });
    await h.executeUpdate(M.cloturer, { args: [{}] });
    expect((await h.result()).etape).toBe('cloture');
    expect(await actives(h)).toEqual([]);
    const [reservation] = await vivier.reservations({ dossierId: h.workflowId });
    expect(reservation).toMatchObject({ intervenantId: MEMBRE_OCCITANIE.id, motifLiberation: 'Dossier cloture' });
  });
});

describe('Refusals', () => {
  it('ends an out-of-scope demand as non recevable, pointing continuous improvement to Compagnonnage', async () => {
    const h = await start(demande({ sujets: ['amelioration_continue'] }));
    const final = await h.result();
    expect(final.etape).toBe('non_recevable');
    expect(mailbox.sent.find((m) => m.message.kind === 'demande_non_recevable')!.message).toMatchObject({ redirection: 'compagnonnage' });
  });

  it('refuses a comment on the rapport de diagnostic before it is submitted, then records the ML’s comment', async () => {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Équilibre', interlocutrice: INTERLOCUTRICE }] });
    expect(await refusal(h.executeUpdate(M.commentRapportDiagnostic, { args: [{ commentaire: 'Trop tôt' }] }))).toMatch(/pas possible à l'étape/);
    await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    await lancementTenu(h);
    mailbox.clear();
    await h.executeUpdate(M.submitRapportDiagnostic, { args: [{ constats: 'Déficit', conclusions: 'Plan' }] });
    expect(mailbox.to(ML_DIRECTION).map((m) => m.message.kind)).toContain('rapport_diagnostic_depose');
    const s = await h.executeUpdate(M.commentRapportDiagnostic, { args: [{ commentaire: 'La gouvernance est sous-estimée.', par: 'Karim Haddad' }] });
    expect(s.rapportDiagnostic?.commentaires).toEqual([expect.objectContaining({ commentaire: 'La gouvernance est sous-estimée.' })]);
    expect(mailbox.to(CABINET.contact.email).map((m) => m.message.kind)).toContain('commentaire_rapport');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a network member from the ML’s own région', async () => {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Équilibre', interlocutrice: INTERLOCUTRICE }] });
    expect(await refusal(h.executeUpdate(M.addMembreReseau, { args: [{ membre: { ...MEMBRE_OCCITANIE, region: 'HDF' } }] }))).toMatch(/Hauts-de-France/);
    expect((await h.query(M.getDossier)).membresReseau).toEqual([]);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('asks a mobilised network member to accept; a decline (reason required) removes them and tells UNML', async () => {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Équilibre', interlocutrice: INTERLOCUTRICE }] });
    mailbox.clear();
    await h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_OCCITANIE }] });
    const ask = mailbox.sent.find((m) => m.message.kind === 'designation_a_accepter')!;
    expect(ask.to.map((r) => r.email)).toEqual([MEMBRE_OCCITANIE.email]);
    expect(ask.action).toEqual({ nom: 'repondre-designation', role: 'intervenant' });
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ intervenantId: 'inconnu', accepte: true }] }))).toMatch(
      /Seul un membre du réseau mobilisé/,
    );
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ intervenantId: MEMBRE_OCCITANIE.id, accepte: false }] }))).toMatch(/raison/);
    const declined = await h.executeUpdate(M.respondDesignation, {
      args: [{ intervenantId: MEMBRE_OCCITANIE.id, accepte: false, motif: 'Pas disponible', par: MEMBRE_OCCITANIE.nom }],
    });
    expect(declined.membresReseau).toEqual([]);
    expect(declined.timeline.at(-1)).toMatchObject({ evenement: 'Intervention déclinée par le membre du réseau' });
    expect(mailbox.sent.find((m) => m.message.kind === 'designation_declinee')!.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);

    await h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_OCCITANIE }] });
    const accepted = await h.executeUpdate(M.respondDesignation, { args: [{ intervenantId: MEMBRE_OCCITANIE.id, accepte: true }] });
    expect(accepted.membresAcceptes).toEqual([MEMBRE_OCCITANIE.id]);
    expect(mailbox.to(MEMBRE_OCCITANIE.email).map((m) => m.message.kind)).toContain('intervenant_designe');
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ intervenantId: MEMBRE_OCCITANIE.id, accepte: true }] }))).toMatch(/déjà accepté/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a 21st day until UNML extends the budget with a reason; the state shows the budget (cap, extensions, used, left)', async () => {
    const h = await toMiseEnOeuvre();
    const debut = await h.query(M.getDossier);
    expect(debut.budget).toMatchObject({ minimumJours: 15, maximumJours: 20, plafondJours: 20, realisesJours: 0, restantJours: 20, restantDemiJournees: 40 });
    let s = debut;
    for (let n = 0; n < 20; n++)
      s = await h.executeUpdate(M.logJournee, { args: [{ intervenant: 'Léa Roux', date: await inDays(0), demiJournees: n === 0 ? 1 : 2, objet: 'Atelier' }] });
    // The state shows the budget as it stands: 19.5 days done, half a day left.
    expect(s.budget).toMatchObject({ demiJourneesRealisees: 39, realisesJours: 19.5, plafondDemiJournees: 40, restantDemiJournees: 1, restantJours: 0.5 });
    expect(
      await refusal(h.executeUpdate(M.logJournee, { args: [{ intervenant: 'Léa Roux', date: await inDays(0), demiJournees: 2, objet: 'Atelier' }] })),
    ).toMatch(/dépasse le budget/);
    await h.executeUpdate(M.logJournee, { args: [{ intervenant: 'Léa Roux', date: await inDays(0), demiJournees: 1, objet: 'Atelier' }] });
    expect(await refusal(h.executeUpdate(M.extendBudget, { args: [{ jours: 1, motif: '' }] }))).toMatch(/motif/);
    const etendu = await h.executeUpdate(M.extendBudget, { args: [{ jours: 1, motif: 'Négociation avec la Région prolongée', par: 'direction UNML' }] });
    expect(etendu.budget).toMatchObject({ extensionsDemiJournees: 2, plafondDemiJournees: 42, plafondJours: 21, restantJours: 1, realisesJours: 20 });
    s = await h.executeUpdate(M.logJournee, { args: [{ intervenant: 'Léa Roux', date: await inDays(0), demiJournees: 2, objet: 'Atelier' }] });
    expect(s.budget.demiJourneesRealisees).toBe(42);
    expect(s.budget).toMatchObject({ realisesJours: 21, restantJours: 0, restantDemiJournees: 0 });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('logs only travel UNML approved beforehand, once its date has come; a refusal is recorded with its reason; the cost in euros', async () => {
    const h = await toMiseEnOeuvre();
    const deplacement = { qui: 'Léa Roux', ou: 'Lens', quand: await inDays(5), pourquoi: 'Atelier avec le CA', coutEstimeEuros: 240 };
    await h.executeUpdate(M.requestDeplacement, { args: [deplacement] });
    expect(mailbox.sent.find((m) => m.message.kind === 'deplacement_a_approuver')!.to[0]!.email).toBe(INTERLOCUTRICE.email);
    expect(await refusal(h.executeUpdate(M.logDeplacement, { args: [{ deplacement: 1 }] }))).toMatch(/n'a pas été approuvé/);
    await h.executeUpdate(M.decideDeplacement, { args: [{ deplacement: 1, approuve: true }] });
    // Recorded as done once its day has come, not before.
    expect(await refusal(h.executeUpdate(M.logDeplacement, { args: [{ deplacement: 1 }] }))).toMatch(
      /^Le déplacement 1 à Lens : la date du \p{L}+ .* à \d{1,2} h \d\d est dans le futur ; n'enregistrez que ce qui a eu lieu\.$/u,
    );
    await env.sleep('5 days');
    const logged = await h.executeUpdate(M.logDeplacement, { args: [{ deplacement: 1 }] });
    expect(logged.ficheSuiviIntermediaire.deplacements[0]!.statut).toBe('realise');
    expect(logged.timeline.find((e) => e.evenement === 'Déplacement 1 demandé (approbation UNML préalable)')!.details).toMatch(/, 240,00\s€$/);

    await h.executeUpdate(M.requestDeplacement, { args: [{ ...deplacement, ou: 'Arras', quand: await inDays(5) }] });
    const refused = await h.executeUpdate(M.decideDeplacement, { args: [{ deplacement: 2, approuve: false, motif: 'Visio suffisante' }] });
    expect(refused.ficheSuiviIntermediaire.deplacements[1]).toMatchObject({ statut: 'refuse', decision: { motif: 'Visio suffisante' } });
    expect(await refusal(h.executeUpdate(M.logDeplacement, { args: [{ deplacement: 2 }] }))).toMatch(/refusé/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Time and order, and who may be named (issue #17)', () => {
  it('records the visio de lancement as held only from its start, naming its date and time', async () => {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Équilibre', interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(3 / 1440) }] });
    // Three minutes early: refused, with the start written as a person reads it.
    expect(await refusal(h.executeUpdate(M.recordVisioLancement, { args: [{}] }))).toMatch(/^La visio de lancement commence le .* à \d{1,2} h \d\d : /);
    await env.sleep('3 minutes');
    expect((await h.executeUpdate(M.recordVisioLancement, { args: [{}] })).etape).toBe('diagnostic');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a visio slot that overlaps another planned meeting of the dossier for the same people; moving a visio is not its own conflict', async () => {
    const h = await toMiseEnOeuvre();
    await h.executeUpdate(M.endMiseEnOeuvre, { args: [{ motif: 'Objectifs atteints plus tôt' }] });
    const debut = await inDays(2);
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut }] });
    const demiHeureApres = new Date(Date.parse(debut) + 30 * 60_000).toISOString();
    expect(await refusal(h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: demiHeureApres }] }))).toMatch(
      new RegExp(
        '^Ce créneau \\(.* à \\d{1,2} h \\d\\d, 1 h\\) chevauche « Visio bilan avec la Mission Locale – Appui Conseil Mission Locale de Lens » ' +
          'du .* à \\d{1,2} h \\d\\d \\(1 h\\), qui réunit les mêmes personnes',
      ),
    );
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: demiHeureApres }] });
    const uneHeureEtDemieApres = new Date(Date.parse(debut) + 90 * 60_000).toISOString();
    const s = await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: uneHeureEtDemieApres }] });
    expect(s.visiosBilan.bilan_intervenant?.debut).toBe(uneHeureEtDemieApres);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses an intervention day dated before the dossier existed, or in the future', async () => {
    const h = await toMiseEnOeuvre();
    const { creeLe } = await h.query(M.getDossier);
    const avant = new Date(Date.parse(creeLe) - 11 * DAY).toISOString();
    const jour = { intervenant: 'Léa Roux', demiJournees: 2 as const, objet: 'Atelier' };
    expect(await refusal(h.executeUpdate(M.logJournee, { args: [{ ...jour, date: avant }] }))).toMatch(
      /^La journée d'intervention : la date du .* à \d{1,2} h \d\d précède la création du dossier \(le .* à \d{1,2} h \d\d\) ; indiquez la date réelle\.$/,
    );
    // A day (YYYY-MM-DD) before the dossier's is refused too.
    expect(await refusal(h.executeUpdate(M.logJournee, { args: [{ ...jour, date: avant.slice(0, 10) }] }))).toMatch(/précède la création du dossier/);
    expect(await refusal(h.executeUpdate(M.logJournee, { args: [{ ...jour, date: await inDays(2) }] }))).toMatch(
      /la date du .* à \d{1,2} h \d\d est dans le futur ; n'enregistrez que ce qui a eu lieu/,
    );
    const s = await h.query(M.getDossier);
    expect(s.ficheSuiviIntermediaire.journees).toEqual([]);
    expect(s.budget.demiJourneesRealisees).toBe(0);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a call dated in the future or before the dossier', async () => {
    const h = await toMiseEnOeuvre();
    expect(await refusal(h.executeUpdate(M.logAppel, { args: [{ avec: 'ml', date: await inDays(1), resume: 'Point' }] }))).toMatch(
      /^L'appel de suivi : la date du .* est dans le futur/,
    );
    expect(await refusal(h.executeUpdate(M.logAppel, { args: [{ avec: 'ml', date: await inDays(-30), resume: 'Point' }] }))).toMatch(
      /précède la création du dossier/,
    );
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('logs days and trips only for people on the dossier (its consultants, the members who accepted), naming who may be', async () => {
    const h = await toMiseEnOeuvre(MEMBRE_OCCITANIE);
    const inconnu = { intervenant: 'Jean Inconnu', date: await inDays(0), demiJournees: 2 as const, objet: 'Atelier' };
    expect(await refusal(h.executeUpdate(M.logJournee, { args: [inconnu] }))).toBe(
      "Jean Inconnu n'intervient pas sur ce dossier : une journée d'intervention s'enregistre pour un consultant du cabinet ou un membre du réseau " +
        'qui a accepté sa mobilisation (possible : Léa Roux, Nadia Benali).',
    );
    const voyage = { qui: 'Jean Inconnu', ou: 'Lens', quand: await inDays(5), pourquoi: 'Atelier', coutEstimeEuros: 100 };
    expect(await refusal(h.executeUpdate(M.requestDeplacement, { args: [voyage] }))).toMatch(
      /^Jean Inconnu n'intervient pas sur ce dossier : un déplacement se demande pour .* \(possible : Léa Roux, Nadia Benali\)\.$/,
    );
    // The member who accepted is counted, under the name the dossier knows.
    const s = await h.executeUpdate(M.logJournee, { args: [{ ...inconnu, intervenant: 'nadia benali' }] });
    expect(s.ficheSuiviIntermediaire.journees.map((j) => j.intervenant)).toEqual(['Nadia Benali']);
    expect(s.budget.demiJourneesRealisees).toBe(2);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('closing waits for the configured time to answer the questionnaires, said as configured', async () => {
    const h = await start(demande(), { questionnaireReponse: 3 * DAY });
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Équilibre', interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    await lancementTenu(h);
    await h.executeUpdate(M.submitRapportDiagnostic, { args: [{ constats: 'Déficit', conclusions: 'Plan' }] });
    await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Équilibre', objectifs: ['Budget'] }] });
    await h.executeUpdate(M.submitPlanAction, { args: [{ actions: [{ intitule: 'Plan', responsable: CABINET.consultants[0]!, jalons: [] }] }] });
    await h.executeUpdate(M.endMiseEnOeuvre, { args: [{ motif: 'Objectifs atteints plus tôt' }] });
    await visiosBilanTenues(h);
    await h.executeUpdate(M.submitFicheBilan, { args: [{ objectifs: [{ objectif: 'Budget', atteint: true }], recommandations: 'R', pointsDeVigilance: 'P' }] });
    expect(await refusal(h.executeUpdate(M.cloturer, { args: [{}] }))).toMatch(
      /restent ouverts 3 jours : .* N'ont pas encore répondu : la Mission Locale \(Karim Haddad\), Marc Petit, Léa Roux\.$/,
    );
    await env.sleep('3 days');
    expect((await h.executeUpdate(M.cloturer, { args: [{}] })).etape).toBe('cloture');
  });
});

describe('Follow-up', () => {
  it('reminds the owner two days before a milestone, flags a missed one to UNML and shows it missed in the rétroplanning', async () => {
    const h = await toMiseEnOeuvre();
    mailbox.clear();
    await env.sleep('7 days');
    expect(mailbox.kinds()).not.toContain('rappel_jalon');
    await env.sleep('2 days');
    const rappel = mailbox.sent.filter((m) => m.message.kind === 'rappel_jalon');
    expect(rappel).toHaveLength(1);
    expect(rappel[0]!.to[0]!.email).toBe('lea.roux@equilibres-conseil.fr');
    expect(rappel[0]!.message).toMatchObject({ jalon: 'Prévisionnel validé' });
    await env.sleep('2 days');
    const manque = mailbox.sent.filter((m) => m.message.kind === 'jalon_manque');
    expect(manque).toHaveLength(1);
    expect(manque[0]!.to[0]!.email).toBe(INTERLOCUTRICE.email);
    // The rétroplanning shows it missed; the next one, still to come, is not.
    const retro = (await h.query(M.getDossier)).ficheSuiviIntermediaire.planAction[0]!.jalons;
    expect(retro.map((j) => j.manque)).toEqual([true, undefined]);
    // The second milestone, reached in time, is never flagged.
    await h.executeUpdate(M.markJalonAtteint, { args: [{ action: 1, jalon: 2 }] });
    await env.sleep('15 days');
    expect(mailbox.sent.filter((m) => m.message.kind === 'jalon_manque')).toHaveLength(1);
    const apres = (await h.query(M.getDossier)).ficheSuiviIntermediaire.planAction[0]!.jalons;
    expect(apres.map((j) => [j.libelle, j.manque ?? false, !!j.atteint])).toEqual([
      ['Prévisionnel validé', true, false],
      ['Présentation au CA', false, true],
    ]);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('reminds UNML when an intermediate call is overdue at the cadence it set', async () => {
    const h = await toMiseEnOeuvre();
    await h.executeUpdate(M.setCadenceAppels, { args: [{ joursEntreAppels: 14 }] });
    await h.executeUpdate(M.logAppel, { args: [{ avec: 'ml', date: await inDays(0), resume: 'Point trésorerie' }] });
    mailbox.clear();
    await env.sleep('10 days');
    await h.executeUpdate(M.logAppel, { args: [{ avec: 'ml', date: await inDays(0), resume: 'Point budget' }] });
    await env.sleep('6 days');
    // With the ML a call came 10 days ago; with the intervenants none since the start: only that one is overdue.
    const relances = mailbox.sent.filter((m) => m.message.kind === 'relance_appel');
    expect(relances.map((m) => m.message)).toEqual([expect.objectContaining({ avec: 'intervenants' })]);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Answers to visio invitations (each invited person answers from their own link)', () => {
  const CONSULTANTE = CABINET.consultants[0]!;
  const repondre = (h: WorkflowHandle<typeof appuiConseil>, i: M.RespondVisioAppuiInput) => h.executeUpdate(M.respondVisio, { args: [i] });

  it('links every invited person; keeps one answer per person; a proposal goes to the interlocutrice; a reschedule asks again', async () => {
    const h = await start();
    await h.executeUpdate(M.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    await h.executeUpdate(M.addMembreReseau, { args: [{ membre: MEMBRE_OCCITANIE }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    expect(await refusal(repondre(h, { visio: 'lancement', email: ML_DIRECTION, confirme: true }))).toMatch(/pas planifiée/);
    mailbox.clear();
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(3) }] });
    const invitation = mailbox.sent.find((m) => m.message.kind === 'invitation_visio')!;
    expect(invitation.to.map((r) => r.email)).toEqual([ML_DIRECTION, CABINET.contact.email, CONSULTANTE.email, MEMBRE_OCCITANIE.email, INTERLOCUTRICE.email]);
    expect(invitation.action).toEqual({ nom: 'repondre-visio', role: ['ml', 'cabinet', 'cabinet', 'intervenant', null], objet: 'lancement' });

    const ok = await repondre(h, { visio: 'lancement', email: ML_DIRECTION, confirme: true, par: 'Karim Haddad' });
    expect(ok.reponsesVisio?.lancement?.[ML_DIRECTION]).toMatchObject({ role: 'ml', nom: 'Karim Haddad', confirme: true, sequence: 0 });
    expect(await refusal(repondre(h, { visio: 'lancement', email: INTERLOCUTRICE.email, confirme: true }))).toMatch(/pas invité/);
    expect(await refusal(repondre(h, { visio: 'lancement', email: 'inconnu@example.org', confirme: true }))).toMatch(/pas invité/);
    expect(await refusal(repondre(h, { visio: 'lancement', email: CONSULTANTE.email, confirme: false }))).toMatch(/autre date/);
    expect(await refusal(repondre(h, { visio: 'lancement', email: CONSULTANTE.email, confirme: false, proposition: await inDays(-1) }))).toMatch(/futur/);
    expect(await refusal(repondre(h, { visio: 'bilan_ml', email: ML_DIRECTION, confirme: true }))).toMatch(/bilan/);

    const proposition = await inDays(4);
    mailbox.clear();
    // The address as the person typed it elsewhere: matched without regard to case.
    const autre = await repondre(h, {
      visio: 'lancement',
      email: CONSULTANTE.email.toUpperCase(),
      confirme: false,
      proposition,
      commentaire: 'Séminaire ce jour-là',
    });
    expect(autre.reponsesVisio?.lancement?.[CONSULTANTE.email]).toMatchObject({
      role: 'cabinet',
      nom: 'Léa Roux',
      confirme: false,
      proposition,
      commentaire: 'Séminaire ce jour-là',
    });
    expect(autre.reponsesVisio?.lancement?.[ML_DIRECTION]).toMatchObject({ confirme: true }); // one answer per person, not per side
    expect(autre.timeline.at(-1)).toMatchObject({ acteur: 'cabinet (Léa Roux)', evenement: 'Autre créneau proposé pour la visio (lancement)' });
    const notice = mailbox.sent.find((m) => m.message.kind === 'visio_autre_creneau')!;
    expect(notice.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(notice.message).toMatchObject({ visio: 'lancement', proposition, propose: 'Léa Roux', commentaire: 'Séminaire ce jour-là' });
    const membre = await repondre(h, { visio: 'lancement', email: MEMBRE_OCCITANIE.email, confirme: true });
    expect(Object.keys(membre.reponsesVisio?.lancement ?? {}).sort()).toEqual([ML_DIRECTION, CONSULTANTE.email, MEMBRE_OCCITANIE.email].sort());
    expect(mailbox.sent.filter((m) => m.message.kind === 'visio_autre_creneau')).toHaveLength(1); // a confirmation tells nobody

    // UNML reschedules (same UID, higher SEQUENCE): the answers start over.
    const moved = await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: proposition }] });
    expect(moved.reponsesVisio?.lancement).toBeUndefined();
    expect(moved.agenda.lancement?.sequence).toBe(1);
    const again = await repondre(h, { visio: 'lancement', email: CONSULTANTE.email, confirme: true });
    expect(again.reponsesVisio?.lancement?.[CONSULTANTE.email]).toMatchObject({ confirme: true, sequence: 1 });
    await env.sleep('4 days');
    await h.executeUpdate(M.recordVisioLancement, { args: [{}] });
    expect(await refusal(repondre(h, { visio: 'lancement', email: ML_DIRECTION, confirme: true }))).toMatch(/visio de lancement/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('a bilan visio takes answers from its own invitees only, and none once it has started', async () => {
    const h = await toMiseEnOeuvre();
    await h.executeUpdate(M.endMiseEnOeuvre, { args: [{ motif: 'Objectifs atteints plus tôt' }] });
    mailbox.clear();
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: await inDays(2) }] });
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: await inDays(3) }] });
    const [bilanMl, bilanIntervenants] = mailbox.sent.filter((m) => m.message.kind === 'invitation_visio');
    expect(bilanMl!.action).toEqual({ nom: 'repondre-visio', role: ['ml', null], objet: 'bilan_ml' });
    expect(bilanIntervenants!.to.map((r) => r.email)).toEqual([CABINET.contact.email, CONSULTANTE.email, INTERLOCUTRICE.email]);
    expect(bilanIntervenants!.action).toEqual({ nom: 'repondre-visio', role: ['cabinet', 'cabinet', null], objet: 'bilan_intervenant' });

    expect(await refusal(repondre(h, { visio: 'bilan_ml', email: CONSULTANTE.email, confirme: true }))).toMatch(/pas invité/);
    expect(await refusal(repondre(h, { visio: 'bilan_intervenant', email: ML_DIRECTION, confirme: true }))).toMatch(/pas invité/);
    const ok = await repondre(h, { visio: 'bilan_ml', email: ML_DIRECTION, confirme: true });
    expect(ok.reponsesVisio?.bilan_ml?.[ML_DIRECTION]).toMatchObject({ role: 'ml', confirme: true });
    await env.sleep('2.5 days');
    expect(await refusal(repondre(h, { visio: 'bilan_ml', email: ML_DIRECTION, confirme: true }))).toMatch(/déjà commencé/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});
