// The Compagnonnage workflow on the real time-skipping test server: months pass in seconds.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { compagnonnage, propagerFicheIntervenant } from '../workflows';
import * as M from '../workflows/compagnonnage/messages';
import { ficheIntervenantModifiee } from '../workflows/vivier/messages';
import type { Delais, CompagnonnageState } from '../workflows/compagnonnage/state';
import { addJoursOuvres } from '../domain/calendar';
import { dateHeureFr } from '../domain/format';
import { demande, input } from './helpers/compagnonnage';
import { COLLEGUE, DAY, INTERLOCUTRICE } from './helpers/fixtures';
import { icsOfEmail, type IcsEvent } from './helpers/ics';
import { DIRECTEUR_BRETAGNE, DIRECTRICE_QUIMPER } from './helpers/pool';
import { createTimeSkippingEnv, inDays as inDaysOf, refusal } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'compagnonnage-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, stop: stopWorker } = await startWorker(env, TASK_QUEUE));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

beforeEach(() => mailbox.clear());

async function start(d = demande(), delais: Partial<Delais> = {}): Promise<WorkflowHandle<typeof compagnonnage>> {
  const dossierId = `CMP-TEST${++counter}`;
  return env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [input(dossierId, d, delais)] });
}

async function state(h: WorkflowHandle): Promise<CompagnonnageState> {
  return h.query(M.getDossier);
}

/** The test server's clock, `days` from now. */
const inDays = (days: number) => inDaysOf(env, days);
/** The test server's clock, `minutes` from now. */
const inMinutes = async (minutes: number) => new Date((await env.currentTimeMs()) + minutes * 60_000).toISOString();

/** Drives a dossier to the lancement step (intervenant accepted, acte signed, fiche de cadrage filed). */
async function toLancement(delais: Partial<Delais> = {}, objectif = 'Entretiens annuels'): Promise<WorkflowHandle<typeof compagnonnage>> {
  const h = await start(demande(), delais);
  await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
  await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
  await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
  await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Structurer le management', objectifs: [objectif] }] });
  return h;
}

/** Plans the visio de lancement an hour ahead and records it held once started (no reminder: its offsets had passed). */
async function lancementTenu(h: WorkflowHandle<typeof compagnonnage>, compteRendu?: string): Promise<void> {
  await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inMinutes(60) }] });
  await env.sleep('61 minutes');
  await h.executeUpdate(M.recordVisioLancement, { args: [compteRendu ? { compteRendu } : {}] });
}

/** Drives a dossier to the accompagnement step; returns its handle. */
async function toAccompagnement(delais: Partial<Delais> = {}): Promise<WorkflowHandle<typeof compagnonnage>> {
  const h = await toLancement(delais, 'Mettre en place des entretiens annuels');
  await lancementTenu(h, 'Objectifs partagés');
  return h;
}

describe('Compagnonnage, the whole path: from the demand to the closure, post-bilan included', () => {
  // One dossier, step after step: each test goes on from where the previous one left it, and sees the emails of
  // its own step only (the mailbox is cleared before each test).
  let h: WorkflowHandle<typeof compagnonnage>;

  it('intake: the ARML of Normandie is informed, the ML gets its acknowledgement', async () => {
    h = await start();
    await env.sleep('1 minute');
    expect(mailbox.to('contact@arml-normandie.fr').map((m) => m.message.kind)).toEqual(['notification_arml']);
    expect(mailbox.to('direction@ml-rouen.fr').map((m) => m.message.kind)).toEqual(['accuse_reception']);
    expect((await state(h)).etape).toBe('qualification');
  });

  it('designation: UNML accepts and designates; the acte goes to the ML only once the intervenant accepts', async () => {
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE, par: 'sbernard' }] });
    const designated = await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    expect(designated.etape).toBe('acceptation_intervenant');
    expect(mailbox.to(DIRECTEUR_BRETAGNE.email).map((m) => m.message.kind)).toEqual(expect.arrayContaining(['designation_a_accepter']));
    expect(mailbox.to('direction@ml-rouen.fr').map((m) => m.message.kind)).not.toContain('acte_engagement_a_signer');
    const accepted = await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id, par: 'Paul Le Gall' }] });
    expect(accepted.etape).toBe('acte_engagement');
    expect(mailbox.to(DIRECTEUR_BRETAGNE.email).map((m) => m.message.kind)).toContain('intervenant_designe');
    expect(mailbox.to('direction@ml-rouen.fr').map((m) => m.message.kind)).toContain('acte_engagement_a_signer');
  });

  it('acte and cadrage: the ML signs; the fiche de cadrage sets a package of 24 h', async () => {
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
    const cadre = await h.executeUpdate(M.submitFicheCadrage, {
      args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels', 'Comité de direction'] }],
    });
    expect(cadre.heures.forfaitMinutes).toBe(24 * 60);
  });

  it('visio de lancement: the ML, the intervenant and the interlocutrice are invited; it is held', async () => {
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(2), lien: 'https://visio.unml.info/lancement' }] });
    const invitation = mailbox.sent.find((m) => m.message.kind === 'invitation_visio')!;
    expect(invitation.to.map((r) => r.email).sort()).toEqual([DIRECTEUR_BRETAGNE.email, 'direction@ml-rouen.fr', INTERLOCUTRICE.email].sort());
    await env.sleep('2 days');
    await h.executeUpdate(M.recordVisioLancement, { args: [{}] });
  });

  it('sessions: twelve weeks of 2 h; UNML warned once, when 80 % is reached, and never of an absence', async () => {
    for (let week = 1; week <= 12; week++) {
      await env.sleep('7 days');
      await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: `Séance ${week}` }] });
    }
    const alerts = mailbox.sent.filter((m) => m.message.kind === 'alerte_forfait');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to[0]!.email).toBe(INTERLOCUTRICE.email);
    expect(mailbox.kinds()).not.toContain('alerte_absence_seance');
  });

  it('bilan: the visios planned, the fiche bilan sends the evaluation questionnaires; the ML answers', async () => {
    await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    // One a day: the interlocutrice is in each of them.
    for (const [n, visio] of (['bilan_ml', 'bilan_intervenant', 'bilan_collectif'] as const).entries()) {
      await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio, debut: await inDays(5 + n) }] });
    }
    await env.sleep('8 days');
    const bilan = await h.executeUpdate(M.submitFicheBilan, {
      args: [{ objectifs: [{ objectif: 'Entretiens annuels', atteint: true }], recommandations: 'Poursuivre', pointsDeVigilance: 'Turn-over' }],
    });
    expect(bilan.etape).toBe('post_bilan');
    expect(
      mailbox.sent
        .filter((m) => m.message.kind === 'questionnaire_evaluation')
        .flatMap((m) => m.to.map((r) => r.email))
        .sort(),
    ).toEqual([DIRECTEUR_BRETAGNE.email, 'direction@ml-rouen.fr'].sort());
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', reponses: { utilite: 'Très utile' } }] });
  });

  it('post-bilan: refused before three months (seed 003 §6), asked for after; recorded, it closes the dossier', async () => {
    expect(await refusal(h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'x' }] }))).toMatch(/3 mois/);
    await env.sleep('91 days');
    expect(mailbox.to('direction@ml-rouen.fr').map((m) => m.message.kind)).toContain('bilan_post_accompagnement');
    await h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée, CODIR mensuel en place' }] });

    const final = await h.result();
    expect(final.etape).toBe('cloture');
    expect(final.ficheSuivi.seances).toHaveLength(12);
    expect(final.heures.consommeesMinutes).toBe(24 * 60);
    expect(final.evaluations.ml?.reponses).toEqual({ utilite: 'Très utile' });
    expect(final.timeline.map((e) => e.evenement)).toEqual(
      expect.arrayContaining(['Demande déposée', 'Demande acceptée', "Acte d'engagement signé", 'Fiche bilan déposée']),
    );
    expect(final.timeline.find((e) => e.evenement === 'Demande acceptée')!.acteur).toBe('unml (sbernard)');
    expect(mailbox.kinds()).toContain('dossier_cloture');
  });

  it('replays its recorded history on today’s code: the workflow is deterministic', async () => {
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });
});

describe('Intake and qualification', () => {
  it('ends a financial demand as non recevable, redirected to Appui Conseil, with the ARML informed', async () => {
    const h = await start(demande({ sujets: ['financements', 'problematique_financiere'] }));
    const final = await h.result();
    expect(final.etape).toBe('non_recevable');
    const refus = mailbox.sent.find((m) => m.message.kind === 'demande_non_recevable')!;
    expect(refus.message).toMatchObject({ redirection: 'appui_conseil' });
    expect(refus.to[0]!.email).toBe('direction@ml-rouen.fr');
    expect(mailbox.kinds()).toContain('notification_arml');
  });

  it('holds an action sent during intake until the acknowledgement is out, so emails keep their order', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    expect(mailbox.to('direction@ml-rouen.fr').map((m) => m.message.kind)).toEqual(['accuse_reception', 'demande_acceptee']);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses an action sent during the intake of a demand found not receivable, with the step reached', async () => {
    const h = await start(demande({ sujets: ['remplacement_direction'] }));
    expect(await refusal(h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] }))).toMatch(/non recevable/);
    expect((await h.result()).etape).toBe('non_recevable');
  });

  it('declines with the reason sent to the ML, and refuses a decline without reason', async () => {
    const h = await start();
    expect(await refusal(h.executeUpdate(M.declineDemande, { args: [{ motif: ' ' }] }))).toMatch(/motif/);
    await h.executeUpdate(M.declineDemande, { args: [{ motif: 'Ressources épuisées cette année' }] });
    expect((await h.result()).etape).toBe('declinee');
    expect(mailbox.sent.find((m) => m.message.kind === 'demande_declinee')!.message).toMatchObject({ motif: 'Ressources épuisées cette année' });
  });

  it('keeps a waitlisted demand with its priority until UNML accepts it', async () => {
    const h = await start();
    const waiting = await h.executeUpdate(M.waitlistDemande, { args: [{ priorite: 2 }] });
    expect(waiting).toMatchObject({ etape: 'liste_attente', listeAttente: { priorite: 2 } });
    await env.sleep('60 days');
    expect(await refusal(h.executeUpdate(M.acceptDemande, { args: [{}] }))).toMatch(/interlocutrice/);
    const accepted = await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    expect(accepted.etape).toBe('designation_intervenant');
  });

  it('reminds the ML of missing complements after 7 days and lets the demand lapse after 30', async () => {
    const h = await start();
    const demandee = await h.executeUpdate(M.requestComplements, { args: [{ aCompleter: 'Décrivez le contexte de votre arrivée' }] });
    expect(mailbox.kinds()).toContain('demande_incomplete');
    // The ML's deadline is the dossier's next one (the lists show it, overdue included).
    expect(demandee.prochaineEcheance).toEqual({ quoi: 'Compléments de la Mission Locale', le: demandee.complements!.dateLimite });
    await env.sleep('8 days');
    expect(mailbox.kinds()).toContain('relance_complements');
    expect(mailbox.kinds()).not.toContain('dossier_caduc');
    await env.sleep('23 days');
    const final = await h.result();
    expect(final.etape).toBe('caduque');
    expect(mailbox.kinds()).toContain('dossier_caduc');
  });

  it('resumes qualification when the ML completes, and judges the completed demand again', async () => {
    const h = await start();
    await h.executeUpdate(M.requestComplements, { args: [{ aCompleter: 'Précisez les sujets' }] });
    const completed = await h.executeUpdate(M.completeDemande, { args: [{ description: 'Contexte précisé', par: 'Claire Martin' }] });
    expect(completed.etape).toBe('qualification');
    expect(completed.demande.description).toBe('Contexte précisé');

    await h.executeUpdate(M.requestComplements, { args: [{ aCompleter: 'Précisez encore' }] });
    await h.executeUpdate(M.completeDemande, { args: [{ sujets: ['situation_interpersonnelle'] }] });
    expect((await h.result()).etape).toBe('non_recevable');
  });

  it('records a handover to a colleague in the timeline and tells her', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    const s = await h.executeUpdate(M.assignInterlocutrice, { args: [{ interlocutrice: COLLEGUE, note: 'Congé maternité' }] });
    expect(s.interlocutrice?.id).toBe(COLLEGUE.id);
    expect(s.timeline.at(-1)).toMatchObject({
      evenement: 'Dossier confié à une autre interlocutrice',
      details: 'Sophie Bernard → Anne Lefèvre : Congé maternité',
    });
    const passation = mailbox.sent.find((m) => m.message.kind === 'passation_dossier')!;
    expect(passation.to[0]!.email).toBe(COLLEGUE.email);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Refusals', () => {
  it('refuses an action out of its step, saying which step the dossier is at', async () => {
    const h = await start();
    expect(await refusal(h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] }))).toMatch(/qualification/);
    expect((await state(h)).etape).toBe('qualification');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses an intervenant from the ML’s own région, or who is not an ML director', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    expect(await refusal(h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: { ...DIRECTEUR_BRETAGNE, region: 'NOR' } }] }))).toMatch(
      /propre région \(Normandie\)/,
    );
    expect(await refusal(h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: { ...DIRECTEUR_BRETAGNE, type: 'consultant_cabinet' } }] }))).toMatch(
      /exclusivement des directeurs/,
    );
    expect((await state(h)).intervenant).toBeUndefined();
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a session beyond the package until UNML extends it', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 23 * 60, resume: 'Séminaire' }] });
    expect(await refusal(h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance' }] }))).toMatch(
      /dépasse le forfait/,
    );
    await h.executeUpdate(M.extendForfait, { args: [{ heuresSupplementaires: 4, motif: 'Crise de gouvernance', par: 'direction UNML' }] });
    const s = await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance' }] });
    expect(s.heures).toMatchObject({ forfaitMinutes: 28 * 60, consommeesMinutes: 25 * 60 });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Reminders and alerts', () => {
  it('reminds the ML to sign, then lets the dossier lapse if never signed', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
    await env.sleep('8 days');
    expect(mailbox.kinds()).toContain('relance_acte_engagement');
    const final = await h.result();
    expect(final.etape).toBe('caduque');
    expect(final.issue?.motif).toMatch(/acte d'engagement/);
  });

  it('gives the acte d’engagement a deadline in working days when configured, and lapses then', async () => {
    const h = await start(demande(), { acteCaduciteJoursOuvres: 20 });
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    const s = await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true }] });
    const designeLe = s.timeline.at(-1)!.at;
    expect(s.prochaineEcheance?.le).toBe(addJoursOuvres(designeLe, 20));
    // 20 working days span four weekends: at least 26 calendar days (from a Sunday), less an hour in spring.
    expect(Date.parse(s.prochaineEcheance!.le) - Date.parse(designeLe)).toBeGreaterThanOrEqual(26 * DAY - 3_600_000);
    const acte = mailbox.to('direction@ml-rouen.fr').find((m) => m.message.kind === 'acte_engagement_a_signer')!;
    expect(acte.message).toMatchObject({ dateLimite: s.prochaineEcheance!.le });
    await env.sleep(Date.parse(s.prochaineEcheance!.le) - (await env.currentTimeMs()) - 60_000);
    expect((await state(h)).etape).toBe('acte_engagement');
    const final = await h.result();
    expect(final.etape).toBe('caduque');
    expect(Date.parse(final.issue!.le)).toBeGreaterThanOrEqual(Date.parse(s.prochaineEcheance!.le));
  });

  it('reminds participants the day before a planned session and alerts UNML after two weeks without session', async () => {
    const h = await toAccompagnement();
    mailbox.clear();
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(5), dureeMinutes: 120 }] });
    await env.sleep('3 days');
    expect(mailbox.kinds()).not.toContain('rappel_seance');
    await env.sleep('36 hours');
    const rappel = mailbox.sent.filter((m) => m.message.kind === 'rappel_seance');
    expect(rappel).toHaveLength(1);
    expect(rappel[0]!.to.map((r) => r.email).sort()).toEqual([DIRECTEUR_BRETAGNE.email, 'direction@ml-rouen.fr'].sort());
    expect(mailbox.kinds()).not.toContain('alerte_absence_seance');
    await env.sleep('10 days');
    const alert = mailbox.sent.filter((m) => m.message.kind === 'alerte_absence_seance');
    expect(alert).toHaveLength(1);
    expect(alert[0]!.to[0]!.email).toBe(INTERLOCUTRICE.email);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('changes the rhythm mid-way, resizing the package, but never below the hours consumed', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 240, resume: 'Séance longue' }] });
    const faster = await h.executeUpdate(M.changeRythme, {
      args: [{ rythme: { heuresParSemaine: 3, semaines: 12 }, motif: 'La ML souhaite un rythme plus soutenu' }],
    });
    expect(faster.heures.forfaitMinutes).toBe(36 * 60);
    expect(faster.ficheCadrage?.rythme).toEqual({ heuresParSemaine: 3, semaines: 12 });
    expect(await refusal(h.executeUpdate(M.changeRythme, { args: [{ rythme: { heuresParSemaine: 1, semaines: 2 } }] }))).toMatch(/inférieur aux 4 h/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Session confirmation', () => {
  it('counts a pending session provisionally, a confirmed one for good, a contested one not until UNML settles it', async () => {
    const h = await toAccompagnement();
    mailbox.clear();
    const logged = await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance 1', par: 'Paul Le Gall' }] });
    expect(logged.ficheSuivi.seances[0]).toMatchObject({ numero: 1, statut: 'en_attente', enregistreePar: 'intervenant' });
    expect(logged.heures).toMatchObject({ consommeesMinutes: 120, enAttenteMinutes: 120, contesteesMinutes: 0 });

    const confirmed = await h.executeUpdate(M.confirmSession, { args: [{ numero: 1, confirme: true, role: 'ml', par: 'Claire Martin' }] });
    expect(confirmed.ficheSuivi.seances[0]).toMatchObject({ statut: 'confirmee', confirmation: { confirme: true, par: 'Claire Martin' } });
    expect(confirmed.heures).toMatchObject({ consommeesMinutes: 120, enAttenteMinutes: 0 });
    expect(confirmed.timeline.at(-1)).toMatchObject({ acteur: 'ml (Claire Martin)', evenement: 'Séance 1 confirmée' });
    expect(await refusal(h.executeUpdate(M.confirmSession, { args: [{ numero: 1, confirme: false, commentaire: 'x', role: 'ml' }] }))).toMatch(
      /n'attend plus de confirmation/,
    );

    // Logged by the ML, contested by the intervenant: a comment is required; UNML is told; it stops counting.
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 180, resume: 'Séance 2', role: 'ml' }] });
    expect(await refusal(h.executeUpdate(M.confirmSession, { args: [{ numero: 2, confirme: false, role: 'intervenant' }] }))).toMatch(/commentaire/);
    const contested = await h.executeUpdate(M.confirmSession, {
      args: [{ numero: 2, confirme: false, commentaire: 'La séance a duré une heure', role: 'intervenant', par: 'Paul Le Gall' }],
    });
    expect(contested.ficheSuivi.seances[1]!.statut).toBe('contestee');
    expect(contested.heures).toMatchObject({ consommeesMinutes: 120, contesteesMinutes: 180 });
    expect(contested.timeline.at(-1)!.acteur).toBe('intervenant (Paul Le Gall)');
    const notice = mailbox.sent.find((m) => m.message.kind === 'seance_contestee')!;
    expect(notice.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(notice.message).toMatchObject({ numero: 2, dureeMinutes: 180, commentaire: 'La séance a duré une heure', contestePar: 'Paul Le Gall' });

    // UNML settles: a motif is required; a retained session counts again.
    expect(await refusal(h.executeUpdate(M.settleSession, { args: [{ numero: 1, retenue: true, motif: 'x' }] }))).toMatch(/n'est pas contestée/);
    expect(await refusal(h.executeUpdate(M.settleSession, { args: [{ numero: 2, retenue: true, motif: ' ' }] }))).toMatch(/motif/);
    const retained = await h.executeUpdate(M.settleSession, { args: [{ numero: 2, retenue: true, motif: 'Compte rendu conforme', par: 'sbernard' }] });
    expect(retained.ficheSuivi.seances[1]).toMatchObject({ statut: 'retenue', arbitrage: { retenue: true, motif: 'Compte rendu conforme' } });
    expect(retained.heures).toMatchObject({ consommeesMinutes: 300, contesteesMinutes: 0 });

    // A contested session set aside never counts.
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance 3' }] });
    await h.executeUpdate(M.confirmSession, { args: [{ numero: 3, confirme: false, commentaire: "N'a pas eu lieu", role: 'ml' }] });
    const setAside = await h.executeUpdate(M.settleSession, { args: [{ numero: 3, retenue: false, motif: 'Séance non tenue' }] });
    expect(setAside.ficheSuivi.seances[2]!.statut).toBe('ecartee');
    expect(setAside.heures).toMatchObject({ consommeesMinutes: 300, enAttenteMinutes: 0, contesteesMinutes: 0 });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });

  it('keeps the 24 h cap with pending sessions, frees room when one is contested, and refuses to retain it beyond the package', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 22 * 60, resume: 'Séminaire' }] });
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance' }] });
    // Both pending: 24 h used, a third is refused.
    expect(await refusal(h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'De trop' }] }))).toMatch(
      /dépasse le forfait/,
    );
    // Contesting the 2 h session frees 2 h, which a new session takes.
    await h.executeUpdate(M.confirmSession, { args: [{ numero: 2, confirme: false, commentaire: 'Doublon', role: 'ml' }] });
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance bis' }] });
    // Retaining the contested one would go beyond 24 h: refused until UNML extends the package.
    expect(await refusal(h.executeUpdate(M.settleSession, { args: [{ numero: 2, retenue: true, motif: 'Pas un doublon' }] }))).toMatch(
      /Étendez d'abord le forfait/,
    );
    await h.executeUpdate(M.extendForfait, { args: [{ heuresSupplementaires: 2, motif: 'Séance supplémentaire' }] });
    const s = await h.executeUpdate(M.settleSession, { args: [{ numero: 2, retenue: true, motif: 'Pas un doublon' }] });
    expect(s.heures).toMatchObject({ forfaitMinutes: 26 * 60, consommeesMinutes: 26 * 60 });
    // The 80 % warning (on confirmed + pending) went once.
    expect(mailbox.sent.filter((m) => m.message.kind === 'alerte_forfait' && m.dossier.dossierId === h.workflowId)).toHaveLength(1);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Calendar invitations and reminders', () => {
  /** The iCalendar parts of the emails sent so far, parsed (ical.js). */
  async function invitations(): Promise<IcsEvent[]> {
    const all = await Promise.all(mailbox.raw.map((raw) => icsOfEmail(raw)));
    return all.filter((e): e is NonNullable<typeof e> => e !== undefined);
  }

  it('sends the visio de lancement as an invitation, and its reschedule as an update: same UID, higher SEQUENCE', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
    await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels'] }] });
    mailbox.clear();
    const premier = await inDays(3);
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: premier, lien: 'https://visio.unml.info/l' }] });
    const second = await inDays(4);
    const s = await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: second }] });
    const [a, b] = await invitations();
    const uid = `${h.workflowId}.lancement@dispositifs.unml.info`;
    expect(a).toMatchObject({ method: 'REQUEST', uid, sequence: 0, tzid: 'Europe/Paris' });
    expect(b).toMatchObject({ method: 'REQUEST', uid, sequence: 1, tzid: 'Europe/Paris' });
    // iCalendar times have whole seconds.
    expect(a!.debut.getTime()).toBe(Math.floor(Date.parse(premier) / 1000) * 1000);
    expect(b!.debut.getTime()).toBe(Math.floor(Date.parse(second) / 1000) * 1000);
    expect(b!.organizer).toBe('mailto:dispositifs@unml.info');
    expect(b!.attendees.map((x) => x.replace(/^mailto:/i, '')).sort()).toEqual(
      [DIRECTEUR_BRETAGNE.email, 'direction@ml-rouen.fr', INTERLOCUTRICE.email].sort(),
    );
    expect(s.agenda.lancement).toMatchObject({ sequence: 1, debut: second, annule: false });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('cancels the future events of an abandoned dossier (METHOD:CANCEL), not the past ones', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(1), dureeMinutes: 60 }] });
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(10), dureeMinutes: 120 }] });
    await env.sleep('2 days'); // seance-1 is past now
    mailbox.clear();
    const final = await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La directrice quitte ses fonctions' }] });
    const cancels = (await invitations()).filter((e) => e.method === 'CANCEL');
    // seance-2 is cancelled; the lancement (held) and seance-1 are past.
    expect(cancels.map((e) => e.uid)).toEqual([`${h.workflowId}.seance-2@dispositifs.unml.info`]);
    expect(cancels.find((e) => e.uid.includes('seance-2'))).toMatchObject({ sequence: 1, status: 'CANCELLED' });
    expect(final.agenda['seance-1']?.annule).toBe(false);
    expect(final.agenda['seance-2']).toMatchObject({ annule: true, sequence: 1 });
    expect(mailbox.kinds()).toContain('annulation_evenement');
  });

  it('reminds at each offset (J-2 and H-1), never for a cancelled or past session; a moved session keeps its UID', async () => {
    const h = await toLancement({ rappels: [2 * DAY, 3_600_000] });
    const dossierId = h.workflowId;
    await lancementTenu(h);
    mailbox.clear();
    const gardee = await inDays(5);
    await h.executeUpdate(M.planSession, { args: [{ debut: gardee, dureeMinutes: 120 }] }); // seance-1
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(4), dureeMinutes: 60 }] }); // seance-2, cancelled below
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(3), dureeMinutes: 60 }] }); // seance-3, moved below
    const annulee = await h.executeUpdate(M.cancelPlannedSession, { args: [{ seance: 'seance-2', motif: 'Indisponibilité' }] });
    expect(annulee.ficheSuivi.prochaines.map((p) => p.cle)).toEqual(['seance-3', 'seance-1']);
    const deplacee = await inDays(6);
    await h.executeUpdate(M.planSession, { args: [{ debut: deplacee, dureeMinutes: 60, remplace: 'seance-3' }] });
    expect(await refusal(h.executeUpdate(M.cancelPlannedSession, { args: [{ seance: 'seance-9' }] }))).toMatch(/Aucune séance planifiée/);

    const ics = await invitations();
    const uid = (cle: string) => `${dossierId}.${cle}@dispositifs.unml.info`;
    expect(ics.filter((e) => e.uid === uid('seance-3')).map((e) => [e.method, e.sequence])).toEqual([
      ['REQUEST', 0],
      ['REQUEST', 1],
    ]);
    expect(ics.filter((e) => e.uid === uid('seance-2')).map((e) => [e.method, e.sequence])).toEqual([
      ['REQUEST', 0],
      ['CANCEL', 1],
    ]);
    expect(mailbox.sent.find((m) => m.message.kind === 'invitation_seance' && m.message.replanifiee)?.message).toMatchObject({ debut: deplacee });

    mailbox.clear();
    await env.sleep('8 days');
    const rappels = mailbox.sent.filter((m) => m.message.kind === 'rappel_seance').map((m) => (m.message as { debut: string }).debut);
    // seance-1 (J+5) and the moved seance-3 (J+6): each reminded at J-2 and H-1; the cancelled seance-2 never.
    expect([...rappels].sort()).toEqual([gardee, gardee, deplacee, deplacee].sort());
    // The lancement visio, planned an hour ahead (H-1 already due), is past: no reminder for it either.
    expect(mailbox.kinds()).not.toContain('rappel_evenement');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });

  it('cancels the sessions still planned when the accompagnement ends, and never reminds of them', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance' }] });
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(5), dureeMinutes: 60 }] });
    mailbox.clear();
    const s = await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    expect(s.agenda['seance-1']).toMatchObject({ annule: true, sequence: 1 });
    const ics = (await invitations()).filter((e) => e.uid === `${h.workflowId}.seance-1@dispositifs.unml.info`);
    expect(ics.map((e) => e.method)).toEqual(['CANCEL']);
    await env.sleep('6 days');
    expect(mailbox.kinds()).not.toContain('rappel_seance');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('reminds of a visio at each offset, and sends no reminder once the event is past', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance' }] });
    await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    mailbox.clear();
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_collectif', debut: await inDays(3), lien: 'https://visio.unml.info/b' }] });
    await env.sleep('2 days');
    expect(mailbox.kinds().filter((k) => k === 'rappel_evenement')).toHaveLength(1);
    await env.sleep('30 days');
    const rappels = mailbox.sent.filter((m) => m.message.kind === 'rappel_evenement');
    expect(rappels).toHaveLength(1); // DELAIS.rappels = [1 day]: one offset, one reminder, none after the visio
    expect(rappels[0]!.to.map((r) => r.email).sort()).toEqual([DIRECTEUR_BRETAGNE.email, 'direction@ml-rouen.fr', INTERLOCUTRICE.email].sort());
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Abandon', () => {
  it('ends the dossier at any step with the reason, everyone notified', async () => {
    const h = await toAccompagnement();
    mailbox.clear();
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La directrice quitte ses fonctions', par: 'sbernard' }] });
    const final = await h.result();
    expect(final.etape).toBe('abandonnee');
    expect(final.issue?.motif).toBe('La directrice quitte ses fonctions');
    const notice = mailbox.sent.find((m) => m.message.kind === 'dossier_abandonne')!;
    expect([...notice.to, ...(notice.cc ?? [])].map((r) => r.email).sort()).toEqual(
      [DIRECTEUR_BRETAGNE.email, 'direction@ml-rouen.fr', 'presidence@ml-rouen.fr', INTERLOCUTRICE.email].sort(),
    );
    // A closed dossier takes no more actions.
    await expect(h.executeUpdate(M.abandonDossier, { args: [{ motif: 'encore' }] })).rejects.toThrow();
  });
});

describe('An intervenant’s record corrected in the pool', () => {
  it('replaces the dossier’s copy: the next emails and the cancellation of the session go to the new address', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.planSession, { args: [{ debut: await inDays(5), dureeMinutes: 120 }] });
    const corrige = { ...DIRECTEUR_BRETAGNE, nom: 'Paul Le Gall-Kerjean', email: 'paul.legall@ml-brest.fr' };
    await h.signal(ficheIntervenantModifiee, { intervenant: corrige });
    // Someone else's correction changes nothing.
    await h.signal(ficheIntervenantModifiee, { intervenant: { ...DIRECTEUR_BRETAGNE, id: 'int-9999', email: 'autre@example.fr' } });
    const s = await state(h);
    expect(s.intervenant).toEqual(corrige);
    expect(s.timeline.filter((e) => e.evenement.includes('Fiche de l’intervenant mise à jour'))).toHaveLength(1);
    expect(s.agenda.lancement!.participants.map((p) => p.email)).toContain(corrige.email);
    expect(s.agenda.lancement!.participants.map((p) => p.email)).not.toContain(DIRECTEUR_BRETAGNE.email);
    expect(s.agenda['seance-1']!.participants.map((p) => p.email)).toContain(corrige.email);
    mailbox.clear();
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'La directrice quitte ses fonctions' }] });
    await h.result();
    expect(
      mailbox
        .to(corrige.email)
        .map((m) => m.message.kind)
        .sort(),
    ).toEqual(['annulation_evenement', 'dossier_abandonne']);
    expect(mailbox.to(DIRECTEUR_BRETAGNE.email)).toEqual([]);
  });

  it('is sent by one short run to each dossier holding them; a closed or unknown dossier is skipped, not an error', async () => {
    const ouvert = await toAccompagnement();
    const clos = await start();
    await clos.executeUpdate(M.abandonDossier, { args: [{ motif: 'Renoncement' }] });
    await clos.result();
    const corrige = { ...DIRECTEUR_BRETAGNE, email: 'p.legall@ml-brest.fr' };
    const r = await env.client.workflow.execute(propagerFicheIntervenant, {
      taskQueue: TASK_QUEUE,
      workflowId: `fiche-intervenant-test-${counter}`,
      args: [{ intervenant: corrige, dossierIds: [clos.workflowId, ouvert.workflowId, 'CMP-INCONNU'] }],
    });
    expect(r).toEqual({ transmis: [ouvert.workflowId], clos: [clos.workflowId, 'CMP-INCONNU'] });
    expect((await state(ouvert)).intervenant?.email).toBe(corrige.email);
  });
});

describe('Participants answer from their emails (issue 6)', () => {
  it('asks the designated intervenant to accept before the acte; a decline goes back to designation, UNML told', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ accepte: true }] }))).toMatch(/désignation de l’intervenant/);
    mailbox.clear();
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    const ask = mailbox.sent.find((m) => m.message.kind === 'designation_a_accepter')!;
    expect(ask.to.map((r) => r.email)).toEqual([DIRECTEUR_BRETAGNE.email]);
    expect(ask.action).toEqual({ nom: 'repondre-designation', role: 'intervenant' });
    // Refusals: another person, a decline without its reason; the acte is not asked meanwhile.
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: 'int-autre' }] }))).toMatch(
      /Seul l'intervenant désigné \(Paul Le Gall\)/,
    );
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ accepte: false }] }))).toMatch(/raison/);
    expect(await refusal(h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] }))).toMatch(/acceptation de l’intervention/);
    // No lapse while the intervenant decides, even past the acte's delays.
    await env.sleep('40 days');
    expect((await state(h)).etape).toBe('acceptation_intervenant');
    expect(mailbox.kinds()).not.toContain('acte_engagement_a_signer');

    const declined = await h.executeUpdate(M.respondDesignation, {
      args: [{ accepte: false, motif: 'Indisponible ce trimestre', intervenantId: DIRECTEUR_BRETAGNE.id, par: 'Paul Le Gall' }],
    });
    expect(declined.etape).toBe('designation_intervenant');
    expect(declined.intervenant).toBeUndefined();
    expect(declined.timeline).toContainEqual(
      expect.objectContaining({
        acteur: 'intervenant (Paul Le Gall)',
        evenement: 'Intervention déclinée par l’intervenant',
        details: 'Paul Le Gall : Indisponible ce trimestre',
      }),
    );
    const notice = mailbox.sent.find((m) => m.message.kind === 'designation_declinee')!;
    expect(notice.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(notice.message).toMatchObject({ motif: 'Indisponible ce trimestre' });
    expect(await refusal(h.executeUpdate(M.respondDesignation, { args: [{ accepte: true }] }))).toMatch(/désignation de l’intervenant/);

    // Designated again, accepted: the acte goes out with a fresh deadline; the signature moves on.
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTRICE_QUIMPER }] });
    const accepted = await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTRICE_QUIMPER.id }] });
    expect(accepted.etape).toBe('acte_engagement');
    expect(accepted.prochaineEcheance?.quoi).toMatch(/acte d'engagement/);
    expect(mailbox.to('direction@ml-rouen.fr').map((m) => m.message.kind)).toContain('acte_engagement_a_signer');
    expect((await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] })).etape).toBe('cadrage');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });

  it('asks the other side of a logged session to confirm it, with a link bound to that session', async () => {
    const h = await toAccompagnement();
    mailbox.clear();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance 1', par: 'Paul Le Gall' }] });
    const ask = mailbox.sent.find((m) => m.message.kind === 'seance_a_confirmer')!;
    expect(ask.to.map((r) => r.email)).toEqual(['direction@ml-rouen.fr']);
    expect(ask.action).toEqual({ nom: 'confirmer-seance', role: 'ml', objet: '1' });
    expect(ask.message).toMatchObject({ numero: 1, dureeMinutes: 120, resume: 'Séance 1', enregistreePar: 'Paul Le Gall' });
    mailbox.clear();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance 2', role: 'ml' }] });
    const ask2 = mailbox.sent.find((m) => m.message.kind === 'seance_a_confirmer')!;
    expect(ask2.to.map((r) => r.email)).toEqual([DIRECTEUR_BRETAGNE.email]);
    expect(ask2.action).toEqual({ nom: 'confirmer-seance', role: 'intervenant', objet: '2' });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('keeps each participant’s answer to a visio; a proposal goes to the interlocutrice; a reschedule asks again', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true }] });
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
    expect(await refusal(h.executeUpdate(M.respondVisio, { args: [{ visio: 'lancement', role: 'ml', confirme: true }] }))).toMatch(/pas planifiée/);
    await h.executeUpdate(M.submitFicheCadrage, { args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels'] }] });
    mailbox.clear();
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inDays(3) }] });
    const invitation = mailbox.sent.find((m) => m.message.kind === 'invitation_visio')!;
    expect(invitation.to.map((r) => r.email)).toEqual(['direction@ml-rouen.fr', DIRECTEUR_BRETAGNE.email, INTERLOCUTRICE.email]);
    expect(invitation.action).toEqual({ nom: 'repondre-visio', role: ['ml', 'intervenant', null], objet: 'lancement' });

    const ok = await h.executeUpdate(M.respondVisio, { args: [{ visio: 'lancement', role: 'ml', confirme: true, par: 'Claire Martin' }] });
    expect(ok.reponsesVisio.lancement?.ml).toMatchObject({ confirme: true, par: 'Claire Martin', sequence: 0 });
    expect(await refusal(h.executeUpdate(M.respondVisio, { args: [{ visio: 'lancement', role: 'intervenant', confirme: false }] }))).toMatch(/autre date/);
    expect(
      await refusal(h.executeUpdate(M.respondVisio, { args: [{ visio: 'lancement', role: 'intervenant', confirme: false, proposition: await inDays(-1) }] })),
    ).toMatch(/futur/);
    expect(await refusal(h.executeUpdate(M.respondVisio, { args: [{ visio: 'bilan_ml', role: 'ml', confirme: true }] }))).toMatch(/bilan/);
    const proposition = await inDays(4);
    const autre = await h.executeUpdate(M.respondVisio, {
      args: [{ visio: 'lancement', role: 'intervenant', confirme: false, proposition, commentaire: 'CA ce jour-là', par: 'Paul Le Gall' }],
    });
    expect(autre.reponsesVisio.lancement?.intervenant).toMatchObject({ confirme: false, proposition, commentaire: 'CA ce jour-là' });
    expect(autre.timeline.at(-1)).toMatchObject({ acteur: 'intervenant (Paul Le Gall)', evenement: 'Autre créneau proposé pour la visio (lancement)' });
    const notice = mailbox.sent.find((m) => m.message.kind === 'visio_autre_creneau')!;
    expect(notice.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(notice.message).toMatchObject({ visio: 'lancement', proposition, propose: 'Paul Le Gall' });

    // UNML reschedules (same UID, higher SEQUENCE): the answers start over.
    const moved = await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: proposition }] });
    expect(moved.reponsesVisio.lancement).toBeUndefined();
    expect(moved.agenda.lancement?.sequence).toBe(1);
    const again = await h.executeUpdate(M.respondVisio, { args: [{ visio: 'lancement', role: 'intervenant', confirme: true }] });
    expect(again.reponsesVisio.lancement?.intervenant).toMatchObject({ confirme: true, sequence: 1 });
    await env.sleep('4 days'); // held once it has started
    await h.executeUpdate(M.recordVisioLancement, { args: [{}] });
    expect(await refusal(h.executeUpdate(M.respondVisio, { args: [{ visio: 'lancement', role: 'ml', confirme: true }] }))).toMatch(/lancement/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});

describe('Time and order (issue #17)', () => {
  /** Drives a dossier to the lancement step (fiche de cadrage filed); the visio de lancement is not planned yet. */
  it('records the visio de lancement as held only from its start, saying when it starts', async () => {
    const h = await toLancement();
    const debut = await inDays(2);
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut }] });
    const raison = await refusal(h.executeUpdate(M.recordVisioLancement, { args: [{ compteRendu: 'Trop tôt' }] }));
    expect(raison).toContain(`La visio de lancement commence le ${dateHeureFr(debut)}`);
    expect(raison).toMatch(/ à \d{1,2} h \d{2}/);
    expect((await state(h)).etape).toBe('lancement');
    await env.sleep('2 days');
    expect((await h.executeUpdate(M.recordVisioLancement, { args: [{ compteRendu: 'Objectifs partagés' }] })).etape).toBe('accompagnement');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a session dated before the dossier existed, or in the future, with the date and time', async () => {
    const h = await toAccompagnement();
    const creeLe = (await state(h)).creeLe;
    const avant = new Date(Date.parse(creeLe) - 16 * DAY).toISOString(); // e.g. 15 November in a dossier of 1 December
    const raison = await refusal(h.executeUpdate(M.logSession, { args: [{ date: avant, dureeMinutes: 120, resume: 'Avant le dossier' }] }));
    expect(raison).toContain(`la date du ${dateHeureFr(avant)} précède la création du dossier`);
    const demain = await inDays(1);
    expect(await refusal(h.executeUpdate(M.logSession, { args: [{ date: demain, dureeMinutes: 120, resume: 'Pas encore tenue' }] }))).toContain(
      `la date du ${dateHeureFr(demain)} est dans le futur`,
    );
    expect((await state(h)).ficheSuivi.seances).toEqual([]);
    const ok = await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Tenue' }] });
    expect(ok.ficheSuivi.seances).toHaveLength(1);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses a session or a visio overlapping another planned meeting of the dossier for the same people', async () => {
    const h = await toLancement();
    const lancement = await inDays(2);
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: lancement }] });
    // A session in the visio de lancement's hour: the ML and the intervenant are in both.
    const pendantLaVisio = new Date(Date.parse(lancement) + 30 * 60_000).toISOString();
    const raison = await refusal(h.executeUpdate(M.planSession, { args: [{ debut: pendantLaVisio, dureeMinutes: 120 }] }));
    expect(raison).toContain('chevauche « Visio de lancement – Compagnonnage Mission Locale de Rouen »');
    expect(raison).toContain(dateHeureFr(lancement));
    // Two sessions that overlap; back to back is fine; a session moved onto its own slot is not its own conflict.
    const t = await inDays(5);
    await h.executeUpdate(M.planSession, { args: [{ debut: t, dureeMinutes: 120 }] });
    const uneHeurePlusTard = new Date(Date.parse(t) + 60 * 60_000).toISOString();
    expect(await refusal(h.executeUpdate(M.planSession, { args: [{ debut: uneHeurePlusTard, dureeMinutes: 60 }] }))).toMatch(
      /chevauche « Séance de Compagnonnage – Mission Locale de Rouen »/,
    );
    const apres = new Date(Date.parse(t) + 120 * 60_000).toISOString();
    await h.executeUpdate(M.planSession, { args: [{ debut: apres, dureeMinutes: 60 }] });
    await h.executeUpdate(M.planSession, { args: [{ debut: uneHeurePlusTard, dureeMinutes: 60, remplace: 'seance-1' }] });
    // The visio de lancement moved onto the sessions: refused too.
    expect(await refusal(h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: apres }] }))).toMatch(/chevauche « Séance de Compagnonnage/);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('refuses two bilan visios at the same time: the interlocutrice is in both', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance' }] });
    await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    const t = await inDays(3);
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: t }] });
    expect(await refusal(h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: t }] }))).toContain(
      'chevauche « Visio bilan avec la Mission Locale – Compagnonnage Mission Locale de Rouen »',
    );
    // The same visio moved an hour later is not its own conflict.
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: new Date(Date.parse(t) + 30 * 60_000).toISOString() }] });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('waits for the bilan visios planned to have taken place before the fiche bilan', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance' }] });
    await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: await inDays(1) }] });
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: await inDays(2) }] });
    const collectif = await inDays(3);
    await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio: 'bilan_collectif', debut: collectif }] });
    const fiche = { objectifs: [{ objectif: 'Entretiens annuels', atteint: true }], recommandations: 'Poursuivre', pointsDeVigilance: 'Turn-over' };
    await env.sleep('2 days');
    const raison = await refusal(h.executeUpdate(M.submitFicheBilan, { args: [fiche] }));
    expect(raison).toContain("Déposer la fiche bilan n'est possible qu'une fois les réunions prévues tenues");
    expect(raison).toContain(`visio bilan collective (${dateHeureFr(collectif)}, 1 h)`);
    expect(raison).not.toContain('avec la Mission Locale');
    await env.sleep('1 day');
    // Started, not over: still refused until its hour has passed.
    expect(await refusal(h.executeUpdate(M.submitFicheBilan, { args: [fiche] }))).toContain('visio bilan collective');
    await env.sleep('1 hour');
    expect((await h.executeUpdate(M.submitFicheBilan, { args: [fiche] })).etape).toBe('post_bilan');
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('gives the questionnaires 15 days in a dossier without the setting (started before it), long past at the post-bilan', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance' }] });
    await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    for (const [n, visio] of (['bilan_ml', 'bilan_intervenant', 'bilan_collectif'] as const).entries()) {
      await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio, debut: await inDays(1 + n) }] });
    }
    await env.sleep('4 days');
    const apresBilan = await h.executeUpdate(M.submitFicheBilan, {
      args: [{ objectifs: [{ objectif: 'Entretiens annuels', atteint: true }], recommandations: 'Poursuivre', pointsDeVigilance: 'Turn-over' }],
    });
    const limite = apresBilan.questionnaires!.reponsesAttenduesAvant;
    expect(Date.parse(limite) - Date.parse(apresBilan.questionnaires!.envoyesLe)).toBe(15 * DAY);
    await env.sleep('91 days');
    // The default delay (15 days) has passed: no wait in a dossier without the setting.
    expect((await h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] })).etape).toBe('cloture');
  });

  it('with the questionnaires open longer than the post-bilan delay, refuses closing until both answered or the deadline', async () => {
    const h = await toLancementEtBilan({ postBilan: 2 * DAY, questionnaireReponse: 10 * DAY });
    await env.sleep('3 days');
    const s = await state(h);
    const limite = s.questionnaires!.reponsesAttenduesAvant;
    const raison = await refusal(h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] }));
    expect(raison).toContain("n'a pas encore été rempli par la Mission Locale (Claire Martin) ni par l'intervenant (Paul Le Gall)");
    expect(raison).toContain(`à partir du ${dateHeureFr(limite)}`);
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', reponses: { utilite: 'Très utile' } }] });
    const encore = await refusal(h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] }));
    expect(encore).toContain("par l'intervenant (Paul Le Gall) : le dossier pourra être clôturé dès sa réponse");
    expect(encore).not.toContain('Mission Locale (Claire Martin)');
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'intervenant', reponses: { utilite: 'Oui' } }] });
    expect((await h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] })).etape).toBe('cloture');
  });

  it('closes without the answers once the questionnaires’ deadline has passed', async () => {
    const h = await toLancementEtBilan({ postBilan: 2 * DAY, questionnaireReponse: 10 * DAY });
    await env.sleep('3 days');
    await refusal(h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'x' }] }));
    await env.sleep('7 days');
    expect((await h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'Équipe stabilisée' }] })).etape).toBe('cloture');
  });

  it('refuses an answer after the questionnaires’ deadline (the link page says it is closed), and says the deadline in the email', async () => {
    const h = await toLancementEtBilan({ postBilan: 20 * DAY, questionnaireReponse: 10 * DAY });
    const limite = (await state(h)).questionnaires!.reponsesAttenduesAvant;
    const envoi = mailbox.sent.find((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'questionnaire_evaluation')!;
    expect(envoi.message).toMatchObject({ reponsesAvant: limite });
    await env.sleep('10 days');
    const raison = await refusal(h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', reponses: { Appréciation: 'Tard' } }] }));
    expect(raison).toBe(`Le questionnaire est clos depuis le ${dateHeureFr(limite)} : les réponses ne sont plus reçues.`);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('says the configured delay of the bilan post-accompagnement, with the date and time from which it is possible', async () => {
    const h = await toLancementEtBilan({ postBilan: 60 * DAY });
    const prevuLe = (await state(h)).postBilan!.prevuLe;
    const raison = await refusal(h.executeUpdate(M.recordPostBilan, { args: [{ impact: 'x' }] }));
    expect(raison).toBe(`Le bilan post-accompagnement a lieu 2 mois après la fin, à partir du ${dateHeureFr(prevuLe)}.`);
    await env.sleep('61 days');
    const invitation = mailbox.sent.find((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'bilan_post_accompagnement')!;
    expect(invitation.message).toEqual({ kind: 'bilan_post_accompagnement', delai: 60 * DAY });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  /** A dossier whose fiche bilan is filed (visios held), questionnaires sent. */
  async function toLancementEtBilan(delais: Partial<Delais>): Promise<WorkflowHandle<typeof compagnonnage>> {
    const h = await toLancement(delais);
    await lancementTenu(h);
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance' }] });
    await h.executeUpdate(M.endAccompagnement, { args: [{}] });
    for (const [n, visio] of (['bilan_ml', 'bilan_intervenant', 'bilan_collectif'] as const).entries()) {
      await h.executeUpdate(M.scheduleVisioBilan, { args: [{ visio, debut: await inMinutes(60 + 90 * n) }] });
    }
    await env.sleep('5 hours');
    await h.executeUpdate(M.submitFicheBilan, {
      args: [{ objectifs: [{ objectif: 'Entretiens annuels', atteint: true }], recommandations: 'Poursuivre', pointsDeVigilance: 'Turn-over' }],
    });
    return h;
  }
});

describe('Who may log what, and the texts of the alerts (issue #17)', () => {
  it('refuses a confirmation from the side that logged the session, saying who confirms', async () => {
    const h = await toAccompagnement();
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 120, resume: 'Séance 1' }] });
    expect(await refusal(h.executeUpdate(M.confirmSession, { args: [{ numero: 1, confirme: true, role: 'intervenant' }] }))).toBe(
      "La séance 1 a été enregistrée par l'intervenant : c'est la Mission Locale qui la confirme ou la conteste.",
    );
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 60, resume: 'Séance 2', role: 'ml' }] });
    expect(await refusal(h.executeUpdate(M.confirmSession, { args: [{ numero: 2, confirme: false, commentaire: 'x', role: 'ml' }] }))).toMatch(
      /enregistrée par la Mission Locale : c'est l'intervenant qui la confirme/,
    );
    const s = await h.executeUpdate(M.confirmSession, { args: [{ numero: 1, confirme: true, role: 'ml' }] });
    expect(s.ficheSuivi.seances.map((x) => x.statut)).toEqual(['confirmee', 'en_attente']);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('says the configured delay in the no-session alert (timeline and the UNML email)', async () => {
    const h = await toLancement({ alerteAbsenceSeance: 10 * DAY });
    await lancementTenu(h);
    mailbox.clear();
    await env.sleep('11 days');
    const s = await state(h);
    expect(s.timeline.map((e) => e.evenement)).toContain('Alerte : aucune séance enregistrée depuis 10 jours');
    const alerte = mailbox.sent.find((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'alerte_absence_seance')!;
    expect(alerte.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(alerte.message).toMatchObject({ delai: 10 * DAY });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('tells UNML when the acte is signed, the fiche de cadrage filed and the accompaniment ended', async () => {
    const h = await start();
    await h.executeUpdate(M.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await h.executeUpdate(M.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    await h.executeUpdate(M.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
    mailbox.clear();
    await h.executeUpdate(M.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
    await h.executeUpdate(M.submitFicheCadrage, {
      args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels'], rythme: { heuresParSemaine: 3, semaines: 8 } }],
    });
    await h.executeUpdate(M.scheduleVisioLancement, { args: [{ debut: await inMinutes(60) }] });
    await env.sleep('61 minutes');
    await h.executeUpdate(M.recordVisioLancement, { args: [{}] });
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 90, resume: 'Séance' }] });
    await h.executeUpdate(M.endAccompagnement, { args: [{ motif: 'Objectifs atteints' }] });
    const aUnml = mailbox
      .to(INTERLOCUTRICE.email)
      .filter(
        (m) => m.dossier.dossierId === h.workflowId && ['acte_engagement_signe', 'fiche_cadrage_deposee', 'accompagnement_termine'].includes(m.message.kind),
      );
    expect(aUnml.map((m) => m.message)).toEqual([
      { kind: 'acte_engagement_signe', signataire: 'Claire Martin' },
      { kind: 'fiche_cadrage_deposee', objectifs: ['Entretiens annuels'], rythme: { heuresParSemaine: 3, semaines: 8 }, forfait: '24 h' },
      { kind: 'accompagnement_termine', seances: 1, consommees: '1 h 30', forfait: '24 h', motif: 'Objectifs atteints' },
    ]);
    expect(aUnml.every((m) => m.to.map((r) => r.email).join() === INTERLOCUTRICE.email)).toBe(true);
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });

  it('warns of 80 % once per crossing: a contested session retained does not warn again, an extension re-arms it', async () => {
    const h = await toAccompagnement();
    mailbox.clear();
    const alertes = () => mailbox.sent.filter((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'alerte_forfait');
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 20 * 60, resume: 'Séminaire' }] });
    expect(alertes()).toHaveLength(1);
    // Contested (the count falls to 0), then retained (it crosses 80 % again): no second alert.
    await h.executeUpdate(M.confirmSession, { args: [{ numero: 1, confirme: false, commentaire: 'Durée à vérifier', role: 'ml' }] });
    await h.executeUpdate(M.settleSession, { args: [{ numero: 1, retenue: true, motif: 'Feuille d’émargement conforme' }] });
    expect((await state(h)).heures.consommeesMinutes).toBe(20 * 60);
    expect(alertes()).toHaveLength(1);
    // An extension brings the use below 80 %: the next crossing warns again.
    await h.executeUpdate(M.extendForfait, { args: [{ heuresSupplementaires: 10, motif: 'Crise de gouvernance' }] });
    await h.executeUpdate(M.logSession, { args: [{ date: await inDays(0), dureeMinutes: 8 * 60, resume: 'Séminaire 2' }] });
    expect(alertes()).toHaveLength(2);
    expect(alertes()[1]!.message).toMatchObject({ consommees: '28 h', forfait: '34 h' });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });

  it('reminds of a planned session with a link to record it once held, prefilled from the agenda', async () => {
    const h = await toAccompagnement();
    mailbox.clear();
    const debut = await inDays(3);
    await h.executeUpdate(M.planSession, { args: [{ debut, dureeMinutes: 90 }] });
    await env.sleep('2 days');
    const rappel = mailbox.sent.find((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'rappel_seance')!;
    expect(rappel.action).toEqual({ nom: 'seance', role: ['ml', 'intervenant'], objet: 'seance-1' });
    await h.executeUpdate(M.abandonDossier, { args: [{ motif: 'fin du test' }] });
  });
});
