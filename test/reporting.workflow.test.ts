// The reporting store kept by the dossiers (issue #14), on the real time-skipping server and a real SQLite store: one
// dossier of each dispositif driven far enough to have an accepted date and units of work (and, for the Appui Conseil,
// questionnaire answers), read back from the store as a person would check it; the write replayed or late changes
// nothing; the rebuild from the dossiers' states gives the same rows.
import type { WorkflowHandle } from '@temporalio/client';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createReportingActivities } from '../activities/reporting';
import type { SqlReportingStore } from '../db/reporting';
import type { VivierStore } from '../db/store';
import { appuiConseil, compagnonnage, diagnostic } from '../workflows';
import * as A from '../workflows/appui-conseil/messages';
import * as C from '../workflows/compagnonnage/messages';
import * as D from '../workflows/diagnostic/messages';
import { reconstruireReporting } from '../scripts/reporting-rebuild';
import { CABINET, input as inputAppui, POOL_APPUI_CONSEIL } from './helpers/appui-conseil';
import { input as inputCompagnonnage } from './helpers/compagnonnage';
import { input as inputDiagnostic, POOL_DIAGNOSTIC } from './helpers/diagnostic';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { DIRECTEUR_BRETAGNE, ficheDe, POOL_FIXTURES } from './helpers/pool';
import { createTimeSkippingEnv, refusal, until } from './helpers/temporal';
import { startWorker } from './helpers/worker';

const TASK_QUEUE = 'reporting-test';
let env: TestWorkflowEnvironment;
let vivier: VivierStore;
let reporting: SqlReportingStore;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ vivier, reporting, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { pool: [...POOL_FIXTURES, ...POOL_APPUI_CONSEIL, ...POOL_DIAGNOSTIC] }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

const maintenant = async (minutes = 0) => new Date((await env.currentTimeMs()) + minutes * 60_000).toISOString();
const jourDe = (iso: string) => new Date(Date.parse(iso)).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/** What the store holds for a dossier (the row without its write time, its units, its answers). */
async function lu(dossierId: string) {
  const ligne = await reporting.db.selectFrom('reporting_dossiers').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
  const unites = await reporting.db.selectFrom('reporting_unites').selectAll().where('dossier_id', '=', dossierId).orderBy('cle').execute();
  const reponses = await reporting.db.selectFrom('reporting_reponses').selectAll().where('dossier_id', '=', dossierId).orderBy('rang').execute();
  if (!ligne) return undefined;
  // The write time differs between two writes of the same snapshot: left out.
  const reste: Partial<typeof ligne> = { ...ligne };
  delete reste.mis_a_jour_le;
  return { ligne: reste as Omit<typeof ligne, 'mis_a_jour_le'>, unites, reponses };
}

describe('the reporting store, kept by the three dossier workflows', () => {
  let cmp: WorkflowHandle<typeof compagnonnage>;
  let apc: WorkflowHandle<typeof appuiConseil>;
  let dgn: WorkflowHandle<typeof diagnostic>;
  let lanceLe: string;

  it('Compagnonnage: its step and dates, the sessions that count and the preparation, in minutes', async () => {
    cmp = await env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: 'CMP-RPT1', args: [inputCompagnonnage('CMP-RPT1')] });
    await cmp.executeUpdate(C.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await cmp.executeUpdate(C.designateIntervenant, { args: [{ intervenant: DIRECTEUR_BRETAGNE }] });
    await cmp.executeUpdate(C.respondDesignation, { args: [{ accepte: true, intervenantId: DIRECTEUR_BRETAGNE.id }] });
    await cmp.executeUpdate(C.signActeEngagement, { args: [{ signataire: 'Claire Martin' }] });
    await cmp.executeUpdate(C.submitFicheCadrage, { args: [{ besoin: 'Structurer le management', objectifs: ['Entretiens annuels'] }] });
    lanceLe = await maintenant(60);
    await cmp.executeUpdate(C.scheduleVisioLancement, { args: [{ debut: lanceLe }] });
    await env.sleep('61 minutes');
    await cmp.executeUpdate(C.recordVisioLancement, { args: [{}] });
    const seance = await maintenant();
    await cmp.executeUpdate(C.logSession, { args: [{ date: seance, dureeMinutes: 120, resume: 'Séance 1' }] });
    await cmp.executeUpdate(C.logSession, { args: [{ date: seance, dureeMinutes: 90, resume: 'Séance 2' }] });
    await cmp.executeUpdate(C.confirmSession, { args: [{ numero: 1, confirme: true, role: 'ml' }] });
    await cmp.executeUpdate(C.confirmSession, { args: [{ numero: 2, confirme: false, commentaire: 'Pas eu lieu', role: 'ml' }] });
    await cmp.executeUpdate(C.settleSession, { args: [{ numero: 2, retenue: false, motif: 'Non tenue' }] });
    expect(await refusal(cmp.executeUpdate(C.logPreparation, { args: [{ date: await maintenant(24 * 60), dureeMinutes: 30 }] }))).toMatch(/dans le futur/);
    const s = await cmp.executeUpdate(C.logPreparation, { args: [{ date: seance, dureeMinutes: 45 }] });

    const r = await until(
      'the Compagnonnage in the store',
      () => lu('CMP-RPT1'),
      (r) => r.unites.length === 2,
    );
    const accepteLe = s.timeline.find((e) => e.evenement === 'Demande acceptée')!.at;
    expect(r.ligne).toMatchObject({
      dispositif: 'compagnonnage',
      mission_locale: 'ML-ROUEN',
      region: 'NOR',
      etape: 'accompagnement',
      issue: null,
      demande_le: s.creeLe,
      accepte_le: accepteLe,
      lance_le: lanceLe,
      fin_le: null,
      termine_le: null,
      interlocutrice: INTERLOCUTRICE.id,
    });
    expect(JSON.parse(r.ligne.intervenants)).toEqual([{ id: DIRECTEUR_BRETAGNE.id, type: 'directeur_ml' }]);
    // The session ruled out by UNML is not there; the preparation is.
    expect(r.unites.map((u) => [u.cle, u.intervenant_id, u.type, u.date, u.minutes, u.demi_journees, u.nature])).toEqual([
      ['preparation-1', DIRECTEUR_BRETAGNE.id, 'directeur_ml', jourDe(seance), 45, null, 'preparation'],
      ['seance-1', DIRECTEUR_BRETAGNE.id, 'directeur_ml', jourDe(seance), 120, null, 'seance'],
    ]);
    // The state keeps the sequence of the last write, the store holds that one.
    expect((await cmp.query(C.getDossier)).reporting?.sequence).toBe(r.ligne.sequence);
  });

  it('Appui Conseil: the cabinet’s days in half-days, and the evaluation questionnaire’s answers', async () => {
    apc = await env.client.workflow.start(appuiConseil, { taskQueue: TASK_QUEUE, workflowId: 'APC-RPT1', args: [inputAppui('APC-RPT1')] });
    await apc.executeUpdate(A.recordPriseDeContact, { args: [{ besoin: 'Rétablir l’équilibre financier', interlocutrice: INTERLOCUTRICE }] });
    await apc.executeUpdate(A.mobiliseCabinet, { args: [{ cabinet: CABINET }] });
    await apc.executeUpdate(A.signActeEngagement, { args: [{ signataire: 'Karim Haddad' }] });
    const visio = await maintenant(60);
    await apc.executeUpdate(A.scheduleVisioLancement, { args: [{ debut: visio }] });
    await env.sleep('1 hour');
    await apc.executeUpdate(A.recordVisioLancement, { args: [{}] });
    await apc.executeUpdate(A.submitRapportDiagnostic, { args: [{ constats: 'Déficit', conclusions: 'Plan de retour à l’équilibre' }] });
    await apc.executeUpdate(A.submitFicheCadrage, { args: [{ besoin: 'Équilibre financier', objectifs: ['Budget à l’équilibre'] }] });
    await apc.executeUpdate(A.submitPlanAction, {
      args: [{ actions: [{ intitule: 'Plan de trésorerie', responsable: { nom: 'Léa Roux', email: 'lea.roux@equilibres-conseil.fr' }, jalons: [] }] }],
    });
    const jour1 = await maintenant();
    await apc.executeUpdate(A.logJournee, { args: [{ intervenant: 'Léa Roux', date: jour1, demiJournees: 2, objet: 'Diagnostic flash' }] });
    await env.sleep('1 day');
    const jour2 = await maintenant();
    await apc.executeUpdate(A.logJournee, { args: [{ intervenant: 'Léa Roux', date: jour2, demiJournees: 1, objet: 'Plan de trésorerie' }] });
    await apc.executeUpdate(A.endMiseEnOeuvre, { args: [{ motif: 'Objectifs atteints plus tôt' }] });
    await apc.executeUpdate(A.scheduleVisioBilan, { args: [{ visio: 'bilan_ml', debut: await maintenant(60) }] });
    await apc.executeUpdate(A.scheduleVisioBilan, { args: [{ visio: 'bilan_intervenant', debut: await maintenant(180) }] });
    await env.sleep('4 hours');
    await apc.executeUpdate(A.submitFicheBilan, {
      args: [
        { objectifs: [{ objectif: 'Budget à l’équilibre', atteint: true }], recommandations: 'Suivre la trésorerie', pointsDeVigilance: 'Les subventions' },
      ],
    });
    const s = await apc.executeUpdate(A.submitEvaluation, {
      args: [{ repondant: 'ml', nom: 'Karim Haddad', reponses: { satisfaction: '5', commentaire: 'Un appui décisif' } }],
    });

    const r = await until(
      'the Appui Conseil in the store',
      () => lu('APC-RPT1'),
      (r) => r.reponses.length === 2,
    );
    expect(r.ligne).toMatchObject({
      dispositif: 'appui_conseil',
      mission_locale: 'ML-LENS',
      region: 'HDF',
      etape: 'evaluation',
      accepte_le: s.timeline.find((e) => e.evenement.startsWith('Prise de contact'))!.at,
      lance_le: visio,
      fin_le: s.timeline.find((e) => e.evenement.startsWith('Mise en œuvre terminée'))!.at,
      intervenants: '[]',
    });
    expect(r.unites.map((u) => [u.cle, u.intervenant_id, u.type, u.date, u.minutes, u.demi_journees, u.nature])).toEqual([
      ['journee-1', null, 'consultant_cabinet', jourDe(jour1), null, 2, 'journee_intervention'],
      ['journee-2', null, 'consultant_cabinet', jourDe(jour2), null, 1, 'journee_intervention'],
    ]);
    expect(r.reponses.map((x) => [x.repondant, x.question, x.reponse])).toEqual([
      ['ml', 'satisfaction', '5'],
      ['ml', 'commentaire', 'Un appui décisif'],
    ]);
    // No name nor email in the dossier's row and units.
    expect(JSON.stringify([r.ligne, r.unites])).not.toMatch(/Léa Roux|Karim Haddad|@/);
  });

  it('Diagnostic: each diagnostiqueur logs their days, refused out of the steps or outside the dossier', async () => {
    dgn = await env.client.workflow.start(diagnostic, { taskQueue: TASK_QUEUE, workflowId: 'DGN-RPT1', args: [inputDiagnostic('DGN-RPT1')] });
    const journee = { role: 'diagnostiqueur_consultant' as const, nature: 'analyse_individuelle' as const, demiJournees: 2 as const };
    expect(await refusal(dgn.executeUpdate(D.logJourneeDiagnostiqueur, { args: [{ ...journee, date: await maintenant() }] }))).toMatch(
      /du début des analyses individuelles jusqu'à la revue finale : le dossier est à l'étape « qualification/,
    );
    await dgn.executeUpdate(D.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
    await until(
      'the binômes',
      () => dgn.query(D.getDossier),
      (s) => s.binomesProposes.length > 0,
    );
    await dgn.executeUpdate(D.designateDiagnostiqueur, { args: [{ intervenant: await ficheDe(vivier, 'CNS-IDF'), choix: { source: 'classement', rang: 1 } }] });
    await dgn.executeUpdate(D.designateDiagnostiqueur, { args: [{ intervenant: await ficheDe(vivier, 'DIR-BRE'), choix: { source: 'classement', rang: 1 } }] });
    await dgn.executeUpdate(D.respondDiagnostiqueur, { args: [{ role: 'diagnostiqueur_consultant', accepte: true }] });
    await dgn.executeUpdate(D.respondDiagnostiqueur, { args: [{ role: 'diagnostiqueur_directeur', accepte: true }] });
    const debut = (await dgn.query(D.getDossier)).creeLe;
    expect(
      await refusal(
        dgn.executeUpdate(D.logJourneeDiagnostiqueur, { args: [{ ...journee, date: new Date(Date.parse(debut) - 2 * 86_400_000).toISOString() }] }),
      ),
    ).toMatch(/précède la création du dossier/);
    expect(await refusal(dgn.executeUpdate(D.logJourneeDiagnostiqueur, { args: [{ ...journee, nature: 'rapport', date: await maintenant() }] }))).toMatch(
      /à partir de l'étape « rapports individuels »/,
    );
    const le = await maintenant();
    await dgn.executeUpdate(D.logJourneeDiagnostiqueur, { args: [{ ...journee, date: le }] });
    await dgn.executeUpdate(D.logJourneeDiagnostiqueur, { args: [{ ...journee, role: 'diagnostiqueur_directeur', demiJournees: 1, date: le }] });

    const r = await until(
      'the Diagnostic in the store',
      () => lu('DGN-RPT1'),
      (r) => r.unites.length === 2,
    );
    expect(r.ligne).toMatchObject({ dispositif: 'diagnostic', mission_locale: 'ML-DGN', etape: 'analyses_individuelles', lance_le: null });
    expect(r.ligne.accepte_le).not.toBeNull();
    expect(JSON.parse(r.ligne.intervenants)).toEqual([
      { id: 'CNS-IDF', type: 'consultant_cabinet' },
      { id: 'DIR-BRE', type: 'directeur_ml' },
    ]);
    expect(r.unites.map((u) => [u.cle, u.intervenant_id, u.type, u.date, u.demi_journees, u.nature])).toEqual([
      ['journee-1', 'CNS-IDF', 'consultant_cabinet', jourDe(le), 2, 'analyse_individuelle'],
      ['journee-2', 'DIR-BRE', 'directeur_ml', jourDe(le), 1, 'analyse_individuelle'],
    ]);
  });

  it('a retried write of the same snapshot, or a late one with an older sequence, changes nothing', async () => {
    const avant = await lu('APC-RPT1');
    const courant = (await reporting.dossiers({ dispositif: 'appui_conseil' }).next()).value!;
    const activite = createReportingActivities({ reporting });
    const menv = new MockActivityEnvironment();
    const sequence = avant!.ligne.sequence;
    const meme = { sequence, dossier: { ...courant, etape: 'autre' }, unites: [], reponses: [] };
    expect(await menv.run(activite.enregistrerReporting, meme)).toBe(false);
    expect(await menv.run(activite.enregistrerReporting, { ...meme, sequence: sequence - 1 })).toBe(false);
    expect(await lu('APC-RPT1')).toEqual(avant);
  });

  it('the rebuild from the dossiers’ states, on an emptied store, gives the same rows', async () => {
    const ids = ['CMP-RPT1', 'APC-RPT1', 'DGN-RPT1'];
    const avant = await Promise.all(ids.map(lu));
    const bilan = await reconstruireReporting(env.client, reporting, { vider: true, dossiers: ids });
    expect(bilan).toMatchObject({ lus: 3, ecrits: 3, inchanges: 0, echecs: [], parDispositif: { compagnonnage: 1, appui_conseil: 1, diagnostic: 1 } });
    expect(await Promise.all(ids.map(lu))).toEqual(avant);
    // Again: the store holds those sequences already.
    expect(await reconstruireReporting(env.client, reporting, { dossiers: ids })).toMatchObject({ ecrits: 0, inchanges: 3 });
  });

  it('the dossiers’ histories replay with their reporting writes', async () => {
    for (const h of [cmp, apc, dgn])
      await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../workflows') }, await h.fetchHistory(), h.workflowId)).resolves.toBeUndefined();
  });
});
