// What a Diagnostic led to (issue #14), on the time-skipping server: the accompaniment its final review proposes is
// declined by the direction (its reason recorded, nothing started), accepted but not receivable (the direction and UNML
// told why, nothing started), or left without an answer (the proposal lapses). The accepted path: diagnostic.workflow.test.ts.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createSuiteDiagnosticActivities } from '../activities/suite-diagnostic';
import { parseConfig } from '../config';
import type { VivierStore } from '../db/store';
import type { AccompagnementPropose } from '../domain/diagnostic';
import { diagnostic } from '../workflows';
import * as M from '../workflows/diagnostic/messages';
import { SUITE_DELAI_DEFAUT_MS, type DiagnosticState } from '../workflows/diagnostic/state';
import { DEMANDE, input, POOL_DIAGNOSTIC } from './helpers/diagnostic';
import { DAY, INTERLOCUTRICE } from './helpers/fixtures';
import { ficheDe } from './helpers/pool';
import { createTimeSkippingEnv, inDays, refusal } from './helpers/temporal';
import { startWorker, type Mailbox } from './helpers/worker';

const TASK_QUEUE = 'diagnostic-suite-test';
let env: TestWorkflowEnvironment;
let mailbox: Mailbox;
let vivier: VivierStore;
let stopWorker: () => Promise<void>;
let counter = 0;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  ({ mailbox, vivier, stop: stopWorker } = await startWorker(env, TASK_QUEUE, { pool: POOL_DIAGNOSTIC }));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

/** A diagnostic driven to its final review, concluded with `accompagnement` proposed. */
async function concluAvec(accompagnement: AccompagnementPropose): Promise<WorkflowHandle<typeof diagnostic>> {
  const dossierId = `DGN-SUITE${String(++counter).padStart(5, '0')}`;
  const h = await env.client.workflow.start(diagnostic, { taskQueue: TASK_QUEUE, workflowId: dossierId, args: [input(dossierId, DEMANDE)] });
  const u = async <I>(def: UpdateDefinition<DiagnosticState, [I]>, i: I): Promise<DiagnosticState> => h.executeUpdate(def, { args: [i] });
  await u(M.acceptDemande, { interlocutrice: INTERLOCUTRICE });
  for (const id of ['CNS-IDF', 'DIR-BRE'])
    await u(M.designateDiagnostiqueur, { intervenant: await ficheDe(vivier, id), choix: { source: 'manuel', motif: 'test' } as never });
  await u(M.respondDiagnostiqueur, { role: 'diagnostiqueur_consultant', accepte: true });
  await u(M.respondDiagnostiqueur, { role: 'diagnostiqueur_directeur', accepte: true });
  for (const role of ['diagnostiqueur_consultant', 'diagnostiqueur_directeur'] as const) await u(M.submitAnalyse, { role, synthese: 'Analyse.' });
  await u(M.planEvenement, { evenement: 'mise_en_commun', debut: await inDays(env, 1), dureeMinutes: 60 });
  await env.sleep(DAY + 2 * 3_600_000);
  await u(M.recordMiseEnCommun, { compteRendu: 'Convergent.' });
  await u(M.proposeProgramme, { rencontres: ['La direction'] });
  await u(M.respondProgramme, { accepte: true });
  await u(M.planEvenement, { evenement: 'journee_sur_site', debut: await inDays(env, 1) });
  await env.sleep(DAY + 8 * 3_600_000);
  await u(M.recordJourneeSurSite, {});
  await u(M.recordDebriefing, { pistes: ['Formaliser les délégations'] });
  for (const role of ['diagnostiqueur_consultant', 'diagnostiqueur_directeur'] as const)
    await u(M.submitRapportIndividuel, { role, forces: 'Engagée.', faiblesses: 'Floue.', preconisations: ['Formaliser les délégations'] });
  await u(M.submitRapportCroise, { constats: 'Une gouvernance à clarifier.', preconisations: ['Formaliser les délégations'] });
  await u(M.commentRapport, { commentaire: 'D’accord.' });
  await u(M.planEvenement, { evenement: 'revue_finale', debut: await inDays(env, 1) });
  await env.sleep(DAY + 60_000);
  const s = await u(M.concludeDiagnostic, { conclusions: 'Gouvernance à clarifier.', accompagnement });
  expect(s).toMatchObject({ etape: 'cloture', suite: { dispositif: accompagnement } });
  return h;
}

describe('What a Diagnostic led to: the proposal declined, not receivable, or left unanswered', () => {
  it('declined (with a reason): recorded, UNML told, nothing started; the diagnostic ends', async () => {
    const h = await concluAvec('appui_conseil');
    const s = await h.executeUpdate(M.repondreSuite, { args: [{ accepte: false, motif: 'Nous avançons seuls pour le moment.', par: 'Claire Martin' }] });
    expect(s.suite?.reponse).toMatchObject({ accepte: false, motif: 'Nous avançons seuls pour le moment.', par: 'Claire Martin' });
    expect(s.aConduitA).toBeUndefined();
    // The evaluation questionnaires went out at the closure: the ML and each diagnostiqueur, each with a link; one answer each.
    const questionnaires = mailbox.sent.filter((m) => m.dossier.dossierId === h.workflowId && m.message.kind === 'questionnaire_evaluation');
    expect(questionnaires.map((m) => [m.to.map((r) => r.email).sort(), m.action])).toEqual([
      [['direction@ml-caux.fr'], { nom: 'evaluation', role: 'ml' }],
      [['cns-idf@example.fr', 'dir-bre@example.fr'], { nom: 'evaluation', role: 'intervenant' }],
    ]);
    const reponses = { 'Votre appréciation générale': 'Très utile.' };
    await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', nom: 'Claire Martin', reponses }] });
    expect(await refusal(h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'ml', nom: 'Jean Dubois', reponses }] }))).toMatch(/déjà répondu/);
    for (const id of ['CNS-IDF', 'DIR-BRE'])
      await h.executeUpdate(M.submitEvaluation, { args: [{ repondant: 'intervenant', nom: (await ficheDe(vivier, id)).nom, reponses }] });
    const fin = await h.result();
    expect(fin.evaluations).toHaveLength(3);
    expect(fin.aConduitA).toBeUndefined();
    const mail = await mailbox.attendre(h, 'suite_diagnostic_repondue');
    expect(mail.message).toMatchObject({ accepte: false, motif: 'Nous avançons seuls pour le moment.' });
    expect(mail.to.map((r) => r.email)).toEqual([INTERLOCUTRICE.email]);
    expect(fin.timeline.map((e) => e.evenement)).toContain('Accompagnement proposé décliné : Appui Conseil');
  });

  it('accepted with an out-of-scope topic: not receivable (the same rules as a demand), the direction and UNML told why', async () => {
    const h = await concluAvec('appui_conseil');
    expect(await refusal(h.executeUpdate(M.repondreSuite, { args: [{ accepte: true, casMobilisation: 'inconnu', sujets: ['finances'] }] }))).toMatch(
      /Choisissez la situation/,
    );
    const s = await h.executeUpdate(M.repondreSuite, {
      args: [{ accepte: true, casMobilisation: 'probleme_organisationnel', sujets: ['amelioration_continue'] }],
    });
    expect(s.aConduitA).toBeUndefined();
    expect(s.suite?.nonRecevable?.join(' ')).toMatch(/amélioration continue/);
    const mail = await mailbox.attendre(h, 'suite_diagnostic_repondue');
    expect(mail.message.motifs?.join(' ')).toMatch(/amélioration continue/);
    expect(mail.to.map((r) => r.email)).toEqual(['direction@ml-caux.fr', INTERLOCUTRICE.email]);
    await h.result();
  });

  it('unanswered: the proposal lapses after its delay, and the diagnostic ends', async () => {
    const h = await concluAvec('compagnonnage');
    const fin = await h.result(); // time skips to the end of the delay
    expect(fin.suite?.expireeLe).toBeDefined();
    expect(Date.parse(fin.suite!.expireeLe!) - Date.parse(fin.suite!.proposeeLe)).toBeGreaterThanOrEqual(SUITE_DELAI_DEFAUT_MS);
    expect(fin.aConduitA).toBeUndefined();
  });

  it('the start activity is idempotent: twice the same diagnostic gives the same dossier, started once', async () => {
    const act = createSuiteDiagnosticActivities({ client: env.client, config: parseConfig({ TASK_QUEUE }) });
    const demande = {
      diagnosticId: 'DGN-IDEMPOTENT',
      dispositif: 'compagnonnage' as const,
      missionLocale: DEMANDE.missionLocale,
      direction: DEMANDE.direction,
      presidence: DEMANDE.presidence,
      casMobilisation: 'difficultes_durables',
      sujets: ['offre_de_service'],
      description: 'Demande issue du diagnostic DGN-IDEMPOTENT.',
    };
    const a = await act.demarrerSuiteDiagnostic(demande);
    const b = await act.demarrerSuiteDiagnostic(demande);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ demarre: true, dossierId: expect.stringMatching(/^CMP-/) });
    // Out of scope for a Compagnonnage: said, nothing started.
    expect(await act.demarrerSuiteDiagnostic({ ...demande, diagnosticId: 'DGN-AUTRE', sujets: ['problematique_financiere'] })).toMatchObject({
      demarre: false,
      motifs: [expect.stringMatching(/Appui Conseil/)],
    });
    if (a.demarre) await env.client.workflow.getHandle(a.dossierId).terminate('test done');
  });
});
